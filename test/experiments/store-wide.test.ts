// The results store's wide layout, against the compiled library: the parts hold one row per run
// and year with a column per metric, the long view `results` gives back exactly the values a
// run's record holds (what users' queries, the tour notebook's among them, read), and a folder
// the tidy layout wrote is collected and resumed into the same files as a sweep run now.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectSweep, createPlan, openSweep, resumeSweep, runSweep, sweepSeed } from '../../dist/src/experiments/store';
import { gridPoints } from '../../dist/src/experiments';
import { arthurUrn, tomato } from '../../dist/src/models';
import type { ModelDefinition, ParamValues } from '../../dist/src/engine/model';
import { allSame, sameBytes, trendModel } from '../support/sweep/compare';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterlab-store-wide-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

type Long = [point: number, replicate: number, seed: number, year: number, metric: string, value: number];

/** The long rows of a run's record, as the tidy layout stored them: every value that is not NaN. */
function recordRows(model: ModelDefinition, params: ParamValues, point: number, replicate: number, seed: number): Long[] {
  const { record } = model.run(params, seed);
  const ny = record.years.length;
  const out: Long[] = [];
  record.metrics.forEach((metric, m) => {
    for (let y = 0; y < ny; y++) {
      const value = record.values[m * ny + y];
      if (!Number.isNaN(value)) out.push([point, replicate, seed, record.years[y], metric, value]);
    }
  });
  return out;
}

const byKey = (metrics: readonly string[]) => (a: Long, b: Long) => a[0] - b[0] || a[1] - b[1] || a[3] - b[3] || metrics.indexOf(a[4]) - metrics.indexOf(b[4]);

describe('sweep results in the wide layout', () => {
  it('give back, in the long view, exactly the values of each run of tomato (NaN left out), and the same in the wide view', async () => {
    const design = [{}, { 'state.publicDiscovery': 0.8 }];
    const dir = path.join(root, 'tomato');
    const results = await runSweep(tomato, design, { replicates: 3, seed: 11, dir, executor: 'serial', progress: false });
    const plan = createPlan(tomato, design, { replicates: 3, seed: 11 });
    const metrics = plan.model.metrics;
    const expected: Long[] = [];
    for (let point = 0; point < 2; point++)
      for (let replicate = 0; replicate < 3; replicate++)
        expected.push(...recordRows(tomato, plan.params[point] as ParamValues, point, replicate, sweepSeed(11, point, replicate)));
    expect(expected.length).toBeLessThan(6 * metrics.length * 36); // tomato leaves some values unrecorded (NaN)

    const long = await results.sql('select point, replicate, seed, year, metric, value from results');
    const got = long.map((r) => [r.point, r.replicate, r.seed, r.year, r.metric, r.value] as Long).sort(byKey(metrics));
    expect(got).toEqual(expected.sort(byKey(metrics)));
    expect(results.summary.rows).toBe(expected.length);

    // The wide view: one row per run and year, a column per metric, null where the record has NaN.
    const wide = await results.sql('select * from results_wide order by point, replicate, year');
    expect(wide).toHaveLength(6 * 36);
    expect(results.manifest.results).toEqual({ layout: 'wide', rows: 6 * 36, columns: ['point', 'replicate', 'seed', 'year', ...metrics] });
    const { record } = tomato.run(plan.params[1] as ParamValues, sweepSeed(11, 1, 2));
    const rows = wide.filter((r) => r.point === 1 && r.replicate === 2);
    expect(rows.map((r) => r.year)).toEqual(record.years);
    record.metrics.forEach((metric, m) =>
      rows.forEach((r, y) => {
        const v = record.values[m * record.years.length + y];
        expect(r[metric]).toBe(Number.isNaN(v) ? null : v);
      }),
    );
    results.close();
  }, 60_000);

  it('hold every row of a part gathered from several batches (about 230 tomato runs a batch, 455 a part)', async () => {
    const dir = path.join(root, 'tomato-batches');
    const replicates = 600;
    const results = await runSweep(tomato, [{}], { replicates, seed: 5, dir, executor: 'serial', progress: false });
    const plan = createPlan(tomato, [{}], { replicates, seed: 5 });
    let rows = 0;
    let sum = 0;
    const metric = plan.model.metrics[0];
    for (let replicate = 0; replicate < replicates; replicate++) {
      const { record } = tomato.run(plan.params[0] as ParamValues, sweepSeed(5, 0, replicate));
      rows += record.years.length;
      for (let y = 0; y < record.years.length; y++) if (!Number.isNaN(record.values[y])) sum += record.values[y];
    }
    expect(results.resultsFiles().length).toBe(2);
    const [got] = await results.sql(`select count(*) as rows, sum("${metric}") as total from results_wide`);
    expect(Number(got.rows)).toBe(rows);
    expect(results.manifest.results.rows).toBe(rows);
    expect(got.total).toBeCloseTo(sum, 6);
    results.close();
  }, 60_000);

  it('store one double column per metric in the model order, after point, replicate, seed and year', async () => {
    // Records list their metrics in another order, and not all of them: columns follow the model.
    const model: ModelDefinition = {
      name: 'three-metrics',
      description: 'Records c and a (not b), in that order.',
      years: [2000, 2002],
      parameters: [{ path: 'k', kind: 'number', min: 0, max: 10, default: 1, unit: '', meaning: 'Scale.', source: 'assumption' }],
      metrics: [
        { name: 'a', label: 'a', unit: '' },
        { name: 'b', label: 'b', unit: '' },
        { name: 'c', label: 'c', unit: '' },
      ],
      run: (params, seed) => ({
        record: {
          seed,
          years: [2000, 2001, 2002],
          metrics: ['c', 'a'],
          values: Float64Array.from([3, 3, 3, 1, NaN, 1].map((x) => x * (params.k as number))),
          events: [],
        },
      }),
    };
    const results = await runSweep(model, [{ k: 1 }, { k: 2 }], { dir: path.join(root, 'order'), executor: 'serial', progress: false });
    const [part] = results.resultsFiles();
    const schema = await results.sql(`describe select * from read_parquet('${part}')`);
    expect(schema.map((c) => [c.column_name, c.column_type])).toEqual([
      ['point', 'INTEGER'],
      ['replicate', 'INTEGER'],
      ['seed', 'UINTEGER'],
      ['year', 'INTEGER'],
      ['a', 'DOUBLE'],
      ['b', 'DOUBLE'],
      ['c', 'DOUBLE'],
    ]);
    const wide = await results.sql('select point, year, a, b, c from results_wide order by point, year');
    expect(wide).toEqual([
      { point: 0, year: 2000, a: 1, b: null, c: 3 },
      { point: 0, year: 2001, a: null, b: null, c: 3 },
      { point: 0, year: 2002, a: 1, b: null, c: 3 },
      { point: 1, year: 2000, a: 2, b: null, c: 6 },
      { point: 1, year: 2001, a: null, b: null, c: 6 },
      { point: 1, year: 2002, a: 2, b: null, c: 6 },
    ]);
    const long = await results.sql("select count(*) as n, count(distinct metric) as metrics from results where metric <> 'b'");
    expect(long).toEqual([{ n: 10, metrics: 2 }]);
    results.close();
  });

  it("answer the tour notebook's sweep query as the runs' records do", async () => {
    const grid = gridPoints({ 'urn.returns': [0.5, 1, 1.5, 2] });
    const results = await runSweep(arthurUrn, grid, { replicates: 25, seed: 1, dir: path.join(root, 'tour'), executor: 'serial', progress: false });
    const got = await results.sql(`
      select p."urn.returns" as returns,
             round(avg(r.value), 3) as leader_share,
             round(avg(case when r.value > 0.5 then 1 else 0 end), 2) as runs_with_a_majority_region
      from results r join points p using (point)
      where r.metric = 'leaderShare' and r.year = 2003
      group by 1 order by 1`);
    const plan = createPlan(arthurUrn, grid, { replicates: 25, seed: 1 });
    const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
    const expected = plan.params.map((params, point) => {
      const shares = Array.from({ length: 25 }, (_, replicate) => {
        const { record } = arthurUrn.run(params as ParamValues, sweepSeed(1, point, replicate));
        return record.values[record.metrics.indexOf('leaderShare') * record.years.length + record.years.indexOf(2003)];
      });
      const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
      return {
        returns: params['urn.returns'],
        leader_share: round(mean(shares), 3),
        runs_with_a_majority_region: round(mean(shares.map((s) => (s > 0.5 ? 1 : 0))), 2),
      };
    });
    expect(got).toEqual(expected);
    results.close();
  }, 60_000);

  // A sweep folder written by the tidy layout's clusterlab (653558b): the trend model, 2 points x 6
  // replicates, seed 7, 3 shards, runs whose seed is a multiple of 5 failing; shards, status and manifest.
  const TIDY_SWEEP = path.resolve(__dirname, '../support/sweep/tidy-sweep');
  const tidyDesign = [
    { slope: 1, failEvery: 5 },
    { slope: 2, shape: 'square', failEvery: 5 },
  ];
  const freshOfTidy = async (name: string) => {
    const dir = path.join(root, name);
    await runSweep(trendModel, tidyDesign, { replicates: 6, seed: 7, shards: 1, dir, executor: 'serial', progress: false });
    return dir;
  };

  it('collect a folder of the earlier tidy layout from its shards: the same files as a sweep run now', async () => {
    const dir = path.join(root, 'tidy-collected');
    fs.cpSync(TIDY_SWEEP, dir, { recursive: true });
    expect(() => openSweep(dir)).toThrow(/was collected by an older clusterlab, in the tidy layout .*run `clusterlab sweep collect/);
    const manifest = await collectSweep(dir, { workers: 1 });
    expect(manifest.format).toBe('clusterlab-sweep/3');
    expect(manifest.runs).toMatchObject({ total: 12, ok: 8, failed: 4 });
    const fresh = await freshOfTidy('tidy-fresh');
    expect(sameBytes(fresh, dir)).toEqual(allSame(fresh));
    // The long view holds the values of the runs' records (failed runs none).
    const results = openSweep(dir);
    const long = await results.sql('select point, replicate, seed, year, metric, value from results');
    const plan = createPlan(trendModel, tidyDesign, { replicates: 6, seed: 7 });
    const expected: Long[] = [];
    for (let point = 0; point < 2; point++)
      for (let replicate = 0; replicate < 6; replicate++) {
        const seed = sweepSeed(7, point, replicate);
        if (seed % 5 !== 0) expected.push(...recordRows(trendModel, plan.params[point] as ParamValues, point, replicate, seed));
      }
    const metrics = ['level', 'shock'];
    expect(long.map((r) => [r.point, r.replicate, r.seed, r.year, r.metric, r.value] as Long).sort(byKey(metrics))).toEqual(expected.sort(byKey(metrics)));
    results.close();
  });

  it('resume a folder of the earlier tidy layout, new wide shards beside the old tidy ones, to the same files', async () => {
    const dir = path.join(root, 'tidy-resumed');
    fs.cpSync(TIDY_SWEEP, dir, { recursive: true });
    fs.rmSync(path.join(dir, 'status', '2.jsonl')); // shard 2's runs are missing
    const results = await resumeSweep(dir, { executor: 'serial', model: trendModel, progress: false });
    expect(results.summary).toMatchObject({ complete: true, runs: 12, ok: 8, failed: 4 });
    const shards = fs.readdirSync(path.join(dir, 'shards'));
    expect(shards.filter((f) => f.endsWith('.rows.arrow'))).toHaveLength(3);
    expect(shards.filter((f) => f.endsWith('.wide.arrow'))).toHaveLength(1);
    const fresh = path.join(root, 'tidy-fresh'); // made by the test above
    expect(sameBytes(fresh, dir)).toEqual(allSame(fresh));
  });

  it('refuse a metric that would name the same column as a key or another metric', () => {
    const base = {
      description: '',
      years: [0, 0] as [number, number],
      parameters: [],
      run: () => ({ record: { seed: 0, years: [0], metrics: [], values: new Float64Array(0), events: [] } }),
    };
    expect(() => createPlan({ ...base, name: 'm', metrics: [{ name: 'Year', label: '', unit: '' }] }, [{}])).toThrow(
      "sweep: model 'm': metric 'Year' would name the same results column as the key column 'year' (names are compared ignoring case)",
    );
    expect(() =>
      createPlan(
        {
          ...base,
          name: 'm',
          metrics: [
            { name: 'share', label: '', unit: '' },
            { name: 'Share', label: '', unit: '' },
          ],
        },
        [{}],
      ),
    ).toThrow("metric 'Share' would name the same results column as metric 'share'");
  });
});
