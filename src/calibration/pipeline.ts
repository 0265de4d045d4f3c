/**
 * The calibration pipeline for any model with `observed` facts:
 * 1. Morris (1991) screening of every parameter with an `explore` range, on a loss over the
 *    calibration facts (misses in tolerances);
 * 2. a printed rule keeps the parameters that matter;
 * 3. ABC over those, uniform priors on their explore ranges, the others at their defaults: either
 *    rejection (with Beaumont et al.'s 2002 regression adjustment on request) or adaptive population
 *    Monte Carlo (Lenormand et al. 2013), each fitted twice from the same prior simulations: on every
 *    calibration fact (the posterior other tools use) and, for the validation by time, on the
 *    calibration facts up to SPLIT_YEAR only;
 * 4. posterior predictive runs of both posteriors against every fact (held out by time, by kind);
 * 5. what the facts identify: each parameter's 90% posterior interval over its prior width.
 * Every run's seed derives from the pipeline's seed and the run's index, so the result (and the
 * file it writes) is a pure function of (model, seed, budget, replicates), whatever the number of workers.
 */
import type { Model } from '../engine/define';
import { createRng, replicationSeed, type Seed } from '../engine/rng';
import type { ParamValues } from '../engine/model';
import { posteriorSummary, rejectionPosterior, type AbcProblem, type Posterior } from '../experiments/abc';
import { abcApmc } from '../experiments/apmc';
import { morris, type Factor } from '../experiments/designs';
import { selectFactors } from '../experiments/modelAnalysis';
import { WorkerPool } from '../experiments/pool';
import { posteriorRecord, type PosteriorFile } from '../experiments/posteriorFile';
import { quantileSorted } from '../experiments/quantiles';
import { morrisIndices, type MorrisRow } from '../experiments/sensitivity';
import { toleranceText, withinTolerance } from '../data/facts';
import { factValues, type FitOn, scoredFacts, SPLIT_YEAR, type FitRole, type ScoredFact } from './facts';
import { roundRow, runPoints } from './runPoints';

export const CALIBRATION_FORMAT = 'clusterlab-calibration';

/** A miss beyond this many tolerances (or a quantity that never exists) counts as this many in the screening loss. */
export const LOSS_CAP = 10;
/** Screening keeps a parameter when its mu* is at least this share of the largest mu* ... */
export const KEEP_SHARE = 0.1;
/** ... and at most this many parameters (the largest mu*), so that ABC stays well posed. */
export const MAX_KEPT = 8;

/** How the ABC step draws its posterior. */
export type Sampler = 'rejection' | 'apmc';

/** APMC stops when fewer than this share of a generation's new particles beat its tolerance (Lenormand et al. 2013 suggest 0.01-0.05). */
export const APMC_MIN_ACCEPTANCE = 0.05;

export interface PipelineOptions {
  /**
   * Runs for ABC (default 3,000), per fit: rejection simulates them once from the prior for both
   * fits; APMC spends up to that many on each fit's generations. Screening adds r (k + 1) x 2 runs.
   */
  budget?: number;
  /**
   * 'rejection' (default) keeps the `kept` prior draws closest to the facts; 'apmc' starts from
   * 2 x `kept` prior draws and refines them generation by generation (half kept each time) until
   * fewer than APMC_MIN_ACCEPTANCE of the new particles beat the tolerance or the budget is spent.
   */
  sampler?: Sampler;
  /**
   * Runs (seeds) per prior draw (default 1): a draw's statistics are the medians over its runs, so
   * that ABC compares the facts with what the parameters typically produce rather than with one
   * lucky seed; the budget is split into budget / replicates draws.
   */
  replicates?: number;
  seed?: Seed;
  workers?: number;
  pool?: WorkerPool;
  /** Morris trajectories (default 12). */
  trajectories?: number;
  /** At most this many parameters pass the screening (default MAX_KEPT), the largest mu* first. */
  maxKept?: number;
  /**
   * Parameters calibrated whatever the screening finds, besides those it keeps: paths, each
   * optionally with its own prior range (`path=low:high`; default its explore range, or its
   * [min, max] when it has none). For a number the calibration facts move less than a dozen
   * others do but that a user wants fitted all the same.
   */
  include?: readonly string[];
  /**
   * 'calibration' (default): fit the facts whose role is calibration and predict the rest. 'all':
   * fit every fact at once, to see how many of them the model can meet together; nothing is then
   * held out by kind, so the fit says what the model can reach, not what it predicts.
   */
  fitOn?: FitOn;
  /** Posterior draws kept by rejection (default 150). */
  kept?: number;
  /**
   * Beaumont et al.'s (2002) local-linear regression adjustment of the kept draws (default false:
   * the draws are kept as simulated). The adjustment assumes the kept draws lie close to the
   * facts; the cluster models' structural misses keep them several tolerances away, where it
   * extrapolates them toward the priors' edges (docs/calibration.md: over three calibration seeds
   * the plain draws fitted more facts on average in both cases).
   */
  regression?: boolean;
  /** Posterior predictive runs per posterior (default 100). */
  predictive?: number;
  splitYear?: number;
  progress?: (stage: string, done: number, total: number) => void;
}

export interface ScreeningRow {
  parameter: string;
  low: number;
  high: number;
  muStar: number;
  mu: number;
  sigma: number;
  selected: boolean;
}

export interface FactCheck {
  id: string;
  metric: string;
  year: number;
  value: number;
  tolerance: string;
  role: FitRole;
  median: number;
  p05: number;
  p95: number;
  /** Runs in which the quantity exists. */
  n: number;
  pass: boolean;
  covered: boolean;
}

export interface IdentificationRow {
  parameter: string;
  prior: [number, number];
  p05: number;
  median: number;
  p95: number;
  /** Width of the 90% posterior interval over the prior's width. */
  widthRatio: number;
  verdict: 'identified' | 'weakly identified' | 'not identified';
}

export interface FitResult {
  /** The facts conditioned on ... */
  facts: string[];
  /**
   * ... and those left out because no prior simulation produces them (a rival without an
   * association never has a founding year): nothing to condition on, and each still counts as a
   * miss in the predictive check.
   */
  unproduced?: string[];
  posterior: PosteriorFile;
  regression: boolean;
  predictive: FactCheck[];
  identification: IdentificationRow[];
}

export interface CalibrationFile {
  format: typeof CALIBRATION_FORMAT;
  version: 1;
  model: string;
  fingerprint: string;
  seed: string;
  settings: {
    budget: number;
    replicates: number;
    trajectories: number;
    kept: number;
    predictive: number;
    splitYear: number;
    lossCap: number;
    keepShare: number;
    maxKept: number;
    /** Parameters calibrated whatever the screening found, with their prior ranges (path=low:high); absent when none was named. */
    include?: string[];
    /** 'all' when every fact was fitted (PipelineOptions.fitOn); absent when only the calibration facts were. */
    fitOn?: 'all';
    /** Whether the regression adjustment was asked for (each fit records whether it was made); absent in files made before it was optional, which always asked. */
    regression?: boolean;
    /** The ABC sampler when it is APMC; absent for rejection (and in files made before APMC). */
    sampler?: Sampler;
    /** APMC's stopping rule (with the sampler 'apmc'). */
    minAcceptance?: number;
  };
  screening: { rule: string; runs: number; rows: ScreeningRow[] };
  /** Fit on every calibration fact: the posterior `targets` and `hypotheses` use. */
  fit: FitResult;
  /** Fit on the calibration facts up to splitYear; the later ones are predicted. */
  validationByTime: FitResult;
}

/**
 * A run's distance from the facts where `include` is true: the root mean square of its misses in
 * tolerances, each capped at LOSS_CAP (a quantity that never exists counts as the cap). The
 * screening's loss, and the rival comparison's distance.
 */
export function runDistance(facts: readonly ScoredFact[], values: readonly number[], include: readonly boolean[]): number {
  let s = 0;
  let n = 0;
  facts.forEach((f, i) => {
    if (!include[i]) return;
    const z = (values[i] - f.fact.value) / f.scale;
    s += Number.isFinite(z) ? Math.min(z * z, LOSS_CAP * LOSS_CAP) : LOSS_CAP * LOSS_CAP;
    n++;
  });
  return n > 0 ? Math.sqrt(s / n) : NaN;
}

/** Per fact, the median over runs of one draw where the fact exists in at least half of them, else NaN. */
function medianOfRuns(runs: readonly number[][]): number[] {
  return runs[0].map((_, i) => {
    const v = runs
      .map((r) => r[i])
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    return v.length > 0 && v.length >= runs.length / 2 ? quantileSorted(v, 0.5) : NaN;
  });
}

/** Deterministic draws from a weighted posterior: systematic resampling at a seeded offset. */
export function resampleDraws(weights: readonly number[], count: number, seed: Seed): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const u0 = createRng(String(seed)).fork('resample').uniform();
  const out: number[] = [];
  let cum = weights[0] / total;
  let i = 0;
  for (let k = 0; k < count; k++) {
    const u = (u0 + k) / count;
    while (u > cum && i < weights.length - 1) cum += weights[++i] / total;
    out.push(i);
  }
  return out;
}

function checkFacts(facts: readonly ScoredFact[], sims: readonly number[][], roleOf: (f: ScoredFact) => FitRole): FactCheck[] {
  return facts.map((f, i) => {
    const v = sims
      .map((s) => s[i])
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const exists = v.length >= sims.length / 2 && v.length > 0;
    const median = exists ? quantileSorted(v, 0.5) : NaN;
    const p05 = exists ? quantileSorted(v, 0.05) : NaN;
    const p95 = exists ? quantileSorted(v, 0.95) : NaN;
    return {
      id: f.fact.id,
      metric: f.fact.metric,
      year: f.fact.year,
      value: f.fact.value,
      tolerance: toleranceText(f.fact.tolerance!),
      role: roleOf(f),
      median,
      p05,
      p95,
      n: v.length,
      pass: withinTolerance(median, f.fact.value, f.fact.tolerance!),
      covered: exists && f.fact.value >= p05 && f.fact.value <= p95,
    };
  });
}

function identification(posterior: Posterior, factors: readonly Factor[]): IdentificationRow[] {
  return posteriorSummary(posterior).map((r, j) => {
    const f = factors[j];
    const widthRatio = (r.p95 - r.p05) / (f.high - f.low);
    return {
      parameter: r.parameter,
      prior: [f.low, f.high],
      p05: r.p05,
      median: r.median,
      p95: r.p95,
      widthRatio,
      verdict: widthRatio < 0.5 ? 'identified' : widthRatio < 0.8 ? 'weakly identified' : 'not identified',
    };
  });
}

const isNumeric = (f: Factor) => f.kind !== 'boolean' && f.kind !== 'choice';

/** The numbers the screening varies: every numeric parameter with an explore range, over that range. */
export function exploredFactors(model: Model): Factor[] {
  return selectFactors(model, undefined).filter(isNumeric);
}

/** The factors `include` names: numbers only, each once. */
function includedFactors(model: Model, include: readonly string[] | undefined): Factor[] {
  if (!include?.length) return [];
  const named = selectFactors(model, include);
  const notNumeric = named.find((f) => !isNumeric(f));
  if (notNumeric) throw new RangeError(`calibrate: include: '${notNumeric.path}' is not a number, so it cannot be calibrated`);
  if (new Set(named.map((f) => f.path)).size !== named.length) throw new RangeError(`calibrate: include names a parameter twice: ${include.join(', ')}`);
  return named;
}

/** Runs the whole pipeline; returns the record to write (see writeCalibrationFile). */
export async function calibratePipeline(model: Model, options: PipelineOptions = {}): Promise<CalibrationFile> {
  const seed = String(options.seed ?? 0);
  const budget = options.budget ?? 3000;
  const trajectories = options.trajectories ?? 12;
  const maxKept = options.maxKept ?? MAX_KEPT;
  const kept = options.kept ?? 150;
  const predictive = options.predictive ?? 100;
  const splitYear = options.splitYear ?? SPLIT_YEAR;
  const replicates = options.replicates ?? 1;
  const adjust = options.regression ?? false;
  const sampler = options.sampler ?? 'rejection';
  if (sampler !== 'rejection' && sampler !== 'apmc') throw new RangeError(`calibrate: sampler must be rejection or apmc, got '${String(sampler)}'`);
  if (sampler === 'apmc' && adjust) throw new RangeError('calibrate: the regression adjustment goes with the rejection sampler, not with apmc');
  if (!Number.isInteger(budget) || budget < 50 || budget > 1_000_000)
    throw new RangeError(`calibrate: budget must be an integer in 50..1000000, got ${budget}`);
  if (!Number.isInteger(replicates) || replicates < 1 || replicates > budget / 50)
    throw new RangeError(`calibrate: replicates (runs per draw) must be an integer in 1..budget/50 (${Math.floor(budget / 50)}), got ${replicates}`);
  const draws = Math.floor(budget / replicates);
  if (!Number.isInteger(maxKept) || maxKept < 1 || maxKept > 100)
    throw new RangeError(`calibrate: maxKept (parameters the screening may keep) must be an integer in 1..100, got ${maxKept}`);
  if (!Number.isInteger(kept) || kept < 10 || kept > (sampler === 'apmc' ? draws / 4 : draws / 2))
    throw new RangeError(
      `calibrate: kept draws must be an integer in 10..draws/${sampler === 'apmc' ? 4 : 2} (${Math.floor(draws / (sampler === 'apmc' ? 4 : 2))}: budget ${budget} over ${replicates} run(s) per draw), got ${kept}`,
    );
  const named = includedFactors(model, options.include);
  const fitOn = options.fitOn ?? 'calibration';
  if (fitOn !== 'calibration' && fitOn !== 'all') throw new RangeError(`calibrate: fitOn must be 'calibration' or 'all', got '${String(fitOn)}'`);
  const facts = scoredFacts(model, splitYear, fitOn);
  const fitted = facts.filter((f) => f.role === 'calibration');
  const early = facts.filter((f) => f.timeRole === 'calibration');
  if (fitted.length === 0)
    throw new RangeError(`calibrate: model '${model.name}' has no calibration facts (observed values with role 'calibration' and a tolerance)`);
  if (early.length === 0) throw new RangeError(`calibrate: model '${model.name}' has no calibration facts up to ${splitYear} for the validation by time`);
  const base: ParamValues = model.resolve();
  // One pool for every stage: APMC runs a batch per generation, and starting workers each time would cost more than some batches.
  const ownPool = !options.pool && (options.workers ?? 1) > 1 && model.module ? new WorkerPool(options.workers!) : undefined;
  try {
    return await pipelineStages(
      model,
      options,
      { seed, budget, trajectories, maxKept, named, kept, predictive, splitYear, replicates, adjust, sampler, draws, base, facts, fitted, early },
      {
        workers: options.workers,
        pool: options.pool ?? ownPool,
      },
    );
  } finally {
    await ownPool?.close();
  }
}

interface Settings {
  seed: string;
  budget: number;
  trajectories: number;
  maxKept: number;
  /** The factors `include` names, calibrated whatever the screening finds. */
  named: Factor[];
  kept: number;
  predictive: number;
  splitYear: number;
  replicates: number;
  adjust: boolean;
  sampler: Sampler;
  draws: number;
  base: ParamValues;
  facts: ScoredFact[];
  fitted: ScoredFact[];
  early: ScoredFact[];
}

async function pipelineStages(
  model: Model,
  options: PipelineOptions,
  { seed, budget, trajectories, maxKept, named, kept, predictive, splitYear, replicates, adjust, sampler, draws, base, facts, fitted, early }: Settings,
  run: { workers?: number; pool?: WorkerPool },
): Promise<CalibrationFile> {
  // The named ones take their place among the explored factors (with the range given), or join them.
  const explored = exploredFactors(model).map((f) => named.find((n) => n.path === f.path) ?? f);
  const factors = [...explored, ...named.filter((n) => !explored.some((f) => f.path === n.path))];
  const forced = new Set(named.map((f) => f.path));
  const paths = factors.map((f) => f.path);
  const toValues = (unitRow: ArrayLike<number>) =>
    roundRow(
      model,
      paths,
      Array.from(unitRow, (u, j) => factors[j].low + u * (factors[j].high - factors[j].low)),
    );

  // 1. Morris screening; two seeds per point, common to all points (common random numbers), so
  // an elementary effect measures the parameter, not the seed.
  const design = morris(factors, { trajectories, levels: 4, seed: `${seed}/screening` });
  const k = factors.length;
  const screenSeeds = [replicationSeed(`${seed}/screening`, 0), replicationSeed(`${seed}/screening`, 1)];
  const screenRows: number[][] = [];
  const screenRunSeeds: number[] = [];
  for (let i = 0; i < design.size; i++) {
    const row = toValues(design.unit.subarray(i * k, (i + 1) * k));
    for (const s of screenSeeds) {
      screenRows.push(row);
      screenRunSeeds.push(s);
    }
  }
  const calibrationFacts = facts.map((f) => f.role === 'calibration');
  const screenLoss = await runPoints(
    model,
    { base, paths, rows: screenRows, seeds: screenRunSeeds },
    (r) => runDistance(facts, factValues(model, facts, r), calibrationFacts),
    {
      ...run,
      onDone: (d) => options.progress?.('screening', d, screenRows.length),
    },
  );
  const y = Array.from({ length: design.size }, (_, i) => (screenLoss[2 * i] + screenLoss[2 * i + 1]) / 2);
  const morrisResult = morrisIndices(design, y, { outcome: 'calibration loss', seed, resamples: 100 });
  const rows = morrisResult.rows as MorrisRow[];
  const largest = Math.max(...rows.map((r) => r.muStar));
  const ranked = rows
    .map((r, j) => ({ r, j }))
    .filter(({ r }) => r.muStar >= KEEP_SHARE * largest && r.muStar > 0)
    .sort((a, b) => b.r.muStar - a.r.muStar || a.j - b.j)
    .slice(0, maxKept)
    .map(({ j }) => j);
  for (let j = 0; j < factors.length; j++) if (forced.has(factors[j].path) && !ranked.includes(j)) ranked.push(j);
  ranked.sort((a, b) => a - b);
  const chosen = ranked.map((j) => factors[j]);
  const screening = {
    rule: `keep a parameter when its Morris mu* (mean absolute elementary effect on the calibration loss, in tolerances) is at least ${KEEP_SHARE} of the largest mu*, at most ${maxKept} parameter${maxKept === 1 ? '' : 's'} (the largest)${forced.size ? `, and ${[...forced].join(', ')} whatever their mu*` : ''}; the others stay at their defaults`,
    runs: screenRows.length,
    rows: rows.map((r, j) => ({
      parameter: factors[j].path,
      low: factors[j].low,
      high: factors[j].high,
      muStar: r.muStar,
      mu: r.mu,
      sigma: r.sigma,
      selected: ranked.includes(j),
    })),
  };

  // 2. Prior simulations over the chosen parameters, every fact recorded; with several runs per
  // draw, a fact's statistic is its median over the runs in which it exists (NaN when it exists in
  // fewer than half), as the targets table judges a fact by its median.
  const cpaths = chosen.map((f) => f.path);
  const rng = createRng(seed).fork('calibration/prior');
  const p = chosen.length;
  const priorDraws = sampler === 'apmc' ? 2 * kept : draws;
  const thetas = new Float64Array(priorDraws * p);
  const priorRows: number[][] = [];
  for (let i = 0; i < priorDraws; i++) {
    const raw = chosen.map((f) => rng.between(f.low, f.high));
    const row = roundRow(model, cpaths, raw);
    thetas.set(row, i * p);
    priorRows.push(row);
  }
  const runRows = priorRows.flatMap((row) => Array.from({ length: replicates }, () => row));
  const priorSeeds = runRows.map((_, i) => replicationSeed(`${seed}/calibration`, i));
  const runSims = await runPoints(model, { base, paths: cpaths, rows: runRows, seeds: priorSeeds }, (r) => factValues(model, facts, r), {
    ...run,
    onDone: (d) => options.progress?.('prior simulations', d, runRows.length),
  });
  const perDraw = (sims: number[][], count: number) =>
    replicates === 1 ? sims : Array.from({ length: count }, (_, i) => medianOfRuns(sims.slice(i * replicates, (i + 1) * replicates)));
  const priorSims = perDraw(runSims, priorDraws);

  // 3-5. Condition on the chosen facts, check against all, per fit.
  const fitOn = async (all: readonly ScoredFact[], label: string, roleOf: (f: ScoredFact) => FitRole): Promise<FitResult> => {
    const produced = (f: ScoredFact) => priorSims.some((sim) => Number.isFinite(sim[facts.indexOf(f)]));
    const subset = all.filter(produced);
    if (subset.length === 0)
      throw new RangeError(`calibrate: no prior simulation of '${model.name}' produces any of the facts ${all.map((f) => f.fact.id).join(', ')}`);
    const idx = subset.map((f) => facts.indexOf(f));
    const columns = (sims: readonly number[][]) => {
      const out = new Float64Array(sims.length * idx.length);
      sims.forEach((s, i) => {
        idx.forEach((fi, c) => {
          out[i * idx.length + c] = s[fi];
        });
      });
      return out;
    };
    const stats = columns(priorSims);
    const problem: AbcProblem = {
      parameters: chosen.map((f) => ({ name: f.path, prior: { kind: 'uniform', low: f.low, high: f.high } })),
      statistics: subset.map((f) => f.fact.id),
      observed: subset.map((f) => f.fact.value),
      scale: subset.map((f) => f.scale),
      simulate: () => {
        throw new Error('calibration: simulations are made beforehand');
      },
    };
    const acceptFraction = kept / draws;
    let posterior: Posterior;
    let regression = adjust;
    if (sampler === 'apmc') {
      // Each generation is one batch of draws, R runs each, seeded from (fit, generation, run).
      posterior = await abcApmc(
        {
          ...problem,
          round: (theta) => theta.set(roundRow(model, cpaths, Array.from(theta))),
          simulateBatch: async (batch, stage) => {
            const rows = Array.from({ length: batch.length / p }, (_, i) => Array.from(batch.subarray(i * p, (i + 1) * p)));
            const replicated = rows.flatMap((row) => Array.from({ length: replicates }, () => row));
            const seeds = replicated.map((_, i) => replicationSeed(`${seed}/${label}/apmc/${stage}`, i));
            const sims = await runPoints(model, { base, paths: cpaths, rows: replicated, seeds }, (r) => factValues(model, facts, r), run);
            return columns(perDraw(sims, rows.length));
          },
        },
        {
          particles: priorDraws,
          alpha: 0.5,
          minAcceptance: APMC_MIN_ACCEPTANCE,
          maxSimulations: draws,
          seed: `${seed}/${label}`,
          initial: { thetas, stats },
          progress: (_, done) => options.progress?.(`apmc (${label})`, done, draws),
        },
      );
    } else
      try {
        posterior = rejectionPosterior(problem, thetas, stats, { acceptFraction, seed, regression });
      } catch (e) {
        // A statistic constant among the kept draws (a count that never varies) makes the regression
        // singular; the plain rejection sample is then the posterior.
        if (!(e instanceof RangeError && /regression adjustment failed/.test(e.message))) throw e;
        regression = false;
        posterior = rejectionPosterior(problem, thetas, stats, { acceptFraction, seed, regression: false });
      }
    const picks = resampleDraws(Array.from(posterior.weights), predictive, `${seed}/${label}`);
    const predRows = picks.map((d) => roundRow(model, cpaths, Array.from(posterior.draws.subarray(d * p, (d + 1) * p))));
    const predSeeds = picks.map((_, i) => replicationSeed(`${seed}/${label}/predictive`, i));
    const predSims = await runPoints(model, { base, paths: cpaths, rows: predRows, seeds: predSeeds }, (r) => factValues(model, facts, r), {
      ...run,
      onDone: (d) => options.progress?.(`predictive (${label})`, d, predictive),
    });
    return {
      facts: subset.map((f) => f.fact.id),
      unproduced: all.filter((f) => !produced(f)).map((f) => f.fact.id),
      posterior: posteriorRecord(posterior, {
        model: model.name,
        fingerprint: model.fingerprint,
        targets: subset.map((f) => ({ statistic: f.fact.id, observed: f.fact.value, scale: f.scale })),
      }),
      regression,
      predictive: checkFacts(facts, predSims, roleOf),
      identification: identification(posterior, chosen),
    };
  };
  if (p === 0)
    throw new RangeError(
      `calibrate: screening kept no parameter of '${model.name}' (every mu* is 0: the calibration facts do not depend on the explored parameters)`,
    );
  const fit = await fitOn(fitted, 'fit', (f) => f.role);
  const validationByTime = await fitOn(early, 'by-time', (f) => f.timeRole);
  return {
    format: CALIBRATION_FORMAT,
    version: 1,
    model: model.name,
    fingerprint: model.fingerprint,
    seed,
    settings: {
      budget,
      replicates,
      trajectories,
      kept,
      predictive,
      splitYear,
      lossCap: LOSS_CAP,
      keepShare: KEEP_SHARE,
      maxKept,
      // Absent when empty, so that a file made without it keeps its bytes.
      ...(named.length ? { include: named.map((f) => `${f.path}=${f.low}:${f.high}`) } : {}),
      ...(options.fitOn === 'all' ? { fitOn: 'all' as const } : {}),
      regression: adjust,
      // Absent for rejection, so that a rejection calibration's file keeps the bytes it had before APMC.
      ...(sampler === 'apmc' ? { sampler, minAcceptance: APMC_MIN_ACCEPTANCE } : {}),
    },
    screening,
    fit,
    validationByTime,
  };
}
