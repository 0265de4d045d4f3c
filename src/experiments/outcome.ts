/**
 * Outcomes: how one number is read from a run, for sensitivity analysis and calibration. A metric
 * in a year (`exportTonnes@2000`), or a metric reduced over the run (`exportTonnes:max`,
 * `exportTonnes:firstYearAbove=0` for a take-off year), or any function of the run's record.
 */
import type { RunRecord } from '../engine/recorder';

export type Reducer = 'final' | 'max' | 'min' | 'mean' | 'sum' | 'firstYearAbove';

export interface MetricOutcome {
  metric: string;
  /** The value in this year; otherwise `reducer` over the recorded years (default 'final'). */
  year?: number;
  reducer?: Reducer;
  /** Threshold of `firstYearAbove`. */
  threshold?: number;
}

/** A computed outcome: a label and a function of the run (NaN when it does not exist). */
export interface CustomOutcome {
  label: string;
  value: (record: RunRecord) => number;
}

export type Outcome = MetricOutcome | CustomOutcome;

const REDUCERS: readonly Reducer[] = ['final', 'max', 'min', 'mean', 'sum', 'firstYearAbove'];

/** A short label: `exportTonnes@2000`, `exportTonnes:max`, `exportTonnes:firstYearAbove=0`. */
export function outcomeLabel(o: Outcome): string {
  if ('value' in o) return o.label;
  if (o.year !== undefined) return `${o.metric}@${o.year}`;
  const r = o.reducer ?? 'final';
  return r === 'firstYearAbove' ? `${o.metric}:${r}=${o.threshold ?? 0}` : `${o.metric}:${r}`;
}

/** Parses `metric`, `metric@year`, `metric:reducer` or `metric:firstYearAbove=threshold`. */
export function parseOutcome(text: string): MetricOutcome {
  const at = /^([A-Za-z_][\w.]*)@(\d{1,6})$/.exec(text);
  if (at) return { metric: at[1], year: Number(at[2]) };
  const red = /^([A-Za-z_][\w.]*)(?::(\w+)(?:=(-?[\d.eE+-]+))?)?$/.exec(text);
  if (!red) throw new RangeError(`outcome '${text}' must be metric, metric@year, metric:reducer or metric:firstYearAbove=threshold`);
  const reducer = (red[2] ?? 'final') as Reducer;
  if (!REDUCERS.includes(reducer)) throw new RangeError(`outcome '${text}': reducer must be one of ${REDUCERS.join(', ')}, got '${red[2]}'`);
  const threshold = red[3] === undefined ? undefined : Number(red[3]);
  if (threshold !== undefined && !Number.isFinite(threshold)) throw new RangeError(`outcome '${text}': threshold must be a number, got '${red[3]}'`);
  if (threshold !== undefined && reducer !== 'firstYearAbove') throw new RangeError(`outcome '${text}': only firstYearAbove takes a threshold`);
  return reducer === 'firstYearAbove' ? { metric: red[1], reducer, threshold: threshold ?? 0 } : { metric: red[1], reducer };
}

/** Checks an outcome against a model's metrics and years, naming what exists. */
export function checkOutcome(o: Outcome, metrics: readonly string[], years: readonly [number, number]): void {
  if ('value' in o) return;
  if (!metrics.includes(o.metric)) throw new RangeError(`unknown metric '${o.metric}'; metrics: ${metrics.join(', ')}`);
  if (o.year !== undefined && !(Number.isInteger(o.year) && o.year >= years[0] && o.year <= years[1])) {
    throw new RangeError(`outcome '${outcomeLabel(o)}': year must be in ${years[0]}..${years[1]}, got ${o.year}`);
  }
}

/**
 * The outcome's value in one run. `firstYearAbove` is the first year the metric exceeds the
 * threshold, or the year after the last recorded one when it never does (a censored take-off
 * still orders runs correctly); the other reducers skip never-recorded (NaN) years.
 */
export function outcomeValue(o: Outcome, r: RunRecord): number {
  if ('value' in o) return o.value(r);
  const m = r.metrics.indexOf(o.metric);
  if (m < 0) throw new RangeError(`unknown metric '${o.metric}'; metrics: ${r.metrics.join(', ')}`);
  const ny = r.years.length;
  const base = m * ny;
  if (o.year !== undefined) {
    const y = o.year - r.years[0];
    return y >= 0 && y < ny ? r.values[base + y] : NaN;
  }
  const reducer = o.reducer ?? 'final';
  if (reducer === 'firstYearAbove') {
    const threshold = o.threshold ?? 0;
    for (let y = 0; y < ny; y++) if (r.values[base + y] > threshold) return r.years[y];
    return r.years[ny - 1] + 1;
  }
  if (reducer === 'final') {
    for (let y = ny - 1; y >= 0; y--) if (!Number.isNaN(r.values[base + y])) return r.values[base + y];
    return NaN;
  }
  let acc = reducer === 'max' ? -Infinity : reducer === 'min' ? Infinity : 0;
  let n = 0;
  for (let y = 0; y < ny; y++) {
    const v = r.values[base + y];
    if (Number.isNaN(v)) continue;
    n++;
    if (reducer === 'max') acc = Math.max(acc, v);
    else if (reducer === 'min') acc = Math.min(acc, v);
    else acc += v;
  }
  if (n === 0) return NaN;
  return reducer === 'mean' ? acc / n : acc;
}
