import { describe, expect, it } from 'vitest';
import { calibrateAbc, sensitivity } from '../../dist/src/index';
import { ishigamiIndices } from '../../dist/src/engine/examples/testFunctions';

describe('sensitivity and calibrateAbc on models by name', () => {
  it('gives the same indices for an outcome alone or among several read from the same runs', () => {
    const one = sensitivity('ishigami', { method: 'sobol', outcome: 'y@0', samples: 512, seed: 3, resamples: 20 });
    const [again, max] = sensitivity('ishigami', { method: 'sobol', outcome: ['y@0', 'y:max'], samples: 512, seed: 3, resamples: 20 });
    expect(again).toEqual(one);
    expect(max.outcome).toBe('y:max');
    expect(max.rows.map((r) => r.S1)).toEqual(one.rows.map((r) => r.S1));
    const exact = ishigamiIndices();
    one.rows.forEach((r, i) => {
      expect(Math.abs(r.ST - exact.total[i])).toBeLessThan(0.08);
    });
    expect(one.label).toBe('ishigami');
  });

  it('varies parameters around the values set, and labels scenarios', () => {
    // With x1 fixed at 0, y = 7 sin² x2: x2 explains everything.
    const res = sensitivity('ishigami', { method: 'morris', params: ['x2', 'x3'], set: { x1: 0 }, outcome: 'y@0', samples: 10, seed: 1 });
    expect(res.rows[1].muStar).toBe(0);
    expect(res.rows[0].muStar).toBeGreaterThan(1);
    const salmon = sensitivity('salmon/no-state', {
      method: 'morris',
      params: ['market.requirement=0.45:0.65'],
      outcome: 'exportTonnes@2000',
      samples: 2,
      seed: 1,
    });
    expect(salmon.label).toBe('salmon/no-state');
  });

  it('calibrates a model by name and reports its fingerprint', () => {
    const cal = calibrateAbc('ishigami', {
      params: ['x2'],
      set: { x1: 0 },
      targets: [{ outcome: 'y@0', observed: 3.5, scale: 0.3 }],
      particles: 60,
      generations: 2,
      seed: 2,
    });
    expect(cal.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(cal.posterior.parameters).toEqual(['x2']);
    expect(cal.predictive.coverage).toBe(1);
  });
});
