/** The calibration pipeline (screening, ABC, validation by time and kind) and its stored posteriors. */
export { calibratePipeline, resampleDraws, CALIBRATION_FORMAT, KEEP_SHARE, MAX_KEPT, LOSS_CAP } from './pipeline';
export type { PipelineOptions, CalibrationFile, FitResult, FactCheck, ScreeningRow, IdentificationRow } from './pipeline';
export { scoredFacts, factValues, SPLIT_YEAR, FIT_ROLE_TEXT } from './facts';
export type { FitRole, ScoredFact } from './facts';
export {
  calibrationPath,
  posteriorDirectory,
  readCalibrationFile,
  writeCalibrationFile,
  calibrationText,
  parameterSource,
  parameterDraws,
  fileSource,
  staleCalibration,
} from './store';
export type { ParameterSource } from './store';
export { calibrationReportText, textTable, displayAsTable } from './report';
export { calibrationCsv, seedSetCsv, CALIBRATION_CSV_COLUMNS } from './csv';
export { posteriorTargets, targetColumns } from './targets';
export { variedParameter } from './vary';
export { calibrateOverSeeds, seedSetText } from './overSeeds';
export type { SeedFit, SeedSetResult } from './overSeeds';
export type { PosteriorTargetRow, PosteriorTargets } from './targets';
export type { VariedParameter } from './vary';
export { predictiveVariance, varianceParts, factMiss, MOSTLY_PARAMETERS, MOSTLY_CHANCE } from './variance';
export type { VarianceSplit, VarianceRow, VarianceOptions, VarianceOver, VarianceParts } from './variance';
