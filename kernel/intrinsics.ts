/**
 * The built-ins the kernel's own message path and error reporting use, captured when this module
 * loads (at kernel start, before any cell runs). Cells run in the kernel's realm and may replace
 * any built-in (`Array.prototype.map = null`, `JSON.stringify = null`); the kernel must still
 * answer and say what happened. Methods are "uncurried", called with their receiver first, as
 * Node's own primordials are, so nothing is looked up on a prototype at call time. Code using
 * these avoids `for...of` and spreading arrays (both go through `Array.prototype[Symbol.iterator]`).
 */
import { inspect as nodeInspect } from 'node:util';

const bind = Function.prototype.bind;
const call = Function.prototype.call;

/** `uncurry(Array.prototype.map)(xs, f)` is `xs.map(f)` as it was when the kernel started. */
function uncurry<This, Args extends unknown[], Result>(method: (this: This, ...args: Args) => Result): (self: This, ...args: Args) => Result {
  return bind.call(call, method) as (self: This, ...args: Args) => Result;
}

export const JSONStringify = JSON.stringify;
export const JSONParse = JSON.parse;
export const ObjectKeys = Object.keys;
export const ObjectDefineProperty = Object.defineProperty;
export const ObjectPrototypeHasOwnProperty = uncurry(Object.prototype.hasOwnProperty) as (self: object, key: PropertyKey) => boolean;
export const ReflectApply = Reflect.apply;

export const ArrayIsArray = Array.isArray;
export const ArrayPrototypeMap = uncurry(Array.prototype.map) as <T, U>(self: readonly T[], fn: (value: T, index: number) => U) => U[];
export const ArrayPrototypeFilter = uncurry(Array.prototype.filter) as <T>(self: readonly T[], fn: (value: T, index: number) => unknown) => T[];
export const ArrayPrototypeJoin = uncurry(Array.prototype.join) as (self: readonly unknown[], separator?: string) => string;
export const ArrayPrototypeSlice = uncurry(Array.prototype.slice) as <T>(self: readonly T[], start?: number, end?: number) => T[];
export const ArrayPrototypePush = uncurry(Array.prototype.push) as <T>(self: T[], ...items: T[]) => number;
export const ArrayPrototypeShift = uncurry(Array.prototype.shift) as <T>(self: T[]) => T | undefined;
export const ArrayPrototypeConcat = uncurry(Array.prototype.concat) as <T>(self: readonly T[], ...others: (readonly T[])[]) => T[];

/** With a string separator only (a RegExp one would be looked up: `Symbol.split`). */
export const StringPrototypeSplit = uncurry(String.prototype.split) as unknown as (self: string, separator: string) => string[];
export const StringPrototypeSlice = uncurry(String.prototype.slice);
export const StringPrototypeEndsWith = uncurry(String.prototype.endsWith);
export const RegExpPrototypeExec = uncurry(RegExp.prototype.exec);
/** `re.test(s)` looks `exec` up on the RegExp; this calls the captured one. Only for non-global RegExps. */
export function matches(re: RegExp, text: string): boolean {
  return RegExpPrototypeExec(re, text) !== null;
}
/** Every occurrence of a string, without RegExps (their `replace` looks up `Symbol.replace` and `exec`). */
export function replaceAll(text: string, search: string, replacement: string): string {
  return ArrayPrototypeJoin(StringPrototypeSplit(text, search), replacement);
}

export const BufferFrom = Buffer.from.bind(Buffer) as typeof Buffer.from;
export const BufferPrototypeEquals = uncurry(Buffer.prototype.equals) as (self: Buffer, other: Uint8Array) => boolean;
export const BufferPrototypeToString = uncurry(Buffer.prototype.toString) as (self: Buffer, encoding?: BufferEncoding) => string;
export const DatePrototypeToISOString = uncurry(Date.prototype.toISOString);
export const PromisePrototypeThen = uncurry(Promise.prototype.then) as <T, R>(
  self: Promise<T>,
  onFulfilled?: ((value: T) => R | PromiseLike<R>) | null,
  onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null,
) => Promise<R>;
type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
  timeoutMs: number,
) => { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
/** `Atomics.waitAsync` (Node has it; the project's TypeScript lib, ES2021, does not declare it). */
export const AtomicsWaitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;
export const SetPrototypeHas = uncurry(Set.prototype.has) as <T>(self: ReadonlySet<T>, value: T) => boolean;
export const SetPrototypeAdd = uncurry(Set.prototype.add) as <T>(self: Set<T>, value: T) => Set<T>;
export const SetPrototypeDelete = uncurry(Set.prototype.delete) as <T>(self: Set<T>, value: T) => boolean;
export const MapPrototypeGet = uncurry(Map.prototype.get) as <K, V>(self: ReadonlyMap<K, V>, key: K) => V | undefined;

/** Node's inspection uses Node's own primordials: safe whatever cells replaced. */
export const inspect = nodeInspect;
