import { describe, expect, it } from 'vitest';
import { factorOf, morris, saltelli, type Design } from '../../dist/src/experiments/designs';
import { morrisIndices, sobolIndices } from '../../dist/src/experiments/sensitivity';
import { ishigami, ishigamiIndices, sobolG, sobolGIndices, SOBOL_G_A } from '../../dist/src/engine/examples/testFunctions';
import type { ParameterSpec } from '../../dist/src/engine/model';

const unitFactor = (path: string, low = 0, high = 1) =>
  factorOf({ path, kind: 'number', min: low, max: high, default: low, unit: '', meaning: '', source: 'assumption' } as ParameterSpec);
const piFactors = ['x1', 'x2', 'x3'].map((p) => unitFactor(p, -Math.PI, Math.PI));

function evaluate(design: Design, f: (x: Float64Array) => number): Float64Array {
  const k = design.factors.length;
  const y = new Float64Array(design.size);
  const x = new Float64Array(k);
  for (let i = 0; i < design.size; i++) {
    for (let j = 0; j < k; j++) {
      const fct = design.factors[j];
      x[j] = fct.low + design.unit[i * k + j] * (fct.high - fct.low);
    }
    y[i] = f(x);
  }
  return y;
}

describe('analytic indices', () => {
  it('Ishigami (a = 7, b = 0.1) has the published indices', () => {
    const { firstOrder, total } = ishigamiIndices();
    expect(firstOrder.map((v) => +v.toFixed(4))).toEqual([0.3139, 0.4424, 0]);
    expect(total.map((v) => +v.toFixed(4))).toEqual([0.5576, 0.4424, 0.2437]);
  });
});

describe('Sobol indices (Saltelli 2010 S1, Jansen ST)', () => {
  it('recover the Ishigami indices with 2^13 base samples, intervals covering them', () => {
    const design = saltelli(piFactors, 2 ** 13);
    const y = evaluate(design, (x) => ishigami(x[0], x[1], x[2]));
    const res = sobolIndices(design, y, { resamples: 200, seed: 1 });
    const exact = ishigamiIndices();
    res.rows.forEach((row, i) => {
      expect(Math.abs(row.S1 - exact.firstOrder[i])).toBeLessThan(0.02);
      expect(Math.abs(row.ST - exact.total[i])).toBeLessThan(0.02);
      expect(row.S1Low).toBeLessThan(row.S1);
      expect(row.S1High).toBeGreaterThan(row.S1);
      expect(row.S1Low - 0.01).toBeLessThan(exact.firstOrder[i]);
      expect(row.S1High + 0.01).toBeGreaterThan(exact.firstOrder[i]);
      expect(row.STLow - 0.01).toBeLessThan(exact.total[i]);
      expect(row.STHigh + 0.01).toBeGreaterThan(exact.total[i]);
    });
    expect(res.variance).toBeCloseTo(exact.variance, 0);
    // Same seed, same intervals.
    expect(sobolIndices(design, y, { resamples: 200, seed: 1 })).toEqual(res);
  });

  it('recover the Sobol G indices from their closed form', () => {
    const factors = SOBOL_G_A.map((_, i) => unitFactor(`x${i + 1}`));
    const design = saltelli(factors, 2 ** 12);
    const y = evaluate(design, (x) => sobolG(x, SOBOL_G_A as unknown as number[]));
    const res = sobolIndices(design, y, { resamples: 0 });
    const exact = sobolGIndices(SOBOL_G_A as unknown as number[]);
    res.rows.forEach((row, i) => {
      expect(Math.abs(row.S1 - exact.firstOrder[i])).toBeLessThan(0.03);
      expect(Math.abs(row.ST - exact.total[i])).toBeLessThan(0.03);
    });
    expect(exact.firstOrder[0]).toBeGreaterThan(0.7);
  });

  it('refuses outputs that do not match the design or are not finite', () => {
    const design = saltelli(piFactors, 8);
    expect(() => sobolIndices(design, new Float64Array(3))).toThrow(/expected 40 outputs/);
    const y = new Float64Array(40).fill(1);
    y[5] = NaN;
    expect(() => sobolIndices(design, y)).toThrow(/output 5 is NaN/);
    expect(() => sobolIndices(design, new Float64Array(40).fill(2))).toThrow(/does not vary/);
  });
});

describe('Morris elementary effects', () => {
  it('give exact effects on a linear function and rank the Sobol G inputs by their a_i', () => {
    const lin = morris([unitFactor('a'), unitFactor('b'), unitFactor('c')], { trajectories: 10, seed: 2 });
    const y = evaluate(lin, (x) => 3 * x[0] - 2 * x[1]);
    const res = morrisIndices(lin, y, { seed: 2 });
    expect(res.rows.map((r) => +r.mu.toFixed(9))).toEqual([3, -2, 0]);
    expect(res.rows.map((r) => +r.muStar.toFixed(9))).toEqual([3, 2, 0]);
    expect(res.rows.map((r) => +r.sigma.toFixed(9))).toEqual([0, 0, 0]);

    const factors = SOBOL_G_A.map((_, i) => unitFactor(`x${i + 1}`));
    const d = morris(factors, { trajectories: 40, levels: 4, seed: 3, candidates: 80 });
    const g = morrisIndices(
      d,
      evaluate(d, (x) => sobolG(x, SOBOL_G_A as unknown as number[])),
      { seed: 3 },
    );
    const muStar = g.rows.map((r) => r.muStar);
    expect(muStar[0]).toBeGreaterThan(muStar[1]);
    expect(muStar[1]).toBeGreaterThan(muStar[2]);
    expect(muStar[2]).toBeGreaterThan(muStar[3]);
    for (let i = 4; i < 8; i++) expect(muStar[i]).toBeLessThan(0.1 * muStar[0]);
    g.rows.forEach((r) => {
      expect(r.muStarLow).toBeLessThanOrEqual(r.muStar);
      expect(r.muStarHigh).toBeGreaterThanOrEqual(r.muStar);
    });
  });
});
