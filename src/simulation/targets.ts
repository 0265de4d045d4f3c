/**
 * targets(model or scenario): each calibration and held-out value the model observes (for the
 * cluster cases, the paper's facts) beside the ensemble median, its 5-95% band, the tolerance and
 * whether it passes. Works on any model whose definition lists `observed` values with tolerances;
 * how a value is read from a run is the model's (`statistics` by name, else the recorded metric in
 * the value's year), so this file is the one place where facts meet runs.
 */
import type { ModelDefinition, ObservedValue } from '../engine/model';
import type { RunRecord } from '../engine/recorder';
import { toleranceText, withinTolerance } from '../data/facts';

export { toleranceScale, toleranceText, withinTolerance } from '../data/facts';
import { quantileSorted } from '../experiments/quantiles';
import { ensemble, resolveTarget, type EnsembleOptions, type ModelTarget } from './simulate';

type Reader = Pick<ModelDefinition, 'statistics' | 'metrics'>;

/** A recorded metric's value in a year of one run (NaN when absent). */
export function valueAt(r: RunRecord, metric: string, year: number): number {
  const m = r.metrics.indexOf(metric);
  const y = r.years.indexOf(year);
  if (m < 0 || y < 0) return NaN;
  return r.values[m * r.years.length + y];
}

/** The first year a recorded metric passes a test (NaN when it never does). */
export function firstYear(r: RunRecord, metric: string, test: (v: number) => boolean): number {
  const m = r.metrics.indexOf(metric);
  if (m < 0) return NaN;
  const ny = r.years.length;
  for (let y = 0; y < ny; y++) if (test(r.values[m * ny + y])) return r.years[y];
  return NaN;
}

/** True when a calibration or held-out value can be read from the model's runs. */
export function isComparable(f: ObservedValue, model: Reader): boolean {
  if (f.role !== 'calibration' && f.role !== 'heldOut') return false;
  return (model.statistics !== undefined && f.metric in model.statistics) || model.metrics.some((m) => m.name === f.metric);
}

/** The value of an observed quantity in one run, read the model's way. */
export function runValue(f: ObservedValue, r: RunRecord, model: Reader): number {
  const stat = model.statistics?.[f.metric];
  return stat ? stat(r) : valueAt(r, f.metric, f.year);
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

/** Median, 5% and 95% of a value's quantity across runs (NaN median when it exists in under half). */
export function factSummary(f: ObservedValue, runs: readonly RunRecord[], model: Reader): { median: number; p05: number; p95: number; n: number } {
  const vals = runs
    .map((r) => runValue(f, r, model))
    .filter((v) => Number.isFinite(v))
    .sort((a, b) => a - b);
  const n = vals.length;
  if (n === 0 || n < runs.length / 2) return { median: NaN, p05: NaN, p95: NaN, n };
  return { median: quantileSorted(vals, 0.5), p05: quantileSorted(vals, 0.05), p95: quantileSorted(vals, 0.95), n };
}

/** Scores each calibration and held-out value a model observes against runs of it. */
export function scoreTargets(model: Reader & Pick<ModelDefinition, 'observed'>, caseName: string, runs: readonly RunRecord[]): TargetRow[] {
  return (model.observed ?? [])
    .filter((f) => f.tolerance && isComparable(f, model))
    .map((f) => {
      const q = factSummary(f, runs, model);
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

export function targets(target: ModelTarget, options: EnsembleOptions = { seeds: 100 }): TargetRow[] {
  const { model } = resolveTarget(target, options.scenario);
  if (!(model.observed ?? []).some((f) => (f.role === 'calibration' || f.role === 'heldOut') && f.tolerance)) {
    throw new RangeError(
      `model '${model.name}' has no facts to compare with (no 'observed' values with tolerances in its definition); tomato, salmon and models derived from them have the paper's`,
    );
  }
  const ens = ensemble(target, options);
  return scoreTargets(model, model.derivedFrom ?? model.name, ens.runs);
}
