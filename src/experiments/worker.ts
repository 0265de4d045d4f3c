/** Worker thread body of `runEnsemble`: runs the replications it is given and posts them back. */
import { parentPort, workerData } from 'worker_threads';
import { loadModuleTask, type ModuleTask } from './ensemble';

const { task, indices, seeds } = workerData as { task: ModuleTask; indices: number[]; seeds: number[] };
const replicate = loadModuleTask(task);
parentPort!.postMessage(indices.map((index, k) => replicate(seeds[k], index)));
