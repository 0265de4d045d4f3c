/**
 * Ensembles of seeded replications of any model. Replication i always gets seed
 * `replicationSeed(masterSeed, i)` (or the i-th of the seeds given), and results come back in
 * index order, so the outcome is the same whatever the number of workers.
 */
import * as os from 'os';
import { replicationSeed, type Seed } from '../engine/rng';
import { checkSeed } from '../engine/seeds';
import type { RunRecord } from '../engine/recorder';
import { WorkerPool } from './pool';
import { summarizeRuns, type SummaryRow } from './quantiles';

/** One replication run in this thread: seed and index in, finished run out. */
export type ReplicationFn = (seed: number, index: number) => RunRecord;

/**
 * A replication that worker threads can load: `require(module)[exportName](args, seed, index)`
 * must return a RunRecord. `module` is an absolute path to a CommonJS file (e.g. from
 * `require.resolve`); `args` must survive structured cloning.
 */
export interface ModuleTask {
  module: string;
  exportName: string;
  args?: unknown;
}

export interface EnsembleOptions {
  /** A number of replications, or the explicit seed of each replication. */
  seeds: number | readonly number[];
  /** Seed the replication seeds derive from when `seeds` is a count (default 0). */
  masterSeed?: Seed;
  /** Worker threads (default 1 = this thread, or the pool's size). Needs a ModuleTask when above 1. */
  workers?: number;
  /** Reuse these worker threads (see WorkerPool) instead of starting new ones for this ensemble. */
  pool?: WorkerPool;
  /** Keep every run's record in the result (default true). */
  keepRuns?: boolean;
  /** Called after each run in this thread with the runs done and the total (a progress bar's feed). */
  onProgress?: (done: number, total: number) => void;
}

export interface EnsembleResult {
  seeds: number[];
  years: number[];
  metrics: string[];
  /** Per-year median, p05, p95 and n across runs, metric by metric. */
  summary: SummaryRow[];
  /** The runs in replication order (empty when keepRuns is false). */
  runs: RunRecord[];
}

/** The seeds of an ensemble: the explicit list, or `count` seeds derived from `masterSeed`. */
export function ensembleSeeds(seeds: number | readonly number[], masterSeed: Seed = 0): number[] {
  checkSeed(masterSeed, 'ensemble: masterSeed');
  if (typeof seeds !== 'number' && !Array.isArray(seeds)) {
    throw new TypeError(`ensemble: seeds must be a count of runs or a list of seeds, got ${seeds === null ? 'null' : typeof seeds}`);
  }
  if (typeof seeds === 'number') {
    if (!Number.isInteger(seeds) || seeds < 1 || seeds > 1_000_000) {
      throw new RangeError(`ensemble: seeds must be an integer count in 1..1000000 or a list of seeds, got ${seeds}`);
    }
    const out: number[] = [];
    for (let i = 0; i < seeds; i++) out.push(replicationSeed(masterSeed, i));
    return out;
  }
  if (seeds.length === 0) throw new RangeError('ensemble: seeds list is empty');
  seeds.forEach((s, i) => {
    if (typeof s !== 'number' || !Number.isFinite(s))
      throw new RangeError(
        `ensemble: every seed must be a finite number, got seeds[${i}] = ${typeof s === 'bigint' ? `${s}n` : typeof s === 'symbol' ? 'a Symbol' : typeof s === 'object' ? JSON.stringify(s) : String(s)}`,
      );
  });
  return [...seeds];
}

/** The replication function a ModuleTask names, required from its module. */
export function loadModuleTask(task: ModuleTask): ReplicationFn {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(task.module) as Record<string, unknown>;
  const fn = mod[task.exportName];
  if (typeof fn !== 'function') throw new TypeError(`ensemble: ${task.module} has no exported function '${task.exportName}'`);
  return (seed, index) => (fn as (a: unknown, s: number, i: number) => RunRecord)(task.args, seed, index);
}

function finish(seeds: number[], runs: RunRecord[], keepRuns: boolean): EnsembleResult {
  return { seeds, years: runs[0].years, metrics: runs[0].metrics, summary: summarizeRuns(runs), runs: keepRuns ? runs : [] };
}

/** Runs the ensemble in this thread. */
export function runEnsembleSync(task: ReplicationFn | ModuleTask, options: EnsembleOptions): EnsembleResult {
  const seeds = ensembleSeeds(options.seeds, options.masterSeed);
  const replicate = typeof task === 'function' ? task : loadModuleTask(task);
  const onProgress = options.onProgress;
  const runs = seeds.map((seed, i) => {
    const run = replicate(seed, i);
    onProgress?.(i + 1, seeds.length);
    return run;
  });
  return finish(seeds, runs, options.keepRuns ?? true);
}

/**
 * Runs the ensemble on `workers` threads (default 1: this thread). The result is identical for
 * any number of workers: each replication depends only on its own seed and index.
 */
export async function runEnsemble(task: ReplicationFn | ModuleTask, options: EnsembleOptions): Promise<EnsembleResult> {
  const workers = options.workers ?? options.pool?.size ?? 1;
  const maxWorkers = Math.max(1, os.cpus().length * 4);
  if (!Number.isInteger(workers) || workers < 1 || workers > maxWorkers) {
    throw new RangeError(`ensemble: workers must be an integer in 1..${maxWorkers}, got ${workers}`);
  }
  if (workers === 1) return runEnsembleSync(task, options);
  if (typeof task === 'function') {
    throw new TypeError('ensemble: with workers > 1 the replication must be a ModuleTask { module, exportName, args } that worker threads can require');
  }
  const seeds = ensembleSeeds(options.seeds, options.masterSeed);
  const runs = new Array<RunRecord>(seeds.length);
  const chunks: number[][] = Array.from({ length: Math.min(workers, seeds.length) }, () => []);
  seeds.forEach((_, i) => chunks[i % chunks.length].push(i));
  const pool = options.pool ?? new WorkerPool(chunks.length);
  try {
    await Promise.all(
      chunks.map(async (indices, c) => {
        const records = await pool.run(
          c,
          task,
          indices,
          indices.map((i) => seeds[i]),
        );
        records.forEach((r, k) => (runs[indices[k]] = r));
      }),
    );
  } finally {
    if (!options.pool) await pool.close();
  }
  return finish(seeds, runs, options.keepRuns ?? true);
}
