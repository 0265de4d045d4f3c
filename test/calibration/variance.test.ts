import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng, getModel } from '../../dist/src/index';
import { factMiss, predictiveVariance, varianceParts } from '../../dist/src/calibration/variance';
import { scoredFacts } from '../../dist/src/calibration/facts';
import { LOSS_CAP } from '../../dist/src/calibration/pipeline';

const BIN = path.resolve(__dirname, '../../bin/clusterlab.js');

/** D draws x S runs of x = theta + noise, theta uniform on [0, 1) (variance 1/12), noise normal with sd `sd`. */
function simulated(draws: number, perDraw: number, sd: number, seed: string): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(draws * perDraw);
  for (let d = 0; d < draws; d++) {
    const theta = rng.uniform();
    for (let s = 0; s < perDraw; s++) out[d * perDraw + s] = theta + sd * rng.normal();
  }
  return out;
}

describe('varianceParts: the law of total variance over draws and seeds', () => {
  it('recovers the parametric share of a model whose split is known in closed form', () => {
    // Var(theta) = 1/12 and noise variance 1/12: half the variance is the parameter's.
    const half = varianceParts(simulated(4000, 5, Math.sqrt(1 / 12), 'half'), 5);
    expect(half.share).toBeGreaterThan(0.47);
    expect(half.share).toBeLessThan(0.53);
    expect(half.within).toBeCloseTo(1 / 12, 2);
    expect(half.between).toBeCloseTo(1 / 12, 2);
    // Noise variance 3/12: a quarter.
    const quarter = varianceParts(simulated(4000, 5, Math.sqrt(3 / 12), 'quarter'), 5);
    expect(quarter.share).toBeGreaterThan(0.22);
    expect(quarter.share).toBeLessThan(0.28);
    // No noise: all of it.
    expect(varianceParts(simulated(50, 3, 0, 'none'), 3).share).toBeCloseTo(1, 10);
  });

  it('does not credit the parameters with the noise of a mean of few runs', () => {
    // The same distribution for every draw: a draw's mean of 3 runs still varies (by 1/3 of the
    // noise), which the uncorrected estimate would call a share of 1/4.
    const rng = createRng('flat');
    const flat = Float64Array.from({ length: 3000 * 3 }, () => rng.normal());
    expect(varianceParts(flat, 3).share).toBeLessThan(0.03);
  });

  it('resamples draws by index, and refuses what cannot be split', () => {
    const x = simulated(20, 4, 0.3, 'pick');
    expect(
      varianceParts(
        x,
        4,
        Int32Array.from({ length: 20 }, (_, i) => i),
      ),
    ).toEqual(varianceParts(x, 4));
    expect(() => varianceParts(x, 1)).toThrow(/runs per draw must be an integer >= 2, got 1/);
    expect(() => varianceParts(x.subarray(0, 6), 4)).toThrow(/do not make at least 2 draws of 4 runs/);
    expect(Number.isNaN(varianceParts(new Float64Array(8).fill(2), 4).share)).toBe(true);
  });
});

describe('factMiss: a run miss in tolerances, as the calibration distance counts it', () => {
  const facts = scoredFacts(getModel('salmon'));
  const byId = (id: string) => facts.find((f) => f.fact.id === id)!;
  it('is the gap over the tolerance, capped, with a missing quantity at the cap', () => {
    const firms = byId('salmon-firms-1985'); // 36 firms, +-35%
    expect(factMiss(firms, 36)).toBe(0);
    expect(factMiss(firms, 36 + firms.scale)).toBeCloseTo(1, 12);
    expect(factMiss(firms, 1e9)).toBe(LOSS_CAP);
    expect(factMiss(firms, Number.NaN)).toBe(LOSS_CAP);
  });
  it('misses a "more than" fact only from below', () => {
    const value = byId('salmon-exports-usd-2003'); // more than US$1,000M
    expect(value.fact.tolerance?.kind).toBe('atLeast');
    expect(factMiss(value, 5000)).toBe(0);
    expect(factMiss(value, 1000 - value.scale)).toBeCloseTo(1, 12);
  });
});

describe('predictiveVariance over a calibrated model', () => {
  it('gives every fact its share over the priors and the posterior, the same on 1 and 2 workers', async () => {
    const tomato = getModel('tomato');
    const options = { draws: 6, seedsPerDraw: 3, seed: 5 };
    const one = await predictiveVariance(tomato, { ...options, over: 'prior', workers: 1 });
    const two = await predictiveVariance(tomato, { ...options, over: 'prior', workers: 2 });
    expect(two).toEqual(one);
    expect(one.rows.map((r) => r.id)).toEqual(scoredFacts(tomato).map((f) => f.fact.id));
    expect(one.parameters.length).toBeGreaterThan(0);
    expect(one.sourceNote).toMatch(/uniform on the prior ranges/);
    for (const r of one.rows) {
      expect(r.meets).toBeGreaterThanOrEqual(0);
      expect(r.meets).toBeLessThanOrEqual(1);
      if (Number.isFinite(r.parametric)) {
        expect(r.parametric).toBeGreaterThanOrEqual(0);
        expect(r.parametric).toBeLessThanOrEqual(1);
      }
    }
    const post = await predictiveVariance(tomato, { ...options, over: 'posterior', workers: 1 });
    expect(post.over).toBe('posterior');
    // Different draws, so different runs.
    expect(post.rows.map((r) => r.medianMiss)).not.toEqual(one.rows.map((r) => r.medianMiss));
  });

  it('refuses without a calibration, with a calibrated parameter set by hand, and bad sizes', async () => {
    const tomato = getModel('tomato');
    await expect(predictiveVariance(tomato, { source: { kind: 'defaults', note: 'asked' } })).rejects.toThrow(
      /no calibration to draw parameters from .*clusterlab calibrate tomato/,
    );
    await expect(predictiveVariance(tomato, { set: { 'market.requirement': 0.5 }, draws: 2, seedsPerDraw: 2 })).rejects.toThrow(
      /market.requirement is drawn from the calibration/,
    );
    await expect(predictiveVariance(tomato, { draws: 1 })).rejects.toThrow(/draws must be an integer in 2..100000, got 1/);
    await expect(predictiveVariance(tomato, { seedsPerDraw: 1 })).rejects.toThrow(/seedsPerDraw must be an integer in 2..10000, got 1/);
    await expect(predictiveVariance(getModel('arthur-urn'))).rejects.toThrow(/has no facts/);
  });
});

describe('clusterlab variance', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, 'variance', ...args], { encoding: 'utf8', timeout: 240_000 });
  it('prints both splits as a table, or json', () => {
    const table = cli('tomato', '--draws', '4', '--seeds', '2');
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/prior: from parameters/);
    expect(table.stdout).toMatch(/posterior: from parameters/);
    expect(table.stdout).toMatch(/tomato-turning-point/);
    const json = cli('tomato', '--over', 'posterior', '--draws', '3', '--seeds', '2', '--format', 'json', '--workers', '1');
    expect(json.status).toBe(0);
    const [r, ...more] = JSON.parse(json.stdout);
    expect(more).toEqual([]);
    expect(r.over).toBe('posterior');
    expect(r.draws).toBe(3);
  });
  it('names the option and its allowed values on bad input', () => {
    const bad = cli('tomato', '--over', 'sideways');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--over must be both, prior or posterior, got 'sideways'/);
    const few = cli('tomato', '--draws', '1');
    expect(few.status).toBe(2);
    expect(few.stderr).toMatch(/--draws must be a whole number in \[2, 100000\], got '1'/);
  });
});
