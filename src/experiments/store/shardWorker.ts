/**
 * Worker thread body of the threads executor: runs the shards it is sent, posting progress, then
 * writes the results parts and run tables it is sent. A thread serves one sweep at a time and is
 * kept between sweeps (threads.ts): each sweep begins with a `sweep` message naming its folder.
 */
import { parentPort } from 'worker_threads';
import { compactionState, compactResultsPart, writeRunTables, type PartWritten, type RunningShards, type RunTables } from './compact';
import { readPlan, type SweepPlan } from './plan';
import { loadPlanModel, runShardSync } from './shard';

// This thread writes results parts with parquet-wasm, whose WebAssembly memory grows as it writes.
// Growing a memory detaches its old ArrayBuffer, and V8 then throws away every optimised function
// that reads a typed array (it had assumed that no buffer is ever detached) and compiles them all
// again, the model's among them. Growing a memory of our own before anything runs makes that happen
// before anything is optimised: about 0.9 s less compiler time a thread in a 10,000-run tomato
// sweep (docs/benchmarks.md, "Compiled once a thread").
declare const WebAssembly: { Memory: new (size: { initial: number; maximum: number }) => { grow(pages: number): number } }; // not in this project's TypeScript libs
new WebAssembly.Memory({ initial: 0, maximum: 1 }).grow(1);

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The sweep this thread serves; the model is loaded with its first shard (a thread that only writes results parts never needs it). */
interface Sweep {
  dir: string;
  /** Null when the plan could not be read; `loadError` says why. */
  plan: SweepPlan | null;
  stopFlag: Int32Array;
  model: ReturnType<typeof loadPlanModel> | null;
  loadError: string | null;
}
let sweep: Sweep | null = null;

function sweepModel(s: Sweep): ReturnType<typeof loadPlanModel> | null {
  if (s.plan && !s.model && s.loadError === null) {
    try {
      s.model = loadPlanModel(s.plan);
    } catch (e) {
      s.loadError = describe(e);
    }
  }
  return s.model;
}

/** The sweep's state for compaction, from the plan read at its start (the plan of a sweep does not change). */
const stateOf = (s: Sweep) => compactionState(s.dir, s.plan ?? undefined);

/** Why a part being written while shards ran was given up: the sweep stopped before they finished. */
class PartGivenUp extends Error {}

/**
 * The shards a part being written waits for (`pending` in its message): the main thread sends
 * `shardFinished` for each as it finishes, or `giveUp` when the sweep stops first.
 */
let finished = new Set<number>();
let waiters = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
let givenUp = false;
const givingUp = () => new PartGivenUp('the sweep stopped before the shards this part waits for finished');
const running = (pending: number[]): RunningShards => {
  finished = new Set();
  waiters = new Map();
  givenUp = false;
  return {
    pending: new Set(pending),
    finished: (k) =>
      finished.has(k) ? Promise.resolve() : givenUp ? Promise.reject(givingUp()) : new Promise((resolve, reject) => waiters.set(k, { resolve, reject })),
  };
};

type FromMain =
  | { sweep: { dir: string; stop: SharedArrayBuffer } }
  | { shard: number }
  | { part: number; pending?: number[] }
  | { shardFinished: number }
  | { giveUp: true }
  | { tables: true };

parentPort!.on('message', (msg: FromMain) => {
  if ('sweep' in msg) {
    sweep = { dir: msg.sweep.dir, plan: null, stopFlag: new Int32Array(msg.sweep.stop), model: null, loadError: null };
    try {
      sweep.plan = readPlan(sweep.dir);
    } catch (e) {
      sweep.loadError = describe(e);
    }
    return;
  }
  const s = sweep;
  if (!s) throw new Error('shardWorker: a request came before its sweep'); // the executor always sends the sweep first
  if ('shardFinished' in msg) {
    finished.add(msg.shardFinished);
    waiters.get(msg.shardFinished)?.resolve();
    return;
  }
  if ('giveUp' in msg) {
    givenUp = true;
    for (const w of waiters.values()) w.reject(givingUp());
    waiters = new Map();
    return;
  }
  if ('tables' in msg) {
    // Posted once the files are in place; the promise itself cannot be posted.
    new Promise<RunTables>((resolve) => resolve(writeRunTables(s.dir, {}, stateOf(s))))
      .then(async ({ inPlace, ...tables }) => {
        await inPlace;
        parentPort!.postMessage({ tables });
      })
      .catch((e: unknown) => parentPort!.postMessage({ tables: null, error: describe(e) }));
    return;
  }
  if ('part' in msg) {
    // In the promise, as the tables above: a status log that cannot be read fails this part, not the thread.
    new Promise<PartWritten>((resolve) =>
      resolve(compactResultsPart(s.dir, msg.part, stateOf(s), msg.pending?.length ? running(msg.pending) : undefined)),
    ).then(
      (written) => parentPort!.postMessage({ part: msg.part, written }),
      (e) => parentPort!.postMessage(e instanceof PartGivenUp ? { part: msg.part, givenUp: true } : { part: msg.part, error: describe(e) }),
    );
    return;
  }
  const shardModel = sweepModel(s);
  if (!shardModel || !s.plan) {
    parentPort!.postMessage({ shard: msg.shard, error: s.loadError });
    return;
  }
  try {
    const p = runShardSync(
      s.dir,
      s.plan,
      shardModel,
      msg.shard,
      (pr) => parentPort!.postMessage({ shard: msg.shard, done: pr.done, failed: pr.failed }),
      s.stopFlag,
    );
    parentPort!.postMessage({ shard: msg.shard, done: p.done, failed: p.failed, finished: !p.stopped, stopped: p.stopped });
  } catch (e) {
    parentPort!.postMessage({ shard: msg.shard, error: describe(e) });
  }
});
