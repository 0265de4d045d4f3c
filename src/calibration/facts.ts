/**
 * The facts a calibration fits and checks: a model's `observed` values with a tolerance that its
 * runs can be compared with, each given its role in the fit (calibration, held out by time, held
 * out by kind).
 */
import type { Model } from '../engine/define';
import type { ObservedValue } from '../engine/model';
import type { RunRecord } from '../engine/recorder';
import { isComparable, runValue, toleranceScale } from '../simulation/targets';

/** Facts up to and including this year are fitted in the validation by time; later ones predicted. */
export const SPLIT_YEAR = 1990;

/** What the fit does with a fact. */
export type FitRole = 'calibration' | 'heldOutByTime' | 'heldOutByKind';

export const FIT_ROLE_TEXT: Record<FitRole, string> = {
  calibration: 'calibration',
  heldOutByTime: 'held out by time',
  heldOutByKind: 'held out by kind',
};

/**
 * Which facts a calibration fits: those whose role is 'calibration' (the paper's held-out facts
 * are predicted), or all of them, a check of what the model can reach at once, with nothing held
 * out by kind (facts after the split year are still predicted by the validation by time).
 */
export type FitOn = 'calibration' | 'all';

export interface ScoredFact {
  fact: ObservedValue;
  /** Its role in the main fit (all calibration facts) ... */
  role: 'calibration' | 'heldOutByKind';
  /** ... and in the validation by time (calibration facts after the split year are held out). */
  timeRole: FitRole;
  /** The scale of an acceptable miss, in the fact's unit. */
  scale: number;
}

/** The model's comparable facts with a tolerance, in definition order. */
export function scoredFacts(model: Model, splitYear = SPLIT_YEAR, fitOn: FitOn = 'calibration'): ScoredFact[] {
  return (model.observed ?? [])
    .filter((f) => f.tolerance && isComparable(f, model))
    .map((f) => {
      const role = fitOn === 'all' || f.role === 'calibration' ? 'calibration' : 'heldOutByKind';
      const timeRole: FitRole = role === 'heldOutByKind' ? 'heldOutByKind' : f.year <= splitYear ? 'calibration' : 'heldOutByTime';
      return { fact: f, role, timeRole, scale: toleranceScale(f) };
    });
}

/** The model's scored facts; a model without any is refused, naming it. */
export function requireScoredFacts(model: Model): ScoredFact[] {
  const facts = scoredFacts(model);
  if (facts.length === 0) throw new RangeError(`model '${model.name}' has no facts to compare with (no 'observed' values with tolerances in its definition)`);
  return facts;
}

/** The facts' values in one run (NaN where the quantity does not exist, e.g. no association). */
export function factValues(model: Model, facts: readonly ScoredFact[], record: RunRecord): number[] {
  return facts.map((f) => runValue(f.fact, record, model));
}
