/**
 * Seeds as users give them, checked before anything runs. A seed is a finite number or a string;
 * anything else (an object, null, a BigInt, a Symbol, NaN, Infinity) used to be turned into a
 * string silently, so `{}` and `{a: 1}` gave the same run. Now it fails, naming the field.
 */
import type { Seed } from './rng';

export function checkSeed(seed: unknown, field = 'seed'): Seed {
  if (typeof seed === 'string') return seed;
  if (typeof seed === 'number') {
    if (!Number.isFinite(seed)) throw new RangeError(`${field} must be a finite number or a string, got ${seed}`);
    return seed;
  }
  const what =
    seed === null
      ? 'null'
      : typeof seed === 'bigint'
        ? `the BigInt ${seed}n (write ${seed} without the n)`
        : typeof seed === 'symbol'
          ? `a Symbol (${seed.toString()})`
          : Array.isArray(seed)
            ? 'an array'
            : typeof seed === 'object'
              ? 'an object'
              : typeof seed;
  throw new TypeError(`${field} must be a finite number or a string, got ${what}`);
}
