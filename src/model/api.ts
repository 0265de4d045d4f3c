/**
 * The parameter table that predates the model interface: the cluster cases' and the urn's
 * parameters keyed by path, with each case's default side by side (what `clusterlab scenarios
 * --parameters` printed). Every model's own schema is `model.parameters`.
 */
import { tomato, salmon } from './definition';
import { arthurUrn } from '../baselines/arthurUrn';
import { parameterSpecs, type ParamSpec } from './parameters';

export interface ParameterInfo extends ParamSpec {
  /** Calibrated default of each case (the urn's parameters have only `urn`). */
  defaults: { tomato?: number | boolean; salmon?: number | boolean; urn?: number };
}

function buildParameters(): Record<string, ParameterInfo> {
  const out: Record<string, ParameterInfo> = {};
  const t = tomato.defaults();
  const s = salmon.defaults();
  for (const spec of parameterSpecs) out[spec.path] = { ...spec, defaults: { tomato: t[spec.path] as number | boolean, salmon: s[spec.path] as number | boolean } };
  for (const spec of arthurUrn.parameters) {
    out[spec.path] = { path: spec.path, kind: spec.kind as ParamSpec['kind'], min: spec.min, max: spec.max, unit: spec.unit, meaning: spec.meaning, section: spec.source, defaults: { urn: spec.default as number } };
  }
  return out;
}

/** The parameter schema of the cluster cases and the urn keyed by dotted path, with defaults per case. */
export const parameters: Record<string, ParameterInfo> = buildParameters();
