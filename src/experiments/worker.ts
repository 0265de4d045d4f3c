/** Worker thread body of the ensemble pool: runs the replications it is sent and posts them back. */
import { parentPort } from 'worker_threads';
import { loadModuleTask, type ModuleTask } from './ensemble';

parentPort!.on('message', (msg: { id: number; task: ModuleTask; indices: number[]; seeds: number[] }) => {
  try {
    const replicate = loadModuleTask(msg.task);
    parentPort!.postMessage({ id: msg.id, records: msg.indices.map((index, k) => replicate(msg.seeds[k], index)) });
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
