/**
 * Approximate Bayesian computation: parameter values are kept when the model, run with them,
 * produces summary statistics close to the observed ones. Two methods:
 * - rejection with local-linear regression adjustment (Beaumont, Zhang and Balding 2002): draw
 *   from the prior, keep the closest fraction, then correct each kept draw along the regression
 *   of parameters on statistics, which removes most of the error a non-zero tolerance leaves;
 * - sequential Monte Carlo, population Monte Carlo (Beaumont, Cornuet, Marin and Robert 2009;
 *   Toni et al. 2009): a sequence of populations with shrinking tolerances (each the median,
 *   by default, of the previous population's distances), perturbed by a Gaussian kernel of twice
 *   the population's weighted covariance, weighted by prior / proposal density.
 * Every simulation's seed derives from (seed, stage, attempt index), so a posterior is a pure
 * function of its seed. Pure computation over arrays: the model is the `simulate` callback.
 */
import { createRng, replicationSeed, type Rng, type Seed } from '../engine/rng';
import { quantileSorted } from './quantiles';

export type Prior = { kind: 'uniform'; low: number; high: number } | { kind: 'normal'; mean: number; sd: number };

export interface AbcParameter {
  name: string;
  prior: Prior;
}

export interface AbcProblem {
  parameters: readonly AbcParameter[];
  /** Names of the summary statistics (for reports). */
  statistics: readonly string[];
  observed: readonly number[];
  /** Scale of each statistic: distances are measured in these units (e.g. a fact's tolerance). */
  scale: readonly number[];
  /** Statistics of one simulation at `theta` (in `parameters` order) with `seed`; NaN = never happened. */
  simulate: (theta: Float64Array, seed: number) => ArrayLike<number>;
}

export interface Posterior {
  method: 'rejection' | 'rejection-regression' | 'smc' | 'apmc';
  parameters: string[];
  /** draws[i * parameters.length + j]. */
  draws: Float64Array;
  /** Normalised weights of the draws (sum 1). */
  weights: Float64Array;
  /** Distance of each draw's simulation to the observed statistics. */
  distances: Float64Array;
  /** Tolerance of each stage (one for rejection). */
  tolerances: number[];
  /** Acceptance rate of each stage. */
  acceptance: number[];
  simulations: number;
  seed: string;
}

export interface PosteriorSummaryRow {
  parameter: string;
  mean: number;
  sd: number;
  p05: number;
  median: number;
  p95: number;
}

export function checkProblem(problem: AbcProblem): void {
  const { parameters, observed, scale, statistics } = problem;
  if (parameters.length === 0) throw new RangeError('abc: name at least one parameter');
  if (observed.length === 0) throw new RangeError('abc: give at least one observed statistic');
  if (scale.length !== observed.length || statistics.length !== observed.length) {
    throw new RangeError(`abc: observed (${observed.length}), scale (${scale.length}) and statistics (${statistics.length}) must have the same length`);
  }
  observed.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`abc: observed value of '${statistics[i]}' must be finite, got ${v}`);
    if (!(scale[i] > 0 && Number.isFinite(scale[i]))) throw new RangeError(`abc: scale of '${statistics[i]}' must be a finite number > 0, got ${scale[i]}`);
  });
  for (const p of parameters) {
    const pr = p.prior;
    if (pr.kind === 'uniform' && !(Number.isFinite(pr.low) && Number.isFinite(pr.high) && pr.low < pr.high)) {
      throw new RangeError(`abc: uniform prior of '${p.name}' needs finite low < high, got [${pr.low}, ${pr.high}]`);
    }
    if (pr.kind === 'normal' && !(Number.isFinite(pr.mean) && pr.sd > 0))
      throw new RangeError(`abc: normal prior of '${p.name}' needs a finite mean and sd > 0`);
  }
}

export function drawPrior(prior: Prior, rng: Rng): number {
  return prior.kind === 'uniform' ? rng.between(prior.low, prior.high) : rng.normal(prior.mean, prior.sd);
}

export const LOG_2PI = Math.log(2 * Math.PI);

/** Log prior density, normalised (-Infinity outside a uniform's support). */
export function logPrior(parameters: readonly AbcParameter[], theta: Float64Array, offset = 0): number {
  let d = 0;
  for (let j = 0; j < parameters.length; j++) {
    const pr = parameters[j].prior;
    const x = theta[offset + j];
    if (pr.kind === 'uniform') {
      if (x < pr.low || x > pr.high) return -Infinity;
      d -= Math.log(pr.high - pr.low);
    } else {
      const z = (x - pr.mean) / pr.sd;
      d -= 0.5 * z * z + Math.log(pr.sd) + 0.5 * LOG_2PI;
    }
  }
  return d;
}

/**
 * log sum_m w_m exp(-|y_m|^2 / 2), y_m solving L y_m = theta - particle_m, over the first `count`
 * particles: the log density at theta (the row at `offset`) of the Gaussian kernel mixture with
 * lower Cholesky factor L, without its constant -(p/2) log 2 pi - log det L. Computed in logs, as
 * far particles underflow. `y` (p values) and `terms` (count values) are scratch.
 */
export function logKernelMixture(
  theta: Float64Array,
  offset: number,
  particles: Float64Array,
  weights: Float64Array,
  count: number,
  chol: Float64Array,
  y: Float64Array,
  terms: Float64Array,
): number {
  const p = y.length;
  let maxTerm = -Infinity;
  for (let m = 0; m < count; m++) {
    let q2 = 0;
    for (let j = 0; j < p; j++) {
      let s = theta[offset + j] - particles[m * p + j];
      for (let l = 0; l < j; l++) s -= chol[j * p + l] * y[l];
      y[j] = s / chol[j * p + j];
      q2 += y[j] * y[j];
    }
    terms[m] = Math.log(weights[m]) - 0.5 * q2;
    if (terms[m] > maxTerm) maxTerm = terms[m];
  }
  let sum = 0;
  for (let m = 0; m < count; m++) sum += Math.exp(terms[m] - maxTerm);
  return maxTerm + Math.log(sum);
}

/** Scaled Euclidean distance; Infinity when a statistic is missing. */
export function distance(problem: AbcProblem, stats: ArrayLike<number>): number {
  if (stats.length !== problem.observed.length) {
    throw new RangeError(`abc: simulate returned ${stats.length} statistics, expected ${problem.observed.length} (${problem.statistics.join(', ')})`);
  }
  let d2 = 0;
  for (let i = 0; i < stats.length; i++) {
    const z = (stats[i] - problem.observed[i]) / problem.scale[i];
    if (!Number.isFinite(z)) return Infinity;
    d2 += z * z;
  }
  return Math.sqrt(d2);
}

export interface RejectionOptions {
  /** Prior draws simulated (default 10,000). */
  samples?: number;
  /** Fraction kept, the closest (default 0.02). */
  acceptFraction?: number;
  /** Apply Beaumont's regression adjustment (default true). */
  regression?: boolean;
  seed?: Seed;
  /** Called after each simulation with (done, total). */
  progress?: (done: number, total: number) => void;
}

/** Solves the symmetric positive (semi)definite system A x = b in place by Gaussian elimination with pivoting. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]) > Math.abs(a[pivot * n + c])) pivot = r;
    if (Math.abs(a[pivot * n + c]) < 1e-300)
      throw new RangeError(
        'abc: regression adjustment failed (statistics are collinear or constant among the accepted draws); use regression: false or more samples',
      );
    if (pivot !== c) {
      for (let k = 0; k < n; k++) [a[c * n + k], a[pivot * n + k]] = [a[pivot * n + k], a[c * n + k]];
      [b[c], b[pivot]] = [b[pivot], b[c]];
    }
    for (let r = c + 1; r < n; r++) {
      const f = a[r * n + c] / a[c * n + c];
      for (let k = c; k < n; k++) a[r * n + k] -= f * a[c * n + k];
      b[r] -= f * b[c];
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let k = r + 1; k < n; k++) s -= a[r * n + k] * x[k];
    x[r] = s / a[r * n + r];
  }
  return x;
}

/** Bounded parameters are adjusted on the logit scale so adjusted draws stay inside the prior. */
function toRegressionScale(prior: Prior, x: number): number {
  if (prior.kind === 'normal') return x;
  const u = Math.min(1 - 1e-9, Math.max(1e-9, (x - prior.low) / (prior.high - prior.low)));
  return Math.log(u / (1 - u));
}

function fromRegressionScale(prior: Prior, y: number): number {
  if (prior.kind === 'normal') return y;
  return prior.low + (prior.high - prior.low) / (1 + Math.exp(-y));
}

/** Rejection ABC, with the local-linear regression adjustment unless `regression: false`. */
export function abcRejection(problem: AbcProblem, options: RejectionOptions = {}): Posterior {
  checkProblem(problem);
  const samples = options.samples ?? 10_000;
  const fraction = options.acceptFraction ?? 0.02;
  if (!Number.isInteger(samples) || samples < 10 || samples > 10_000_000)
    throw new RangeError(`abc: samples must be an integer in 10..10000000, got ${samples}`);
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`abc: acceptFraction must be in (0, 1], got ${fraction}`);
  const p = problem.parameters.length;
  const q = problem.observed.length;
  const seed = String(options.seed ?? 0);
  const rng = createRng(seed).fork('abc-rejection/prior');
  const thetas = new Float64Array(samples * p);
  const stats = new Float64Array(samples * q);
  const theta = new Float64Array(p);
  for (let i = 0; i < samples; i++) {
    for (let j = 0; j < p; j++) theta[j] = thetas[i * p + j] = drawPrior(problem.parameters[j].prior, rng);
    const s = problem.simulate(theta, replicationSeed(`${seed}/abc-rejection`, i));
    distance(problem, s); // checks the number of statistics
    for (let k = 0; k < q; k++) stats[i * q + k] = s[k];
    options.progress?.(i + 1, samples);
  }
  return rejectionPosterior(problem, thetas, stats, { ...options, seed });
}

/**
 * The rejection step on simulations already made (row i of `thetas` gave row i of `stats`): keep
 * the closest fraction, then Beaumont's regression adjustment unless `regression: false`. Lets a
 * caller simulate elsewhere (worker threads) or condition one set of prior simulations on several
 * subsets of statistics.
 */
export function rejectionPosterior(
  problem: AbcProblem,
  thetas: Float64Array,
  stats: Float64Array,
  options: Pick<RejectionOptions, 'acceptFraction' | 'regression' | 'seed'> = {},
): Posterior {
  checkProblem(problem);
  const fraction = options.acceptFraction ?? 0.02;
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`abc: acceptFraction must be in (0, 1], got ${fraction}`);
  const p = problem.parameters.length;
  const q = problem.observed.length;
  const samples = thetas.length / p;
  if (!Number.isInteger(samples) || stats.length !== samples * q)
    throw new RangeError(`abc: ${thetas.length} parameter values and ${stats.length} statistics do not make rows of ${p} and ${q}`);
  const seed = String(options.seed ?? 0);
  const dist = new Float64Array(samples);
  for (let i = 0; i < samples; i++) dist[i] = distance(problem, stats.subarray(i * q, (i + 1) * q));
  const order = Array.from(dist.keys()).sort((a, b) => dist[a] - dist[b] || a - b);
  const kept = Math.max(2, Math.ceil(samples * fraction));
  const chosen = order.slice(0, kept).filter((i) => Number.isFinite(dist[i]));
  if (chosen.length < 2)
    throw new RangeError('abc: fewer than two simulations produced every statistic; check the targets (metric names and years) or widen the priors');
  const tolerance = dist[chosen[chosen.length - 1]];
  const n = chosen.length;
  const draws = new Float64Array(n * p);
  const weights = new Float64Array(n).fill(1 / n);
  const distances = new Float64Array(n);
  chosen.forEach((i, r) => {
    draws.set(thetas.subarray(i * p, (i + 1) * p), r * p);
    distances[r] = dist[i];
  });
  const regression = options.regression ?? true;
  if (regression && tolerance > 0 && n < 2 * (q + 1)) {
    throw new RangeError(
      `abc: the regression adjustment needs at least ${2 * (q + 1)} accepted draws for ${q} statistics, got ${n}; keep more (samples x acceptFraction) or set regression: false`,
    );
  }
  if (regression && tolerance > 0) {
    // Epanechnikov weights; weighted least squares of each (transformed) parameter on the scaled
    // differences s - s_obs; the adjusted draw is theta - beta (s - s_obs).
    const kw = new Float64Array(n);
    let total = 0;
    for (let r = 0; r < n; r++) total += kw[r] = Math.max(0, 1 - (distances[r] / tolerance) ** 2);
    if (!(total > 0)) for (let r = 0; r < n; r++) total += kw[r] = 1;
    const m = q + 1;
    const x = new Float64Array(n * m);
    chosen.forEach((i, r) => {
      x[r * m] = 1;
      for (let k = 0; k < q; k++) x[r * m + 1 + k] = (stats[i * q + k] - problem.observed[k]) / problem.scale[k];
    });
    const xtx = new Float64Array(m * m);
    for (let r = 0; r < n; r++) for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) xtx[a * m + b] += kw[r] * x[r * m + a] * x[r * m + b];
    for (let j = 0; j < p; j++) {
      const prior = problem.parameters[j].prior;
      const xty = new Float64Array(m);
      const y = new Float64Array(n);
      for (let r = 0; r < n; r++) {
        y[r] = toRegressionScale(prior, draws[r * p + j]);
        for (let a = 0; a < m; a++) xty[a] += kw[r] * x[r * m + a] * y[r];
      }
      const beta = solve(xtx.slice(), xty, m);
      for (let r = 0; r < n; r++) {
        let adj = y[r];
        for (let k = 0; k < q; k++) adj -= beta[1 + k] * x[r * m + 1 + k];
        draws[r * p + j] = fromRegressionScale(prior, adj);
      }
    }
    for (let r = 0; r < n; r++) weights[r] = kw[r] / total;
  }
  return {
    method: regression ? 'rejection-regression' : 'rejection',
    parameters: problem.parameters.map((pr) => pr.name),
    draws,
    weights,
    distances,
    tolerances: [tolerance],
    acceptance: [n / samples],
    simulations: samples,
    seed,
  };
}

export interface SmcOptions {
  /** Particles per population (default 500). */
  particles?: number;
  /** Populations after the prior one, at most (default 8). */
  generations?: number;
  /** Each tolerance is this quantile of the previous population's distances (default 0.5). */
  quantile?: number;
  /** Stop when a population's acceptance rate falls below this (default 0.02). */
  minAcceptance?: number;
  /** Simulations in all, at most (default 200,000); a population cut short by it is dropped. */
  maxSimulations?: number;
  seed?: Seed;
  /** Called after each simulation with (generation, accepted in this generation, particles). */
  progress?: (generation: number, accepted: number, particles: number) => void;
}

/** Lower Cholesky factor of a p x p covariance (with a small ridge when it is singular). */
export function cholesky(cov: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  let ridge = 0;
  for (let attempt = 0; attempt < 8; attempt++) {
    let ok = true;
    l.fill(0);
    for (let i = 0; i < p && ok; i++) {
      for (let j = 0; j <= i; j++) {
        let s = cov[i * p + j] + (i === j ? ridge : 0);
        for (let k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
        if (i === j) {
          if (!(s > 0)) {
            ok = false;
            break;
          }
          l[i * p + i] = Math.sqrt(s);
        } else {
          l[i * p + j] = s / l[j * p + j];
        }
      }
    }
    if (ok) return l;
    let trace = 0;
    for (let i = 0; i < p; i++) trace += Math.abs(cov[i * p + i]);
    ridge = Math.max(ridge * 100, (trace / p) * 1e-10 + 1e-300);
  }
  throw new RangeError('abc-smc: the population collapsed to one point (zero covariance); widen the priors or the tolerance quantile');
}

/** Weighted covariance of a population, times `factor`. */
export function weightedCovariance(draws: Float64Array, weights: Float64Array, n: number, p: number, factor: number): Float64Array {
  const mean = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j] += weights[i] * draws[i * p + j];
  const cov = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < p; a++) {
      const da = draws[i * p + a] - mean[a];
      for (let b = 0; b < p; b++) cov[a * p + b] += weights[i] * da * (draws[i * p + b] - mean[b]);
    }
  }
  for (let k = 0; k < p * p; k++) cov[k] *= factor;
  return cov;
}

/**
 * Into `theta`: a particle picked with probability proportional to its weight (`cumulative`: the
 * running sums of the first `count` weights), moved by a Gaussian kernel whose covariance has the
 * lower Cholesky factor `chol`. `z` is scratch of the same length.
 */
export function propose(
  particles: Float64Array,
  cumulative: Float64Array,
  count: number,
  chol: Float64Array,
  rng: Rng,
  theta: Float64Array,
  z: Float64Array,
): void {
  const p = theta.length;
  const u = rng.uniform() * cumulative[count - 1];
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  for (let j = 0; j < p; j++) z[j] = rng.normal();
  for (let j = 0; j < p; j++) {
    let s = particles[lo * p + j];
    for (let k = 0; k <= j; k++) s += chol[j * p + k] * z[k];
    theta[j] = s;
  }
}

/** Population Monte Carlo ABC with adaptive tolerances. */
export function abcSmc(problem: AbcProblem, options: SmcOptions = {}): Posterior {
  checkProblem(problem);
  const n = options.particles ?? 500;
  const generations = options.generations ?? 8;
  const quantile = options.quantile ?? 0.5;
  const minAcceptance = options.minAcceptance ?? 0.02;
  const budget = options.maxSimulations ?? 200_000;
  if (!Number.isInteger(n) || n < 10 || n > 1_000_000) throw new RangeError(`abc-smc: particles must be an integer in 10..1000000, got ${n}`);
  if (!Number.isInteger(generations) || generations < 1 || generations > 100)
    throw new RangeError(`abc-smc: generations must be an integer in 1..100, got ${generations}`);
  if (!(quantile > 0 && quantile < 1)) throw new RangeError(`abc-smc: quantile must be in (0, 1), got ${quantile}`);
  if (!(minAcceptance >= 0 && minAcceptance < 1)) throw new RangeError(`abc-smc: minAcceptance must be in [0, 1), got ${minAcceptance}`);
  if (!Number.isInteger(budget) || budget < n) throw new RangeError(`abc-smc: maxSimulations must be an integer >= particles (${n}), got ${budget}`);
  const p = problem.parameters.length;
  const seed = String(options.seed ?? 0);
  let simulations = 0;
  const theta = new Float64Array(p);

  // Population 0: the prior, every draw kept.
  let draws = new Float64Array(n * p);
  let weights = new Float64Array(n).fill(1 / n);
  let distances = new Float64Array(n);
  const prior = createRng(seed).fork('abc-smc/0');
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) theta[j] = draws[i * p + j] = drawPrior(problem.parameters[j].prior, prior);
    distances[i] = distance(problem, problem.simulate(theta, replicationSeed(`${seed}/abc-smc/0`, i)));
    simulations++;
    options.progress?.(0, i + 1, n);
  }
  const tolerances = [Infinity];
  const acceptance = [1];
  const z = new Float64Array(p);
  for (let t = 1; t <= generations; t++) {
    const finite = Array.from(distances)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    if (finite.length < 2) throw new RangeError('abc-smc: fewer than two simulations produced every statistic; check the targets or widen the priors');
    const epsilon = quantileSorted(finite, quantile);
    const maxAttempts = Math.ceil(n / Math.max(minAcceptance, 1e-9));
    if (simulations >= budget) break;
    const chol = cholesky(weightedCovariance(draws, weights, n, p, 2), p);
    const rng = createRng(seed).fork(`abc-smc/${t}`);
    const next = new Float64Array(n * p);
    const nextDistances = new Float64Array(n);
    const cumulative = new Float64Array(n);
    let acc = 0;
    for (let i = 0; i < n; i++) cumulative[i] = acc += weights[i];
    let accepted = 0;
    let attempts = 0;
    while (accepted < n && attempts < maxAttempts && simulations < budget) {
      propose(draws, cumulative, n, chol, rng, theta, z);
      attempts++;
      if (logPrior(problem.parameters, theta) === -Infinity) continue;
      const d = distance(problem, problem.simulate(theta, replicationSeed(`${seed}/abc-smc/${t}`, attempts - 1)));
      simulations++;
      if (d <= epsilon) {
        next.set(theta, accepted * p);
        nextDistances[accepted] = d;
        accepted++;
        options.progress?.(t, accepted, n);
      }
    }
    if (accepted < n) break;
    // Weights prior / proposal, in logs: a particle far from all others (large q) would make the
    // proposal density underflow to zero.
    const nextWeights = new Float64Array(n);
    const y = new Float64Array(p);
    const terms = new Float64Array(n);
    let maxLog = -Infinity;
    for (let i = 0; i < n; i++) {
      nextWeights[i] = logPrior(problem.parameters, next, i * p) - logKernelMixture(next, i * p, draws, weights, n, chol, y, terms);
      if (nextWeights[i] > maxLog) maxLog = nextWeights[i];
    }
    let total = 0;
    for (let i = 0; i < n; i++) total += nextWeights[i] = Math.exp(nextWeights[i] - maxLog);
    for (let i = 0; i < n; i++) nextWeights[i] /= total;
    draws = next;
    weights = nextWeights;
    distances = nextDistances;
    tolerances.push(epsilon);
    acceptance.push(accepted / attempts);
    if (accepted / attempts < minAcceptance) break;
  }
  return { method: 'smc', parameters: problem.parameters.map((pr) => pr.name), draws, weights, distances, tolerances, acceptance, simulations, seed };
}

/** Weighted quantile of values with weights summing to 1 (the lowest value whose cumulative weight reaches p). */
function weightedQuantile(values: Float64Array, weights: Float64Array, p: number): number {
  const order = Array.from(values.keys()).sort((a, b) => values[a] - values[b]);
  let cum = 0;
  for (const i of order) {
    cum += weights[i];
    if (cum >= p - 1e-12) return values[i];
  }
  return values[order[order.length - 1]];
}

/** Weighted mean, standard deviation and 5/50/95% quantiles of each parameter. */
export function posteriorSummary(posterior: Posterior): PosteriorSummaryRow[] {
  const p = posterior.parameters.length;
  const n = posterior.weights.length;
  return posterior.parameters.map((name, j) => {
    const values = new Float64Array(n);
    let mean = 0;
    for (let i = 0; i < n; i++) {
      values[i] = posterior.draws[i * p + j];
      mean += posterior.weights[i] * values[i];
    }
    let v = 0;
    for (let i = 0; i < n; i++) v += posterior.weights[i] * (values[i] - mean) ** 2;
    return {
      parameter: name,
      mean,
      sd: Math.sqrt(v),
      p05: weightedQuantile(values, posterior.weights, 0.05),
      median: weightedQuantile(values, posterior.weights, 0.5),
      p95: weightedQuantile(values, posterior.weights, 0.95),
    };
  });
}

export interface PredictiveRow {
  statistic: string;
  observed: number;
  scale: number;
  median: number;
  p05: number;
  p95: number;
  /** Is the observed value inside the 5-95% predictive interval? */
  covered: boolean;
  /** Share of predictive simulations within one scale of the observed value. */
  withinScale: number;
  /** Simulations in which the statistic exists. */
  n: number;
}

/**
 * Posterior predictive check: simulate at `draws` posterior draws (picked by weight, seeded) and
 * compare each statistic's predictive distribution with the observed value.
 */
export function posteriorPredictive(
  problem: AbcProblem,
  posterior: Posterior,
  options: { draws?: number; seed?: Seed } = {},
): { rows: PredictiveRow[]; coverage: number } {
  checkProblem(problem);
  const m = options.draws ?? 200;
  if (!Number.isInteger(m) || m < 2 || m > 1_000_000) throw new RangeError(`posterior predictive: draws must be an integer in 2..1000000, got ${m}`);
  const p = posterior.parameters.length;
  const q = problem.observed.length;
  const seed = String(options.seed ?? posterior.seed);
  const rng = createRng(seed).fork('abc-predictive');
  const sims = Array.from({ length: q }, () => new Float64Array(m));
  const theta = new Float64Array(p);
  for (let i = 0; i < m; i++) {
    const pick = rng.weightedIndex(posterior.weights);
    theta.set(posterior.draws.subarray(pick * p, (pick + 1) * p));
    const s = problem.simulate(theta, replicationSeed(`${seed}/abc-predictive`, i));
    for (let k = 0; k < q; k++) sims[k][i] = s[k];
  }
  const rows = problem.statistics.map((statistic, k) => {
    const values = Array.from(sims[k])
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const observed = problem.observed[k];
    const scale = problem.scale[k];
    const p05 = quantileSorted(values, 0.05);
    const p95 = quantileSorted(values, 0.95);
    return {
      statistic,
      observed,
      scale,
      median: quantileSorted(values, 0.5),
      p05,
      p95,
      covered: observed >= p05 && observed <= p95,
      withinScale: values.filter((v) => Math.abs(v - observed) <= scale).length / m,
      n: values.length,
    };
  });
  return { rows, coverage: rows.filter((r) => r.covered).length / rows.length };
}
