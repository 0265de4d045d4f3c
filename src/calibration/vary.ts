/**
 * Parameters a calibration leaves at one value, drawn afresh in every run instead, so that what
 * the facts do not identify shows in predictive intervals and effects (`targets --vary`,
 * `hypotheses --vary`). Each parameter has its own seeded stream, so its values do not depend on
 * workers or on the other parameters.
 */
import type { Model } from '../engine/define';
import { Rng } from '../engine/rng';
import { fmt } from '../simulation/summary';

/** A parameter and the range its values are drawn from. */
export interface VariedParameter {
  path: string;
  low: number;
  high: number;
}

/**
 * `path` (over the parameter's explored range) or `path=low:high`, checked against the model: a
 * number or integer parameter, a range inside its bounds.
 */
export function variedParameter(model: Model, text: string): VariedParameter {
  const eq = text.indexOf('=');
  const path = (eq < 0 ? text : text.slice(0, eq)).trim();
  const spec = model.parameter(path);
  if (spec.kind !== 'number' && spec.kind !== 'integer')
    throw new RangeError(`vary ${path}: only number and integer parameters can be drawn, this one is a ${spec.kind}`);
  const bounds = `[${fmt(spec.min ?? -Infinity)}, ${fmt(spec.max ?? Infinity)}]`;
  let low: number;
  let high: number;
  if (eq < 0) {
    if (!spec.explore) throw new RangeError(`vary ${path}: it has no explored range; give one as ${path}=low:high within ${bounds}`);
    [low, high] = spec.explore;
  } else {
    const parts = text.slice(eq + 1).split(':');
    [low, high] = parts.map((x) => (x.trim() === '' ? NaN : Number(x)));
    if (parts.length !== 2 || !Number.isFinite(low) || !Number.isFinite(high) || !(low < high)) {
      throw new RangeError(`vary ${path}: expected ${path}=low:high with low < high, got '${text.slice(eq + 1)}'`);
    }
  }
  if ((spec.min !== undefined && low < spec.min) || (spec.max !== undefined && high > spec.max)) {
    throw new RangeError(`vary ${path}: ${fmt(low)}:${fmt(high)} leaves the parameter's range ${bounds}`);
  }
  if (spec.kind === 'integer' && Math.ceil(low) > Math.floor(high)) throw new RangeError(`vary ${path}: ${fmt(low)}:${fmt(high)} holds no whole number`);
  return { path, low, high };
}

/** The i-th value of each varied parameter, for i < n, from a stream per parameter and master seed. */
export function variedValues(model: Model, vary: readonly VariedParameter[], seed: string, n: number): number[][] {
  return vary.map((v) => {
    // The stream's name dates from `targets`, the first tool to draw; kept so that draws already reported stay the same.
    const rng = new Rng(`clusterlab/targets/vary/${seed}/${v.path}`);
    if (model.parameter(v.path).kind === 'integer') {
      const low = Math.ceil(v.low);
      const count = Math.floor(v.high) - low + 1;
      return Array.from({ length: n }, () => low + Math.min(count - 1, Math.floor(rng.uniform() * count)));
    }
    return Array.from({ length: n }, () => v.low + rng.uniform() * (v.high - v.low));
  });
}

/** How a result names what was drawn: 'entry.sites 400-600, ...'. */
export function variedText(vary: readonly VariedParameter[]): string {
  return vary.map((v) => `${v.path} ${fmt(v.low)}-${fmt(v.high)}`).join(', ');
}

/**
 * Checks what a tool was asked to vary against what it fixes: not a calibrated parameter (its
 * posterior draws carry its uncertainty already), not one also set to one value, not one twice.
 */
export function resolveVaried(
  model: Model,
  vary: readonly (string | VariedParameter)[],
  calibrated: readonly string[],
  fixed: ReadonlySet<string>,
): VariedParameter[] {
  const out = vary.map((v) => variedParameter(model, typeof v === 'string' ? v : `${v.path}=${v.low}:${v.high}`));
  for (const [i, v] of out.entries()) {
    if (fixed.has(v.path)) throw new RangeError(`vary ${v.path}: it is also set to one value; drop one of the two`);
    if (calibrated.includes(v.path)) throw new RangeError(`vary ${v.path}: it is calibrated, so its posterior draws already carry its uncertainty`);
    if (out.findIndex((w) => w.path === v.path) !== i) throw new RangeError(`vary ${v.path}: given twice; give it once`);
  }
  return out;
}
