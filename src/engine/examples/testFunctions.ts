/**
 * The standard test functions of global sensitivity analysis as models with one recorded "year"
 * and one metric `y`, so estimators can be checked against analytic indices from the CLI:
 * Ishigami and Homma (1990) with a = 7, b = 0.1 and x1..x3 uniform on [-pi, pi]; the Sobol G
 * function (Saltelli and Sobol 1995) with six inputs on [0, 1] and a = (0, 1, 4.5, 9, 99, 99).
 * They are deterministic: the seed is accepted and ignored. The plain functions and their
 * analytic indices are exported too, so the estimators can be checked against exact answers (as
 * SALib's tests do).
 */
import { defineModel, type Model } from '../define';
import type { ParameterSpec } from '../model';
import { Recorder } from '../recorder';

/** Ishigami and Homma (1990): f = sin x1 + a sin² x2 + b x3⁴ sin x1, each x uniform on [-π, π]. */
export function ishigami(x1: number, x2: number, x3: number, a = 7, b = 0.1): number {
  const s1 = Math.sin(x1);
  const s2 = Math.sin(x2);
  const x3sq = x3 * x3;
  return s1 + a * s2 * s2 + b * x3sq * x3sq * s1;
}

export interface AnalyticIndices {
  variance: number;
  firstOrder: number[];
  total: number[];
}

/** Ishigami's partial variances (Sobol and Levitan 1999; Saltelli et al. 2008, 4.4). */
export function ishigamiIndices(a = 7, b = 0.1): AnalyticIndices {
  const pi4 = Math.PI ** 4;
  const pi8 = pi4 * pi4;
  const v1 = 0.5 * (1 + (b * pi4) / 5) ** 2;
  const v2 = (a * a) / 8;
  const v13 = (b * b * pi8) / 18 - (b * b * pi8) / 50;
  const variance = v1 + v2 + v13;
  return { variance, firstOrder: [v1 / variance, v2 / variance, 0], total: [(v1 + v13) / variance, v2 / variance, v13 / variance] };
}

/**
 * Sobol's G function (Saltelli and Sobol 1995): f = Π (|4 x_i - 2| + a_i) / (1 + a_i), x_i uniform
 * on [0, 1]. Small a_i make input i important; a_i = 99 makes it almost irrelevant.
 */
export function sobolG(x: ArrayLike<number>, a: readonly number[]): number {
  let f = 1;
  for (let i = 0; i < a.length; i++) f *= (Math.abs(4 * x[i] - 2) + a[i]) / (1 + a[i]);
  return f;
}

/** The G function's indices in closed form: V_i = 1 / (3 (1 + a_i)²), V = Π (1 + V_i) - 1. */
export function sobolGIndices(a: readonly number[]): AnalyticIndices {
  const partial = a.map((ai) => 1 / (3 * (1 + ai) ** 2));
  const product = partial.reduce((p, v) => p * (1 + v), 1);
  const variance = product - 1;
  return {
    variance,
    firstOrder: partial.map((v) => v / variance),
    total: partial.map((v) => (v * (product / (1 + v))) / variance),
  };
}

/** The usual a_i (SALib's default for its G function): x1 strong, x2 and x3 moderate, five near-inert. */
export const SOBOL_G_A = [0, 1, 4.5, 9, 99, 99, 99, 99] as const;

const YEAR = 0;

function one(y: number, seed: number) {
  const rec = new Recorder({ startYear: YEAR, endYear: YEAR, metrics: ['y'] });
  rec.record('y', YEAR, y);
  return { record: rec.toRecord(seed) };
}

function input(path: string, min: number, max: number, source: string): ParameterSpec {
  return {
    path,
    kind: 'number',
    min,
    max,
    default: (min + max) / 2,
    unit: 'dimensionless',
    meaning: `Input ${path}, uniform on [${Number(min.toFixed(6))}, ${Number(max.toFixed(6))}].`,
    source,
    sourceKind: 'literature',
    explore: [min, max],
  };
}

export const ISHIGAMI_A = 7;
export const ISHIGAMI_B = 0.1;

export const ishigamiModel: Model = defineModel({
  name: 'ishigami',
  description: 'Ishigami and Homma (1990): y = sin x1 + 7 sin^2 x2 + 0.1 x3^4 sin x1, inputs uniform on [-pi, pi].',
  years: [YEAR, YEAR],
  parameters: ['x1', 'x2', 'x3'].map((p) => input(p, -Math.PI, Math.PI, 'Ishigami and Homma 1990')),
  metrics: [{ name: 'y', label: 'Ishigami function', unit: 'dimensionless' }],
  module: { path: __filename, exportName: 'ishigamiModel' },
  run: (v, seed) => {
    return one(ishigami(v.x1 as number, v.x2 as number, v.x3 as number, ISHIGAMI_A, ISHIGAMI_B), seed);
  },
});

/** The model's six inputs: the first six of SALib's a_i. */
export const SOBOL_G_MODEL_A = SOBOL_G_A.slice(0, 6);
const G_PATHS = SOBOL_G_MODEL_A.map((_, i) => `x${i + 1}`);

export const sobolGModel: Model = defineModel({
  name: 'sobol-g',
  description: 'Sobol G function (Saltelli and Sobol 1995): y = prod (|4 xi - 2| + ai) / (1 + ai), a = (0, 1, 4.5, 9, 99, 99), inputs uniform on [0, 1].',
  years: [YEAR, YEAR],
  parameters: G_PATHS.map((p) => input(p, 0, 1, 'Saltelli and Sobol 1995')),
  metrics: [{ name: 'y', label: 'Sobol G function', unit: 'dimensionless' }],
  module: { path: __filename, exportName: 'sobolGModel' },
  run: (v, seed) => {
    const x = G_PATHS.map((p) => v[p] as number);
    return one(sobolG(x, SOBOL_G_MODEL_A), seed);
  },
});
