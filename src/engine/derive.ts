/**
 * `derive(base, changes)`: a new model from one that exposes its yearly processes (tomato and
 * salmon do), with processes added at a named place in the year or replacing one, their
 * parameters added to the schema and, if they record any, their metrics. The result is an
 * ordinary model: simulate, ensembles, targets, `show` and the widgets take it like a built-in.
 */
import { defineModel, type Model } from './define';
import { getModel } from './registry';
import type { MetricSpec, ModelDefinition, ParameterSpec, ProcessSpec, ScenarioSpec } from './model';

export interface ProcessChange<W = any> extends ProcessSpec<W> {
  /** Runs right after the process of this name... */
  after?: string;
  /** ...or right before it... */
  before?: string;
  /** ...or in its place (then `name` may repeat it). */
  replace?: string;
}

export interface Derivation<W = any> {
  name: string;
  description?: string;
  parameters?: readonly ParameterSpec[];
  processes?: readonly ProcessChange<W>[];
  /** Processes of the base to leave out, by name. */
  remove?: readonly string[];
  /** Metrics the new processes record (`world.recorder.record(name, year, value)`). */
  metrics?: readonly MetricSpec[];
  /** Scenarios of the derived model (default: the base's). */
  scenarios?: readonly ScenarioSpec[];
  module?: ModelDefinition['module'];
}

function place(order: ProcessSpec[], change: ProcessChange, where: string): void {
  const anchors = [change.after, change.before, change.replace].filter((a) => a !== undefined);
  if (anchors.length !== 1) {
    throw new RangeError(
      `${where}: process '${change.name}' needs exactly one of after, before or replace (a process name); processes: ${order.map((p) => p.name).join(', ')}`,
    );
  }
  const anchor = anchors[0]!;
  const at = order.findIndex((p) => p.name === anchor);
  if (at < 0)
    throw new RangeError(`${where}: process '${change.name}' refers to '${anchor}', which is not a process; processes: ${order.map((p) => p.name).join(', ')}`);
  if (change.replace === undefined && order.some((p) => p.name === change.name)) {
    throw new RangeError(`${where}: a process named '${change.name}' exists already; use replace: '${change.name}' to replace it`);
  }
  const spec: ProcessSpec = { name: change.name, description: change.description, run: change.run };
  if (change.replace !== undefined) order[at] = spec;
  else order.splice(change.after !== undefined ? at + 1 : at, 0, spec);
}

/** `base` is a model or the name of a registered one (`derive('salmon', {...})`). */
export function derive<W = any>(base: ModelDefinition | string, changes: Derivation<W>): Model {
  const parent = typeof base === 'string' ? getModel(base) : defineModel(base);
  const where = `derive(${parent.name} -> ${changes?.name})`;
  if (!parent.processes || !parent.runProcesses) {
    throw new TypeError(
      `${where}: model '${parent.name}' does not expose its yearly processes; derive works on models that do (tomato, salmon, and models derived from them)`,
    );
  }
  const order = [...parent.processes];
  for (const name of changes.remove ?? []) {
    const at = order.findIndex((p) => p.name === name);
    if (at < 0) throw new RangeError(`${where}: cannot remove '${name}'; processes: ${order.map((p) => p.name).join(', ')}`);
    order.splice(at, 1);
  }
  for (const change of changes.processes ?? []) {
    if (typeof change?.name !== 'string' || typeof change.run !== 'function')
      throw new TypeError(`${where}: every process needs a name and run(world, params, clock)`);
    place(order, change, where);
  }
  const extra = (changes.metrics ?? []).map((m) => m.name);
  const runBase = parent.runProcesses.bind(parent);
  const processes = Object.freeze(order);
  return defineModel({
    name: changes.name,
    description: changes.description ?? `${parent.name} with ${(changes.processes ?? []).map((p) => p.name).join(', ') || 'changes'}`,
    years: parent.years,
    parameters: [...parent.parameters, ...(changes.parameters ?? [])],
    metrics: [...parent.metrics, ...(changes.metrics ?? [])],
    nodeKinds: parent.nodeKinds,
    edgeKinds: parent.edgeKinds,
    scenarios: changes.scenarios ?? parent.scenarios,
    observed: parent.observed,
    statistics: parent.statistics,
    module: changes.module,
    check: parent.check,
    processes,
    derivedFrom: parent.name,
    run: (params, seed) => runBase(params, seed, processes, extra),
    runProcesses: (params, seed, list, more) => runBase(params, seed, list, [...extra, ...more]),
  });
}
