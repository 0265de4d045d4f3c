/**
 * sensitivity and calibrateAbc on a model or scenario by name (or a model object), the way
 * simulate and ensemble take them: the scenario's values and `set` are the base the design's
 * parameters vary around, and results are labelled with the model and scenario.
 */
import type { Overrides } from '../engine/model';
import { calibrateModel, modelSensitivities, type ModelCalibration, type ModelCalibrationOptions, type SensitivityOptions } from '../experiments/modelAnalysis';
import type { Outcome } from '../experiments/outcome';
import type { MorrisResult, SensitivityResult, SobolResult } from '../experiments/sensitivity';
import { resolveTarget, type ModelTarget } from './simulate';

export interface TargetSensitivityOptions extends Omit<SensitivityOptions, 'base' | 'outcome'> {
  /** One outcome, or several read from the same runs (then one result per outcome). */
  outcome: Outcome | string | readonly (Outcome | string)[];
  set?: Overrides;
  scenario?: string;
}

type Single = { outcome: Outcome | string };
type Several = { outcome: readonly (Outcome | string)[] };

/** Morris or Sobol indices of a model's outcome(s); an array of results when given several outcomes. */
export function sensitivity(target: ModelTarget, options: TargetSensitivityOptions & Single & { method: 'sobol' }): SobolResult;
export function sensitivity(target: ModelTarget, options: TargetSensitivityOptions & Single & { method: 'morris' }): MorrisResult;
export function sensitivity(target: ModelTarget, options: TargetSensitivityOptions & Several & { method: 'sobol' }): SobolResult[];
export function sensitivity(target: ModelTarget, options: TargetSensitivityOptions & Several & { method: 'morris' }): MorrisResult[];
export function sensitivity(target: ModelTarget, options: TargetSensitivityOptions): SensitivityResult | SensitivityResult[];
export function sensitivity(target: ModelTarget, options: TargetSensitivityOptions): SensitivityResult | SensitivityResult[] {
  const { model, scenario } = resolveTarget(target, options.scenario);
  const base = model.resolve(options.set, scenario);
  const many = Array.isArray(options.outcome);
  const outcomes = (many ? options.outcome : [options.outcome]) as readonly (Outcome | string)[];
  const results = modelSensitivities(model, { ...options, outcomes, base, label: options.label ?? (scenario ? `${model.name}/${scenario}` : model.name) });
  return many ? results : results[0];
}

export interface TargetCalibrationOptions extends Omit<ModelCalibrationOptions, 'base'> {
  set?: Overrides;
  scenario?: string;
}

/** ABC posterior of a model's parameters given targets, with its predictive check. */
export function calibrateAbc(target: ModelTarget, options: TargetCalibrationOptions): ModelCalibration & { fingerprint: string; scenario?: string } {
  const { model, scenario } = resolveTarget(target, options.scenario);
  const base = model.resolve(options.set, scenario);
  return { ...calibrateModel(model, { ...options, base }), fingerprint: model.fingerprint, scenario };
}
