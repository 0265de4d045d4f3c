/** The sweep results store: plans, executors, Arrow shards, Parquet compaction, DuckDB queries, SLURM. */
export { createPlan, readPlan, writePlan, sweepSeed, sweepSeeder, runCount, shardRange, resolvePoint } from './plan';
export type { SweepPlan, SweepModel, SweepDesign, PlanOptions } from './plan';
export { runSweep, resumeSweep, collectSweep, planSweep, sweepCounts, defaultSweepDir, SweepInterrupted } from './run';
export type { SweepOptions, ExecuteOptions } from './run';
export { compactSweep, readManifest } from './compact';
export type { Manifest } from './compact';
export { SweepResults, openSweep } from './results';
export type { SweepSummary } from './results';
export { unfinishedShards } from './execute';
export type { ExecutorName } from './execute';
export { closeSweepThreads, keptSweepThreads } from './threads';
export { runShardSync, loadPlanModel } from './shard';
export { progressText, ttySink } from './progress';
export type { SweepProgress, ProgressSink } from './progress';
export { submitSlurm, slurmScript, slurmJobs, queuedJobs, haveSlurm, arraySpec } from './slurm';
export type { SlurmOptions, SlurmJob } from './slurm';
