import { describe, expect, it } from 'vitest';
import { directionNumbers, joeKuoRow, sobolPoints, SOBOL_MAX_DIMENSIONS } from '../../dist/src/experiments/sobolSequence';

/** x^s + a_1 x^(s-1) + ... + a_(s-1) x + 1 as bits, multiplied modulo itself, to test primitivity. */
function isPrimitive(s: number, a: number): boolean {
  const poly = (1 << s) | (a << 1) | 1;
  const mulmod = (x: number, y: number) => {
    let r = 0;
    while (y) {
      if (y & 1) r ^= x;
      y >>= 1;
      x <<= 1;
      if ((x >> s) & 1) x ^= poly;
    }
    return r;
  };
  const pow = (e: number) => {
    let r = 1;
    let base = 2;
    while (e) {
      if (e & 1) r = mulmod(r, base);
      base = mulmod(base, base);
      e = Math.floor(e / 2);
    }
    return r;
  };
  const order = 2 ** s - 1;
  if (pow(order) !== 1) return false;
  let n = order;
  for (let q = 2; q * q <= n; q++) {
    if (n % q === 0) {
      if (pow(order / q) === 1) return false;
      while (n % q === 0) n /= q;
    }
  }
  return n === 1 || pow(order / n) !== 1;
}

describe('Sobol sequence (Joe and Kuo 2008 direction numbers)', () => {
  it('gives the known first points of dimensions 1-3 (scipy.stats.qmc.Sobol, unscrambled)', () => {
    const p = sobolPoints(8, 3);
    const rows = Array.from({ length: 8 }, (_, i) => Array.from(p.subarray(i * 3, i * 3 + 3)));
    expect(rows).toEqual([
      [0, 0, 0],
      [0.5, 0.5, 0.5],
      [0.75, 0.25, 0.25],
      [0.25, 0.75, 0.75],
      [0.375, 0.375, 0.625],
      [0.875, 0.875, 0.125],
      [0.625, 0.125, 0.875],
      [0.125, 0.625, 0.375],
    ]);
  });

  it('has a typed-in table whose polynomials are primitive, distinct, and whose m_k are odd and below 2^k', () => {
    const seen = new Set<string>();
    for (let d = 1; d < SOBOL_MAX_DIMENSIONS; d++) {
      const { s, a, m } = joeKuoRow(d);
      expect(m.length).toBe(s);
      m.forEach((mk, k) => {
        expect(mk % 2).toBe(1);
        expect(mk).toBeLessThan(2 ** (k + 1));
      });
      expect(isPrimitive(s, a), `dimension ${d + 1}`).toBe(true);
      expect(seen.has(`${s}/${a}`)).toBe(false);
      seen.add(`${s}/${a}`);
    }
    expect(SOBOL_MAX_DIMENSIONS).toBeGreaterThanOrEqual(128);
  });

  it('stratifies every dimension: each run of 2^m points from 0 has one point in each interval of width 2^-m', () => {
    const dims = SOBOL_MAX_DIMENSIONS;
    const n = 256;
    const p = sobolPoints(n, dims);
    for (let d = 0; d < dims; d++) {
      const hits = new Uint8Array(n);
      for (let i = 0; i < n; i++) hits[Math.floor(p[i * dims + d] * n)]++;
      expect(
        hits.every((h) => h === 1),
        `dimension ${d + 1}`,
      ).toBe(true);
    }
  });

  it('skips to any index with the same points as generating from the start', () => {
    const all = sobolPoints(1000, 7);
    const tail = sobolPoints(300, 7, 700);
    expect(Array.from(tail)).toEqual(Array.from(all.subarray(700 * 7)));
  });

  it('builds direction numbers from the recurrence (dimension 2: m = 1, 3, 5, 15, 17, 51 ...)', () => {
    // For x^2 + x + 1 the recurrence m_k = 2 m_(k-1) ^ 4 m_(k-2) ^ m_(k-2) from m = 1, 3 gives these.
    const v = directionNumbers(1);
    const m = Array.from(v.subarray(0, 6), (x, k) => x / 2 ** (31 - k));
    expect(m).toEqual([1, 3, 5, 15, 17, 51]);
  });

  it('rejects impossible requests with the allowed range', () => {
    expect(() => sobolPoints(10, 0)).toThrow(/dimensions must be an integer in 1\.\./);
    expect(() => sobolPoints(10, SOBOL_MAX_DIMENSIONS + 1)).toThrow(/dimensions/);
    expect(() => sobolPoints(0, 2)).toThrow(/count must be an integer >= 1/);
  });
});
