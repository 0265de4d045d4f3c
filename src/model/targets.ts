/**
 * The paper's facts beside the model: for each calibration or held-out fact of a case, the
 * ensemble median (and 5-95% band) of the matching metric in the fact's year - or of a run
 * statistic such as the founding year of the association - its tolerance and whether it passes.
 */
import type { RunRecord } from '../engine/recorder';
import { quantileSorted } from '../experiments/quantiles';
import type { Fact, Tolerance } from '../data/facts';
import type { ObservedValue } from '../engine/model';

/** Run statistics: one number per run, read from its series and events (NaN when it never happens). */
const STATISTICS: Record<string, (r: RunRecord) => number> = {
  associationFoundedYear: (r) => firstYear(r, 'associationMembers', (v) => v > 0),
  associationFoundingMembers: (r) => {
    const y = firstYear(r, 'associationMembers', (v) => v > 0);
    return Number.isNaN(y) ? NaN : valueAt(r, 'associationMembers', y);
  },
  turningPointYear: (r) => firstYear(r, 'exportTonnes', (v) => v > 0),
  firstFarmYear: (r) => firstYear(r, 'firms', (v) => v > 0),
  researchInstituteYear: (r) => r.events.find((e) => e.kind === 'research')?.year ?? NaN,
};

function firstYear(r: RunRecord, metric: string, test: (v: number) => boolean): number {
  const m = r.metrics.indexOf(metric);
  if (m < 0) return NaN;
  const ny = r.years.length;
  for (let y = 0; y < ny; y++) if (test(r.values[m * ny + y])) return r.years[y];
  return NaN;
}

function valueAt(r: RunRecord, metric: string, year: number): number {
  const m = r.metrics.indexOf(metric);
  const y = r.years.indexOf(year);
  if (m < 0 || y < 0) return NaN;
  return r.values[m * r.years.length + y];
}

/** True when a fact can be compared with the model's output. */
export function isComparable(f: ObservedValue, metrics: readonly string[]): boolean {
  return (f.role === 'calibration' || f.role === 'heldOut') && (f.metric in STATISTICS || metrics.includes(f.metric));
}

/** The value of a fact's metric in one run. */
export function runValue(f: ObservedValue, r: RunRecord): number {
  const stat = STATISTICS[f.metric];
  return stat ? stat(r) : valueAt(r, f.metric, f.year);
}

export function withinTolerance(model: number, value: number, t: Tolerance): boolean {
  if (!Number.isFinite(model)) return false;
  if (t.kind === 'atLeast') return model >= value * (1 - t.value);
  const allowed = t.kind === 'relative' ? t.value * Math.abs(value) : t.value;
  return Math.abs(model - value) <= allowed + 1e-9;
}

export function toleranceText(t: Tolerance): string {
  if (t.kind === 'relative') return `±${Math.round(t.value * 100)}%`;
  if (t.kind === 'absolute') return `±${t.value}`;
  return `≥ -${Math.round(t.value * 100)}%`;
}

/** The scale of an acceptable miss, in the fact's unit (for calibration losses). */
export function toleranceScale(f: Fact | ObservedValue): number {
  const t = f.tolerance!;
  if (t.kind === 'absolute') return t.value;
  return t.value * Math.abs(f.value);
}

export interface TargetRow {
  id: string;
  case: string;
  metric: string;
  year: number;
  value: number;
  unit: string;
  /** Ensemble median over the runs where the quantity exists. */
  model: number;
  p05: number;
  p95: number;
  /** Runs in which the quantity exists (e.g. the association was founded). */
  n: number;
  tolerance: string;
  use: 'calibration' | 'heldOut';
  pass: boolean;
  section: string;
  description: string;
}

/** Median, 5% and 95% of a fact's quantity across runs (NaN median when it exists in under half). */
export function factSummary(f: ObservedValue, runs: readonly RunRecord[]): { median: number; p05: number; p95: number; n: number } {
  const vals = runs.map((r) => runValue(f, r)).filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = vals.length;
  if (n === 0 || n < runs.length / 2) return { median: NaN, p05: NaN, p95: NaN, n };
  return { median: quantileSorted(vals, 0.5), p05: quantileSorted(vals, 0.05), p95: quantileSorted(vals, 0.95), n };
}

/** Scores each calibration and held-out value a model observes against an ensemble's runs. */
export function scoreTargets(caseName: string, observed: readonly ObservedValue[], metrics: readonly string[], runs: readonly RunRecord[]): TargetRow[] {
  return observed
    .filter((f) => isComparable(f, metrics) && f.tolerance)
    .map((f) => {
      const q = factSummary(f, runs);
      return {
        id: f.id,
        case: caseName,
        metric: f.metric,
        year: f.year,
        value: f.value,
        unit: f.unit,
        model: q.median,
        p05: q.p05,
        p95: q.p95,
        n: q.n,
        tolerance: toleranceText(f.tolerance!),
        use: f.role as 'calibration' | 'heldOut',
        pass: withinTolerance(q.median, f.value, f.tolerance!),
        section: f.section,
        description: f.description,
      };
    });
}
