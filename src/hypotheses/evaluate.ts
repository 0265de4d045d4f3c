/**
 * Hypotheses across the posterior: each spec's two arms run at the same D posterior draws and M
 * seeds (paired: draw d and seed j in both arms), the effect per pair, its mean and 5-95%
 * interval over all pairs, the share of draws whose seed-averaged effect has the predicted sign,
 * and a verdict by a stated rule. Without a posterior file matching the model's fingerprint the
 * defaults are used, and the result says so.
 */
import type { Model } from '../engine/define';
import type { ParamValues } from '../engine/model';
import { replicationSeed, type Seed } from '../engine/rng';
import type { WorkerPool } from '../experiments/pool';
import { finiteSorted, quantileSorted } from '../experiments/quantiles';
import { getModel } from '../engine/registry';
import { drawRows, runPoints } from '../calibration/runPoints';
import { displayPath, parameterDraws, parameterSource, type ParameterSource } from '../calibration/store';
import { resolveVaried, type VariedParameter, variedText, variedValues } from '../calibration/vary';
import { hypothesisSpecs, measureValue, type Arm, type HypothesisSpec } from './spec';
import { fmt } from '../simulation/summary';
import { displayAsTable, textTable } from '../calibration/report';

export const SUPPORT_SHARE = 0.9;
export const CONTRADICT_SHARE = 0.1;
export const VERDICT_RULE = `supported when at least ${SUPPORT_SHARE * 100}% of posterior draws have a seed-averaged effect of the predicted sign and the 5-95% interval over draws and seeds excludes 0 on that side; contradicted when at most ${CONTRADICT_SHARE * 100}% do and the interval excludes 0 on the other side; otherwise inconclusive (an effect of exactly 0 supports neither side)`;

export type Verdict = 'supported' | 'contradicted' | 'inconclusive' | 'no prediction' | 'not tested';

export interface HypothesisRow {
  id: string;
  statement: string;
  measure: string;
  baseline: string;
  alternative: string;
  predicts: HypothesisSpec['predicts'];
  /** Medians of the measure in each arm over all draws and seeds. */
  baselineMedian: number;
  alternativeMedian: number;
  /** Mean paired effect (alternative - baseline, or alternative - reference for a level). */
  estimate: number;
  p05: number;
  p95: number;
  /** Pairs where both arms have the measure. */
  pairs: number;
  /** Share of draws whose seed-averaged effect has the predicted sign (NaN without a prediction). */
  supportShare: number;
  verdict: Verdict;
  /** Why a hypothesis was not tested, when it was not. */
  note?: string;
}

export interface HypothesesResult {
  model: string;
  fingerprint: string;
  source: ParameterSource['kind'];
  sourceNote: string;
  /** The calibration file the draws came from (relative to the project when inside it); absent at the defaults. */
  posterior?: string;
  /** Parameters drawn from a range once per posterior draw (none unless asked for). */
  varied: VariedParameter[];
  draws: number;
  seeds: number;
  rule: string;
  rows: HypothesisRow[];
}

export interface HypothesesOptions {
  draws?: number;
  seeds?: number;
  seed?: Seed;
  workers?: number;
  pool?: WorkerPool;
  /** Default: the specs registered for the model's name. */
  specs?: readonly HypothesisSpec[];
  /** Default: the model's posterior file when it matches, else its defaults. */
  source?: ParameterSource;
  /** Parameters the calibration leaves fixed, drawn once per posterior draw instead (the same in both arms and every seed of the draw). */
  vary?: readonly (string | VariedParameter)[];
  progress?: (stage: string, done: number, total: number) => void;
}

function armKey(a: Arm): string {
  return JSON.stringify([a.scenario ?? null, Object.entries(a.set ?? {}).sort()]);
}

function verdictOf(spec: HypothesisSpec, share: number, p05: number, p95: number): Verdict {
  if (spec.predicts === 'none') return 'no prediction';
  if (!Number.isFinite(share)) return 'inconclusive';
  const predicted = spec.predicts === 'higher' ? p05 > 0 : p95 < 0;
  const opposite = spec.predicts === 'higher' ? p95 < 0 : p05 > 0;
  if (share >= SUPPORT_SHARE && predicted) return 'supported';
  if (share <= CONTRADICT_SHARE && opposite) return 'contradicted';
  return 'inconclusive';
}

/** Evaluates the model's hypotheses; see the module comment. */
export async function hypotheses(target: Model | string, options: HypothesesOptions = {}): Promise<HypothesesResult> {
  const model = typeof target === 'string' ? getModel(target) : target;
  const specs = options.specs ?? hypothesisSpecs(model.name);
  const D = options.draws ?? 20;
  const M = options.seeds ?? 5;
  if (!Number.isInteger(D) || D < 1 || D > 10_000) throw new RangeError(`hypotheses: draws must be an integer in 1..10000, got ${D}`);
  if (!Number.isInteger(M) || M < 1 || M > 10_000) throw new RangeError(`hypotheses: seeds must be an integer in 1..10000, got ${M}`);
  const seed = String(options.seed ?? 0);
  const source = options.source ?? parameterSource(model);
  const post = source.kind === 'posterior' ? source.record!.fit.posterior : undefined;
  const vary = resolveVaried(model, options.vary ?? [], post?.parameters ?? [], new Set());
  const varied = variedValues(model, vary, `${seed}/hypotheses`, D);
  const drawValues = parameterDraws(model, source, D, model.resolve(), Number(seed) || 0).map((d, i) => {
    const values: Record<string, ParamValues[string]> = { ...d };
    vary.forEach((v, j) => {
      values[v.path] = varied[j][i];
    });
    return values;
  });
  const runSeeds = Array.from({ length: D * M }, (_, i) => replicationSeed(`${seed}/hypotheses`, i));

  const arms = new Map<string, Arm>();
  for (const s of specs) for (const a of [s.baseline, s.alternative]) arms.set(armKey(a), a);
  const results = new Map<string, number[][]>();
  let armIndex = 0;
  for (const [key, arm] of arms) {
    armIndex++;
    const scenarioSet = arm.scenario ? (model.scenario(arm.scenario).set ?? {}) : {};
    const fixed = new Set([...Object.keys(scenarioSet), ...Object.keys(arm.set ?? {})]);
    // The posterior's calibrated (and varied) values, except where the arm itself sets a value.
    const paths = [...(post?.parameters ?? []), ...vary.map((v) => v.path)].filter((p) => !fixed.has(p));
    const base: ParamValues = model.resolve(arm.set ?? {}, arm.scenario);
    const rows = drawRows(model, paths, drawValues, M);
    const measures = await runPoints(model, { base, paths, rows, seeds: runSeeds }, (r) => specs.map((s) => measureValue(s.measure, r)), {
      workers: options.workers,
      pool: options.pool,
      onDone: (done) => options.progress?.(`arm ${armIndex}/${arms.size}: ${arm.label}`, done, D * M),
    });
    results.set(key, measures);
  }

  const rows = specs.map((spec, k): HypothesisRow => {
    const b = results.get(armKey(spec.baseline))!.map((m) => m[k]);
    const a = results.get(armKey(spec.alternative))!.map((m) => m[k]);
    const level = spec.effect === 'level';
    const reference = spec.reference ?? 0;
    const effects = a.map((x, i) => (level ? x - reference : x - b[i]));
    const finite = finiteSorted(effects);
    const med = (xs: number[]) => quantileSorted(finiteSorted(xs), 0.5);
    const p05 = quantileSorted(finite, 0.05);
    const p95 = quantileSorted(finite, 0.95);
    let supporting = 0;
    let counted = 0;
    for (let d = 0; d < D; d++) {
      const own = effects.slice(d * M, (d + 1) * M).filter(Number.isFinite);
      if (own.length === 0) continue;
      const mean = own.reduce((s, x) => s + x, 0) / own.length;
      counted++;
      if ((spec.predicts === 'higher' && mean > 0) || (spec.predicts === 'lower' && mean < 0)) supporting++;
    }
    const supportShare = spec.predicts === 'none' || counted === 0 ? NaN : supporting / counted;
    let verdict = verdictOf(spec, supportShare, p05, p95);
    let note: string | undefined;
    if (spec.precondition) {
      const ok = b.filter((x) => Number.isFinite(x) && x >= reference).length / b.length;
      if (ok < spec.precondition.share) {
        verdict = 'not tested';
        note = `precondition failed: ${spec.precondition.text} (it does in ${fmt(ok * 100)}% of runs; baseline median ${fmt(med(b))})`;
      }
    }
    return {
      id: spec.id,
      statement: spec.statement,
      measure: spec.measureText,
      baseline: spec.baseline.label,
      alternative: spec.alternative.label,
      predicts: spec.predicts,
      baselineMedian: med(b),
      alternativeMedian: med(a),
      estimate: finite.length > 0 ? finite.reduce((s, x) => s + x, 0) / finite.length : NaN,
      p05,
      p95,
      pairs: finite.length,
      supportShare,
      verdict,
      ...(note ? { note } : {}),
    };
  });
  const result: HypothesesResult = {
    model: model.name,
    fingerprint: model.fingerprint,
    source: source.kind,
    sourceNote: vary.length === 0 ? source.note : `${source.note}; drawn uniformly for each draw: ${variedText(vary)}`,
    ...(source.kind === 'posterior' && source.file ? { posterior: displayPath(source.file) } : {}),
    varied: vary,
    draws: D,
    seeds: M,
    rule: VERDICT_RULE,
    rows,
  };
  return displayAsTable(
    result,
    () => hypothesesText(result),
    () => ({
      caption: `${result.model}: ${result.draws} draws x ${result.seeds} seeds; parameters: ${result.sourceNote}; verdict: ${result.rule}`,
      ...hypothesesColumns(result),
    }),
  );
}

function hypothesesColumns(result: HypothesesResult): { cols: string[]; rows: string[][] } {
  return {
    cols: ['id', 'measure', 'alternative vs baseline', 'predicts', 'baseline', 'alternative', 'effect', 'p05', 'p95', 'draws supporting', 'verdict'],
    rows: result.rows.map((r) => [
      r.id,
      r.measure,
      `${r.alternative} vs ${r.baseline}`,
      r.predicts,
      fmt(r.baselineMedian),
      fmt(r.alternativeMedian),
      fmt(r.estimate),
      fmt(r.p05),
      fmt(r.p95),
      Number.isFinite(r.supportShare) ? `${fmt(r.supportShare * 100)}%` : '-',
      r.verdict,
    ]),
  };
}

/** The result as a text table with its header lines. */
export function hypothesesText(result: HypothesesResult): string {
  const { cols, rows } = hypothesesColumns(result);
  const table = textTable(cols, rows);
  const notes = result.rows.filter((r) => r.note).map((r) => `# ${r.id}: ${r.note}`);
  const statements = [...new Map(result.rows.map((r) => [r.id.replace(/[a-z]$/, ''), r.statement.replace(/ \(.*\)\.$/, '.')])).entries()].map(
    ([id, s]) => `# ${id}: ${s}`,
  );
  return [
    `# hypotheses of ${result.model} (fingerprint ${result.fingerprint}): ${result.draws} draws x ${result.seeds} seeds per arm, paired`,
    `# parameters: ${result.sourceNote}`,
    `# verdict: ${result.rule}`,
    ...statements,
    table,
    ...notes,
  ].join('\n');
}
