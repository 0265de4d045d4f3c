/** Worker thread body of the threads executor: runs the shards it is sent, posting progress, then writes the results parts it is sent. */
import { parentPort, workerData } from 'worker_threads';
import { compactResultsPart } from './compact';
import { readPlan } from './plan';
import { loadPlanModel, runShardSync } from './shard';

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

parentPort!.on('message', (msg: { shard: number } | { part: number }) => {
  if ('part' in msg) {
    compactResultsPart(dir, msg.part).then(
      (written) => parentPort!.postMessage({ part: msg.part, written }),
      (e) => parentPort!.postMessage({ part: msg.part, error: describe(e) }),
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
