/**
 * Executors: where the missing runs of a sweep's shards run. `serial` runs them in this thread in
 * slices (so a kernel stays responsive and an interrupt is seen between slices); `threads` runs
 * one shard per worker thread at a time, each worker writing its own shard files. SLURM tasks
 * (slurm.ts) call the same shard runner from a separate process.
 */
import { setImmediate as yieldToEventLoop } from 'timers/promises';
import type { Worker } from 'worker_threads';
import { shardRange, type SweepModel, type SweepPlan } from './plan';
import { resultsPartRange, type PartWritten, type RunTables } from './compact';
import { ShardRunner, type ShardProgress } from './shard';
import { finishedRuns, readStatus } from './status';
import { acquireSweepThread, releaseSweepThread } from './threads';

export type ExecutorName = 'serial' | 'threads';

export interface ExecuteContext {
  /** Called with a shard's progress since it started in this call. */
  onShardProgress(shard: number, progress: ShardProgress): void;
  /** Polled between slices: true stops the sweep, keeping what finished. */
  shouldStop(): boolean;
  /**
   * Threads executor: given, a worker thread writes the run tables (writeRunTables) once the last
   * shard has finished, while the others write the last results parts, and this gets them.
   */
  onTablesWritten?(tables: RunTables): void;
}

/** Shards of the plan that still have runs the status log does not list. */
export function unfinishedShards(dir: string, plan: SweepPlan): number[] {
  const entries = readStatus(dir);
  const total = shardRange(plan, plan.shards - 1)[1];
  const owner = finishedRuns(entries, total);
  const out: number[] = [];
  for (let k = 0; k < plan.shards; k++) {
    const [start, end] = shardRange(plan, k);
    for (let r = start; r < end; r++) {
      if (owner[r] < 0) {
        out.push(k);
        break;
      }
    }
  }
  return out;
}

/**
 * A worker thread writing, during a serial sweep, the results parts whose runs have all finished,
 * while this thread runs the model on: compaction's costly step (Parquet encoding, about 35 us a
 * tomato run) leaves the thread that runs the model, for every part but those whose last shard
 * ends last. Started with the first part ready. A part it
 * fails to write is left to compaction, which writes it in this thread (and reports what fails).
 */
class PartWriter {
  private worker: Worker | null = null;
  private unavailable = false;
  /** The thread failed or exited: it is not given back for later sweeps. */
  private failed = false;
  private readonly inFlight = new Map<number, { resolve: (w: PartWritten | null) => void }>();
  private readonly done: Promise<PartWritten | null>[] = [];

  constructor(private readonly dir: string) {}

  write(part: number): void {
    if (!this.worker && !this.unavailable) {
      try {
        this.worker = acquireSweepThread(this.dir, new SharedArrayBuffer(4));
      } catch {
        this.unavailable = true; // no thread: compaction writes every part
        return;
      }
      this.worker.on('message', (msg: FromWorker) => {
        if (!('part' in msg)) return;
        this.inFlight.get(msg.part)?.resolve(msg.written ?? null);
        this.inFlight.delete(msg.part);
      });
      const abandon = () => {
        this.failed = true;
        for (const w of this.inFlight.values()) w.resolve(null);
        this.inFlight.clear();
      };
      this.worker.on('error', abandon);
      this.worker.on('exit', abandon);
    }
    if (!this.worker) return;
    this.done.push(new Promise((resolve) => this.inFlight.set(part, { resolve })));
    this.worker.postMessage({ part });
  }

  /** The parts written (each synced and in place), once none is being written; the thread is then kept for later sweeps. */
  async finish(): Promise<PartWritten[]> {
    const written = (await Promise.all(this.done)).filter((w): w is PartWritten => w !== null);
    if (this.worker && !this.failed) releaseSweepThread(this.worker);
    else void this.worker?.terminate(); // not waited for: nothing it does is left to wait for
    this.worker = null;
    return written;
  }
}

/**
 * Results parts a serial sweep must have for PartWriter to pay: its thread costs about 0.1 s of
 * CPU to start (the store's modules, apache-arrow, parquet-wasm), about what writing three tomato
 * parts costs (docs/benchmarks.md).
 */
const PARTS_FOR_A_WRITER = 4;

/**
 * Runs the shards in this thread. Resolves to true when all finished, false when stopped, once
 * every flush is written and listed (shard files are written behind the runs: ShardRunner). With
 * `parts` (PARTS_FOR_A_WRITER or more), a worker thread writes those whose runs have all finished while the
 * model runs on (PartWriter); `onPartWritten` gets each.
 */
export async function executeSerial(
  dir: string,
  plan: SweepPlan,
  model: SweepModel,
  shards: readonly number[],
  ctx: ExecuteContext,
  parts: readonly number[] = [],
  onPartWritten: (written: PartWritten) => void = () => undefined,
): Promise<boolean> {
  const runners: ShardRunner[] = [];
  const writer = parts.length >= PARTS_FOR_A_WRITER ? new PartWriter(dir) : null;
  const partShards = shardsOfParts(plan, parts);
  const waiting = new Set(parts);
  // Shards whose status lines are written: those this call does not run, and those it ran once their flushes are listed.
  const listed = new Set(Array.from({ length: plan.shards }, (_, k) => k).filter((k) => !shards.includes(k)));
  const partsReady = () => {
    for (const p of waiting) {
      if (!partShards.get(p)!.every((k) => listed.has(k))) continue;
      waiting.delete(p);
      writer!.write(p);
    }
  };
  const run = async (): Promise<boolean> => {
    for (const k of shards) {
      const runner = new ShardRunner(dir, plan, model, k, true);
      runners.push(runner);
      for (;;) {
        const finished = runner.step(50);
        ctx.onShardProgress(k, runner.progress);
        if (finished) break;
        if (ctx.shouldStop()) {
          runner.flush();
          return false;
        }
        await yieldToEventLoop();
      }
      if (writer)
        runner.settled().then(
          () => {
            listed.add(k);
            partsReady();
          },
          () => undefined, // the error surfaces through settled() below
        );
      if (ctx.shouldStop()) return false;
    }
    return true;
  };
  let finished: boolean;
  try {
    finished = await run();
  } catch (error) {
    await Promise.allSettled(runners.map((r) => r.settled())); // nothing is left writing when the error surfaces
    await writer?.finish();
    throw error;
  }
  try {
    await Promise.all(runners.map((r) => r.settled()));
  } finally {
    for (const w of (await writer?.finish()) ?? []) onPartWritten(w);
  }
  return finished;
}

type FromWorker =
  | { shard: number; done?: number; failed?: number; finished?: boolean; stopped?: boolean; error?: string }
  | { part: number; written?: PartWritten; givenUp?: boolean; error?: string }
  | { tables: Omit<RunTables, 'inPlace'> | null; error?: string };

/** For each results part, the shards whose runs it holds. */
function shardsOfParts(plan: SweepPlan, parts: readonly number[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const p of parts) {
    const [lo, hi] = resultsPartRange(plan, p);
    const ks: number[] = [];
    for (let k = 0; k < plan.shards; k++) {
      const [start, end] = shardRange(plan, k);
      if (start < hi && end > lo && start < end) ks.push(k);
    }
    out.set(p, ks);
  }
  return out;
}

/**
 * Runs the shards on `workers` worker threads; the same threads write the results parts `parts`
 * (compaction's costly step), each as soon as the shards that hold its runs have finished, so
 * that compaction fills the gaps while the last shards run. A thread with no shard left to start
 * begins the first part still waiting for running shards, writing the runs of those that finished
 * and waiting for the others, so little of the part is left when the last shard ends.
 * `onPartWritten` gets each part. Resolves to true when all finished, false when stopped.
 */
export function executeThreads(
  dir: string,
  plan: SweepPlan,
  shards: readonly number[],
  workers: number,
  ctx: ExecuteContext,
  parts: readonly number[] = [],
  onPartWritten: (written: PartWritten) => void = () => undefined,
): Promise<boolean> {
  if (!plan.model.module)
    throw new TypeError(`sweep: model '${plan.model.name}' names no module that worker threads can load (models defined in a cell run with executor 'serial')`);
  const queue = [...shards];
  const unfinished = new Set(shards);
  const partQueue = [...parts];
  const partShards = shardsOfParts(plan, parts);
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const count = Math.max(1, Math.min(workers, queue.length + partQueue.length));
  return new Promise<boolean>((resolve, reject) => {
    const pool: Worker[] = [];
    const ended = new Set<Worker>();
    /** Threads with nothing to do until a running shard finishes. */
    let waiting: Worker[] = [];
    /** Threads writing a part while shards it holds run: the shards each still waits for. */
    const streaming = new Map<Worker, Set<number>>();
    let closing = false;
    /** The run tables are to be written (the last shard finished) and no thread has been given them yet. */
    let tablesDue = false;
    let failure: Error | null = null;
    let stopped = false;
    const halt = () => {
      Atomics.store(stop, 0, 1);
      for (const w of streaming.keys()) w.postMessage({ giveUp: true });
    };
    const poll = setInterval(() => {
      if (!stopped && ctx.shouldStop()) {
        stopped = true;
        halt();
      }
    }, 50);
    const end = (w: Worker) => {
      if (ended.has(w)) return;
      ended.add(w);
      if (ended.size < pool.length) return;
      closing = true;
      clearInterval(poll);
      if (failure) {
        // A thread's state after a failure is not known: none is kept.
        const failed = failure;
        void Promise.all(pool.map((x) => x.terminate())).then(() => reject(failed));
        return;
      }
      // Every thread has reported its last files and runs nothing: each is kept for later sweeps.
      for (const x of pool) releaseSweepThread(x);
      resolve(!stopped && unfinished.size === 0 && partQueue.length === 0);
    };
    const feed = (w: Worker) => {
      if (stopped || failure) return end(w);
      if (tablesDue) {
        tablesDue = false;
        return w.postMessage({ tables: true });
      }
      const ready = partQueue.findIndex((p) => partShards.get(p)!.every((k) => !unfinished.has(k)));
      if (ready >= 0) return w.postMessage({ part: partQueue.splice(ready, 1)[0] });
      const k = queue.shift();
      if (k !== undefined) return w.postMessage({ shard: k });
      if (unfinished.size > 0 && partQueue.length > 0) {
        const part = partQueue.shift()!;
        const pending = partShards.get(part)!.filter((s) => unfinished.has(s));
        streaming.set(w, new Set(pending));
        return w.postMessage({ part, pending });
      }
      if (unfinished.size > 0) waiting.push(w);
      else end(w);
    };
    const wakeWaiting = () => {
      const idle = waiting;
      waiting = [];
      for (const w of idle) feed(w);
    };
    const fail = (w: Worker, error: Error) => {
      if (closing || ended.has(w)) return;
      failure ??= error;
      halt();
      end(w);
      wakeWaiting();
    };
    for (let i = 0; i < count; i++) {
      const w = acquireSweepThread(dir, stop.buffer as SharedArrayBuffer);
      pool.push(w);
      w.on('message', (msg: FromWorker) => {
        if ('tables' in msg) {
          if (msg.error !== undefined || !msg.tables) return fail(w, new Error(`sweep: writing the run tables: ${msg.error}`));
          ctx.onTablesWritten?.({ ...msg.tables, inPlace: Promise.resolve() }); // the thread waited for them to be in place
          return feed(w);
        }
        if ('part' in msg) {
          streaming.delete(w);
          if (msg.givenUp) {
            partQueue.unshift(msg.part); // not written: compaction of the finished runs writes it
            return feed(w);
          }
          if (msg.error !== undefined || !msg.written) return fail(w, new Error(`sweep: writing results part ${msg.part}: ${msg.error}`));
          onPartWritten(msg.written);
          return feed(w);
        }
        if (msg.error !== undefined) return fail(w, new Error(`sweep: shard ${msg.shard}: ${msg.error}`));
        ctx.onShardProgress(msg.shard, { done: msg.done ?? 0, failed: msg.failed ?? 0 });
        if (msg.finished) {
          unfinished.delete(msg.shard);
          for (const [writer, pending] of streaming) if (pending.delete(msg.shard)) writer.postMessage({ shardFinished: msg.shard });
          // The thread that ran the last shard writes the tables (fed below) while the others write parts.
          if (unfinished.size === 0 && !stopped && !failure && ctx.onTablesWritten) tablesDue = true;
        }
        if (msg.finished || msg.stopped) {
          feed(w);
          wakeWaiting();
        }
      });
      w.on('error', (error) => fail(w, error));
      w.on('exit', (code) => fail(w, new Error(`sweep: a worker thread exited with code ${code}`)));
    }
    for (const w of pool) feed(w);
  });
}
