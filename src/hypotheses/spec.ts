/**
 * Hypotheses as data: what is compared (two arms, each a scenario and/or overrides), what is
 * measured in a run, and the direction the hypothesis predicts. Specs are registered by model
 * name, so a new version of a model brings its own (or reuses these when its names still fit).
 */
import type { RunRecord } from '../engine/recorder';

/** What one run says: a metric in a year, its mean over years, the first year it exceeds a level, or its deepest fall below a year. */
export type Measure =
  | { kind: 'value'; metric: string; year: number }
  | { kind: 'mean'; metric: string; from: number; to: number }
  /** First year the metric exceeds `above`; a run where it never does counts as the last year + 1 (censored). */
  | { kind: 'firstYear'; metric: string; above: number }
  /** The lowest metric(y) / metric(ofYear) over the years after ofYear: e.g. the deepest fall of the firm count below its start. */
  | { kind: 'minRatio'; metric: string; ofYear: number };

export interface Arm {
  /** Words for tables: "baseline", "no state". */
  label: string;
  scenario?: string;
  set?: Record<string, boolean | number | string>;
}

export interface HypothesisSpec {
  /** H1..H6, with a letter for a second measure of the same hypothesis (H2b). */
  id: string;
  /** The hypothesis in the brief's words. */
  statement: string;
  measure: Measure;
  /** The measure in words, with its unit. */
  measureText: string;
  baseline: Arm;
  alternative: Arm;
  /**
   * `difference` (default): effect = measure(alternative) - measure(baseline), paired by draw and seed.
   * `level`: effect = measure(alternative) - reference (the baseline arm is the precondition's).
   */
  effect?: 'difference' | 'level';
  reference?: number;
  /** The sign of the effect the hypothesis predicts; `none`: reported without a prediction. */
  predicts: 'higher' | 'lower' | 'none';
  /**
   * For `level` effects: the baseline arm must itself reach the reference in at least this share
   * of runs, or the hypothesis is not tested (e.g. an established start that collapses with every
   * mechanism on cannot show that one mechanism sustains it).
   */
  precondition?: { share: number; text: string };
}

function at(r: RunRecord, metric: string, year: number): number {
  const m = r.metrics.indexOf(metric);
  const y = r.years.indexOf(year);
  if (m < 0) throw new RangeError(`hypotheses: the model records no metric '${metric}' (metrics: ${r.metrics.join(', ')})`);
  return y < 0 ? NaN : r.values[m * r.years.length + y];
}

/** The measure's value in one run (NaN where a year is outside the run). */
export function measureValue(measure: Measure, r: RunRecord): number {
  switch (measure.kind) {
    case 'value':
      return at(r, measure.metric, measure.year);
    case 'mean': {
      let s = 0;
      let n = 0;
      for (let y = measure.from; y <= measure.to; y++) {
        const v = at(r, measure.metric, y);
        if (Number.isFinite(v)) {
          s += v;
          n++;
        }
      }
      return n > 0 ? s / n : NaN;
    }
    case 'firstYear': {
      for (const y of r.years) if (at(r, measure.metric, y) > measure.above) return y;
      return r.years[r.years.length - 1] + 1;
    }
    case 'minRatio': {
      const d = at(r, measure.metric, measure.ofYear);
      if (!(d > 0)) return NaN;
      let low = Infinity;
      for (const y of r.years) if (y > measure.ofYear) low = Math.min(low, at(r, measure.metric, y) / d);
      return low;
    }
  }
}

const registry = new Map<string, readonly HypothesisSpec[]>();

/** Makes `specs` the hypotheses of the model named `model` (replacing any). */
export function registerHypotheses(model: string, specs: readonly HypothesisSpec[]): void {
  registry.set(model, specs);
}

export function hypothesisSpecs(model: string): readonly HypothesisSpec[] {
  const specs = registry.get(model);
  if (!specs)
    throw new RangeError(`hypotheses: no hypotheses are specified for model '${model}'; models with some: ${[...registry.keys()].join(', ') || 'none'}`);
  return specs;
}

export function modelsWithHypotheses(): string[] {
  return [...registry.keys()];
}
