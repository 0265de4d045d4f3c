/** Worker thread body of the threads executor: runs the shards it is sent, posting progress. */
import { parentPort, workerData } from 'worker_threads';
import { readPlan } from './plan';
import { loadPlanModel, runShardSync } from './shard';

const { dir, stop } = workerData as { dir: string; stop: SharedArrayBuffer };
const stopFlag = new Int32Array(stop);
const plan = readPlan(dir);
let model: ReturnType<typeof loadPlanModel> | null = null;
let loadError: string | null = null;
try {
  model = loadPlanModel(plan);
} catch (e) {
  loadError = (e as Error).message;
}

parentPort!.on('message', (msg: { shard: number }) => {
  if (!model) {
    parentPort!.postMessage({ shard: msg.shard, error: loadError });
    return;
  }
  try {
    const p = runShardSync(dir, plan, model, msg.shard, (pr) => parentPort!.postMessage({ shard: msg.shard, done: pr.done, failed: pr.failed }), stopFlag);
    parentPort!.postMessage({ shard: msg.shard, done: p.done, failed: p.failed, finished: !p.stopped, stopped: p.stopped });
  } catch (e) {
    parentPort!.postMessage({ shard: msg.shard, error: e instanceof Error ? e.message : String(e) });
  }
});
