/**
 * Parameters or chance: for each fact, how much of the spread of a model's runs comes from
 * differences between parameter draws and how much from the seed. Over the prior, this says which
 * facts can tell parameter values apart at all (a fact that chance dominates carries little
 * information for a calibration, whatever the sampler); over the posterior, how much of what is
 * left after calibrating is parametric uncertainty rather than the model's own randomness.
 *
 * The measure is each run's miss, in tolerances and capped as the calibration's distance caps it
 * (`runDistance`), so the split is of the quantity a calibration compares. With D draws of S runs
 * each, the law of total variance gives Var(miss) = Var(E[miss | draw]) + E[Var(miss | draw)]; the
 * first term is estimated without the bias a mean of S runs carries (its variance over draws
 * minus the within-draw variance over S), and its share has a bootstrap interval over draws.
 */
import type { Model } from '../engine/define';
import type { Overrides, ParamValues } from '../engine/model';
import { createRng, replicationSeed, type Seed } from '../engine/rng';
import { quantileSorted } from '../experiments/quantiles';
import type { WorkerPool } from '../experiments/pool';
import { toleranceText, withinTolerance } from '../data/facts';
import { FIT_ROLE_TEXT, factValues, requireScoredFacts, type FitRole, type ScoredFact } from './facts';
import { LOSS_CAP } from './pipeline';
import { drawRows, runPoints } from './runPoints';
import { displayPath, drawValues, parameterDraws, parameterSource, type ParameterSource } from './store';

/** Bootstrap resamples of the draws for the share's interval. */
const BOOTSTRAP = 200;

/** Where the parametric share puts a fact (over the prior): at least this much is "mostly parameters" ... */
export const MOSTLY_PARAMETERS = 0.5;
/** ... below this, "mostly chance"; in between, "both". */
export const MOSTLY_CHANCE = 0.2;

export type VarianceOver = 'prior' | 'posterior';

/** Between-draw and within-draw variance of `values` (draw by draw, `perDraw` runs each), and the between share. */
export interface VarianceParts {
  /** Variance of the conditional means E[x | draw], corrected for the noise of a mean of `perDraw` runs (0 when the correction exceeds it). */
  between: number;
  /** Mean over draws of the variance between a draw's runs. */
  within: number;
  /** between / (between + within); NaN when nothing varies. */
  share: number;
}

/**
 * The law-of-total-variance split of `values`, laid out draw by draw (`perDraw` consecutive values
 * per draw), over the draws listed in `pick` (default: all, once each; the bootstrap passes a resample).
 */
export function varianceParts(values: ArrayLike<number>, perDraw: number, pick?: ArrayLike<number>): VarianceParts {
  if (!Number.isInteger(perDraw) || perDraw < 2) throw new RangeError(`variance split: runs per draw must be an integer >= 2, got ${perDraw}`);
  const draws = values.length / perDraw;
  if (!Number.isInteger(draws) || draws < 2) throw new RangeError(`variance split: ${values.length} values do not make at least 2 draws of ${perDraw} runs`);
  const n = pick ? pick.length : draws;
  let meanOfMeans = 0;
  let within = 0;
  const means = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const d = pick ? pick[k] : k;
    let m = 0;
    for (let s = 0; s < perDraw; s++) m += values[d * perDraw + s];
    m /= perDraw;
    let v = 0;
    for (let s = 0; s < perDraw; s++) v += (values[d * perDraw + s] - m) ** 2;
    within += v / (perDraw - 1);
    means[k] = m;
    meanOfMeans += m;
  }
  meanOfMeans /= n;
  within /= n;
  let spread = 0;
  for (let k = 0; k < n; k++) spread += (means[k] - meanOfMeans) ** 2;
  spread /= n - 1;
  const between = Math.max(0, spread - within / perDraw);
  const total = between + within;
  return { between, within, share: total > 0 ? between / total : NaN };
}

/** A run's miss of a fact in tolerances, capped at LOSS_CAP; a quantity the run never has counts as the cap. A "more than" fact is missed only from below. */
export function factMiss(f: ScoredFact, value: number): number {
  if (!Number.isFinite(value)) return LOSS_CAP;
  const gap = f.fact.tolerance?.kind === 'atLeast' ? Math.max(0, f.fact.value - value) : Math.abs(value - f.fact.value);
  return Math.min(LOSS_CAP, gap / f.scale);
}

export interface VarianceRow {
  id: string;
  role: FitRole;
  roleText: string;
  year: number;
  value: number;
  unit: string;
  tolerance: string;
  /** Share of all runs within tolerance. */
  meets: number;
  /** 5% and 95% quantiles over draws of the share of a draw's runs within tolerance. */
  meetsOverDraws: [number, number];
  /** Median miss over all runs, in tolerances (capped). */
  medianMiss: number;
  /** Share of the miss's variance from differences between draws, with a 90% bootstrap interval over draws. */
  parametric: number;
  parametricInterval: [number, number];
  /** 'mostly parameters' (share >= MOSTLY_PARAMETERS), 'both', 'mostly chance' (< MOSTLY_CHANCE) or 'no spread'. */
  verdict: string;
}

export interface VarianceSplit {
  model: string;
  fingerprint: string;
  over: VarianceOver;
  /** Where the draws come from. */
  sourceNote: string;
  /** The calibrated parameters the draws vary (the others stay at their values). */
  parameters: string[];
  draws: number;
  seedsPerDraw: number;
  rows: VarianceRow[];
}

export interface VarianceOptions {
  /** Draws from the posterior (default) or from the calibration's uniform priors. */
  over?: VarianceOver;
  /** Parameter draws (default 40) ... */
  draws?: number;
  /** ... and runs (seeds) per draw (default 10). */
  seedsPerDraw?: number;
  seed?: Seed;
  scenario?: string;
  set?: Overrides;
  /** The calibration to use (default: the model's posterior file, which must match its fingerprint). */
  source?: ParameterSource;
  workers?: number;
  pool?: WorkerPool;
  progress?: (done: number, total: number) => void;
}

function verdictOf(share: number): string {
  if (!Number.isFinite(share)) return 'no spread';
  return share >= MOSTLY_PARAMETERS ? 'mostly parameters' : share < MOSTLY_CHANCE ? 'mostly chance' : 'both';
}

/** `count` draws uniform on the calibration's prior ranges of its calibrated parameters, on top of `base`. */
function priorDraws(model: Model, source: ParameterSource, count: number, base: ParamValues, seed: Seed): ParamValues[] {
  const fit = source.record!.fit;
  const rng = createRng(`${seed}/variance/prior`);
  return Array.from({ length: count }, () =>
    drawValues(
      model,
      base,
      fit.posterior.parameters,
      fit.identification.map((r) => rng.between(r.prior[0], r.prior[1])),
    ),
  );
}

/** Splits the spread of every fact's miss over `draws` x `seedsPerDraw` runs into parameters and chance. */
export async function predictiveVariance(model: Model, options: VarianceOptions = {}): Promise<VarianceSplit> {
  const over = options.over ?? 'posterior';
  if (over !== 'prior' && over !== 'posterior') throw new RangeError(`variance: over must be 'prior' or 'posterior', got '${String(over)}'`);
  const draws = options.draws ?? 40;
  const perDraw = options.seedsPerDraw ?? 10;
  if (!Number.isInteger(draws) || draws < 2 || draws > 100_000) throw new RangeError(`variance: draws must be an integer in 2..100000, got ${draws}`);
  if (!Number.isInteger(perDraw) || perDraw < 2 || perDraw > 10_000)
    throw new RangeError(`variance: seedsPerDraw must be an integer in 2..10000, got ${perDraw}`);
  const facts = requireScoredFacts(model);
  const source = options.source ?? parameterSource(model);
  if (source.kind !== 'posterior' || !source.record)
    throw new RangeError(
      `variance: '${model.name}' has no calibration to draw parameters from (${source.note}); run \`clusterlab calibrate ${model.name} --method abc --write\` first`,
    );
  const seed = String(options.seed ?? 0);
  const base = model.resolve(options.set ?? {}, options.scenario);
  const userSet = new Set(Object.keys(model.overrides(options.set ?? {})));
  const calibrated = source.record.fit.posterior.parameters;
  const clash = calibrated.filter((p) => userSet.has(p));
  if (clash.length > 0)
    throw new RangeError(
      `variance: ${clash.join(', ')} ${clash.length === 1 ? 'is' : 'are'} drawn from the calibration; do not --set ${clash.length === 1 ? 'it' : 'them'}`,
    );
  const values = over === 'prior' ? priorDraws(model, source, draws, base, seed) : parameterDraws(model, source, draws, base, 0);
  const rows = drawRows(model, calibrated, values, perDraw);
  const seeds = rows.map((_, i) => replicationSeed(`${seed}/variance`, i));
  const sims = await runPoints(model, { base, paths: calibrated, rows, seeds }, (r) => factValues(model, facts, r), {
    workers: options.workers,
    pool: options.pool,
    onDone: (done) => options.progress?.(done, rows.length),
  });
  const boot = createRng(`${seed}/variance/bootstrap`);
  const picks = Array.from({ length: BOOTSTRAP }, () => Int32Array.from({ length: draws }, () => boot.int(draws)));
  const out = facts.map((f, i): VarianceRow => {
    const miss = Float64Array.from(sims, (s) => factMiss(f, s[i]));
    const { share } = varianceParts(miss, perDraw);
    const shares = picks
      .map((pick) => varianceParts(miss, perDraw, pick).share)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const meetsByDraw: number[] = [];
    let meets = 0;
    for (let d = 0; d < draws; d++) {
      let k = 0;
      for (let s = 0; s < perDraw; s++) if (withinTolerance(sims[d * perDraw + s][i], f.fact.value, f.fact.tolerance!)) k++;
      meets += k;
      meetsByDraw.push(k / perDraw);
    }
    meetsByDraw.sort((a, b) => a - b);
    return {
      id: f.fact.id,
      role: f.timeRole,
      roleText: FIT_ROLE_TEXT[f.timeRole],
      year: f.fact.year,
      value: f.fact.value,
      unit: f.fact.unit,
      tolerance: toleranceText(f.fact.tolerance!),
      meets: meets / sims.length,
      meetsOverDraws: [quantileSorted(meetsByDraw, 0.05), quantileSorted(meetsByDraw, 0.95)],
      medianMiss: quantileSorted(
        [...miss].sort((a, b) => a - b),
        0.5,
      ),
      parametric: share,
      parametricInterval: shares.length > 0 ? [quantileSorted(shares, 0.05), quantileSorted(shares, 0.95)] : [NaN, NaN],
      verdict: verdictOf(share),
    };
  });
  return {
    model: model.name,
    fingerprint: model.fingerprint,
    over,
    sourceNote:
      over === 'prior'
        ? `uniform on the prior ranges of the calibration in ${source.file ? displayPath(source.file) : 'the given record'} (seed ${source.record.seed})`
        : source.note,
    parameters: [...calibrated],
    draws,
    seedsPerDraw: perDraw,
    rows: out,
  };
}
