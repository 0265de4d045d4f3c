/**
 * targets(model or scenario): each calibration and held-out value the model observes (for the
 * cluster cases, the paper's facts) beside the ensemble median, its 5-95% band, the tolerance and
 * whether it passes. Works on any model whose definition lists `observed` values with tolerances.
 */
import { scoreTargets, type TargetRow } from '../model/targets';
import { ensemble, resolveTarget, type EnsembleOptions, type ModelTarget } from './simulate';

export type { TargetRow };

export function targets(target: ModelTarget, options: EnsembleOptions = { seeds: 100 }): TargetRow[] {
  const { model } = resolveTarget(target, options.scenario);
  const observed = (model.observed ?? []).filter((f) => (f.role === 'calibration' || f.role === 'heldOut') && f.tolerance);
  if (observed.length === 0) {
    throw new RangeError(`model '${model.name}' has no facts to compare with (no 'observed' values with tolerances in its definition); tomato, salmon and models derived from them have the paper's`);
  }
  const ens = ensemble(target, options);
  const caseName = model.derivedFrom ?? model.name;
  return scoreTargets(caseName, observed, ens.metrics, ens.runs);
}
