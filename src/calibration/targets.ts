/**
 * Every fact a model observes beside its posterior predictive median and 5-95% interval: run i of
 * N uses posterior draw i (systematic resampling by weight) and seed i, so N runs integrate over
 * both the parameters' uncertainty and chance. Without a posterior file matching the model's
 * fingerprint, the defaults (and the result says so). Facts after the split year that the
 * validation by time held out carry that fit's out-of-sample median and pass as well.
 */
import type { Model } from '../engine/define';
import type { Overrides } from '../engine/model';
import { replicationSeed, type Seed } from '../engine/rng';
import { quantileSorted } from '../experiments/quantiles';
import { fmt } from '../simulation/summary';
import type { WorkerPool } from '../experiments/pool';
import { toleranceText, withinTolerance } from '../data/facts';
import { FIT_ROLE_TEXT, factValues, requireScoredFacts, type FitRole, type ScoredFact } from './facts';
import { displayAsTable, intervalText, medianText, textTable } from './report';
import { roundRow, runPoints } from './runPoints';
import { parameterDraws, parameterSource, type ParameterSource } from './store';
import { resolveVaried, type VariedParameter, variedText, variedValues } from './vary';

export interface PosteriorTargetRow {
  id: string;
  metric: string;
  year: number;
  value: number;
  unit: string;
  median: number;
  p05: number;
  p95: number;
  /** Runs in which the quantity exists. */
  n: number;
  /** Share of all runs within tolerance (the pass is the median's; this says how many single runs meet the fact). */
  runsWithin: number;
  tolerance: string;
  pass: boolean;
  /** calibration (fitted, up to the split year), heldOutByTime (fitted in the full fit, predicted by the validation by time), heldOutByKind. */
  role: FitRole;
  roleText: string;
  /** For facts held out by time: the validation fit's out-of-sample median and pass (from the posterior file). */
  byTimeMedian?: number;
  byTimePass?: boolean;
  section: string;
  description: string;
}

export interface PosteriorTargets {
  model: string;
  fingerprint: string;
  source: ParameterSource['kind'];
  sourceNote: string;
  /** Parameters drawn from a range in every run (none unless asked for). */
  varied: VariedParameter[];
  runs: number;
  rows: PosteriorTargetRow[];
  /** Facts that set parameters (inputs) or lie outside the model (context): listed, not scored. */
  unscored: { id: string; role: string }[];
  /** Facts met together by single runs: whether one run can reproduce them all, not only their medians. */
  singleRuns: SingleRunFit;
}

export interface SingleRunFit {
  /** Calibration facts (up to the split year) ... */
  calibrationFacts: number;
  /** ... runs meeting every one of them ... */
  meetingAllCalibration: number;
  /** ... and the most of them any run met. */
  mostCalibrationMet: number;
  /** The most facts (of every role) any run met. */
  mostMet: number;
}

/** How many of the facts single runs meet together (`within[run][fact]`: the run's value within tolerance). */
function singleRunFit(facts: readonly ScoredFact[], within: readonly boolean[][]): SingleRunFit {
  const calibration = facts.map((f) => f.timeRole === 'calibration');
  const calibrationFacts = calibration.filter(Boolean).length;
  let meetingAllCalibration = 0;
  let mostCalibrationMet = 0;
  let mostMet = 0;
  for (const ok of within) {
    let met = 0;
    let calibrationMet = 0;
    ok.forEach((x, j) => {
      if (!x) return;
      met++;
      if (calibration[j]) calibrationMet++;
    });
    if (calibrationMet === calibrationFacts) meetingAllCalibration++;
    mostCalibrationMet = Math.max(mostCalibrationMet, calibrationMet);
    mostMet = Math.max(mostMet, met);
  }
  return { calibrationFacts, meetingAllCalibration, mostCalibrationMet, mostMet };
}

export async function posteriorTargets(
  model: Model,
  options: {
    seeds?: number;
    seed?: Seed;
    scenario?: string;
    set?: Overrides;
    /** Parameters left fixed by the calibration to draw in every run instead: 'path', 'path=low:high' or a VariedParameter. */
    vary?: readonly (string | VariedParameter)[];
    workers?: number;
    pool?: WorkerPool;
    useDefaults?: boolean;
    /** Parameters to judge (default: the model's posterior file when it matches, else its defaults). */
    source?: ParameterSource;
    progress?: (done: number, total: number) => void;
  } = {},
): Promise<PosteriorTargets> {
  const n = options.seeds ?? 100;
  if (!Number.isInteger(n) || n < 2 || n > 1_000_000) throw new RangeError(`targets: seeds must be an integer in 2..1000000, got ${n}`);
  const facts = requireScoredFacts(model);
  const source: ParameterSource = options.useDefaults
    ? { kind: 'defaults', note: "the model's defaults (asked for)" }
    : (options.source ?? parameterSource(model));
  const base = model.resolve(options.set ?? {}, options.scenario);
  const userSet = new Set(Object.keys(model.overrides(options.set ?? {})));
  const calibrated = source.kind === 'posterior' ? source.record!.fit.posterior.parameters.filter((p) => !userSet.has(p)) : [];
  const vary = resolveVaried(model, options.vary ?? [], calibrated, userSet);
  const paths = [...calibrated, ...vary.map((v) => v.path)];
  const seed = String(options.seed ?? 0);
  const draws = parameterDraws(model, source, n, base, 0);
  const varied = variedValues(model, vary, seed, n);
  const rows = draws.map((d, i) => roundRow(model, paths, [...calibrated.map((p) => d[p] as number), ...varied.map((column) => column[i])]));
  const seeds = rows.map((_, i) => replicationSeed(seed, i));
  const sims = await runPoints(model, { base, paths, rows, seeds }, (r) => factValues(model, facts, r), {
    workers: options.workers,
    pool: options.pool,
    onDone: (done) => options.progress?.(done, n),
  });
  const validation = source.record?.validationByTime.predictive;
  const within = sims.map((s) => facts.map((f, j) => withinTolerance(s[j], f.fact.value, f.fact.tolerance!)));
  const out = facts.map((f, i): PosteriorTargetRow => {
    const v = sims
      .map((s) => s[i])
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const exists = v.length > 0 && v.length >= n / 2;
    const median = exists ? quantileSorted(v, 0.5) : NaN;
    const byTime = f.timeRole === 'heldOutByTime' ? validation?.find((c) => c.id === f.fact.id) : undefined;
    return {
      id: f.fact.id,
      metric: f.fact.metric,
      year: f.fact.year,
      value: f.fact.value,
      unit: f.fact.unit,
      median,
      p05: exists ? quantileSorted(v, 0.05) : NaN,
      p95: exists ? quantileSorted(v, 0.95) : NaN,
      n: v.length,
      runsWithin: within.filter((ok) => ok[i]).length / n,
      tolerance: toleranceText(f.fact.tolerance!),
      pass: withinTolerance(median, f.fact.value, f.fact.tolerance!),
      role: f.timeRole,
      roleText: FIT_ROLE_TEXT[f.timeRole],
      ...(byTime ? { byTimeMedian: byTime.median, byTimePass: byTime.pass } : {}),
      section: f.fact.section,
      description: f.fact.description,
    };
  });
  const scored = new Set(out.map((r) => r.id));
  const result: PosteriorTargets = {
    model: model.name,
    fingerprint: model.fingerprint,
    source: source.kind,
    sourceNote: vary.length === 0 ? source.note : `${source.note}; drawn uniformly in each run: ${variedText(vary)}`,
    varied: vary,
    runs: n,
    rows: out,
    unscored: (model.observed ?? []).filter((f) => !scored.has(f.id)).map((f) => ({ id: f.id, role: f.role })),
    singleRuns: singleRunFit(facts, within),
  };
  const caption = `${result.model}: ${result.runs} runs; parameters: ${result.sourceNote}`;
  return displayAsTable(
    result,
    () => `# ${caption}\n${textTable(targetColumns(result).cols, targetColumns(result).rows)}`,
    () => ({ caption, ...targetColumns(result) }),
  );
}

/** The columns of the targets table, as the CLI prints them and notebooks show them. */
export function targetColumns(result: PosteriorTargets): { cols: string[]; rows: string[][] } {
  return {
    cols: ['fact', 'role', 'year', 'paper', 'median', 'p05-p95', 'tolerance', 'result', 'runs within', 'by-time fit'],
    rows: result.rows.map((r) => [
      r.id,
      r.roleText,
      String(r.year),
      fmt(r.value),
      medianText(r.median),
      intervalText(r.p05, r.p95, (low, high) => `${low}-${high}`),
      r.tolerance,
      r.pass ? 'pass' : 'FAIL',
      `${Math.round(100 * r.runsWithin)}%`,
      r.byTimeMedian === undefined ? '' : `${medianText(r.byTimeMedian)} ${r.byTimePass ? 'pass' : 'FAIL'}`,
    ]),
  };
}
