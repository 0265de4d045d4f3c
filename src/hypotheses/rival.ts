/**
 * Two accounts of the same case compared on equal terms (pattern-oriented modelling, Grimm et al.
 * 2005): each model runs at D draws of its own posterior (its own calibration file, or its
 * defaults when none matches its fingerprint, said in the result) and M seeds, the same seeds in
 * both; then
 * - fit by role: each fact's median and 5-95% interval, within tolerance or not; calibration and
 *   held-out-by-kind facts under the main posterior, held-out-by-time facts under the posterior
 *   fitted on facts up to the split year;
 * - distance: per run, the root mean square of the misses in tolerances (each capped, as the
 *   calibration's loss), over each group of facts; its median and 5-95% interval over draws and
 *   seeds, and the share of runs (pairing run i of one with run i of the other) where the first
 *   model is closer;
 * - patterns stated in advance (patterns.ts): for each model the share of runs that produce each.
 */
import type { Model } from '../engine/define';
import type { ParamValues } from '../engine/model';
import { getModel } from '../engine/registry';
import { replicationSeed, type Seed } from '../engine/rng';
import type { RunRecord } from '../engine/recorder';
import type { WorkerPool } from '../experiments/pool';
import { medianInterval } from '../experiments/quantiles';
import { withinTolerance } from '../data/facts';
import { factValues, FIT_ROLE_TEXT, scoredFacts, type FitRole } from '../calibration/facts';
import { runDistance } from '../calibration/pipeline';
import { displayAsTable, intervalText, medianText, textTable } from '../calibration/report';
import { drawRows, runPoints } from '../calibration/runPoints';
import { parameterDraws, parameterSource, type ParameterSource } from '../calibration/store';
import { fmt } from '../simulation/summary';
import { patternsFor, type Pattern } from './patterns';

/** A pattern tells the accounts apart when one produces it in at least this share of runs ... */
export const PRODUCES_SHARE = 0.5;
/** ... and the other in at most this share. */
export const RARELY_SHARE = 0.1;
export const PATTERN_RULE = `a model produces a pattern when at least ${PRODUCES_SHARE * 100}% of its runs (posterior draws x seeds) do; a pattern tells the two apart when one produces it and the other does in at most ${RARELY_SHARE * 100}% of runs`;

const GROUPS = ['calibration', 'heldOutByKind', 'heldOutByTime'] as const;
type Group = (typeof GROUPS)[number];

export interface CompareOptions {
  draws?: number;
  seeds?: number;
  seed?: Seed;
  workers?: number;
  pool?: WorkerPool;
  patterns?: readonly Pattern[];
  /** Parameter sources by model name (default: each model's posterior file, else its defaults). */
  sources?: Record<string, ParameterSource>;
  progress?: (stage: string, done: number, total: number) => void;
}

export interface FactFit {
  id: string;
  role: FitRole;
  value: number;
  /** Per model, in the order of `models`. */
  median: number[];
  p05: number[];
  p95: number[];
  pass: boolean[];
}

export interface DistanceRow {
  group: Group;
  /** Every fact of the group, or only those both models produce in at least half their runs. */
  scope: 'all' | 'both produce';
  facts: number;
  /** Per model: median and 5-95% interval of the run's distance in tolerances. */
  median: number[];
  p05: number[];
  p95: number[];
  /** Facts within tolerance (median over runs) per model. */
  passed: number[];
  /** Share of paired runs in which the first model is strictly closer than the second. */
  firstCloser: number;
}

export interface PatternRow {
  id: string;
  statement: string;
  measure: string;
  evidence: string;
  note?: string;
  /** Per model: share of runs producing the pattern. */
  share: number[];
  /** Index of the model that alone produces it by the stated rule, or -1. */
  distinguishes: number;
}

export interface ComparisonResult {
  models: string[];
  fingerprints: string[];
  sources: ParameterSource['kind'][];
  sourceNotes: string[];
  draws: number;
  seeds: number;
  rule: string;
  facts: FactFit[];
  distances: DistanceRow[];
  patterns: PatternRow[];
}

interface ModelRuns {
  main: { facts: number[][]; patterns: boolean[][] };
  byTime: number[][];
}

/** The model's posterior fitted on facts up to the split year, as a parameter source. */
function byTimeSource(source: ParameterSource): ParameterSource {
  if (source.kind !== 'posterior' || !source.record) return source;
  return { ...source, record: { ...source.record, fit: source.record.validationByTime } };
}

async function runAt(
  model: Model,
  source: ParameterSource,
  D: number,
  M: number,
  seed: string,
  reduce: (r: RunRecord) => unknown,
  options: CompareOptions,
  stage: string,
): Promise<unknown[]> {
  const post = source.kind === 'posterior' ? source.record!.fit.posterior : undefined;
  const drawValues = parameterDraws(model, source, D, model.resolve(), Number(seed) || 0);
  const paths = post?.parameters ?? [];
  const base: ParamValues = model.resolve();
  const rows = drawRows(model, paths, drawValues, M);
  // The same seeds for every model and fit, so run i of one is paired with run i of the other.
  const seeds = rows.map((_, i) => replicationSeed(`${seed}/compare`, i));
  return runPoints(model, { base, paths, rows, seeds }, reduce, {
    workers: options.workers,
    pool: options.pool,
    onDone: (done) => options.progress?.(stage, done, rows.length),
  });
}

/** Compares two (or more) models of the same case; see the module comment. */
export async function compareModels(targets: readonly (Model | string)[], options: CompareOptions = {}): Promise<ComparisonResult> {
  const models = targets.map((t) => (typeof t === 'string' ? getModel(t) : t));
  if (models.length < 2) throw new RangeError(`compare: give at least two models, got ${models.length}`);
  const D = options.draws ?? 20;
  const M = options.seeds ?? 5;
  if (!Number.isInteger(D) || D < 1 || D > 10_000) throw new RangeError(`compare: draws must be an integer in 1..10000, got ${D}`);
  if (!Number.isInteger(M) || M < 1 || M > 10_000) throw new RangeError(`compare: seeds must be an integer in 1..10000, got ${M}`);
  const seed = String(options.seed ?? 0);
  const patterns = options.patterns ?? patternsFor(models[0]);
  const facts = scoredFacts(models[0]);
  const ids = facts.map((f) => `${f.fact.id}:${f.role}:${f.timeRole}`).join(',');
  for (const m of models.slice(1)) {
    const other = scoredFacts(m)
      .map((f) => `${f.fact.id}:${f.role}:${f.timeRole}`)
      .join(',');
    if (other !== ids)
      throw new RangeError(`compare: '${m.name}' does not have the same facts with the same roles as '${models[0].name}'; compare accounts of one case`);
  }
  const sources = models.map((m) => options.sources?.[m.name] ?? parameterSource(m));

  const runs: ModelRuns[] = [];
  for (const [k, m] of models.entries()) {
    const main = (await runAt(
      m,
      sources[k],
      D,
      M,
      seed,
      (r) => ({ facts: factValues(m, facts, r), patterns: patterns.map((p) => p.test(r)) }),
      options,
      `${m.name}: posterior`,
    )) as { facts: number[]; patterns: boolean[] }[];
    const byTime = (await runAt(
      m,
      byTimeSource(sources[k]),
      D,
      M,
      seed,
      (r) => factValues(m, facts, r),
      options,
      `${m.name}: fit up to the split year`,
    )) as number[][];
    runs.push({ main: { facts: main.map((x) => x.facts), patterns: main.map((x) => x.patterns) }, byTime });
  }

  const simsOf = (run: ModelRuns, group: Group) => (group === 'heldOutByTime' ? run.byTime : run.main.facts);
  // A calibration fact after the split year is judged twice: as fitted, and held out by time
  // under the fit that did not see it.
  const factRows: FactFit[] = [];
  for (const [i, f] of facts.entries()) {
    const roles: FitRole[] = f.timeRole === 'heldOutByTime' ? ['calibration', 'heldOutByTime'] : [f.role];
    for (const role of roles) {
      const per = runs.map((run) => medianInterval(simsOf(run, role).map((s) => s[i])));
      const median = per.map((v) => v.median);
      factRows.push({
        id: f.fact.id,
        role,
        value: f.fact.value,
        median,
        p05: per.map((v) => v.p05),
        p95: per.map((v) => v.p95),
        pass: median.map((x) => withinTolerance(x, f.fact.value, f.fact.tolerance!)),
      });
    }
  }

  // A fact a model cannot produce counts at the cap, as in the calibration's loss; the second
  // scope leaves such facts out, so the fit of what both accounts speak to is seen on its own.
  const producedByAll = (group: Group, i: number) =>
    runs.every((run) => {
      const sims = simsOf(run, group);
      return sims.filter((s) => Number.isFinite(s[i])).length >= sims.length / 2;
    });
  const distances: DistanceRow[] = GROUPS.flatMap((group) =>
    (['all', 'both produce'] as const).map((scope) => {
      const include = facts.map(
        (f, i) => (group === 'heldOutByTime' ? f.timeRole === 'heldOutByTime' : f.role === group) && (scope === 'all' || producedByAll(group, i)),
      );
      const per = runs.map((run) => simsOf(run, group).map((s) => runDistance(facts, s, include)));
      let closer = 0;
      let pairs = 0;
      for (let i = 0; i < per[0].length; i++) {
        if (!Number.isFinite(per[0][i]) || !Number.isFinite(per[1][i])) continue;
        pairs++;
        if (per[0][i] < per[1][i]) closer++;
      }
      const spread = per.map(medianInterval);
      const ids = new Set(facts.filter((_, i) => include[i]).map((f) => f.fact.id));
      const rowsOfGroup = factRows.filter((r) => r.role === group && ids.has(r.id));
      return {
        group,
        scope,
        facts: ids.size,
        median: spread.map((d) => d.median),
        p05: spread.map((d) => d.p05),
        p95: spread.map((d) => d.p95),
        passed: models.map((_, k) => rowsOfGroup.filter((r) => r.pass[k]).length),
        firstCloser: pairs > 0 ? closer / pairs : NaN,
      };
    }),
  );

  const patternRows: PatternRow[] = patterns.map((p, j) => {
    const share = runs.map((run) => run.main.patterns.filter((x) => x[j]).length / run.main.patterns.length);
    const producers = share.map((s, k) => (s >= PRODUCES_SHARE ? k : -1)).filter((k) => k >= 0);
    const distinguishes = producers.length === 1 && share.every((s, k) => k === producers[0] || s <= RARELY_SHARE) ? producers[0] : -1;
    return {
      id: p.id,
      statement: p.statement,
      measure: p.measureText,
      evidence: p.evidence,
      ...(p.note ? { note: p.note } : {}),
      share,
      distinguishes,
    };
  });

  const result: ComparisonResult = {
    models: models.map((m) => m.name),
    fingerprints: models.map((m) => m.fingerprint),
    sources: sources.map((s) => s.kind),
    sourceNotes: sources.map((s) => s.note),
    draws: D,
    seeds: M,
    rule: PATTERN_RULE,
    facts: factRows,
    distances,
    patterns: patternRows,
  };
  return displayAsTable(
    result,
    () => comparisonText(result),
    () => ({ caption: `${result.models.join(' against ')}: ${D} draws x ${M} seeds each; ${PATTERN_RULE}`, ...patternColumns(result) }),
  );
}

const GROUP_TEXT: Record<Group, string> = { calibration: 'calibration', heldOutByKind: 'held out by kind', heldOutByTime: 'held out by time' };

function patternColumns(result: ComparisonResult): { cols: string[]; rows: string[][] } {
  return {
    cols: ['pattern', 'measure', ...result.models.map((m) => `${m} runs`), 'tells apart', 'evidence'],
    rows: result.patterns.map((p) => [
      p.id,
      p.measure,
      ...p.share.map((s) => `${fmt(s * 100)}%`),
      p.distinguishes >= 0 ? `only ${result.models[p.distinguishes]}` : 'no',
      p.evidence,
    ]),
  };
}

/** The comparison as text: sources, fit by role, distances, patterns. */
export function comparisonText(result: ComparisonResult): string {
  const m = result.models;
  const factTable = textTable(
    ['fact', 'role', 'paper', ...m.flatMap((x) => [`${x} median [p05, p95]`, 'pass'])],
    result.facts.map((f) => [
      f.id,
      FIT_ROLE_TEXT[f.role],
      fmt(f.value),
      ...m.flatMap((_, k) => [
        Number.isNaN(f.median[k]) ? medianText(f.median[k]) : `${fmt(f.median[k])} ${intervalText(f.p05[k], f.p95[k], (low, high) => `[${low}, ${high}]`)}`,
        f.pass[k] ? 'yes' : 'NO',
      ]),
    ]),
  );
  const distanceTable = textTable(
    ['facts', 'n', ...m.flatMap((x) => [`${x} within tolerance`, `${x} distance [p05, p95]`]), `${m[0]} closer`],
    result.distances.map((d) => [
      d.scope === 'all' ? GROUP_TEXT[d.group] : `${GROUP_TEXT[d.group]}, both produce`,
      String(d.facts),
      ...m.flatMap((_, k) => [`${d.passed[k]} of ${d.facts}`, `${fmt(d.median[k])} [${fmt(d.p05[k])}, ${fmt(d.p95[k])}]`]),
      `${fmt(d.firstCloser * 100)}%`,
    ]),
  );
  const { cols, rows } = patternColumns(result);
  const notes = result.patterns.filter((p) => p.note).map((p) => `# ${p.id}: ${p.note}`);
  const statements = result.patterns.map((p) => `# ${p.id}: ${p.statement}`);
  return [
    `# ${m.join(' against ')}: ${result.draws} posterior draws x ${result.seeds} seeds each, the same seeds in each`,
    ...m.map((x, k) => `# ${x} (fingerprint ${result.fingerprints[k]}): ${result.sourceNotes[k]}`),
    '',
    '## Fit by role (held out by time: under the posterior fitted on facts up to the split year)',
    factTable,
    '',
    `## Distance in tolerances (root mean square of capped misses per run), median and 5-95% over draws x seeds; "closer": share of paired runs where ${m[0]} is closer`,
    distanceTable,
    '',
    `## Patterns stated in advance; ${result.rule}`,
    ...statements,
    textTable(
      cols.slice(0, -1),
      rows.map((r) => r.slice(0, -1)),
    ),
    ...result.patterns.map((p) => `# ${p.id} evidence: ${p.evidence}`),
    ...notes,
  ].join('\n');
}
