/**
 * Sweeps: plan, run (this thread or worker threads), stop, resume, compact, open. A sweep's folder
 * is its whole state, so a sweep stopped by an interrupt, a kill or a SLURM time limit resumes by
 * running only what the status log does not list, and the compacted result does not depend on
 * how often that happened.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compactSweep, readManifest, resultsPartCount, type Manifest, type PartWritten, type RunTables } from './compact';
import { executeSerial, executeThreads, unfinishedShards, type ExecutorName } from './execute';
import { PLAN_FILE, SHARDS_DIR, removeStaleTemporaries } from './files';
import { autoSink, throttled, type ProgressSink, type SweepProgress } from './progress';
import { createPlan, readPlan, runCount, writePlan, type PlanOptions, type SweepDesign, type SweepModel, type SweepPlan } from './plan';
import { loadPlanModel } from './shard';
import { finishedRuns, readStatus } from './status';
import { openSweep, type SweepResults } from './results';

export interface ExecuteOptions {
  /** `serial` (this thread) or `threads` (default when the model names a module and workers > 1). */
  executor?: ExecutorName;
  /** Worker threads (default: the machine's cores). */
  workers?: number;
  /** `'auto'` (default: the kernel's display, else a terminal's stderr), false, or your own sink. */
  progress?: 'auto' | false | ProgressSink;
  /** Stops the sweep, keeping what finished (as an interrupt does). */
  signal?: AbortSignal;
  /** The model, for the serial executor (default: loaded from the plan's module). */
  model?: SweepModel;
}

export interface SweepOptions extends PlanOptions, ExecuteOptions {
  /** The sweep's folder (default: sweeps/<model>-<hash of the plan> under the working folder). */
  dir?: string;
}

/** What a stopped sweep rejects with: the finished part is compacted and usable as `results`. */
export class SweepInterrupted extends Error {
  constructor(
    message: string,
    readonly results: SweepResults,
  ) {
    super(message);
    this.name = 'Interrupted';
  }
}

/** The folder a plan goes to by default: named by the model and a hash of the plan. */
export function defaultSweepDir(plan: SweepPlan): string {
  const hash = createHash('sha256').update(JSON.stringify(plan)).digest('hex').slice(0, 10);
  return path.join(process.cwd(), 'sweeps', `${plan.model.name}-${hash}`);
}

/**
 * Writes the plan of a sweep to its folder. A folder that already holds a different plan is an
 * error (results never mix); the same plan is kept, so running it again resumes.
 */
export function planSweep(model: SweepModel, design: SweepDesign, options: SweepOptions = {}): { dir: string; plan: SweepPlan } {
  const plan = createPlan(model, design, options);
  const dir = path.resolve(options.dir ?? defaultSweepDir(plan));
  if (fs.existsSync(path.join(dir, PLAN_FILE))) {
    const existing = readPlan(dir);
    if (JSON.stringify(existing) !== JSON.stringify(plan)) {
      throw new RangeError(`sweep: ${dir} already holds a different sweep plan; choose another dir or delete that folder`);
    }
    return { dir, plan: existing };
  }
  writePlan(dir, plan);
  return { dir, plan };
}

const INTERRUPTS = Symbol.for('clusterlab.interrupts');

/** The kernel's count of interrupts (0 outside the kernel): a sweep stops when it changes. */
function interruptCount(): number {
  return Number((globalThis as Record<symbol, unknown>)[INTERRUPTS] ?? 0);
}

/** Whether the loop guards' flag is set (the kernel's, or one a script installed). */
function kernelInterrupted(): boolean {
  const guard = (globalThis as Record<string, unknown>).__clusterlabLoopGuard__;
  if (typeof guard !== 'function') return false;
  try {
    guard();
    return false;
  } catch {
    return true;
  }
}

/** Finished runs (ok or failed) and failed runs, per the status log. */
export function sweepCounts(dir: string, plan: SweepPlan): { done: number; failed: number } {
  const entries = readStatus(dir);
  const owner = finishedRuns(entries, runCount(plan));
  let done = 0;
  for (const o of owner) if (o >= 0) done++;
  // Status lines count their failures; a run listed twice (a lost line, rerun) is rare enough to count twice.
  let failed = 0;
  for (const e of entries) failed += e.failed;
  return { done, failed };
}

/**
 * Runs what is missing of the sweep in `dir`, then compacts it. Resolves to its results; rejects
 * with SweepInterrupted (results of the finished part attached) when stopped.
 */
export async function resumeSweep(dir: string, options: ExecuteOptions = {}): Promise<SweepResults> {
  dir = path.resolve(dir);
  const plan = readPlan(dir);
  const shards = unfinishedShards(dir, plan);
  const sink = options.progress === false ? null : options.progress === 'auto' || options.progress === undefined ? autoSink() : options.progress;
  if (shards.length === 0 && readManifest(dir)?.complete) {
    // Finished and collected: the progress shows its final state all the same.
    const { done, failed } = sweepCounts(dir, plan);
    sink?.({ model: plan.model.name, total: runCount(plan), done, failed, doneNow: 0, elapsedMs: 0 }, true);
    return openSweep(dir);
  }
  const workers = options.workers ?? os.availableParallelism?.() ?? os.cpus().length;
  if (!Number.isInteger(workers) || workers < 1 || workers > 256) throw new RangeError(`sweep: workers must be an integer in 1..256, got ${workers}`);
  const executor = options.executor ?? (plan.model.module && workers > 1 ? 'threads' : 'serial');
  if (executor !== 'serial' && executor !== 'threads')
    throw new RangeError(`sweep: executor must be 'serial' or 'threads' (SLURM: clusterlab sweep submit --slurm), got '${executor}'`);
  const model = executor === 'serial' ? (options.model ?? loadPlanModel(plan)) : undefined;

  const before = sweepCounts(dir, plan);
  const perShard = new Map<number, { done: number; failed: number }>();
  const report = sink ? throttled(sink) : null;
  const t0 = Date.now();
  const progress = (): SweepProgress => {
    let doneNow = 0;
    let failedNow = 0;
    for (const p of perShard.values()) {
      doneNow += p.done;
      failedNow += p.failed;
    }
    return {
      model: plan.model.name,
      total: runCount(plan),
      done: before.done + doneNow,
      failed: before.failed + failedNow,
      doneNow,
      elapsedMs: Date.now() - t0,
    };
  };
  let stoppedByUser = false;
  const interruptsAtStart = interruptCount();
  /**
   * On threads: the run tables, written by a worker thread once the last shard has finished. With
   * the results parts written by the workers too, this thread has nothing to load or encode while
   * they run, and so takes no core from them.
   */
  let tables: RunTables | undefined;
  const ctx = {
    onShardProgress: (k: number, p: { done: number; failed: number }) => {
      perShard.set(k, { done: p.done, failed: p.failed });
      report?.(progress(), false);
    },
    shouldStop: () => (stoppedByUser ||= Boolean(options.signal?.aborted) || interruptCount() !== interruptsAtStart || kernelInterrupted()),
    onTablesWritten: (written: RunTables) => {
      tables = written;
    },
  };
  report?.(progress(), false);
  // Worker threads also write the results' parts (compaction's costly step): on threads the
  // workers, serial a thread of its own, each part once its runs have finished.
  const written: PartWritten[] = [];
  const parts = Array.from({ length: resultsPartCount(plan) }, (_, p) => p);
  const finished =
    executor === 'serial'
      ? shards.length === 0 || (await executeSerial(dir, plan, model!, shards, ctx, parts, (w) => written.push(w)))
      : await executeThreads(dir, plan, shards, workers, ctx, parts, (w) => written.push(w));
  report?.(progress(), true);
  if (!finished) {
    await compactSweep(dir, { partial: true, written });
    const results = openSweep(dir);
    const s = results.summary;
    throw new SweepInterrupted(
      `sweep interrupted: ${s.ok + s.failed} of ${s.runs} runs finished and are kept in ${dir} (partial results attached as .results); resumeSweep('${dir}') or \`clusterlab sweep resume ${dir}\` runs the rest`,
      results,
    );
  }
  await compactSweep(dir, { written, tables });
  removeStaleTemporaries(path.join(dir, SHARDS_DIR));
  return openSweep(dir);
}

/**
 * Results parts a collecting thread should have at least, to be worth starting. A wide tomato part
 * takes about 25 ms to write, and a thread costs about 0.5 s before it has written as much as the
 * main thread would have: with 20 parts each, two threads were no faster than the main thread
 * alone, with a core free (docs/benchmarks.md).
 */
const PARTS_PER_THREAD = 40;

/**
 * Compacts a finished sweep (what `clusterlab sweep collect` runs after a SLURM array): the
 * results' parts, the costly step, are written by up to `workers` worker threads when the model
 * can be loaded in one, at least PARTS_PER_THREAD parts each; the files are the same bytes
 * either way.
 */
export async function collectSweep(dir: string, options: { workers?: number } = {}): Promise<Manifest> {
  dir = path.resolve(dir);
  const plan = readPlan(dir);
  const workers = options.workers ?? os.availableParallelism?.() ?? os.cpus().length;
  if (!Number.isInteger(workers) || workers < 1 || workers > 256) throw new RangeError(`sweep: workers must be an integer in 1..256, got ${workers}`);
  const parts = Array.from({ length: resultsPartCount(plan) }, (_, p) => p);
  const written: PartWritten[] = [];
  // With runs missing, compaction refuses and says what to do; no thread is started for that.
  const threads = Math.min(workers, Math.floor(parts.length / PARTS_PER_THREAD));
  if (threads > 1 && plan.model.module && unfinishedShards(dir, plan).length === 0) {
    const idle = { onShardProgress: () => undefined, shouldStop: () => false };
    await executeThreads(dir, plan, [], threads, idle, parts, (w) => written.push(w));
  }
  const manifest = await compactSweep(dir, { written });
  removeStaleTemporaries(path.join(dir, SHARDS_DIR));
  return manifest;
}

/**
 * Plans and runs a sweep of `model` over a design (override records, or a Design from
 * designs.ts) with `replicates` runs each, and
 * returns its results. Running the same sweep again (same folder) resumes it or, if finished,
 * just reopens it.
 */
export async function runSweep(model: SweepModel, design: SweepDesign, options: SweepOptions = {}): Promise<SweepResults> {
  const { dir } = planSweep(model, design, options);
  return resumeSweep(dir, { ...options, model: options.model ?? model });
}
