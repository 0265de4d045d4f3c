/**
 * simulate, ensemble and ensembleParallel on any model: a built-in one by name (`'salmon'`,
 * `'salmon/no-state'`, `'arthur-urn'`), a model object (`defineModel({...})` in a cell, or
 * `derive(salmon, {...})`), or a scenario from `scenarios()`. Ensembles use the engine's
 * per-replication seeds, so replication i is the same run however many runs or workers there are.
 */
import { defineModel, isModel, type Model } from '../engine/define';
import type { ModelDefinition, Overrides, ParamValues } from '../engine/model';
import type { Seed } from '../engine/rng';
import { checkSeed } from '../engine/seeds';
import { ensembleSeeds, runEnsemble, runEnsembleSync, type EnsembleResult } from '../experiments/ensemble';
import { findTarget } from '../models';
import { Ensemble } from './ensemble';
import { replicateModel, type ReplicateArgs } from './replicate';
import { Run } from './run';

/** A model name or `model/scenario`, a model object, or a scenario object with a `name`. */
export type ModelTarget = string | ModelDefinition | { name: string };

export interface SimulateOptions {
  seed?: Seed;
  /** Parameter overrides by dotted path: `{ 'mechanisms.association': false }` or `['path=value']`. */
  set?: Overrides;
  /** A scenario of the model (when the target is a model). */
  scenario?: string;
  /** A label of one's own for legends and exports. */
  label?: string;
}

export interface EnsembleOptions {
  /** Number of runs, or the seed of each run. */
  seeds: number | readonly number[];
  set?: Overrides;
  /** Seed the run seeds derive from when `seeds` is a count (default 0). */
  masterSeed?: Seed;
  /** `ensemble` runs in this thread (1); use `ensembleParallel` for worker threads. */
  workers?: number;
  scenario?: string;
  label?: string;
  /** Keep every run's record (default true). */
  keepRuns?: boolean;
  /** `ensemble` calls it after each run with the runs done and the total. */
  onProgress?: (done: number, total: number) => void;
}

const compiled = new WeakMap<object, Model>();

/** The model and scenario a target names. */
export function resolveTarget(target: ModelTarget, scenario?: string): { model: Model; scenario?: string } {
  let found: { model: Model; scenario?: string };
  if (typeof target === 'string') found = findTarget(target);
  else if (isModel(target)) found = { model: target };
  else if (target && typeof target === 'object' && typeof (target as ModelDefinition).run === 'function') {
    let model = compiled.get(target);
    if (!model) compiled.set(target, (model = defineModel(target as ModelDefinition)));
    found = { model };
  } else if (target && typeof target === 'object' && typeof (target as { name?: unknown }).name === 'string')
    found = findTarget((target as { name: string }).name);
  else throw new TypeError('expected a model (defineModel), a model or scenario name, or a scenario from scenarios()');
  if (scenario !== undefined) {
    if (found.scenario !== undefined) throw new RangeError(`scenario given twice: '${found.model.name}/${found.scenario}' and scenario '${scenario}'`);
    found.model.scenario(scenario);
    found = { model: found.model, scenario };
  }
  return found;
}

/**
 * One seeded run of a model or scenario: `simulate('salmon')`, `simulate('salmon/no-state', { seed: 7 })`,
 * `simulate(myModel, { set: { 'learning.byDoing': 0.05 } })`. Same seed, same numbers.
 */
export function simulate(target: ModelTarget, options: SimulateOptions = {}): Run {
  const { model, scenario } = resolveTarget(target, options.scenario);
  // Only an absent seed defaults: null is a mistake to report, not a request for the default.
  const seed = checkSeed(options.seed === undefined ? 1 : options.seed, 'seed');
  const params = model.resolve(options.set, scenario);
  const out = model.run(params, seed as number);
  const provenance = model.provenance({ scenario, overrides: options.set, seeds: [seed as number], label: options.label });
  return new Run(model, provenance, params, out.record, out.network);
}

interface Prepared {
  model: Model;
  scenario?: string;
  params: ParamValues;
  seeds: number[];
}

function prepare(target: ModelTarget, options: EnsembleOptions): Prepared {
  if (!options || typeof options !== 'object') throw new TypeError('ensemble: options { seeds, set?, masterSeed? } are required');
  const { model, scenario } = resolveTarget(target, options.scenario);
  if (options.masterSeed !== undefined) checkSeed(options.masterSeed, 'masterSeed');
  const params = model.resolve(options.set, scenario);
  return { model, scenario, params, seeds: ensembleSeeds(options.seeds, options.masterSeed) };
}

function finish(p: Prepared, options: EnsembleOptions, result: EnsembleResult): Ensemble {
  const masterSeed = typeof options.seeds === 'number' ? (options.masterSeed ?? 0) : undefined;
  const provenance = p.model.provenance({ scenario: p.scenario, overrides: options.set, seeds: p.seeds, masterSeed, label: options.label });
  return new Ensemble(p.model, provenance, p.params, result);
}

/**
 * Many seeded runs of a model or scenario in this thread, summarised per year (median and 5-95%
 * band): `ensemble('tomato', { seeds: 100 })`. Run i gets the same seed however many runs or threads.
 */
export function ensemble(target: ModelTarget, options: EnsembleOptions): Ensemble {
  if (options?.workers !== undefined && options.workers !== 1) {
    throw new RangeError(
      `ensemble runs in this thread (workers must be 1, got ${options.workers}); for worker threads use await ensembleParallel(model, { seeds, workers })`,
    );
  }
  const p = prepare(target, options);
  const result = runEnsembleSync((seed) => p.model.run(p.params, seed).record, {
    seeds: p.seeds,
    keepRuns: options.keepRuns,
    onProgress: options.onProgress,
  });
  return finish(p, options, result);
}

/**
 * The same ensemble on `workers` threads; identical result for any number of workers. A model
 * without a `module` (defined in a cell) runs in this thread.
 */
export async function ensembleParallel(target: ModelTarget, options: EnsembleOptions & { workers: number }): Promise<Ensemble> {
  const p = prepare(target, options);
  const mod = p.model.module;
  const result = mod
    ? await runEnsemble(
        {
          module: require.resolve('./replicate'),
          exportName: replicateModel.name,
          args: { path: mod.path, exportName: mod.exportName, params: { ...p.params } } satisfies ReplicateArgs,
        },
        { seeds: p.seeds, workers: options.workers, keepRuns: options.keepRuns },
      )
    : runEnsembleSync((seed) => p.model.run(p.params, seed).record, { seeds: p.seeds, keepRuns: options.keepRuns });
  return finish(p, options, result);
}
