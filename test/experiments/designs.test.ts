import { describe, expect, it } from 'vitest';
import {
  designPoint,
  designPoints,
  designSeed,
  factorOf,
  factorValue,
  fullFactorial,
  latinHypercube,
  morris,
  saltelli,
  sobolDesign,
} from '../../dist/src/experiments/designs';
import type { ParameterSpec } from '../../dist/src/engine/model';

const spec = (over: Partial<ParameterSpec> & { path: string; kind: ParameterSpec['kind'] }): ParameterSpec => ({
  default: 0,
  unit: '',
  meaning: '',
  source: 'assumption',
  ...over,
});
const rate = factorOf(spec({ path: 'rate', kind: 'number', min: 0, max: 10, explore: [2, 4] }));
const count = factorOf(spec({ path: 'count', kind: 'integer', min: 3, max: 9 }));
const flag = factorOf(spec({ path: 'flag', kind: 'boolean', default: true }));
const year = factorOf(spec({ path: 'year', kind: 'year', min: 1980, max: 1989 }));

describe('factors from parameter specs', () => {
  it('explore the explore range, else [min, max]; booleans are two levels', () => {
    expect(rate).toMatchObject({ low: 2, high: 4 });
    expect(count).toMatchObject({ low: 3, high: 9 });
    expect(factorValue(rate, 0.5)).toBe(3);
    expect([0, 0.49, 0.5, 1].map((u) => factorValue(flag, u))).toEqual([false, false, true, true]);
  });

  it('give each whole value an equal slice of the unit interval', () => {
    const hits = new Map<unknown, number>();
    for (let i = 0; i < 7000; i++) {
      const v = factorValue(count, (i + 0.5) / 7000);
      hits.set(v, (hits.get(v) ?? 0) + 1);
    }
    expect([...hits.entries()].sort((a, b) => (a[0] as number) - (b[0] as number))).toEqual([3, 4, 5, 6, 7, 8, 9].map((v) => [v, 1000]));
    expect(factorValue(count, 1)).toBe(9);
    expect(factorValue(year, 0)).toBe(1980);
  });

  it('refuse a number without a range, naming it', () => {
    expect(() => factorOf(spec({ path: 'loose', kind: 'number' }))).toThrow(/'loose' needs a range to explore/);
  });
});

describe('designs', () => {
  it('full factorial: every combination, last factor fastest', () => {
    const d = fullFactorial([flag, rate], 3);
    expect(designPoints(d)).toEqual([
      { flag: false, rate: 2 },
      { flag: false, rate: 3 },
      { flag: false, rate: 4 },
      { flag: true, rate: 2 },
      { flag: true, rate: 3 },
      { flag: true, rate: 4 },
    ]);
  });

  it('latin hypercube: one point per stratum in every factor, reproducible from its seed', () => {
    const d = latinHypercube([rate, count, year], 50, 7);
    for (let j = 0; j < 3; j++) {
      const strata = new Set<number>();
      for (let i = 0; i < 50; i++) strata.add(Math.floor(d.unit[i * 3 + j] * 50));
      expect(strata.size).toBe(50);
    }
    expect(Array.from(latinHypercube([rate, count, year], 50, 7).unit)).toEqual(Array.from(d.unit));
    expect(Array.from(latinHypercube([rate, count, year], 50, 8).unit)).not.toEqual(Array.from(d.unit));
  });

  it('sobol design maps the sequence onto the ranges', () => {
    const d = sobolDesign([rate, count], 4);
    expect(designPoint(d, 1)).toEqual({ rate: 3, count: 6 });
  });

  it('saltelli: A, B, then AB_i = A with column i from B; N must be a power of two', () => {
    const d = saltelli([rate, count, flag], 8);
    const k = 3;
    expect(d.size).toBe(8 * (k + 2));
    for (let r = 0; r < 8; r++) {
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          const expected = j === i ? d.unit[(8 + r) * k + j] : d.unit[r * k + j];
          expect(d.unit[((2 + i) * 8 + r) * k + j]).toBe(expected);
        }
      }
    }
    expect(() => saltelli([rate], 1000)).toThrow(/must be a power of two.*got 1000; try 512 or 1024/);
  });

  it('morris: trajectories of k + 1 grid points, each step moving one factor by ±delta', () => {
    const d = morris([rate, count, flag, year], { trajectories: 6, levels: 4, seed: 1 });
    const k = 4;
    expect(d.delta).toBeCloseTo(2 / 3);
    for (let t = 0; t < 6; t++) {
      const moved = new Set<number>();
      for (let s = 0; s < k; s++) {
        const f = d.changed[t * k + s];
        moved.add(f);
        for (let j = 0; j < k; j++) {
          const before = d.unit[(t * (k + 1) + s) * k + j];
          const after = d.unit[(t * (k + 1) + s + 1) * k + j];
          if (j === f) expect(after - before).toBeCloseTo(d.direction[t * k + s] * d.delta);
          else expect(after).toBe(before);
          expect(Math.round(after * 3) / 3).toBeCloseTo(after);
          expect(after).toBeGreaterThanOrEqual(0);
          expect(after).toBeLessThanOrEqual(1 + 1e-12);
        }
      }
      expect(moved.size).toBe(k);
    }
    expect(() => morris([rate], { levels: 5 })).toThrow(/levels p must be an even integer/);
  });

  it('morris with Campolongo selection keeps trajectories more spread out than the first r drawn', () => {
    const spread = (d: ReturnType<typeof morris>) => {
      const k = d.factors.length;
      let total = 0;
      for (let a = 0; a < d.trajectories; a++)
        for (let b = a + 1; b < d.trajectories; b++)
          for (let p = 0; p <= k; p++)
            for (let q = 0; q <= k; q++) {
              let s = 0;
              for (let j = 0; j < k; j++) s += (d.unit[(a * (k + 1) + p) * k + j] - d.unit[(b * (k + 1) + q) * k + j]) ** 2;
              total += Math.sqrt(s);
            }
      return total;
    };
    const plain = morris([rate, count, year], { trajectories: 5, seed: 4 });
    const chosen = morris([rate, count, year], { trajectories: 5, candidates: 40, seed: 4 });
    expect(spread(chosen)).toBeGreaterThan(spread(plain));
  });

  it('seeds depend only on (master, point, replicate)', () => {
    expect(designSeed(5, 3, 2)).toBe(designSeed(5, 3, 2));
    expect(designSeed(5, 3, 2)).not.toBe(designSeed(5, 2, 3));
    expect(designSeed(5, 3, 2, true)).toBe(designSeed(5, 9, 2, true));
  });
});
