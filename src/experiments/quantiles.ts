/**
 * Quantiles across replications, per metric and year. One scratch buffer (as long as the number of
 * runs) is filled, sorted in place and read for each cell: no allocation per value.
 */
import type { RunRecord } from '../engine/recorder';

/** One line of an ensemble summary. */
export interface SummaryRow {
  year: number;
  metric: string;
  median: number;
  p05: number;
  p95: number;
  /** Runs with a value for this metric and year. */
  n: number;
}

/**
 * Quantile `p` of an ascending-sorted array, by linear interpolation between order statistics
 * (Hyndman and Fan's type 7, the default of R and numpy). NaN for an empty array.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number, length = sorted.length): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantileSorted: p must be in [0, 1], got ${p}`);
  if (length === 0) return NaN;
  const h = (length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The finite values of `xs` in ascending order (runs where a quantity never existed are left out). */
export function finiteSorted(xs: readonly number[]): number[] {
  return xs.filter(Number.isFinite).sort((a, b) => a - b);
}

/** Median, 5th and 95th percentiles of the finite values of `xs` (NaN when there are none). */
export function medianInterval(xs: readonly number[]): { median: number; p05: number; p95: number } {
  const s = finiteSorted(xs);
  return { median: quantileSorted(s, 0.5), p05: quantileSorted(s, 0.05), p95: quantileSorted(s, 0.95) };
}

/**
 * Median, 5th and 95th percentiles of every metric in every year across `runs`, which must share
 * years and metrics. NaN values (never recorded) are left out and `n` says how many remained.
 */
export function summarizeRuns(runs: readonly RunRecord[]): SummaryRow[] {
  if (runs.length === 0) return [];
  const { years, metrics } = runs[0];
  for (const r of runs) {
    if (r.years.length !== years.length || r.years[0] !== years[0] || r.metrics.join('\u0000') !== metrics.join('\u0000')) {
      throw new RangeError(`summarizeRuns: run with seed ${r.seed} has different years or metrics than the first run`);
    }
  }
  const ny = years.length;
  const scratch = new Float64Array(runs.length);
  const views = new Map<number, Float64Array>();
  const rows: SummaryRow[] = [];
  for (let m = 0; m < metrics.length; m++) {
    for (let y = 0; y < ny; y++) {
      let n = 0;
      for (let r = 0; r < runs.length; r++) {
        const v = runs[r].values[m * ny + y];
        if (!Number.isNaN(v)) scratch[n++] = v;
      }
      let view = views.get(n);
      if (!view) views.set(n, (view = scratch.subarray(0, n)));
      view.sort();
      rows.push({ year: years[y], metric: metrics[m], median: quantileSorted(view, 0.5), p05: quantileSorted(view, 0.05), p95: quantileSorted(view, 0.95), n });
    }
  }
  return rows;
}
