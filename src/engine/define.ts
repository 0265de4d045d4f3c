/**
 * `defineModel(def)`: a model definition (src/engine/model.ts) checked once and given what every
 * tool needs from it: its defaults, `resolve` (scenario and user overrides onto the defaults,
 * validated), a fingerprint of its schema, and the provenance a run or an ensemble carries.
 */
import { createHash } from 'crypto';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import type { ModelDefinition, Overrides, ParameterSpec, ParamValue, ParamValues, Provenance, ScenarioSpec } from './model';
import { checkValue, overridePairs, parseText, unknownPath } from './schema';
import { checkSeed } from './seeds';

export interface ProvenanceInput {
  scenario?: string;
  /** User overrides, in any form `resolve` takes. */
  overrides?: Overrides;
  seeds: readonly number[];
  masterSeed?: number | string;
  /** A label of one's own for legends and exports (default: scenario or model, plus the overrides). */
  label?: string;
}

export interface Model extends ModelDefinition {
  /** Hash of the name, parameter schema, metric list and process order. */
  readonly fingerprint: string;
  /** The default value of every parameter, by dotted path (a fresh object). */
  defaults(): Record<string, ParamValue>;
  /** Complete, validated values: defaults, then the scenario's overrides, then the user's. */
  resolve(overrides?: Overrides, scenario?: string): ParamValues;
  /** The user's overrides alone, parsed and checked: `{ path: value }`. */
  overrides(overrides?: Overrides): Record<string, ParamValue>;
  parameter(path: string): ParameterSpec;
  scenario(name: string): ScenarioSpec;
  provenance(input: ProvenanceInput): Provenance;
}

const MODEL = Symbol.for('clusterlab.model');
const KINDS = new Set(['number', 'integer', 'year', 'boolean', 'choice']);
const NAME = /^[A-Za-z][A-Za-z0-9_+\-.]*$/;
/** Dotted identifiers: `learning.byDoing`, `x1`, `grid.width` (no `__proto__` tricks, no spaces). */
const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

function readVersion(): string {
  for (const up of [
    ['..', '..'],
    ['..', '..', '..'],
  ]) {
    const file = join(__dirname, ...up, 'package.json');
    if (!existsSync(file)) continue;
    try {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'clusterlab') return String(pkg.version);
    } catch {
      // fall through to 'unknown'
    }
  }
  return 'unknown';
}

export const VERSIONS: Provenance['versions'] = { clusterlab: readVersion(), node: process.versions.node };

export function isModel(x: unknown): x is Model {
  return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[MODEL] === true;
}

function checkDefinition(def: ModelDefinition): void {
  if (!def || typeof def !== 'object') throw new TypeError('defineModel: expected a definition object { name, description, years, parameters, metrics, run }');
  if (typeof def.name !== 'string' || !NAME.test(def.name)) {
    throw new RangeError(`defineModel: name must start with a letter and use letters, digits, '_', '+', '-' or '.', got ${JSON.stringify(def.name)}`);
  }
  const where = `defineModel('${def.name}')`;
  if (typeof def.run !== 'function') throw new TypeError(`${where}: run(params, seed) must be a function`);
  const [a, b] = Array.isArray(def.years) ? def.years : [NaN, NaN];
  if (!Number.isInteger(a) || !Number.isInteger(b) || a > b)
    throw new RangeError(`${where}: years must be [first, last] integers with first <= last, got ${JSON.stringify(def.years)}`);
  if (!Array.isArray(def.parameters)) throw new TypeError(`${where}: parameters must be a list of parameter specs`);
  if (!Array.isArray(def.metrics) || def.metrics.length === 0) throw new RangeError(`${where}: metrics must list at least one { name, label, unit }`);
  const paths = new Set<string>();
  for (const p of def.parameters) {
    if (typeof p?.path !== 'string' || !PATH.test(p.path) || p.path.split('.').includes('__proto__')) {
      throw new TypeError(`${where}: parameter path ${JSON.stringify(p?.path)} must be dotted identifiers, e.g. 'learning.byDoing'`);
    }
    if (paths.has(p.path)) throw new RangeError(`${where}: parameter '${p.path}' is defined twice`);
    paths.add(p.path);
    if (!KINDS.has(p.kind)) throw new RangeError(`${where}: parameter '${p.path}' has kind ${JSON.stringify(p.kind)}; kinds: ${[...KINDS].join(', ')}`);
    if (p.kind === 'choice' && (!Array.isArray(p.choices) || p.choices.length === 0))
      throw new RangeError(`${where}: choice parameter '${p.path}' needs choices`);
    try {
      checkValue(p, p.default);
    } catch (e) {
      throw new RangeError(`${where}: default of ${(e as Error).message}`);
    }
  }
  const metrics = new Set<string>();
  for (const m of def.metrics) {
    if (typeof m?.name !== 'string' || m.name === '') throw new TypeError(`${where}: every metric needs a name`);
    if (metrics.has(m.name)) throw new RangeError(`${where}: metric '${m.name}' is defined twice`);
    metrics.add(m.name);
  }
}

function fingerprintOf(def: ModelDefinition): string {
  const schema = {
    name: def.name,
    years: def.years,
    parameters: def.parameters.map((p) => [p.path, p.kind, p.min ?? null, p.max ?? null, p.choices ?? null, p.default, p.unit]),
    metrics: def.metrics.map((m) => [m.name, m.unit]),
    processes: def.processes?.map((p) => p.name) ?? null,
  };
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 16);
}

function shortValue(v: ParamValue): string {
  return typeof v === 'number' ? String(Number(v.toPrecision(6))) : String(v);
}

/** Checks a definition and returns the model every tool works on. */
export function defineModel(def: ModelDefinition): Model {
  if (isModel(def)) return def;
  checkDefinition(def);
  const specs = new Map(def.parameters.map((p) => [p.path, p]));
  const defaults: Record<string, ParamValue> = {};
  for (const p of def.parameters) defaults[p.path] = p.default;
  const scenarios = new Map((def.scenarios ?? []).map((s) => [s.name, s]));
  const fingerprint = fingerprintOf(def);

  const parameter = (path: string): ParameterSpec => {
    const spec = specs.get(path);
    if (!spec) throw unknownPath(path, def.parameters, def.name);
    return spec;
  };
  const parse = (overrides: Overrides | undefined): Record<string, ParamValue> => {
    const out: Record<string, ParamValue> = {};
    for (const [path, raw, isText] of overridePairs(overrides)) {
      const spec = parameter(path);
      out[path] = isText || (typeof raw === 'string' && spec.kind !== 'choice') ? parseText(spec, String(raw)) : checkValue(spec, raw);
    }
    return out;
  };
  const scenario = (name: string): ScenarioSpec => {
    const s = scenarios.get(name);
    if (!s) throw new RangeError(`unknown scenario '${name}' of model '${def.name}'; scenarios: ${[...scenarios.keys()].join(', ') || '(none)'}`);
    return s;
  };

  // Fields are copied one by one and functions bound, so a definition written as a class instance
  // (methods on its prototype) works as well as an object literal.
  const model: Model = {
    name: def.name,
    description: def.description,
    years: [def.years[0], def.years[1]],
    parameters: Object.freeze([...def.parameters]),
    metrics: Object.freeze([...def.metrics]),
    run: def.run.bind(def),
    fingerprint,
    defaults: () => ({ ...defaults }),
    parameter,
    scenario,
    overrides: parse,
    resolve(overrides?: Overrides, scenarioName?: string): ParamValues {
      const values = { ...defaults };
      if (scenarioName !== undefined) Object.assign(values, parse(scenario(scenarioName).set));
      Object.assign(values, parse(overrides));
      def.check?.(values);
      return Object.freeze(values);
    },
    provenance(input: ProvenanceInput): Provenance {
      const overrides = parse(input.overrides);
      const head = input.scenario !== undefined ? `${def.name}/${scenario(input.scenario).name}` : def.name;
      const set = Object.entries(overrides).map(([k, v]) => `${k}=${shortValue(v)}`);
      const label = input.label ?? (set.length ? `${head} (${set.join(', ')})` : head);
      const out: Provenance = {
        model: def.name,
        overrides,
        seeds: [...input.seeds],
        label,
        fingerprint,
        versions: { ...VERSIONS },
      };
      if (input.scenario !== undefined) out.scenario = input.scenario;
      if (input.masterSeed !== undefined) out.masterSeed = checkSeed(input.masterSeed, 'masterSeed');
      return out;
    },
  };
  const optional = model as unknown as Record<string, unknown>;
  for (const key of ['nodeKinds', 'edgeKinds', 'scenarios', 'observed', 'statistics', 'module', 'processes', 'derivedFrom', 'rivalOf'] as const) {
    if (def[key] !== undefined) optional[key] = def[key];
  }
  if (def.check) model.check = def.check.bind(def);
  if (def.runProcesses) model.runProcesses = def.runProcesses.bind(def);
  Object.defineProperty(model, MODEL, { value: true });
  // Scenario overrides are checked now, so a bad scenario fails where it is defined.
  for (const s of scenarios.values()) {
    try {
      parse(s.set);
    } catch (e) {
      throw new RangeError(`defineModel('${def.name}'): scenario '${s.name}': ${(e as Error).message}`);
    }
  }
  return Object.freeze(model);
}
