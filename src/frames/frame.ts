/** Building DataFrames from clusterlab's tidy rows, ensemble summaries and run records. */
import { recordRows, type RunRecord, type TidyRow } from '../engine/recorder';
import type { SummaryRow } from '../experiments/quantiles';
import { loadDanfo, type DataFrame } from './danfo';

type Row = Record<string, unknown>;

function columnsOf(rows: readonly Row[], preferred: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...preferred.filter((c) => seen.has(c)), ...[...seen].filter((c) => !preferred.includes(c))];
}

/** Columns as arrays: the form danfo builds fastest from, with a fixed column order. */
function columnar(rows: readonly Row[], columns: readonly string[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const c of columns) out[c] = rows.map((r) => r[c] ?? null);
  return out;
}

/**
 * A DataFrame of plain rows (e.g. tidy rows `{run, seed, year, metric, value}`), or of every run in
 * a list of run records. Loads danfojs-node on first call.
 */
export function toFrame(data: readonly object[] | readonly RunRecord[]): DataFrame {
  const rows = (isRecordList(data) ? data.flatMap((r, i) => recordRows(r, i)) : [...data]) as Row[];
  if (rows.length === 0) throw new RangeError('toFrame: no rows to put in a frame');
  const columns = columnsOf(rows, ['scenario', 'run', 'seed', 'year', 'metric', 'value']);
  return new (loadDanfo().DataFrame)(columnar(rows, columns));
}

/** A DataFrame of an ensemble summary, columns scenario?, year, metric, median, p05, p95, n. */
export function summaryFrame(summary: readonly (SummaryRow & { scenario?: string })[]): DataFrame {
  if (summary.length === 0) throw new RangeError('summaryFrame: the summary is empty');
  const columns = columnsOf(summary as unknown as Row[], ['scenario', 'year', 'metric', 'median', 'p05', 'p95', 'n']);
  return new (loadDanfo().DataFrame)(columnar(summary as unknown as Row[], columns));
}

/**
 * Tidy rows pivoted to one row per year and one column per metric (the value of `valueField`),
 * for reading a single run side by side. Needs no danfo.
 */
export function wideRows(rows: readonly (TidyRow | SummaryRow)[], valueField = 'value'): Row[] {
  const byYear = new Map<number, Row>();
  for (const r of rows as readonly object[] as readonly Row[]) {
    const year = r.year as number;
    let out = byYear.get(year);
    if (!out) byYear.set(year, (out = { year }));
    out[r.metric as string] = r[valueField];
  }
  return [...byYear.values()].sort((a, b) => (a.year as number) - (b.year as number));
}

function isRecordList(data: readonly unknown[]): data is readonly RunRecord[] {
  const first = data[0] as RunRecord | undefined;
  return first !== undefined && first.values instanceof Float64Array && Array.isArray(first.metrics);
}
