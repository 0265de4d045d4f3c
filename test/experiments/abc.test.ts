import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { abcRejection, abcSmc, posteriorPredictive, posteriorSummary, type AbcProblem } from '../../dist/src/experiments/abc';
import { abcApmc, type BatchAbcProblem } from '../../dist/src/experiments/apmc';
import { posteriorRecord, readPosteriorFile, writePosteriorFile } from '../../dist/src/experiments/posteriorFile';
import { createRng } from '../../dist/src/engine/rng';

// Normal mean with known variance: 25 observations of sd 1 with mean 1.3, prior N(0, 1).
// The sample mean is sufficient; the posterior is N(25 * 1.3 / 26, 1 / 26).
const nObs = 25;
const xbar = 1.3;
const exactMean = (nObs * xbar) / (nObs + 1);
const exactSd = 1 / Math.sqrt(nObs + 1);
const normalMean: AbcProblem = {
  parameters: [{ name: 'mu', prior: { kind: 'normal', mean: 0, sd: 1 } }],
  statistics: ['sample mean'],
  observed: [xbar],
  scale: [1 / Math.sqrt(nObs)],
  simulate: (theta, seed) => [theta[0] + createRng(seed).normal() / Math.sqrt(nObs)],
};

// Beta-binomial: 7 successes in 20 trials, uniform prior on p; the posterior is Beta(8, 14).
const betaBinomial: AbcProblem = {
  parameters: [{ name: 'p', prior: { kind: 'uniform', low: 0, high: 1 } }],
  statistics: ['successes'],
  observed: [7],
  scale: [1],
  simulate: (theta, seed) => [createRng(seed).binomial(20, theta[0])],
};

describe('rejection ABC', () => {
  it('with regression adjustment recovers the normal-normal posterior', () => {
    // A quarter of the prior draws kept: too wide a tolerance for plain rejection, not for the adjustment.
    const post = abcRejection(normalMean, { samples: 8000, acceptFraction: 0.25, seed: 11 });
    const [plain] = posteriorSummary(abcRejection(normalMean, { samples: 8000, acceptFraction: 0.25, regression: false, seed: 11 }));
    expect(plain.sd / exactSd).toBeGreaterThan(1.5);
    const [row] = posteriorSummary(post);
    expect(post.method).toBe('rejection-regression');
    expect(Math.abs(row.mean - exactMean)).toBeLessThan(0.03);
    expect(row.sd / exactSd).toBeGreaterThan(0.85);
    expect(row.sd / exactSd).toBeLessThan(1.15);
    expect(abcRejection(normalMean, { samples: 8000, acceptFraction: 0.25, seed: 11 }).draws).toEqual(post.draws);
  });

  it('without adjustment, exact matches of a discrete statistic give the beta-binomial posterior', () => {
    const post = abcRejection(betaBinomial, { samples: 40000, acceptFraction: 0.04, regression: false, seed: 5 });
    expect(post.tolerances[0]).toBe(0);
    const [row] = posteriorSummary(post);
    const mean = 8 / 22;
    const sd = Math.sqrt((8 * 14) / (22 * 22 * 23));
    expect(Math.abs(row.mean - mean)).toBeLessThan(0.015);
    expect(Math.abs(row.sd - sd)).toBeLessThan(0.012);
  });

  it('names the statistic and field on bad targets', () => {
    expect(() => abcRejection({ ...normalMean, scale: [0] })).toThrow(/scale of 'sample mean' must be a finite number > 0/);
    expect(() => abcRejection({ ...normalMean, simulate: () => [1, 2] }, { samples: 10 })).toThrow(/returned 2 statistics, expected 1/);
    expect(() => abcRejection(normalMean, { samples: 100, acceptFraction: 0.02 })).toThrow(
      /regression adjustment needs at least 4 accepted draws for 1 statistics, got 2/,
    );
  });
});

describe('ABC-SMC (population Monte Carlo)', () => {
  it('recovers the normal-normal posterior with shrinking tolerances, reproducibly', () => {
    const post = abcSmc(normalMean, { particles: 400, generations: 8, seed: 3 });
    const [row] = posteriorSummary(post);
    expect(post.tolerances.length).toBeGreaterThan(4);
    for (let t = 2; t < post.tolerances.length; t++) expect(post.tolerances[t]).toBeLessThan(post.tolerances[t - 1]);
    expect(Math.abs(row.mean - exactMean)).toBeLessThan(0.04);
    expect(row.sd / exactSd).toBeGreaterThan(0.85);
    expect(row.sd / exactSd).toBeLessThan(1.2);
    expect(post.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(abcSmc(normalMean, { particles: 400, generations: 8, seed: 3 }).draws).toEqual(post.draws);
  });

  it('keeps draws inside a bounded prior and finds the beta-binomial posterior', () => {
    const post = abcSmc(betaBinomial, { particles: 500, generations: 5, seed: 9 });
    const [row] = posteriorSummary(post);
    for (const d of post.draws) expect(d >= 0 && d <= 1).toBe(true);
    expect(Math.abs(row.mean - 8 / 22)).toBeLessThan(0.03);
    expect(Math.abs(row.sd - Math.sqrt((8 * 14) / (22 * 22 * 23)))).toBeLessThan(0.02);
  });
});

/** The same problem simulated in batches, each row's seed from (stage, row), as a worker pool would. */
function batched(problem: AbcProblem, calls: number[] = []): BatchAbcProblem {
  const { simulate, ...rest } = problem;
  return {
    ...rest,
    simulateBatch: async (thetas, stage) => {
      calls.push(stage);
      const p = problem.parameters.length;
      const q = problem.observed.length;
      const rows = thetas.length / p;
      const out = new Float64Array(rows * q);
      for (let i = 0; i < rows; i++)
        out.set(Array.from(simulate(thetas.subarray(i * p, (i + 1) * p), Number(`${stage + 1}${String(i).padStart(6, '0')}`))), i * q);
      return out;
    },
  };
}

describe('adaptive population Monte Carlo ABC (Lenormand et al. 2013)', () => {
  it('recovers the normal-normal posterior in batches, reproducibly', async () => {
    const calls: number[] = [];
    const post = await abcApmc(batched(normalMean, calls), { particles: 1000, alpha: 0.5, minAcceptance: 0.03, maxSimulations: 60_000, seed: 7 });
    const [row] = posteriorSummary(post);
    expect(post.method).toBe('apmc');
    // One batch per generation, in order, and tolerances that never grow.
    expect(calls).toEqual(calls.map((_, i) => i));
    expect(post.tolerances.length).toBeGreaterThan(4);
    for (let t = 1; t < post.tolerances.length; t++) expect(post.tolerances[t]).toBeLessThanOrEqual(post.tolerances[t - 1]);
    expect(post.acceptance[post.acceptance.length - 1]).toBeLessThan(0.03);
    expect(Math.abs(row.mean - exactMean)).toBeLessThan(0.04);
    expect(row.sd / exactSd).toBeGreaterThan(0.8);
    expect(row.sd / exactSd).toBeLessThan(1.2);
    expect(post.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const again = await abcApmc(batched(normalMean), { particles: 1000, alpha: 0.5, minAcceptance: 0.03, maxSimulations: 60_000, seed: 7 });
    expect(again.draws).toEqual(post.draws);
  });

  it('keeps draws inside a bounded prior, rounds them, and finds the beta-binomial posterior', async () => {
    // Proposals are rounded to 3 decimals, as the pipeline rounds integer parameters.
    const problem = { ...batched(betaBinomial), round: (t: Float64Array) => t.set([Math.round(t[0] * 1000) / 1000]) };
    const post = await abcApmc(problem, { particles: 1000, minAcceptance: 0.02, maxSimulations: 40_000, seed: 9 });
    const [row] = posteriorSummary(post);
    for (const d of post.draws) {
      expect(d >= 0 && d <= 1).toBe(true);
      expect(Math.round(d * 1000) / 1000).toBe(d);
    }
    expect(Math.abs(row.mean - 8 / 22)).toBeLessThan(0.03);
    expect(Math.abs(row.sd - Math.sqrt((8 * 14) / (22 * 22 * 23)))).toBeLessThan(0.02);
  });

  it('starts from a shared prior sample and stops at its budget', async () => {
    const calls: number[] = [];
    const problem = batched(normalMean, calls);
    const rng = createRng('prior');
    const thetas = Float64Array.from({ length: 100 }, () => rng.normal());
    const stats = await problem.simulateBatch(thetas, 0);
    calls.length = 0;
    const post = await abcApmc(problem, { particles: 100, maxSimulations: 300, minAcceptance: 0, initial: { thetas, stats }, seed: 1 });
    expect(calls).toEqual([1, 2, 3, 4]);
    expect(post.simulations).toBe(300);
    await expect(abcApmc(problem, { particles: 100, initial: { thetas, stats: stats.subarray(0, 50) } })).rejects.toThrow(/initial sample must hold 100 rows/);
    await expect(abcApmc(problem, { alpha: 1 })).rejects.toThrow(/alpha must be in \(0, 1\), got 1/);
  });
});

describe('posterior predictive check and storage', () => {
  it('covers the observed statistic and round-trips through an atomically written file', () => {
    const post = abcRejection(normalMean, { samples: 5000, acceptFraction: 0.05, seed: 2 });
    const check = posteriorPredictive(normalMean, post, { draws: 300, seed: 4 });
    expect(check.coverage).toBe(1);
    expect(check.rows[0].p05).toBeLessThan(xbar);
    expect(check.rows[0].p95).toBeGreaterThan(xbar);
    // A posterior far from the data fails the check.
    const wrong = { ...post, draws: post.draws.map((v) => v + 2) };
    expect(posteriorPredictive(normalMean, wrong, { draws: 300, seed: 4 }).coverage).toBe(0);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterlab-abc-'));
    const file = path.join(dir, 'posterior.json');
    const record = posteriorRecord(post, { model: 'normal-mean', fingerprint: 'abc123', targets: [{ statistic: 'sample mean', observed: xbar, scale: 0.2 }] });
    writePosteriorFile(file, record);
    expect(fs.readdirSync(dir)).toEqual(['posterior.json']);
    const back = readPosteriorFile(file);
    expect(back).toEqual(record);
    expect(back.seed).toBe('2');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
