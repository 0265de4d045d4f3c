/** Experiments on any engine model: ensembles, summaries, sweeps and calibration. */
export { runEnsemble, runEnsembleSync, ensembleSeeds, loadModuleTask } from './ensemble';
export type { ReplicationFn, ModuleTask, EnsembleOptions, EnsembleResult } from './ensemble';
export { summarizeRuns, quantileSorted } from './quantiles';
export type { SummaryRow } from './quantiles';
export { WorkerPool } from './pool';
export { sweep, gridPoints } from './sweep';
export type { Grid, SweepResult } from './sweep';
export { calibrate, targetLoss } from './calibrate';
export type { CalibrateOptions, CalibrationResult, Trial, Target } from './calibrate';
export { sobolPoints, SOBOL_MAX_DIMENSIONS } from './sobolSequence';
export { factorOf, factorValue, fullFactorial, latinHypercube, sobolDesign, saltelli, morris, designPoint, designPoints, designSeed } from './designs';
export type { Factor, Design, DesignKind, SaltelliDesign, MorrisDesign, MorrisOptions } from './designs';
export { sobolIndices, morrisIndices } from './sensitivity';
export type { SensitivityResult, SobolResult, SobolRow, MorrisResult, MorrisRow, BootstrapOptions } from './sensitivity';
export { abcRejection, abcSmc, posteriorSummary, posteriorPredictive } from './abc';
export { abcApmc } from './apmc';
export type { ApmcOptions, BatchAbcProblem } from './apmc';
export type { AbcProblem, AbcParameter, Prior, Posterior, PosteriorSummaryRow, PredictiveRow, RejectionOptions, SmcOptions } from './abc';
export { posteriorRecord, writePosteriorFile, readPosteriorFile } from './posteriorFile';
export type { PosteriorFile } from './posteriorFile';
export { parseOutcome, outcomeLabel, outcomeValue, checkOutcome } from './outcome';
export type { Outcome, MetricOutcome, CustomOutcome, Reducer } from './outcome';
export { defaultValues, selectFactors, runDesign, modelSensitivity, modelSensitivities, calibrationProblem, calibrateModel } from './modelAnalysis';
export type { AnalysedModel, DesignRunOptions, SensitivityOptions, AbcTarget, ModelCalibrationOptions, ModelCalibration } from './modelAnalysis';
export { ishigami, ishigamiIndices, sobolG, sobolGIndices, SOBOL_G_A } from '../engine/examples/testFunctions';
export type { AnalyticIndices } from '../engine/examples/testFunctions';
export {
  runSweep,
  resumeSweep,
  planSweep,
  openSweep,
  SweepResults,
  SweepInterrupted,
  sweepSeed,
  readPlan,
  readManifest,
  slurmScript,
  compactSweep,
  closeSweepThreads,
} from './store';
export type { SweepOptions, SweepPlan, SweepSummary, SweepModel } from './store';
