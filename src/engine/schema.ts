/**
 * A model's parameter schema at work: reading overrides in every form users write them (flat
 * dotted paths, nested objects, `path=value` text), parsing text strictly, and checking each value
 * against its spec so that a wrong one fails naming the field, the value and what is allowed.
 */
import type { Overrides, ParameterSpec, ParamValue } from './model';
import { didYouMean } from './closest';

/** What a parameter accepts, in words: "a number in [0, 0.8]", "one of a, b", "true or false". */
export function allowedText(spec: ParameterSpec): string {
  switch (spec.kind) {
    case 'boolean':
      return 'true or false';
    case 'choice':
      return `one of ${(spec.choices ?? []).join(', ')}`;
    case 'number':
      return `a number in [${spec.min ?? '-inf'}, ${spec.max ?? 'inf'}]`;
    default:
      return `an integer in [${spec.min ?? '-inf'}, ${spec.max ?? 'inf'}]`;
  }
}

function show(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'function') return 'a function';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Checks one value against its spec; throws a RangeError naming path, value and the allowed range. */
export function checkValue(spec: ParameterSpec, value: unknown): ParamValue {
  const { path } = spec;
  if (spec.kind === 'boolean') {
    if (typeof value !== 'boolean') throw new RangeError(`parameter '${path}' = ${show(value)} is invalid: must be true or false`);
    return value;
  }
  if (spec.kind === 'choice') {
    if (typeof value !== 'string' || !(spec.choices ?? []).includes(value)) {
      throw new RangeError(`parameter '${path}' = ${show(value)} is invalid: must be ${allowedText(spec)}`);
    }
    return value;
  }
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (spec.min === undefined || value >= spec.min) &&
    (spec.max === undefined || value <= spec.max) &&
    (spec.kind === 'number' || Number.isInteger(value));
  if (!ok) throw new RangeError(`parameter '${path}' = ${show(value)} is out of range: must be ${allowedText(spec)} (${spec.unit})`);
  return value as number;
}

/** Plain decimal notation only: `2`, `-0.5`, `.25`, `1e6`. No hexadecimal, binary, NaN or Infinity. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Parses a value written as text (a command line, a widget) for `spec`, strictly. */
export function parseText(spec: ParameterSpec, text: string): ParamValue {
  const t = text.trim();
  const { path } = spec;
  if (spec.kind === 'boolean') {
    if (t === 'true' || t === '1' || t === 'on') return true;
    if (t === 'false' || t === '0' || t === 'off') return false;
    throw new RangeError(`parameter '${path}' = '${text}' is invalid: must be true or false`);
  }
  if (spec.kind === 'choice') return checkValue(spec, t);
  if (!DECIMAL.test(t))
    throw new RangeError(`parameter '${path}' = '${text}' is not a number: must be ${allowedText(spec)} (${spec.unit}), written in decimal`);
  return checkValue(spec, Number(t));
}

/** The error for a path the schema does not have: the paths of the same group, or all of them. */
export function unknownPath(path: string, specs: readonly ParameterSpec[], modelName: string): RangeError {
  const head = path.split('.')[0];
  const same = specs.filter((s) => s.path.startsWith(head + '.')).map((s) => s.path);
  let hint: string;
  if (same.length > 0) hint = `Parameters under '${head}': ${same.join(', ')}.`;
  else if (specs.length <= 24) hint = `Parameters: ${specs.map((s) => s.path).join(', ') || '(none)'}.`;
  else hint = `Top-level groups: ${[...new Set(specs.map((s) => s.path.split('.')[0]))].join(', ')}.`;
  const guess = didYouMean(
    path,
    specs.map((s) => s.path),
  );
  return new RangeError(`unknown parameter '${path}' for model '${modelName}'${guess}. ${hint}`);
}

/**
 * Overrides as [path, raw value] pairs: `['path=value']` (text, parsed by the caller), a flat
 * object by dotted path, or a nested object (`{ mechanisms: { association: false } }`).
 */
export function overridePairs(overrides: Overrides | undefined): [string, unknown, boolean][] {
  if (overrides === undefined || overrides === null) return [];
  if (Array.isArray(overrides)) {
    return (overrides as readonly unknown[]).map((item) => {
      if (typeof item !== 'string') throw new TypeError(`overrides: a list must hold 'path=value' strings, got ${show(item)}`);
      const eq = item.indexOf('=');
      if (eq <= 0) throw new RangeError(`--set expects path=value (e.g. mechanisms.association=false), got '${item}'`);
      return [item.slice(0, eq).trim(), item.slice(eq + 1), true];
    });
  }
  if (typeof overrides !== 'object') throw new TypeError(`overrides must be an object by dotted path or a list of 'path=value', got ${show(overrides)}`);
  const out: [string, unknown, boolean][] = [];
  const walk = (prefix: string, obj: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(obj)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) walk(path, value as Record<string, unknown>);
      else out.push([path, value, false]);
    }
  };
  walk('', overrides as Record<string, unknown>);
  return out;
}
