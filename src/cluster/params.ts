/**
 * Parameter values of the second cluster model: defaults from the schema, user overrides checked
 * against it (a wrong path or value fails naming the path and the allowed range), and the nested,
 * read-only form processes read (`cfg.market.requirement`). Nested groups throw on unknown keys,
 * so a misspelt name in a process fails at once instead of yielding NaN.
 */
import type { Overrides, ParameterSpec, ParamValue, ParamValues } from '../engine/model';

function parseText(spec: ParameterSpec, text: string): unknown {
  if (spec.kind === 'boolean') {
    if (text === 'true') return true;
    if (text === 'false') return false;
    return text;
  }
  if (spec.kind === 'choice') return text;
  const n = Number(text);
  return text.trim() === '' ? text : n;
}

/** Checks one value against its spec; returns it typed or throws naming the field and the range. */
export function checkValue(spec: ParameterSpec, value: unknown): ParamValue {
  const where = `parameter '${spec.path}'`;
  if (spec.kind === 'boolean') {
    if (typeof value !== 'boolean') throw new RangeError(`${where} must be true or false, got ${JSON.stringify(value)}`);
    return value;
  }
  if (spec.kind === 'choice') {
    if (typeof value !== 'string' || !spec.choices?.includes(value)) {
      throw new RangeError(`${where} must be one of ${spec.choices?.join(', ')}, got ${JSON.stringify(value)}`);
    }
    return value;
  }
  const range = `[${spec.min}, ${spec.max}] ${spec.unit}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`${where} must be a number in ${range}, got ${JSON.stringify(value)}`);
  if ((spec.kind === 'integer' || spec.kind === 'year') && !Number.isInteger(value)) {
    throw new RangeError(`${where} must be an integer in ${range}, got ${value}`);
  }
  if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
    throw new RangeError(`${where} must be in ${range}, got ${value}`);
  }
  return value;
}

/** Complete values: the schema's defaults with the overrides applied (objects or `path=value` strings). */
export function resolveParams(specs: readonly ParameterSpec[], ...overrides: (Overrides | undefined)[]): ParamValues {
  const byPath = new Map(specs.map((s) => [s.path, s]));
  const out: Record<string, ParamValue> = {};
  for (const s of specs) out[s.path] = s.default;
  for (const o of overrides) {
    if (!o) continue;
    const pairs: [string, unknown][] = Array.isArray(o)
      ? (o as readonly string[]).map((t) => {
          const eq = t.indexOf('=');
          if (eq < 1) throw new RangeError(`override '${t}' must read path=value`);
          return [t.slice(0, eq).trim(), t.slice(eq + 1).trim()];
        })
      : Object.entries(o as Record<string, unknown>);
    for (const [path, raw] of pairs) {
      const spec = byPath.get(path);
      if (!spec) throw new RangeError(`unknown parameter '${path}'; see the model's parameters for the allowed paths`);
      out[path] = checkValue(spec, typeof raw === 'string' ? parseText(spec, raw) : raw);
    }
  }
  return out;
}

/** Checks that complete values match the schema (every path present and in range). */
export function validateValues(specs: readonly ParameterSpec[], values: ParamValues): void {
  for (const s of specs) {
    if (!(s.path in values)) throw new RangeError(`parameter '${s.path}' is missing`);
    checkValue(s, values[s.path]);
  }
  for (const path of Object.keys(values)) {
    if (!specs.some((s) => s.path === path)) throw new RangeError(`unknown parameter '${path}'`);
  }
}

export type Group = { readonly [name: string]: number };
export type Switches = Readonly<Record<string, boolean>>;

export interface Cfg {
  mechanisms: Switches;
  start: { readonly established: boolean; readonly year: number };
  state: Group;
  entry: Group;
  practices: Group;
  perception: Group;
  association: Group;
  market: Group;
  firm: Group;
  suppliers: Group;
  foreign: Group;
  imitation: Group;
  agglomeration: Group;
  services: Group;
  disease: Group;
  consolidation: Group;
}

function strict<T extends object>(group: string, o: T): T {
  return new Proxy(o, {
    get(target, key) {
      if (typeof key === 'string' && !(key in target)) throw new RangeError(`cluster model: no parameter '${group}.${key}'`);
      return (target as Record<string | symbol, unknown>)[key];
    },
  });
}

/** A dotted path split once into its group and its name in the group (the paths are the schemas', so the map stays small). */
const splitPaths = new Map<string, { group: string; name: string }>();

function splitPath(path: string): { group: string; name: string } {
  let split = splitPaths.get(path);
  if (!split) {
    const dot = path.indexOf('.');
    split = { group: path.slice(0, dot), name: path.slice(dot + 1) };
    splitPaths.set(path, split);
  }
  return split;
}

/**
 * The nested form of flat values, groups read-only. With `strict`, groups are proxies that throw
 * on a name the schema does not have (tests run once that way to catch a misspelt name); without,
 * plain frozen objects, because a proxy read costs too much in the yearly loops.
 */
export function nest(values: ParamValues, strictNames = false): Cfg {
  const groups: Record<string, Record<string, ParamValue>> = {};
  // for-in and the split cache, not Object.entries and slices: nesting runs once per model run.
  for (const path in values) {
    const { group, name } = splitPath(path);
    (groups[group] ??= {})[name] = values[path];
  }
  for (const g in groups) groups[g] = strictNames ? strict(g, Object.freeze(groups[g])) : Object.freeze(groups[g]);
  return (strictNames ? strict('', groups) : Object.freeze(groups)) as unknown as Cfg;
}

interface Nested {
  cfg: Cfg;
  strictNames: boolean;
  paths: string[];
  snapshot: ParamValue[];
}

/** The nested form last made of each values object, with the values it was made from. */
const nestedOf = new WeakMap<ParamValues, Nested>();

/** Frozen values (the model's `resolve` gives them) cannot change; others are compared path by path. */
function unchanged(values: ParamValues, n: Nested): boolean {
  if (Object.isFrozen(values)) return true;
  for (let i = 0; i < n.paths.length; i++) if (values[n.paths[i]] !== n.snapshot[i]) return false;
  return true;
}

/**
 * `nest`, made once per values object: a sweep or an ensemble runs the same values object for
 * every replicate, and nesting cost a tenth of a tomato run. Unfrozen values are compared with
 * those nested before (one whose values changed is nested afresh; a path added later is not seen,
 * and no process reads one), and the Cfg is frozen, so sharing it between runs changes nothing
 * they compute.
 */
export function nestOnce(values: ParamValues, strictNames = false): Cfg {
  const known = nestedOf.get(values);
  if (known && known.strictNames === strictNames && unchanged(values, known)) return known.cfg;
  const cfg = nest(values, strictNames);
  const paths: string[] = [];
  const snapshot: ParamValue[] = [];
  for (const path in values) {
    paths.push(path);
    snapshot.push(values[path]);
  }
  nestedOf.set(values, { cfg, strictNames, paths, snapshot });
  return cfg;
}
