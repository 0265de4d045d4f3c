/**
 * Option parsing shared by the model's commands (scenarios, simulate, targets, calibrate): small and
 * strict, so that a typo fails with a message naming the option and what it accepts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export class UsageError extends Error {}

export interface ParsedArgs {
  positional: string[];
  options: Map<string, string[]>;
  flags: Set<string>;
}

/** Splits `args` into positionals, `--name value` options (repeatable) and bare `--flags`. */
export function parseArgs(args: string[], valued: readonly string[], flags: readonly string[]): ParsedArgs {
  const out: ParsedArgs = { positional: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-h' && flags.includes('help')) {
      out.flags.add('help');
      continue;
    }
    if (/^-[A-Za-z]/.test(a)) throw new UsageError(`unknown option '${a}'; options are spelled --name (see --help)`);
    if (!a.startsWith('--')) {
      out.positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (flags.includes(name) && eq < 0) {
      out.flags.add(name);
    } else if (valued.includes(name)) {
      const value = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined) throw new UsageError(`option --${name} needs a value`);
      out.options.set(name, [...(out.options.get(name) ?? []), value]);
    } else {
      const known = [...valued.map((v) => `--${v}`), ...flags.map((f) => `--${f}`)].join(', ');
      throw new UsageError(`unknown option '${a}'; options: ${known}`);
    }
  }
  // A parameter set twice would silently take the last value: every command refuses it alike.
  const setPaths = (out.options.get('set') ?? []).map((s) => s.slice(0, Math.max(0, s.indexOf('='))).trim());
  const twice = setPaths.find((k, i) => k !== '' && setPaths.indexOf(k) !== i);
  if (twice) throw new UsageError(`--set ${twice} given twice; give it once`);
  return out;
}

/** `--seeds N`: a whole number of runs in [1, max]. */
export function parseSeeds(text: string | undefined, fallback: number, max = 100000): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isInteger(n) || n < 1 || n > max) {
    throw new UsageError(`--seeds must be a whole number of runs in [1, ${max}], got '${text}'`);
  }
  return n;
}

/**
 * `--format`, one of `allowed` (the first is the default, and the error lists them in this order).
 * With `jsonFlag`, the command also takes `--json`, which is `--format json` and cannot go with another.
 */
export function formatOption<F extends string>(p: ParsedArgs, allowed: readonly [F, ...F[]], jsonFlag = false): F {
  const given = single(p, 'format');
  if (jsonFlag && p.flags.has('json')) {
    if ((given ?? 'json') !== 'json') throw new UsageError(`--json is --format json; it cannot go with --format ${given}`);
    return 'json' as F;
  }
  const format = given ?? allowed[0];
  if (!(allowed as readonly string[]).includes(format)) {
    const names = allowed.length === 1 ? allowed[0] : `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}`;
    throw new UsageError(`--format must be ${names}, got '${format}'`);
  }
  return format as F;
}

export function single(p: ParsedArgs, name: string): string | undefined {
  const v = p.options.get(name);
  if (v && v.length > 1) throw new UsageError(`option --${name} given ${v.length} times; give it once`);
  return v?.[0];
}

/** Runs a command body, turning usage and range errors into a message, the usage and exit code 2. */
export async function guarded(command: string, help: string, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof UsageError || e instanceof RangeError || e instanceof TypeError) {
      // Library errors that start with the command's own name ("compare: ...") say it once.
      const message = (e as Error).message.replace(new RegExp(`^${command}: `), '');
      // Only the usage (the help up to its first blank line): a long help would scroll the message out of sight.
      const usage = help.split(/\n\s*\n/)[0];
      process.stderr.write(`clusterlab ${command}: ${message}\n${usage}\nRun \`clusterlab ${command} --help\` for every option.\n`);
      return 2;
    }
    throw e;
  }
}

/** A whole-number option `--name N` within [min, max], or `fallback` when absent. */
export function wholeOption(p: ParsedArgs, name: string, fallback: number, min: number, max: number): number {
  return optionalWhole(p, name, min, max) ?? fallback;
}

/** A whole-number option `--name N` within [min, max], or undefined when absent (the callee's default applies). */
export function optionalWhole(p: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const text = single(p, name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || n < min || n > max) throw new UsageError(`--${name} must be a whole number in [${min}, ${max}], got '${text}'`);
  return n;
}

/** `--seed`: a whole number, or any other text used as a string seed; 0 when absent. */
export function seedOption(p: ParsedArgs): number | string {
  const text = single(p, 'seed');
  return text === undefined ? 0 : seedOf(text);
}

/** A seed as typed: a whole number is a number (the same seed as in a library call), anything else a string. */
export function seedOf(text: string): number | string {
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** A comma-separated list option (`--params a,b`), or undefined when absent; given, it must name something. */
export function listOption(p: ParsedArgs, name: string): string[] | undefined {
  const text = single(p, name);
  if (text === undefined) return undefined;
  const list = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // An empty list would silently mean the default; say so instead.
  if (list.length === 0) throw new UsageError(`--${name} lists nothing, got '${text}'; give a comma-separated list, or leave it out for the default`);
  return list;
}

/** `--draws`, `--seeds`, `--workers`, `--seed` of the commands that run posterior draws x seeds (a seed as `seedOption` reads it). */
export function drawOptions(p: ParsedArgs, cpus: number): { draws: number; seeds: number; workers: number; seed: number | string } {
  return {
    draws: wholeOption(p, 'draws', 20, 1, 10_000),
    seeds: wholeOption(p, 'seeds', 5, 1, 10_000),
    workers: wholeOption(p, 'workers', Math.min(2, cpus), 1, 64),
    seed: seedOption(p),
  };
}

/** Formats a number for tables: integers as is, others to 4 significant digits. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  return Number(v.toPrecision(4)).toString();
}

/**
 * Checks `--out` before any work is done, so that a long run is not lost at the end: `kind` 'file'
 * must not be an existing folder, 'folder' not an existing file, and the nearest existing parent
 * must be a folder (missing parents are created when writing).
 */
export function checkOutPath(option: string, target: string, kind: 'file' | 'folder'): void {
  const full = path.resolve(target);
  if (fs.existsSync(full) && fs.statSync(full).isDirectory() !== (kind === 'folder'))
    throw new UsageError(`${option} ${target} is ${kind === 'file' ? 'a folder; give a file name' : 'a file; give a folder'}`);
  let parent = path.dirname(full);
  while (!fs.existsSync(parent)) parent = path.dirname(parent);
  if (!fs.statSync(parent).isDirectory()) throw new UsageError(`${option} ${target}: ${parent} is a file, not a folder`);
}
