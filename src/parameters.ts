/**
 * The parameter table across the built-in cluster cases and the urn, keyed by dotted path, with
 * each model's default side by side (`parameters['market.requirement'].defaults.salmon`): a view of
 * the registered models' schemas, for notebooks and `clusterlab scenarios --format json`. Every
 * model's own schema is `model.parameters`.
 */
import type { ParameterSpec, ParamValue } from './engine/model';
import { getModel } from './models';

export interface ParameterInfo extends Omit<ParameterSpec, 'default'> {
  /** The default of each model that has the parameter (tomato, salmon, urn). */
  defaults: { tomato?: ParamValue; salmon?: ParamValue; urn?: ParamValue };
}

function buildParameters(): Record<string, ParameterInfo> {
  const out: Record<string, ParameterInfo> = {};
  for (const [key, name] of [
    ['tomato', 'tomato'],
    ['salmon', 'salmon'],
    ['urn', 'arthur-urn'],
  ] as const) {
    for (const spec of getModel(name).parameters) {
      const { default: value, ...rest } = spec;
      const row = (out[spec.path] ??= { ...rest, defaults: {} });
      row.defaults[key] = value;
    }
  }
  return out;
}

/** The parameter schemas of the cluster cases and the urn keyed by dotted path, with defaults per model. */
export const parameters: Record<string, ParameterInfo> = buildParameters();
