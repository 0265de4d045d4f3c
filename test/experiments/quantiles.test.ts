import { describe, expect, it } from 'vitest';
import { createRng } from '../../dist/src/engine';
import { quantileSorted, summarizeRuns } from '../../dist/src/experiments';

/** Type-7 quantile the slow, obvious way: sort a fresh copy, interpolate by position. */
function bruteQuantile(values: number[], p: number): number {
  const s = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const pos = p * (s.length - 1);
  const below = s[Math.floor(pos)];
  const above = s[Math.ceil(pos)];
  return below + (above - below) * (pos - Math.floor(pos));
}

describe('quantile summaries', () => {
  it('match known order statistics', () => {
    const xs = Float64Array.from({ length: 101 }, (_, i) => i + 1);
    expect(quantileSorted(xs, 0.5)).toBe(51);
    expect(quantileSorted(xs, 0.05)).toBe(6);
    expect(quantileSorted(xs, 0.95)).toBe(96);
    expect(quantileSorted([1, 2], 0.5)).toBe(1.5);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it('match a brute-force sort on random runs with missing values', () => {
    const rng = createRng('quantiles');
    const years = [2000, 2001, 2002, 2003];
    const metrics = ['a', 'b', 'c'];
    const runs = Array.from({ length: 37 }, (_, r) => {
      const values = new Float64Array(metrics.length * years.length);
      for (let i = 0; i < values.length; i++) values[i] = rng.bernoulli(0.1) ? NaN : rng.normal(i, 3) + (rng.bernoulli(0.2) ? 1 : 0);
      return { seed: r, years, metrics, values, events: [] };
    });
    const summary = summarizeRuns(runs);
    expect(summary.length).toBe(12);
    for (const row of summary) {
      const m = metrics.indexOf(row.metric);
      const y = years.indexOf(row.year);
      const column = runs.map((r) => r.values[m * years.length + y]);
      expect(row.n).toBe(column.filter((v) => !Number.isNaN(v)).length);
      expect(row.median).toBeCloseTo(bruteQuantile(column, 0.5), 12);
      expect(row.p05).toBeCloseTo(bruteQuantile(column, 0.05), 12);
      expect(row.p95).toBeCloseTo(bruteQuantile(column, 0.95), 12);
    }
  });

  it('refuses runs that do not line up', () => {
    const a = { seed: 1, years: [1, 2], metrics: ['x'], values: new Float64Array(2), events: [] };
    const b = { seed: 2, years: [1, 2], metrics: ['y'], values: new Float64Array(2), events: [] };
    expect(() => summarizeRuns([a, b])).toThrow(/seed 2 has different years or metrics/);
  });
});
