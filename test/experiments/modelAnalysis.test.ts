import { describe, expect, it } from 'vitest';
import { calibrateModel, modelSensitivity, runDesign, selectFactors } from '../../dist/src/experiments/modelAnalysis';
import { latinHypercube } from '../../dist/src/experiments/designs';
import { parseOutcome, outcomeValue } from '../../dist/src/experiments/outcome';
import { ishigami, ishigamiIndices } from '../../dist/src/engine/examples/testFunctions';
import { Recorder } from '../../dist/src/engine/recorder';
import { createRng } from '../../dist/src/engine/rng';
import type { ModelDefinition, ParameterSpec } from '../../dist/src/engine/model';

const param = (path: string, over: Partial<ParameterSpec> = {}): ParameterSpec => ({
  path,
  kind: 'number',
  min: -Math.PI,
  max: Math.PI,
  default: 0,
  unit: '',
  meaning: path,
  source: 'assumption',
  ...over,
});

/** Ishigami as a one-year model, as a user would define it against the model interface. */
const ishigamiModel: ModelDefinition = {
  name: 'ishigami-test',
  description: 'Ishigami and Homma (1990)',
  years: [0, 0],
  parameters: [param('x1'), param('x2'), param('x3'), param('unused', { kind: 'boolean', default: false, min: undefined, max: undefined })],
  metrics: [{ name: 'y', label: 'y', unit: '' }],
  run(p, seed) {
    const rec = new Recorder({ startYear: 0, endYear: 0, metrics: ['y'] });
    rec.record('y', 0, ishigami(p.x1 as number, p.x2 as number, p.x3 as number));
    return { record: rec.toRecord(seed) };
  },
};

/** A noisy series: level mu plus normal noise (sd 0.2) in 2001; grows by `rate` a year. */
const noisyModel: ModelDefinition = {
  name: 'noisy',
  description: 'level plus noise',
  years: [2000, 2004],
  parameters: [
    param('mu', { min: -3, max: 3 }),
    param('rate', { min: 0, max: 2, default: 1 }),
    param('steps', { kind: 'integer', min: 1, max: 4, default: 2 }),
  ],
  metrics: [{ name: 'level', label: 'level', unit: '' }],
  run(p, seed) {
    const rng = createRng(seed);
    const rec = new Recorder({ startYear: 2000, endYear: 2004, metrics: ['level'] });
    for (let y = 2000; y <= 2004; y++) rec.record('level', y, (p.mu as number) + (p.rate as number) * (y - 2000) + 0.2 * rng.normal());
    return { record: rec.toRecord(seed) };
  },
};

describe('outcomes', () => {
  it('read a year, a reducer or a take-off year from a run', () => {
    const r = noisyModel.run({ mu: 0, rate: 1, steps: 2 }, 1).record;
    expect(outcomeValue(parseOutcome('level@2003'), r)).toBe(r.values[3]);
    expect(outcomeValue(parseOutcome('level:max'), r)).toBe(Math.max(...r.values));
    expect(outcomeValue(parseOutcome('level'), r)).toBe(r.values[4]);
    expect(outcomeValue(parseOutcome('level:firstYearAbove=2.5'), r)).toBe(2003);
    expect(outcomeValue(parseOutcome('level:firstYearAbove=99'), r)).toBe(2005);
    expect(() => parseOutcome('level:median')).toThrow(/reducer must be one of final, max/);
  });
});

describe('sensitivity of a model', () => {
  it('Sobol indices of the Ishigami model match the analytic ones', () => {
    const res = modelSensitivity(ishigamiModel, { method: 'sobol', params: ['x1', 'x2', 'x3'], outcome: 'y@0', samples: 2048, seed: 1, resamples: 50 });
    const exact = ishigamiIndices();
    expect(res.method).toBe('sobol');
    if (res.method !== 'sobol') return;
    res.rows.forEach((row, i) => {
      expect(Math.abs(row.S1 - exact.firstOrder[i])).toBeLessThan(0.05);
      expect(Math.abs(row.ST - exact.total[i])).toBeLessThan(0.05);
    });
    expect(res.outcome).toBe('y@0');
    expect(res.label).toBe('ishigami-test');
  });

  it('Morris finds the inert boolean inert, and explains bad input', () => {
    const res = modelSensitivity(ishigamiModel, { method: 'morris', params: ['x1', 'x2', 'x3', 'unused'], outcome: 'y', samples: 20, seed: 2 });
    expect(res.rows.map((r) => r.parameter)).toEqual(['x1', 'x2', 'x3', 'unused']);
    if (res.method !== 'morris') return;
    expect(res.rows[3].muStar).toBe(0);
    expect(res.rows[0].muStar).toBeGreaterThan(1);
    expect(() => modelSensitivity(ishigamiModel, { method: 'sobol', params: ['x9'], outcome: 'y' })).toThrow(
      /unknown parameter 'x9' of model 'ishigami-test'; parameters: x1, x2, x3, unused/,
    );
    const x = ['x1', 'x2'];
    expect(() => modelSensitivity(ishigamiModel, { method: 'sobol', params: x, outcome: 'z' })).toThrow(/unknown metric 'z'; metrics: y/);
    expect(() => modelSensitivity(ishigamiModel, { method: 'sobol', params: x, outcome: 'y@3' })).toThrow(/year must be in 0..0/);
    expect(() => modelSensitivity(ishigamiModel, { method: 'sobol', params: x, outcome: 'y', samples: 100 })).toThrow(/power of two.*try 64 or 128/);
    expect(() => modelSensitivity(ishigamiModel, { method: 'sobol', outcome: 'y' })).toThrow(/marks no parameter to explore; name them/);
  });

  it('takes a range of its own per parameter, inside its bounds', () => {
    const [f] = selectFactors(noisyModel, ['rate=0.5:1.5']);
    expect(f).toMatchObject({ path: 'rate', low: 0.5, high: 1.5 });
    expect(() => selectFactors(noisyModel, ['rate=0.5:3'])).toThrow(/'rate': range must be low:high with 0 <= low <= high <= 2/);
    expect(() => selectFactors(noisyModel, ['rate=abc'])).toThrow(/got 'abc'/);
  });

  it('runs each design point with seeds of its own, whatever the shard or order', () => {
    const design = latinHypercube(selectFactors(noisyModel, ['mu', 'steps']), 12, 3);
    const run = (start?: number, end?: number) =>
      Array.from(runDesign(noisyModel, design, { outcomes: ['level@2001', 'level:max'], replicates: 3, seed: 8, start, end }));
    const all = run();
    expect(all.length).toBe(24);
    expect([...run(8, 12), ...run(0, 5), ...run(5, 8)]).toEqual([...all.slice(16), ...all.slice(0, 16)]);
    expect(run()).toEqual(all);
    expect(() => run(5, 13)).toThrow(/0 <= start < end <= 12, got 5..13/);
  });
});

describe('ABC calibration of a model', () => {
  it('recovers the level from an observed value (flat prior: posterior N(observed, 0.2²))', () => {
    const options = {
      targets: [{ outcome: 'level@2000', observed: 1, scale: 0.2 }],
      params: ['mu'],
      seed: 4,
      particles: 300,
      generations: 6,
      maxSimulations: 30000,
    };
    const cal = calibrateModel(noisyModel, options);
    const [row] = cal.summary;
    expect(Math.abs(row.mean - 1)).toBeLessThan(0.05);
    expect(row.sd).toBeGreaterThan(0.15);
    expect(row.sd).toBeLessThan(0.27);
    expect(cal.predictive.coverage).toBe(1);
    expect(calibrateModel(noisyModel, options).posterior.draws).toEqual(cal.posterior.draws);
    const rej = calibrateModel(noisyModel, { ...options, method: 'rejection', samples: 4000, acceptFraction: 0.1 });
    expect(Math.abs(rej.summary[0].mean - 1)).toBeLessThan(0.05);
    expect(() => calibrateModel(noisyModel, { ...options, params: ['nope'] })).toThrow(/unknown parameter 'nope'/);
  });
});
