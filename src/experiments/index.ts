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
export { runSweep, resumeSweep, planSweep, openSweep, SweepResults, SweepInterrupted, sweepSeed, readPlan, readManifest, slurmScript, compactSweep } from './store';
export type { SweepOptions, SweepPlan, SweepSummary, SweepModel } from './store';
