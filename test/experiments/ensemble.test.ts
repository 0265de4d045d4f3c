// Experiment tests import the compiled library from dist/ (npm test builds first); worker threads
// need the compiled worker script.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEnsemble, runEnsembleSync, ensembleSeeds, WorkerPool } from '../../dist/src/experiments';
import { runSchelling, SCHELLING_SMALL } from '../../dist/src/engine/examples/schelling';

const schellingTask = {
  module: path.resolve(__dirname, '../../dist/src/engine/examples/schelling.js'),
  exportName: 'schellingReplication',
  args: { ...SCHELLING_SMALL, steps: 8 },
};

const plain = (r: { runs: { seed: number | string; values: Float64Array }[] }) => r.runs.map((x) => [x.seed, Array.from(x.values)]);

describe('ensembles', () => {
  it('reports each run done in this thread, and gives the same result with or without a listener', () => {
    const calls: [number, number][] = [];
    const watched = runEnsembleSync(schellingTask, { seeds: 4, masterSeed: 'p', onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
    expect(plain(watched)).toEqual(plain(runEnsembleSync(schellingTask, { seeds: 4, masterSeed: 'p' })));
  });

  it('gives identical runs and summaries whatever the number of workers', async () => {
    const one = await runEnsemble(schellingTask, { seeds: 7, masterSeed: 'w', workers: 1 });
    const two = await runEnsemble(schellingTask, { seeds: 7, masterSeed: 'w', workers: 2 });
    const three = await runEnsemble(schellingTask, { seeds: 7, masterSeed: 'w', workers: 3 });
    expect(plain(two)).toEqual(plain(one));
    expect(plain(three)).toEqual(plain(one));
    expect(two.summary).toEqual(one.summary);
    expect(three.summary).toEqual(one.summary);
    // And identical to running the model directly with each replication's seed.
    expect(Array.from(one.runs[4].values)).toEqual(Array.from(runSchelling(schellingTask.args, one.seeds[4]).values));
  });

  it('reuses a worker pool across ensembles and reports a failing replication', async () => {
    const pool = new WorkerPool(2);
    try {
      const first = await runEnsemble(schellingTask, { seeds: 4, masterSeed: 'p', pool });
      const again = await runEnsemble(schellingTask, { seeds: 4, masterSeed: 'p', pool });
      const direct = await runEnsemble(schellingTask, { seeds: 4, masterSeed: 'p' });
      expect(plain(first)).toEqual(plain(direct));
      expect(plain(again)).toEqual(plain(direct));
      const bad = { ...schellingTask, args: { ...schellingTask.args, agents: 1_000_000 } };
      await expect(runEnsemble(bad, { seeds: 2, pool })).rejects.toThrow(/agents must be an integer/);
      // The pool still works after a failed ensemble.
      expect(plain(await runEnsemble(schellingTask, { seeds: 4, masterSeed: 'p', pool }))).toEqual(plain(direct));
    } finally {
      await pool.close();
    }
    await expect(runEnsemble(schellingTask, { seeds: 2, pool })).rejects.toThrow(/pool is closed/);
  });

  it('gives replication i the same seed and run whatever the ensemble size', () => {
    const fn = (seed: number) => runSchelling({ ...SCHELLING_SMALL, steps: 5 }, seed);
    const small = runEnsembleSync(fn, { seeds: 3, masterSeed: 1 });
    const big = runEnsembleSync(fn, { seeds: 6, masterSeed: 1 });
    expect(plain(big).slice(0, 3)).toEqual(plain(small));
    expect(ensembleSeeds([5, 6])).toEqual([5, 6]);
    const listed = runEnsembleSync(fn, { seeds: [big.seeds[4]] });
    expect(Array.from(listed.runs[0].values)).toEqual(Array.from(big.runs[4].values));
  });

  it('summarises per year and metric with n, and can drop the runs', () => {
    const r = runEnsembleSync((seed) => runSchelling({ ...SCHELLING_SMALL, steps: 4 }, seed), { seeds: 5, keepRuns: false });
    expect(r.runs).toEqual([]);
    expect(r.metrics).toEqual(['happyShare', 'similarShare', 'moves']);
    expect(r.summary.length).toBe(3 * 4);
    for (const row of r.summary) {
      expect(row.n).toBe(5);
      expect(row.p05).toBeLessThanOrEqual(row.median);
      expect(row.median).toBeLessThanOrEqual(row.p95);
    }
  });

  it('rejects bad options with the option named', async () => {
    const fn = (seed: number) => runSchelling({ ...SCHELLING_SMALL, steps: 2 }, seed);
    await expect(runEnsemble(fn, { seeds: 2, workers: 2 })).rejects.toThrow(/ModuleTask/);
    await expect(runEnsemble(fn, { seeds: 2, workers: 0 })).rejects.toThrow(/workers must be an integer/);
    expect(() => runEnsembleSync(fn, { seeds: 0 })).toThrow(/seeds must be an integer count/);
    expect(() => runEnsembleSync(fn, { seeds: [] })).toThrow(/seeds list is empty/);
    await expect(runEnsemble({ ...schellingTask, exportName: 'nope' }, { seeds: 2 })).rejects.toThrow(/no exported function 'nope'/);
  });
});
