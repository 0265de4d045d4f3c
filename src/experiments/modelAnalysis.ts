/**
 * Designs, sensitivity analysis and ABC calibration on any model of the engine's interface:
 * points of a design become parameter values on top of complete base values, each point runs
 * `replicates` seeded times (seeds from designSeed), and outcomes read one number per run.
 */
import type { ModelDefinition, ParamValue, ParamValues } from '../engine/model';
import type { RunRecord } from '../engine/recorder';
import type { Seed } from '../engine/rng';
import { didYouMean } from '../engine/closest';
import {
  abcRejection,
  abcSmc,
  posteriorPredictive,
  posteriorSummary,
  type AbcProblem,
  type Posterior,
  type PosteriorSummaryRow,
  type PredictiveRow,
} from './abc';
import { designSeed, factorOf, factorValue, morris, saltelli, type Design, type Factor } from './designs';
import { checkOutcome, outcomeLabel, outcomeValue, parseOutcome, type Outcome } from './outcome';
import { morrisIndices, sobolIndices, type SensitivityResult } from './sensitivity';

/** The part of a model definition these tools use. */
export type AnalysedModel = Pick<ModelDefinition, 'name' | 'years' | 'parameters' | 'metrics' | 'run'>;

/** The schema's defaults, for models run without a scenario. */
export function defaultValues(model: AnalysedModel): ParamValues {
  const out: Record<string, ParamValue> = {};
  for (const p of model.parameters) out[p.path] = p.default;
  return out;
}

/**
 * The factors for `params`: dotted paths, each optionally with its own range, `path=low:high`
 * (inside the parameter's [min, max]). Without a list, every parameter with an `explore` range.
 */
export function selectFactors(model: AnalysedModel, params?: readonly string[]): Factor[] {
  const known = () => model.parameters.map((p) => p.path).join(', ');
  if (!params || params.length === 0) {
    const explored = model.parameters.filter((p) => p.explore);
    if (explored.length === 0) {
      throw new RangeError(
        `model '${model.name}' marks no parameter to explore; name them, e.g. params ['a.b', 'c.d=0.1:0.5'] (CLI: --params a.b,c.d=0.1:0.5); parameters: ${known()}`,
      );
    }
    return explored.map(factorOf);
  }
  const factors = params.map((entry) => {
    const eq = entry.indexOf('=');
    const path = (eq < 0 ? entry : entry.slice(0, eq)).trim();
    const spec = model.parameters.find((p) => p.path === path);
    if (!spec)
      throw new RangeError(
        `unknown parameter '${path}' of model '${model.name}'${didYouMean(
          path,
          model.parameters.map((p) => p.path),
        )}; parameters: ${known()}`,
      );
    if (eq < 0) return factorOf(spec);
    const range = /^\s*(-?[\d.eE+-]+)\s*:\s*(-?[\d.eE+-]+)\s*$/.exec(entry.slice(eq + 1));
    const low = range ? Number(range[1]) : NaN;
    const high = range ? Number(range[2]) : NaN;
    const min = spec.min ?? -Infinity;
    const max = spec.max ?? Infinity;
    if (!(Number.isFinite(low) && Number.isFinite(high) && low <= high && low >= min && high <= max) || spec.kind === 'boolean' || spec.kind === 'choice') {
      throw new RangeError(
        `parameter '${path}': range must be low:high with ${min} <= low <= high <= ${max} for a numeric parameter, got '${entry.slice(eq + 1)}'`,
      );
    }
    return factorOf({ ...spec, explore: [low, high] });
  });
  return factors;
}

function resolveOutcome(model: AnalysedModel, outcome: Outcome | string): Outcome {
  const o = typeof outcome === 'string' ? parseOutcome(outcome) : outcome;
  checkOutcome(
    o,
    model.metrics.map((m) => m.name),
    model.years,
  );
  return o;
}

export interface DesignRunOptions {
  /** Complete parameter values the design's factors override (default: the schema's defaults). */
  base?: ParamValues;
  outcomes: readonly (Outcome | string)[];
  /** Seeded runs per point, outcomes averaged over those where they exist (default 1). */
  replicates?: number;
  seed?: Seed;
  /** Same seeds at every point (common random numbers). */
  commonRandomNumbers?: boolean;
  /** Run only points start..end-1 (a shard; default all). Seeds depend on the point's index, not on the shard. */
  start?: number;
  end?: number;
  /** Called after each point with (done, total). */
  progress?: (done: number, total: number) => void;
}

/**
 * Runs the points of a design: outcome o of point start + i at out[i * outcomes + o], the mean
 * over replicates where it exists (NaN where it never does).
 */
export function runDesign(model: AnalysedModel, design: Design, options: DesignRunOptions): Float64Array {
  const outcomes = options.outcomes.map((o) => resolveOutcome(model, o));
  const replicates = options.replicates ?? 1;
  if (!Number.isInteger(replicates) || replicates < 1 || replicates > 10_000)
    throw new RangeError(`replicates must be an integer in 1..10000, got ${replicates}`);
  const base = options.base ?? defaultValues(model);
  const k = design.factors.length;
  const q = outcomes.length;
  const start = options.start ?? 0;
  const end = options.end ?? design.size;
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= design.size)) {
    throw new RangeError(`runDesign: points must satisfy 0 <= start < end <= ${design.size}, got ${start}..${end}`);
  }
  const out = new Float64Array((end - start) * q);
  const sums = new Float64Array(q);
  const counts = new Int32Array(q);
  for (let i = start; i < end; i++) {
    // A fresh set of values per point: a model may keep the object it was run with.
    const params: Record<string, ParamValue> = { ...base };
    for (let j = 0; j < k; j++) params[design.factors[j].path] = factorValue(design.factors[j], design.unit[i * k + j]);
    sums.fill(0);
    counts.fill(0);
    for (let r = 0; r < replicates; r++) {
      const record = model.run(params, designSeed(options.seed ?? 0, i, r, options.commonRandomNumbers)).record;
      for (let o = 0; o < q; o++) {
        const v = outcomeValue(outcomes[o], record);
        if (Number.isFinite(v)) {
          sums[o] += v;
          counts[o]++;
        }
      }
    }
    for (let o = 0; o < q; o++) out[(i - start) * q + o] = counts[o] > 0 ? sums[o] / counts[o] : NaN;
    options.progress?.(i - start + 1, end - start);
  }
  return out;
}

export interface SensitivityOptions {
  method: 'sobol' | 'morris';
  params?: readonly string[];
  outcome: Outcome | string;
  /** Sobol: base samples N, a power of two (default 256). Morris: trajectories (default 10). */
  samples?: number;
  /** Morris grid levels (default 4). */
  levels?: number;
  /** Morris: candidate trajectories for Campolongo's selection (default: none). */
  candidates?: number;
  base?: ParamValues;
  replicates?: number;
  seed?: Seed;
  /** Bootstrap resamples (default 200). */
  resamples?: number;
  /** Title of figures (default: the model's name). */
  label?: string;
  /** Same seeds at every design point (common random numbers): differences between points are then
   * the parameters' doing, not the seeds' (recommended for Morris on stochastic models). */
  commonRandomNumbers?: boolean;
  /** Refuse designs with more model runs than this (default 1,000,000). */
  maxRuns?: number;
  progress?: (done: number, total: number) => void;
}

/** Morris or Sobol sensitivity of one outcome of a model to its parameters. */
export function modelSensitivity(model: AnalysedModel, options: SensitivityOptions): SensitivityResult {
  return modelSensitivities(model, { ...options, outcomes: [options.outcome] })[0];
}

/**
 * Morris or Sobol sensitivity of several outcomes from the same runs (one result per outcome, in
 * order): reading take-off, exports and concentration from each run costs one design, not three.
 */
export function modelSensitivities(
  model: AnalysedModel,
  options: Omit<SensitivityOptions, 'outcome'> & { outcomes: readonly (Outcome | string)[] },
): SensitivityResult[] {
  const factors = selectFactors(model, options.params);
  if (options.outcomes.length === 0) throw new RangeError('sensitivity: name at least one outcome');
  const outcomes = options.outcomes.map((o) => resolveOutcome(model, o));
  const seed = options.seed ?? 0;
  const replicates = options.replicates ?? 1;
  const design =
    options.method === 'sobol'
      ? saltelli(factors, options.samples ?? 256)
      : options.method === 'morris'
        ? morris(factors, { trajectories: options.samples ?? 10, levels: options.levels, candidates: options.candidates, seed })
        : undefined;
  if (!design) throw new RangeError(`method must be 'morris' or 'sobol', got '${String(options.method)}'`);
  const maxRuns = options.maxRuns ?? 1_000_000;
  if (design.size * replicates > maxRuns) {
    throw new RangeError(
      `${options.method}: ${design.size} points x ${replicates} replicates = ${design.size * replicates} runs is more than ${maxRuns}; use fewer samples or parameters`,
    );
  }
  const q = outcomes.length;
  const all = runDesign(model, design, {
    outcomes,
    base: options.base,
    replicates,
    seed,
    commonRandomNumbers: options.commonRandomNumbers,
    progress: options.progress,
  });
  return outcomes.map((outcome, o) => {
    const y = new Float64Array(design.size);
    for (let i = 0; i < design.size; i++) y[i] = all[i * q + o];
    const meta = { outcome: outcomeLabel(outcome), label: options.label ?? model.name, resamples: options.resamples, seed };
    return design.kind === 'saltelli' ? sobolIndices(design, y, meta) : morrisIndices(design as ReturnType<typeof morris>, y, meta);
  });
}

/** An observed value the model should reproduce, and the scale of an acceptable miss. */
export interface AbcTarget {
  outcome: Outcome | string;
  observed: number;
  scale: number;
  /** Name in reports (default: the outcome's label). */
  name?: string;
}

export interface ModelCalibrationOptions {
  targets: readonly AbcTarget[];
  params?: readonly string[];
  method?: 'rejection' | 'smc';
  base?: ParamValues;
  /** Runs per simulation; statistics are their medians (default 1). */
  replicates?: number;
  seed?: Seed;
  /** Rejection: prior draws (default 2,000) and the fraction kept (default 0.05). */
  samples?: number;
  acceptFraction?: number;
  regression?: boolean;
  /** SMC: particles (default 200), generations (default 5), simulation budget (default 20,000). */
  particles?: number;
  generations?: number;
  maxSimulations?: number;
  /** Posterior predictive simulations (default 100). */
  predictiveDraws?: number;
  progress?: (stage: string, done: number, total: number) => void;
}

export interface ModelCalibration {
  model: string;
  posterior: Posterior;
  summary: PosteriorSummaryRow[];
  predictive: { rows: PredictiveRow[]; coverage: number };
  targets: { statistic: string; observed: number; scale: number }[];
}

function median(values: number[]): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0 || v.length < values.length / 2) return NaN;
  const h = (v.length - 1) / 2;
  return (v[Math.floor(h)] + v[Math.ceil(h)]) / 2;
}

/** The ABC problem of calibrating `model` to `targets`: uniform priors over the factors' ranges. */
export function calibrationProblem(model: AnalysedModel, options: ModelCalibrationOptions): AbcProblem {
  if (options.targets.length === 0) throw new RangeError('calibrate: give at least one target');
  const factors = selectFactors(model, options.params);
  for (const f of factors) {
    if (f.kind === 'boolean' || f.kind === 'choice')
      throw new RangeError(`calibrate: parameter '${f.path}' is a ${f.kind}; ABC here calibrates numeric parameters only`);
  }
  const outcomes = options.targets.map((t) => resolveOutcome(model, t.outcome));
  const base = options.base ?? defaultValues(model);
  const replicates = options.replicates ?? 1;
  if (!Number.isInteger(replicates) || replicates < 1 || replicates > 1000)
    throw new RangeError(`calibrate: replicates must be an integer in 1..1000, got ${replicates}`);
  const stats = new Float64Array(outcomes.length);
  const runs: RunRecord[] = [];
  return {
    parameters: factors.map((f) => ({ name: f.path, prior: { kind: 'uniform', low: f.low, high: f.high } })),
    statistics: options.targets.map((t, i) => t.name ?? outcomeLabel(outcomes[i])),
    observed: options.targets.map((t) => t.observed),
    scale: options.targets.map((t) => t.scale),
    simulate: (theta, seed) => {
      const params: Record<string, ParamValue> = { ...base };
      factors.forEach((f, j) => {
        params[f.path] = f.kind === 'number' ? theta[j] : Math.min(f.high, Math.max(f.low, Math.round(theta[j])));
      });
      runs.length = 0;
      for (let r = 0; r < replicates; r++) runs.push(model.run(params, replicates === 1 ? seed : designSeed(seed, 0, r)).record);
      outcomes.forEach((o, i) => {
        stats[i] = median(runs.map((run) => outcomeValue(o, run)));
      });
      return stats;
    },
  };
}

/** ABC calibration of a model to targets, with the posterior's summary and predictive check. */
export function calibrateModel(model: AnalysedModel, options: ModelCalibrationOptions): ModelCalibration {
  const problem = calibrationProblem(model, options);
  const method = options.method ?? 'smc';
  const seed = options.seed ?? 0;
  const progress = options.progress;
  let posterior: Posterior;
  if (method === 'rejection') {
    posterior = abcRejection(problem, {
      samples: options.samples ?? 2000,
      acceptFraction: options.acceptFraction ?? 0.05,
      regression: options.regression,
      seed,
      progress: progress && ((d, t) => progress('prior draws', d, t)),
    });
  } else if (method === 'smc') {
    posterior = abcSmc(problem, {
      particles: options.particles ?? 200,
      generations: options.generations ?? 5,
      maxSimulations: options.maxSimulations ?? 20_000,
      seed,
      progress: progress && ((g, a, n) => progress(`population ${g}`, a, n)),
    });
  } else {
    throw new RangeError(`calibrate: method must be 'rejection' or 'smc', got '${String(method)}'`);
  }
  const predictive = posteriorPredictive(problem, posterior, { draws: options.predictiveDraws ?? 100, seed });
  return {
    model: model.name,
    posterior,
    summary: posteriorSummary(posterior),
    predictive,
    targets: problem.statistics.map((statistic, i) => ({ statistic, observed: problem.observed[i], scale: problem.scale[i] })),
  };
}
