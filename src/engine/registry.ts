/**
 * The models tools can name: `getModel('salmon')`, `clusterlab simulate arthur-urn`. The built-in
 * ones register when src/models.ts loads (the package entry point loads it); a user's model
 * registers with `registerModel`, replacing none unless asked to.
 */
import { defineModel, type Model } from './define';
import type { ModelDefinition } from './model';

const registry = new Map<string, Model>();

export function registerModel(def: ModelDefinition, options: { replace?: boolean } = {}): Model {
  const model = defineModel(def);
  const old = registry.get(model.name);
  if (old && old !== model && !options.replace) {
    throw new RangeError(`registerModel: a model named '${model.name}' is already registered; pass { replace: true } to replace it`);
  }
  registry.set(model.name, model);
  return model;
}

export function getModel(name: string): Model {
  const model = registry.get(name);
  if (!model) throw new RangeError(`unknown model '${name}'; models: ${[...registry.keys()].join(', ') || '(none registered)'}`);
  return model;
}

export function hasModel(name: string): boolean {
  return registry.has(name);
}

/** The registered models, in registration order. */
export function models(): Model[] {
  return [...registry.values()];
}
