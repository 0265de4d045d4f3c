/** Worker thread body of the threads executor: runs the shards it is sent, posting progress, then writes the results parts and run tables it is sent. */
import { parentPort, workerData } from 'worker_threads';
import { compactResultsPart, writeRunTables, type RunningShards, type RunTables } from './compact';
import { readPlan } from './plan';
import { loadPlanModel, runShardSync } from './shard';

// This thread writes results parts with parquet-wasm, whose WebAssembly memory grows as it writes.
// Growing a memory detaches its old ArrayBuffer, and V8 then throws away every optimised function
// that reads a typed array (it had assumed that no buffer is ever detached) and compiles them all
// again, the model's among them. Growing a memory of our own before anything runs makes that happen
// before anything is optimised: about 0.9 s less compiler time a thread in a 10,000-run tomato
// sweep (docs/benchmarks.md, "Compiled once a thread").
declare const WebAssembly: { Memory: new (size: { initial: number; maximum: number }) => { grow(pages: number): number } }; // not in this project's TypeScript libs
new WebAssembly.Memory({ initial: 0, maximum: 1 }).grow(1);

const { dir, stop } = workerData as { dir: string; stop: SharedArrayBuffer };
const stopFlag = new Int32Array(stop);
const plan = readPlan(dir);
const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The model, loaded with the first shard: a thread that only writes results parts (collect) never needs it. */
let model: ReturnType<typeof loadPlanModel> | null = null;
let loadError: string | null = null;
function sweepModel(): ReturnType<typeof loadPlanModel> | null {
  if (!model && loadError === null) {
    try {
      model = loadPlanModel(plan);
    } catch (e) {
      loadError = describe(e);
    }
  }
  return model;
}

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

type FromMain = { shard: number } | { part: number; pending?: number[] } | { shardFinished: number } | { giveUp: true } | { tables: true };

parentPort!.on('message', (msg: FromMain) => {
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
    new Promise<RunTables>((resolve) => resolve(writeRunTables(dir)))
      .then(async ({ inPlace, ...tables }) => {
        await inPlace;
        parentPort!.postMessage({ tables });
      })
      .catch((e: unknown) => parentPort!.postMessage({ tables: null, error: describe(e) }));
    return;
  }
  if ('part' in msg) {
    compactResultsPart(dir, msg.part, undefined, msg.pending?.length ? running(msg.pending) : undefined).then(
      (written) => parentPort!.postMessage({ part: msg.part, written }),
      (e) => parentPort!.postMessage(e instanceof PartGivenUp ? { part: msg.part, givenUp: true } : { part: msg.part, error: describe(e) }),
    );
    return;
  }
  const shardModel = sweepModel();
  if (!shardModel) {
    parentPort!.postMessage({ shard: msg.shard, error: loadError });
    return;
  }
  try {
    const p = runShardSync(dir, plan, shardModel, msg.shard, (pr) => parentPort!.postMessage({ shard: msg.shard, done: pr.done, failed: pr.failed }), stopFlag);
    parentPort!.postMessage({ shard: msg.shard, done: p.done, failed: p.failed, finished: !p.stopped, stopped: p.stopped });
  } catch (e) {
    parentPort!.postMessage({ shard: msg.shard, error: describe(e) });
  }
});
