/**
 * What the time-series view accepts, turned into one shape: per scenario and metric, a median with
 * an optional 5–95 percent band over the years. Inputs are an ensemble's summary rows, an ensemble
 * (anything with `summary`), a run (anything with `series()`), tidy rows of one or more runs, or a
 * list of these to compare scenarios.
 */
import type { TidyRow } from '../engine/recorder';
import { quantileSorted, type SummaryRow as EngineSummaryRow } from '../experiments/quantiles';

export type { TidyRow };

/** One row of `Ensemble.summary`; `scenario` is absent in the engine's bare summaries, and the view then names the series itself. */
export interface SummaryRow extends EngineSummaryRow {
  scenario?: string;
}

export interface RunLike {
  scenario?: unknown;
  /** Legend name (a run's provenance label); else the scenario names the series. */
  label?: unknown;
  series(): TidyRow[];
  events?: readonly { year: number; kind?: string; text: string }[];
}

export interface EnsembleLike {
  label?: unknown;
  scenario?: unknown;
  summary: readonly SummaryRow[];
  metrics?: readonly string[];
}

export type SeriesSource = readonly SummaryRow[] | readonly TidyRow[] | RunLike | EnsembleLike;

export interface Band {
  name: string;
  metric: string;
  x: number[];
  median: number[];
  p05?: number[];
  p95?: number[];
}

export function isRunLike(x: unknown): x is RunLike {
  return typeof x === 'object' && x !== null && typeof (x as RunLike).series === 'function';
}

export function isEnsembleLike(x: unknown): x is EnsembleLike {
  return typeof x === 'object' && x !== null && Array.isArray((x as EnsembleLike).summary);
}

/** A scenario given as a name or as an object with a `name`. */
export function scenarioName(scenario: unknown, fallback: string): string {
  if (typeof scenario === 'string') return scenario;
  const name = (scenario as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : fallback;
}

/** Splits a list of sources from a single source that happens to be an array of rows. */
export function sourceList(input: SeriesSource | readonly SeriesSource[]): SeriesSource[] {
  if (Array.isArray(input) && input.length > 0 && (Array.isArray(input[0]) || isRunLike(input[0]) || isEnsembleLike(input[0]))) {
    return [...(input as SeriesSource[])];
  }
  return [input as SeriesSource];
}

/** Metric labels and units a run or an ensemble carries from its model definition (`x.definition.metrics`). */
export function definitionMetrics(sources: readonly SeriesSource[]): { labels: Record<string, string>; units: Record<string, string> } {
  const labels: Record<string, string> = {};
  const units: Record<string, string> = {};
  for (const source of sources) {
    const metrics = (source as { definition?: { metrics?: unknown } }).definition?.metrics;
    if (!Array.isArray(metrics)) continue;
    for (const m of metrics as { name?: unknown; label?: unknown; unit?: unknown }[]) {
      if (typeof m?.name !== 'string') continue;
      if (typeof m.label === 'string') labels[m.name] ??= m.label;
      if (typeof m.unit === 'string' && m.unit !== '') units[m.name] ??= m.unit;
    }
  }
  return { labels, units };
}

/** The legend name of a run or an ensemble: its label, else its scenario; undefined for bare rows. */
export function sourceName(source: SeriesSource): string | undefined {
  if (!isEnsembleLike(source) && !isRunLike(source)) return undefined;
  const { label, scenario } = source as { label?: unknown; scenario?: unknown };
  if (typeof label === 'string' && label !== '') return label;
  return scenario === undefined ? undefined : scenarioName(scenario, '');
}

export function toBands(source: SeriesSource, fallbackName: string): Band[] {
  const name = sourceName(source) || undefined;
  if (isEnsembleLike(source)) return summaryBands(source.summary, fallbackName, name);
  if (isRunLike(source)) return tidyBands(source.series(), name ?? fallbackName);
  if (!Array.isArray(source)) throw new TypeError('timeseriesView: expected summary rows, tidy rows, a run (with series()) or an ensemble (with summary)');
  if (source.length === 0) return [];
  const first = source[0] as Partial<SummaryRow & TidyRow>;
  if (typeof first.median === 'number') return summaryBands(source as readonly SummaryRow[], fallbackName);
  if (typeof first.value === 'number') return tidyBands(source as readonly TidyRow[], fallbackName);
  throw new TypeError("timeseriesView: rows must have either 'median' (ensemble summary) or 'value' (tidy run rows)");
}

/** Bands of summary rows, one per scenario and metric; `name` (an ensemble's label) names them all. */
function summaryBands(rows: readonly SummaryRow[], fallbackName: string, name?: string): Band[] {
  const groups = new Map<string, SummaryRow[]>();
  rows.forEach((row, i) => {
    if (typeof row.metric !== 'string') throw new TypeError(`timeseriesView: summary[${i}].metric must be a string`);
    if (!Number.isFinite(row.year)) throw new RangeError(`timeseriesView: summary[${i}].year must be a finite number, got ${row.year}`);
    const key = `${name ?? row.scenario ?? fallbackName}\u0000${row.metric}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(row);
  });
  return [...groups.values()].map((group) => {
    const sorted = [...group].sort((a, b) => a.year - b.year);
    const band: Band = {
      name: name ?? sorted[0].scenario ?? fallbackName,
      metric: sorted[0].metric,
      x: sorted.map((r) => r.year),
      median: sorted.map((r) => r.median),
    };
    if (sorted.some((r) => r.n > 1)) {
      band.p05 = sorted.map((r) => r.p05);
      band.p95 = sorted.map((r) => r.p95);
    }
    return band;
  });
}

/** Tidy rows of one or several runs: the median across runs per year, with a band when there are several. */
function tidyBands(rows: readonly TidyRow[], name: string): Band[] {
  const byMetric = new Map<string, Map<number, number[]>>();
  rows.forEach((row, i) => {
    if (typeof row.metric !== 'string') throw new TypeError(`timeseriesView: rows[${i}].metric must be a string`);
    if (!Number.isFinite(row.year)) throw new RangeError(`timeseriesView: rows[${i}].year must be a finite number, got ${row.year}`);
    if (!byMetric.has(row.metric)) byMetric.set(row.metric, new Map());
    const years = byMetric.get(row.metric)!;
    if (!years.has(row.year)) years.set(row.year, []);
    years.get(row.year)!.push(row.value);
  });
  return [...byMetric].map(([metric, years]) => {
    const x = [...years.keys()].sort((a, b) => a - b);
    const several = x.some((year) => years.get(year)!.length > 1);
    const band: Band = { name, metric, x, median: x.map((year) => quantile(years.get(year)!, 0.5)) };
    if (several) {
      band.p05 = x.map((year) => quantile(years.get(year)!, 0.05));
      band.p95 = x.map((year) => quantile(years.get(year)!, 0.95));
    }
    return band;
  });
}

function quantile(values: readonly number[], q: number): number {
  const finite = Float64Array.from(values.filter(Number.isFinite)).sort();
  return quantileSorted(finite, q);
}
