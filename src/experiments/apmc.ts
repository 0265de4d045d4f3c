/**
 * Adaptive population Monte Carlo ABC (Lenormand, Jabot and Deffuant 2013), for models whose
 * simulations are made in batches (on worker threads, on a cluster). Each generation keeps the
 * `alpha` share of the particles closest to the facts, proposes as many new ones from a Gaussian
 * kernel of twice the kept particles' weighted covariance, simulates them together, and sets the
 * next tolerance at the `alpha` quantile of all distances. It stops when the share of new particles
 * that beat the current tolerance falls below `minAcceptance`, or the budget is spent. Unlike the
 * population Monte Carlo of abc.ts, no generation waits for a fixed number of acceptances, so a
 * generation is one batch whatever the acceptance rate, and the tolerance need not be chosen.
 *
 * The caller simulates: row i of a batch at `stage` must be a pure function of (theta, stage, i),
 * so the posterior is a pure function of the seed whatever runs the batches.
 */
import { createRng, type Seed } from '../engine/rng';
import {
  checkProblem,
  cholesky,
  distance,
  drawPrior,
  LOG_2PI,
  logKernelMixture,
  logPrior,
  propose,
  weightedCovariance,
  type AbcProblem,
  type Posterior,
} from './abc';

export interface BatchAbcProblem extends Omit<AbcProblem, 'simulate'> {
  /**
   * Statistics of each row of `thetas` (rows of parameters.length values), row-major, rows of
   * statistics.length values; NaN where a statistic does not exist. `stage` numbers the batch
   * (0: the prior sample) so the caller can derive each simulation's seed from (stage, row).
   */
  simulateBatch: (thetas: Float64Array, stage: number) => Promise<Float64Array>;
  /** Moves a proposed value to one the model accepts (integers rounded); identity by default. */
  round?: (theta: Float64Array) => void;
}

export interface ApmcOptions {
  /** Particles simulated in generation 0 (default 400); `alpha` of them are kept each generation. */
  particles?: number;
  /** Share of particles kept each generation (default 0.5). */
  alpha?: number;
  /** Stop when fewer than this share of a generation's new particles beat the tolerance (default 0.05). */
  minAcceptance?: number;
  /** Particles simulated in all, generation 0 included, at most (default 20,000). */
  maxSimulations?: number;
  seed?: Seed;
  /** Generation 0 simulated beforehand (`particles` rows of each), so several fits can share it. */
  initial?: { thetas: Float64Array; stats: Float64Array };
  /** Called after each generation with (generation, particles simulated so far, tolerance, acceptance). */
  progress?: (generation: number, simulations: number, tolerance: number, acceptance: number) => void;
}

/** Indices of the `count` smallest distances; ties go to the lower index (older particles first). */
function closest(distances: Float64Array, count: number): number[] {
  return Array.from(distances.keys())
    .sort((a, b) => distances[a] - distances[b] || a - b)
    .slice(0, count);
}

export async function abcApmc(problem: BatchAbcProblem, options: ApmcOptions = {}): Promise<Posterior> {
  // abc.ts's checks and distance take a problem with `simulate`; here the batches simulate.
  const scored: AbcProblem = { ...problem, simulate: () => [] };
  checkProblem(scored);
  const n = options.particles ?? 400;
  const alpha = options.alpha ?? 0.5;
  const minAcceptance = options.minAcceptance ?? 0.05;
  const budget = options.maxSimulations ?? 20_000;
  if (!Number.isInteger(n) || n < 10 || n > 1_000_000) throw new RangeError(`abc-apmc: particles must be an integer in 10..1000000, got ${n}`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`abc-apmc: alpha must be in (0, 1), got ${alpha}`);
  if (!(minAcceptance >= 0 && minAcceptance < 1)) throw new RangeError(`abc-apmc: minAcceptance must be in [0, 1), got ${minAcceptance}`);
  if (!Number.isInteger(budget) || budget < n) throw new RangeError(`abc-apmc: maxSimulations must be an integer >= particles (${n}), got ${budget}`);
  const kept = Math.floor(alpha * n);
  if (kept < 2) throw new RangeError(`abc-apmc: alpha x particles must keep at least 2 particles, got ${kept}`);
  const fresh = n - kept;
  const p = problem.parameters.length;
  const q = problem.observed.length;
  const seed = String(options.seed ?? 0);
  const round = problem.round ?? (() => {});

  // Generation 0: the prior.
  let thetas0: Float64Array;
  let stats0: Float64Array;
  if (options.initial) {
    ({ thetas: thetas0, stats: stats0 } = options.initial);
    if (thetas0.length !== n * p || stats0.length !== n * q)
      throw new RangeError(`abc-apmc: the initial sample must hold ${n} rows of ${p} values and of ${q} statistics`);
  } else {
    const rng = createRng(seed).fork('abc-apmc/0');
    const theta = new Float64Array(p);
    thetas0 = new Float64Array(n * p);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) theta[j] = drawPrior(problem.parameters[j].prior, rng);
      round(theta);
      thetas0.set(theta, i * p);
    }
    stats0 = await problem.simulateBatch(thetas0, 0);
  }
  const dist0 = new Float64Array(n);
  for (let i = 0; i < n; i++) dist0[i] = distance(scored, stats0.subarray(i * q, (i + 1) * q));
  let keep = closest(dist0, kept).filter((i) => Number.isFinite(dist0[i]));
  if (keep.length < 2) throw new RangeError('abc-apmc: fewer than two prior simulations produced every statistic; check the targets or widen the priors');
  let particles = new Float64Array(kept * p);
  let weights = new Float64Array(kept);
  let distances = new Float64Array(kept);
  let size = keep.length;
  keep.forEach((i, r) => {
    particles.set(thetas0.subarray(i * p, (i + 1) * p), r * p);
    weights[r] = 1;
    distances[r] = dist0[i];
  });
  let tolerance = distances[size - 1];
  const tolerances = [tolerance];
  const acceptance = [size / n];
  let simulations = n;
  options.progress?.(0, simulations, tolerance, size / n);

  const proposals = new Float64Array(fresh * p);
  const logWeights = new Float64Array(fresh);
  const z = new Float64Array(p);
  const y = new Float64Array(p);
  const terms = new Float64Array(kept);
  for (let t = 1; simulations + fresh <= budget; t++) {
    let total = 0;
    for (let i = 0; i < size; i++) total += weights[i];
    const normalised = weights.map((w) => w / total).subarray(0, size);
    const chol = cholesky(weightedCovariance(particles, normalised, size, p, 2), p);
    let logDet = 0;
    for (let j = 0; j < p; j++) logDet += Math.log(chol[j * p + j]);
    const cumulative = new Float64Array(size);
    let acc = 0;
    for (let i = 0; i < size; i++) cumulative[i] = acc += normalised[i];
    const rng = createRng(seed).fork(`abc-apmc/${t}`);
    const theta = new Float64Array(p);
    for (let k = 0; k < fresh; k++) {
      // Proposals outside the prior's support are drawn again, never simulated.
      let prior = -Infinity;
      for (let tries = 0; prior === -Infinity; tries++) {
        if (tries === 100_000) throw new RangeError('abc-apmc: the kernel proposes nothing inside the prior; widen the priors');
        propose(particles, cumulative, size, chol, rng, theta, z);
        round(theta);
        prior = logPrior(problem.parameters, theta, 0);
      }
      proposals.set(theta, k * p);
      // Weight: prior over the kernel mixture's density (with its constant: the prior sample's weights are prior over prior).
      const logKernel = logKernelMixture(theta, 0, particles, normalised, size, chol, y, terms) - 0.5 * p * LOG_2PI - logDet;
      logWeights[k] = prior - logKernel;
    }
    const stats = await problem.simulateBatch(proposals.slice(), t);
    simulations += fresh;
    const newDistances = new Float64Array(fresh);
    let beat = 0;
    for (let k = 0; k < fresh; k++) {
      newDistances[k] = distance(scored, stats.subarray(k * q, (k + 1) * q));
      if (newDistances[k] < tolerance) beat++;
    }
    const rate = beat / fresh;
    // Pool the kept and the new particles, keep the closest `kept`; the tolerance is the farthest kept.
    const poolSize = size + fresh;
    const poolDistances = new Float64Array(poolSize);
    poolDistances.set(distances.subarray(0, size));
    poolDistances.set(newDistances, size);
    // New weights are on the prior-over-proposal scale, as the prior sample's weights of 1 are
    // (prior over prior): both are importance weights against the same target.
    const poolWeights = new Float64Array(poolSize);
    poolWeights.set(weights.subarray(0, size));
    for (let k = 0; k < fresh; k++) poolWeights[size + k] = Math.exp(logWeights[k]);
    keep = closest(poolDistances, kept).filter((i) => Number.isFinite(poolDistances[i]));
    const nextParticles = new Float64Array(kept * p);
    const nextWeights = new Float64Array(kept);
    const nextDistances = new Float64Array(kept);
    keep.forEach((i, r) => {
      nextParticles.set(i < size ? particles.subarray(i * p, (i + 1) * p) : proposals.subarray((i - size) * p, (i - size + 1) * p), r * p);
      nextWeights[r] = poolWeights[i];
      nextDistances[r] = poolDistances[i];
    });
    particles = nextParticles;
    weights = nextWeights;
    distances = nextDistances;
    size = keep.length;
    tolerance = distances[size - 1];
    tolerances.push(tolerance);
    acceptance.push(rate);
    options.progress?.(t, simulations, tolerance, rate);
    if (rate < minAcceptance) break;
  }
  let total = 0;
  for (let i = 0; i < size; i++) total += weights[i];
  const finalWeights = new Float64Array(size);
  for (let i = 0; i < size; i++) finalWeights[i] = weights[i] / total;
  return {
    method: 'apmc',
    parameters: problem.parameters.map((pr) => pr.name),
    draws: particles.slice(0, size * p),
    weights: finalWeights,
    distances: distances.slice(0, size),
    tolerances,
    acceptance,
    simulations,
    seed,
  };
}
