/**
 * What worker threads (and SLURM tasks) run: load a model from its `module` and run one seeded
 * replication with values resolved once in the main thread.
 */
import type { ModelDefinition, ParamValues } from '../engine/model';
import type { RunRecord } from '../engine/recorder';

export interface ReplicateArgs {
  path: string;
  exportName: string;
  params: ParamValues;
}

const loaded = new Map<string, ModelDefinition>();

/** The model a `module` names, required once per thread. */
export function loadModel(path: string, exportName: string): ModelDefinition {
  const key = `${path}\u0000${exportName}`;
  let model = loaded.get(key);
  if (!model) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const candidate = (require(path) as Record<string, unknown>)[exportName] as ModelDefinition | undefined;
    if (!candidate || typeof candidate.run !== 'function') throw new TypeError(`model module ${path} has no exported model '${exportName}'`);
    loaded.set(key, (model = candidate));
  }
  return model;
}

export function replicateModel(args: ReplicateArgs, seed: number): RunRecord {
  return loadModel(args.path, args.exportName).run(args.params, seed).record;
}
