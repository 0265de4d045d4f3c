/**
 * Cheap models for the sweep benchmark, in a module worker threads can require (compiled to
 * dist/bench/sweep-models.lib.js; bench/run.js skips `.lib` files).
 * - `ishigami`: the Ishigami function (Ishigami and Homma 1990) of x1..x3, one value per run: the
 *   worst case for a sweep's overhead, since the model itself costs almost nothing.
 * - `urn`: a Polya urn (the reinforcement behind Arthur's 1989 lock-in), `draws` draws a year for
 *   20 years, recording the share of the first colour: a small stochastic model.
 * - `series`: `years` yearly values of one metric per run, for streaming many rows.
 * It also holds `directRuns`, the model called with no store, which the benchmark runs both in its
 * own thread and in threads of its own.
 */
import { createRng } from '../src/engine/rng';
import type { ModelDefinition, ParamValues } from '../src/engine/model';
import { sweepSeeder } from '../src/experiments/store/plan';

const SELF = __filename;

function record(seed: number, years: number[], metrics: string[], values: Float64Array) {
  return { record: { seed, years, metrics, values, events: [] } };
}

const ONE_YEAR = [0];
export const ishigami: ModelDefinition = {
  name: 'ishigami-bench',
  description: 'Ishigami function, a = 7, b = 0.1 (benchmark copy).',
  years: [0, 0],
  parameters: ['x1', 'x2', 'x3'].map((path) => ({
    path,
    kind: 'number',
    min: -Math.PI,
    max: Math.PI,
    default: 0,
    unit: '',
    meaning: 'Input.',
    source: 'Ishigami and Homma 1990',
  })),
  metrics: [{ name: 'y', label: 'y', unit: '' }],
  module: { path: SELF, exportName: 'ishigami' },
  run(p: ParamValues, seed: number) {
    const x1 = p.x1 as number;
    const x2 = p.x2 as number;
    const x3 = p.x3 as number;
    const s2 = Math.sin(x2);
    return record(seed, ONE_YEAR, ['y'], Float64Array.of(Math.sin(x1) + 7 * s2 * s2 + 0.1 * x3 ** 4 * Math.sin(x1)));
  },
};

const URN_YEARS = Array.from({ length: 20 }, (_, i) => 2000 + i);
export const urn: ModelDefinition = {
  name: 'urn-bench',
  description: 'Polya urn with increasing returns (benchmark).',
  years: [2000, 2019],
  parameters: [
    { path: 'draws', kind: 'integer', min: 1, max: 1_000_000, default: 200, unit: 'draws per year', meaning: 'Balls added per year.', source: 'assumption' },
    { path: 'returns', kind: 'number', min: 0, max: 3, default: 1, unit: '', meaning: 'Exponent of reinforcement (1: Polya).', source: 'Arthur 1989' },
  ],
  metrics: [{ name: 'share', label: 'Share of colour A', unit: '' }],
  module: { path: SELF, exportName: 'urn' },
  run(p: ParamValues, seed: number) {
    const rng = createRng(seed);
    const draws = p.draws as number;
    const returns = p.returns as number;
    let a = 1;
    let b = 1;
    const values = new Float64Array(URN_YEARS.length);
    for (let y = 0; y < URN_YEARS.length; y++) {
      for (let d = 0; d < draws; d++) {
        const wa = a ** returns;
        if (rng.uniform() * (wa + b ** returns) < wa) a++;
        else b++;
      }
      values[y] = a / (a + b);
    }
    return record(seed, URN_YEARS, ['share'], values);
  },
};

const SERIES_YEARS = Array.from({ length: 100 }, (_, i) => 1900 + i);
export const series: ModelDefinition = {
  name: 'series-bench',
  description: 'One hundred yearly values of a seeded random walk (benchmark).',
  years: [1900, 1999],
  parameters: [{ path: 'drift', kind: 'number', min: -1, max: 1, default: 0, unit: '', meaning: 'Drift per year.', source: 'assumption' }],
  metrics: [{ name: 'walk', label: 'Walk', unit: '' }],
  module: { path: SELF, exportName: 'series' },
  run(p: ParamValues, seed: number) {
    const rng = createRng(seed);
    const values = new Float64Array(SERIES_YEARS.length);
    let x = 0;
    for (let y = 0; y < values.length; y++) values[y] = x += (p.drift as number) + rng.uniform() - 0.5;
    return record(seed, SERIES_YEARS, ['walk'], values);
  },
};

/**
 * Calls the model for runs [from, to) of a sweep of `points` x `replicates` (run i is replicate
 * i % replicates of point i / replicates), with the sweep's seeds (derived as cheaply), keeping a
 * checksum of the values.
 */
export function directRuns(model: ModelDefinition, points: ParamValues[], replicates: number, from: number, to: number): number {
  let sum = 0;
  let seedOf: ((replicate: number) => number) | null = null;
  let point = -1;
  for (let run = from; run < to; run++) {
    const p = Math.floor(run / replicates);
    if (p !== point) {
      point = p;
      seedOf = sweepSeeder(1, p);
    }
    const { record } = model.run(points[p], seedOf!(run - p * replicates));
    for (let i = 0; i < record.values.length; i++) sum += record.values[i];
  }
  return sum;
}
