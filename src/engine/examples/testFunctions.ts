/**
 * The standard test functions of global sensitivity analysis as models with one recorded "year"
 * and one metric `y`, so estimators can be checked against analytic indices from the CLI:
 * Ishigami and Homma (1990) with a = 7, b = 0.1 and x1..x3 uniform on [-pi, pi]; the Sobol G
 * function (Saltelli and Sobol 1995) with six inputs on [0, 1] and a = (0, 1, 4.5, 9, 99, 99).
 * They are deterministic: the seed is accepted and ignored.
 */
import { defineModel, type Model } from '../define';
import type { ParameterSpec } from '../model';
import { Recorder } from '../recorder';

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

export const ishigami: Model = defineModel({
  name: 'ishigami',
  description: 'Ishigami and Homma (1990): y = sin x1 + 7 sin^2 x2 + 0.1 x3^4 sin x1, inputs uniform on [-pi, pi].',
  years: [YEAR, YEAR],
  parameters: ['x1', 'x2', 'x3'].map((p) => input(p, -Math.PI, Math.PI, 'Ishigami and Homma 1990')),
  metrics: [{ name: 'y', label: 'Ishigami function', unit: 'dimensionless' }],
  module: { path: __filename, exportName: 'ishigami' },
  run: (v, seed) => {
    const x1 = v.x1 as number;
    const x2 = v.x2 as number;
    const x3 = v.x3 as number;
    const s2 = Math.sin(x2);
    return one(Math.sin(x1) + ISHIGAMI_A * s2 * s2 + ISHIGAMI_B * x3 ** 4 * Math.sin(x1), seed);
  },
});

export const SOBOL_G_A = [0, 1, 4.5, 9, 99, 99] as const;
const G_PATHS = SOBOL_G_A.map((_, i) => `x${i + 1}`);

export const sobolG: Model = defineModel({
  name: 'sobol-g',
  description: 'Sobol G function (Saltelli and Sobol 1995): y = prod (|4 xi - 2| + ai) / (1 + ai), a = (0, 1, 4.5, 9, 99, 99), inputs uniform on [0, 1].',
  years: [YEAR, YEAR],
  parameters: G_PATHS.map((p) => input(p, 0, 1, 'Saltelli and Sobol 1995')),
  metrics: [{ name: 'y', label: 'Sobol G function', unit: 'dimensionless' }],
  module: { path: __filename, exportName: 'sobolG' },
  run: (v, seed) => {
    let y = 1;
    for (let i = 0; i < SOBOL_G_A.length; i++) {
      const a = SOBOL_G_A[i];
      y *= (Math.abs(4 * (v[G_PATHS[i]] as number) - 2) + a) / (1 + a);
    }
    return one(y, seed);
  },
});
