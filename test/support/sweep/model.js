/**
 * A cheap deterministic model for the sweep store's tests (CommonJS, so worker threads and SLURM
 * tasks can require it): a noisy linear trend whose slope and noise are parameters, recorded for
 * five years. `failEvery` makes runs whose seed is a multiple of it throw (failures must be
 * recorded); `workMs` busy-waits per run so a test can kill a sweep part-way.
 */
const { createRng } = require('../../../dist/src/engine/rng');

const years = [2000, 2001, 2002, 2003, 2004];

const model = {
  name: 'trend',
  description: 'A noisy linear trend (test model of the sweep store).',
  years: [2000, 2004],
  parameters: [
    { path: 'slope', kind: 'number', min: -10, max: 10, default: 1, unit: 'per year', meaning: 'Yearly increase.', source: 'assumption' },
    { path: 'noise', kind: 'number', min: 0, max: 5, default: 0.5, unit: '', meaning: 'Standard deviation of the noise.', source: 'assumption' },
    { path: 'shape', kind: 'choice', choices: ['linear', 'square'], default: 'linear', unit: '', meaning: 'Trend shape.', source: 'assumption' },
    {
      path: 'failEvery',
      kind: 'integer',
      min: 0,
      max: 1000,
      default: 0,
      unit: '',
      meaning: 'Runs whose seed is a multiple of this fail (0: none).',
      source: 'assumption',
    },
    { path: 'workMs', kind: 'number', min: 0, max: 1000, default: 0, unit: 'ms', meaning: 'Busy time per run.', source: 'assumption' },
  ],
  metrics: [
    { name: 'level', label: 'Level', unit: '' },
    { name: 'shock', label: 'Shock', unit: '' },
  ],
  module: { path: __filename, exportName: 'model' },
  run(params, seed) {
    if (params.workMs > 0) {
      const until = Date.now() + params.workMs;
      while (Date.now() < until);
    }
    if (params.failEvery > 0 && seed % params.failEvery === 0) throw new RangeError(`planned failure at seed ${seed}`);
    const rng = createRng(seed);
    const values = new Float64Array(2 * years.length).fill(NaN);
    for (let y = 0; y < years.length; y++) {
      const t = params.shape === 'square' ? y * y : y;
      values[y] = params.slope * t + params.noise * rng.normal();
      if (y % 2 === 0) values[years.length + y] = rng.uniform(); // shocks recorded every other year
    }
    return { record: { seed, years, metrics: ['level', 'shock'], values, events: [] } };
  },
};

/**
 * The same model declaring a long span of years (it still records five): compaction sizes the
 * results' parts from the declared metrics and years (2 x 18,000 values a run, parts of 14 runs),
 * so its 1,200-run sweeps have 86 parts: enough for `collect` to start two threads.
 */
const wideModel = { ...model, name: 'trend-wide', years: [2000, 19999], module: { path: __filename, exportName: 'wideModel' } };

module.exports = { model, wideModel };
