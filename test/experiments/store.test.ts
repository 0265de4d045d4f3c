// The sweep results store, against the compiled library (worker threads need dist/). The test
// model (test/support/sweep/model.js) is a cheap deterministic function of its parameters and seed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeSweepThreads,
  collectSweep,
  createPlan,
  keptSweepThreads,
  planSweep,
  runShardSync,
  runSweep,
  resumeSweep,
  openSweep,
  sweepSeed,
  sweepSeeder,
  SweepInterrupted,
  unfinishedShards,
} from '../../dist/src/experiments/store';
import { readStatus as readStatusLog } from '../../dist/src/experiments/store/status';
import { tomato } from '../../dist/src/models';
import { designPoints, designSeed, factorOf, latinHypercube } from '../../dist/src/experiments/designs';
import { installLoopGuard, createInterruptFlag, requestInterrupt } from '../../dist/kernel/loopguard';
import {
  BIN,
  MODEL_FILE,
  allSame,
  sameBytes,
  statusLines,
  startCli,
  exited,
  trendModel,
  until,
  slowDesign,
  wideModel,
  slowOptions,
  slowPlanArgs,
} from '../support/sweep/compare';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterlab-store-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let reference: string;

beforeAll(async () => {
  // The reference: one uninterrupted serial run in this thread, in one shard.
  reference = path.join(root, 'reference');
  await runSweep(trendModel, slowDesign, { ...slowOptions, shards: 1, dir: reference, executor: 'serial', progress: false });
}, 120_000);

describe('sweep plans', () => {
  it('derive each run seed from (point, replicate) alone', () => {
    const small = createPlan(trendModel, [{ slope: 1 }, { slope: 2 }], { replicates: 3, seed: 5 });
    const big = createPlan(trendModel, [{ slope: 1 }, { slope: 2 }, { slope: 3 }], { replicates: 10, seed: 5, shards: 4 });
    expect(small.params[1]).toEqual({ slope: 2, noise: 0.5, shape: 'linear', failEvery: 0, workMs: 0 });
    expect(JSON.stringify(createPlan(trendModel, [{ slope: 1 }, { slope: 2 }], { replicates: 3, seed: 5 }))).toBe(JSON.stringify(small));
    expect(sweepSeed(5, 1, 2)).toBe(sweepSeed(5, 1, 2));
    expect(new Set([sweepSeed(5, 0, 0), sweepSeed(5, 0, 1), sweepSeed(5, 1, 0), sweepSeed(6, 0, 0)]).size).toBe(4);
    // The rule's values as first published (results on disk record them) ...
    expect([sweepSeed(5, 1, 2), sweepSeed(0, 0, 0), sweepSeed(4294967295, 999, 999_999)]).toEqual([108161932, 4207622990, 415426614]);
    // ... and the seeder shard runners use gives the same seeds.
    for (const [master, point] of [
      [5, 1],
      [0, 0],
      [4294967295, 999],
      [7, 10],
    ])
      for (const r of [0, 1, 9, 10, 11, 999_999]) expect(sweepSeeder(master, point)(r)).toBe(sweepSeed(master, point, r));
    expect(big.shards).toBe(4);
  });

  it('take a Design from designs.ts as well as a list of points', () => {
    const factors = [factorOf(trendModel.parameters[0]), factorOf(trendModel.parameters[2])];
    const lhs = latinHypercube(factors, 6, 3);
    const plan = createPlan(trendModel, lhs, { replicates: 2, seed: 9 });
    expect(plan.design).toBe('latin-hypercube');
    expect(plan.points).toEqual(designPoints(lhs));
    expect(sweepSeed(9, 4, 1)).toBe(designSeed(9, 4, 1));
  });

  it('reject bad designs with the field and the allowed range', () => {
    expect(() => createPlan(trendModel, [])).toThrow(/at least one point/);
    expect(() => createPlan(trendModel, [{ slpoe: 1 }])).toThrow(/design point 0: unknown parameter 'slpoe' of model 'trend'; parameters: slope, noise/);
    expect(() => createPlan(trendModel, [{ slope: 1 }, { slope: 11 }])).toThrow(/design point 1: 'slope' must be in -10\.\.10, got 11/);
    expect(() => createPlan(trendModel, [{ shape: 'cubic' }])).toThrow(/'shape' must be one of linear, square/);
    expect(() => createPlan(trendModel, [{ failEvery: 1.5 }])).toThrow(/'failEvery' must be an integer/);
    expect(() => createPlan(trendModel, [{}], { replicates: 0 })).toThrow(/replicates must be an integer in 1\.\.1000000, got 0/);
    expect(() => createPlan(trendModel, [{}], { replicates: 2, shards: 3 })).toThrow(/shards must be an integer in 1\.\.2, got 3/);
  });
});

describe('sweep results', () => {
  it('are byte-identical across executors, workers and shards, and record failed runs with their errors', async () => {
    const threads = path.join(root, 'threads');
    const r = await runSweep(trendModel, slowDesign, { ...slowOptions, shards: 5, dir: threads, executor: 'threads', workers: 2, progress: false });
    expect(sameBytes(reference, threads)).toEqual(allSame(reference));
    const s = r.summary;
    expect(s).toMatchObject({ model: 'trend', points: 3, replicates: 400, runs: 1200, missing: 0, complete: true, varied: ['slope', 'noise', 'shape'] });
    const failed = await r.sql("select point, replicate, seed, error from runs where status = 'failed' order by point, replicate");
    expect(failed.length).toBe(s.failed);
    expect(s.failed).toBeGreaterThan(5);
    for (const f of failed) {
      expect(f.seed).toBe(sweepSeed(7, f.point as number, f.replicate as number));
      expect((f.seed as number) % 53).toBe(0);
      expect(f.error).toBe(`RangeError: planned failure at seed ${f.seed}`);
    }
    expect(r.failures.length).toBe(s.failed);
    // Failed runs leave no rows; every other run has 5 level and 3 shock rows.
    const [{ n }] = await r.sql('select count(*) as n from results');
    expect(n).toBe(s.rows);
    expect(s.rows).toBe(s.ok * 8);
    const byPoint = await r.sql(
      "select p.slope, p.shape, avg(value) as level from results r join points p using (point) where metric = 'level' and year = 2004 group by all order by p.slope",
    );
    expect(byPoint.map((x) => x.shape)).toEqual(['linear', 'linear', 'square']);
    expect(byPoint[2].level as number).toBeCloseTo(32, 0); // slope 2, square: 2 * 4^2
    const frame = await r.toFrame("select * from results where metric = 'shock' limit 10");
    expect(frame.columns).toEqual(['point', 'replicate', 'seed', 'year', 'metric', 'value']);
    expect(frame.shape).toEqual([10, 6]);
    r.close();
  }, 120_000);

  it('split the results into parts that worker threads write, with the same bytes as one thread writing them', async () => {
    // 3 points x 400 replicates of a model declaring 2 metrics over 18,000 years: parts of 14 runs.
    const design = slowDesign.map((p) => ({ ...p, workMs: 0 }));
    const serial = path.join(root, 'wide-serial');
    const threads = path.join(root, 'wide-threads');
    await runSweep(wideModel, design, { ...slowOptions, shards: 3, dir: serial, executor: 'serial', progress: false });
    const r = await runSweep(wideModel, design, { ...slowOptions, shards: 7, dir: threads, executor: 'threads', workers: 2, progress: false });
    const parts = fs.readdirSync(path.join(threads, 'results')).sort();
    expect(parts).toEqual(Array.from({ length: 86 }, (_, p) => `part-${String(p).padStart(5, '0')}.parquet`));
    expect(sameBytes(serial, threads)).toEqual(allSame(serial));
    expect(Object.keys(r.manifest.files).filter((f) => f.startsWith('results/'))).toEqual(parts.map((f) => `results/${f}`));
    // Read as one table, in the canonical order.
    const rows = await r.sql('select point, replicate from results');
    expect(rows.length).toBe(r.summary.rows);
    const runs = rows.map((x) => (x.point as number) * 400 + (x.replicate as number));
    expect(runs.every((run, i) => i === 0 || run >= runs[i - 1])).toBe(true);
    expect(new Set(runs).size).toBe(r.summary.ok);
    r.close();
  }, 120_000);

  it('keep their worker threads for the next sweep, of any model, and keep none of a sweep that failed', async () => {
    await closeSweepThreads();
    expect(keptSweepThreads()).toBe(0);
    const design = slowDesign.map((p) => ({ ...p, workMs: 0 }));
    await runSweep(trendModel, design, { ...slowOptions, shards: 4, dir: path.join(root, 'kept-trend'), executor: 'threads', workers: 2, progress: false });
    expect(keptSweepThreads()).toBe(2);
    // The kept threads serve a sweep of another model: had new ones started, four would be kept now.
    const serial = path.join(root, 'kept-wide-serial');
    await runSweep(wideModel, design, { ...slowOptions, shards: 3, dir: serial, executor: 'serial', progress: false });
    const wide = path.join(root, 'kept-wide');
    await runSweep(wideModel, design, { ...slowOptions, shards: 7, dir: wide, executor: 'threads', workers: 2, progress: false });
    expect(keptSweepThreads()).toBe(2);
    expect(sameBytes(serial, wide)).toEqual(allSame(serial));
    // A plan made with another schema than the module's now (a model rebuilt in between) fails
    // where the model is loaded, and the failed sweep's threads end.
    const { dir } = planSweep(tomato, [{}], { replicates: 4, seed: 1, shards: 2, dir: path.join(root, 'kept-stale') });
    const planFile = path.join(dir, 'plan.json');
    const plan = JSON.parse(fs.readFileSync(planFile, 'utf8'));
    plan.model.fingerprint = '0000000000000000';
    fs.writeFileSync(planFile, JSON.stringify(plan));
    await expect(resumeSweep(dir, { executor: 'threads', workers: 2, progress: false })).rejects.toThrow(
      new RegExp(`model 'tomato' with schema fingerprint ${tomato.fingerprint}, the plan was made with 0000000000000000; start a new sweep`),
    );
    expect(keptSweepThreads()).toBe(0);
  }, 120_000);

  it('collect its parts on worker threads after shards run one by one (as SLURM tasks run them), the same bytes as serial', async () => {
    const design = slowDesign.map((p) => ({ ...p, workMs: 0 }));
    const serial = path.join(root, 'wide-serial'); // made by the test above
    const { dir, plan } = planSweep(wideModel, design, { ...slowOptions, shards: 5, dir: path.join(root, 'wide-collected') });
    for (let k = 0; k < plan.shards; k++) runShardSync(dir, plan, wideModel, k);
    const manifest = await collectSweep(dir, { workers: 2 });
    expect(fs.readdirSync(path.join(dir, 'results'))).toHaveLength(86);
    expect(sameBytes(serial, dir)).toEqual(allSame(serial));
    expect(manifest.complete).toBe(true);
    // Collecting again rewrites the same bytes; a sweep with runs missing is refused, naming what to do.
    await collectSweep(dir, { workers: 1 });
    expect(sameBytes(serial, dir)).toEqual(allSame(serial));
    const { dir: unfinished, plan: unfinishedPlan } = planSweep(wideModel, design, { ...slowOptions, shards: 5, dir: path.join(root, 'wide-unfinished') });
    runShardSync(unfinished, unfinishedPlan, wideModel, 0);
    await expect(collectSweep(unfinished, { workers: 2 })).rejects.toThrow(/runs have not finished; run `clusterlab sweep resume/);
  }, 120_000);

  it('keep a torn status line, an orphan shard file and a run listed twice out of the result', async () => {
    const dir = path.join(root, 'torn');
    await runSweep(
      trendModel,
      slowDesign.map((p) => ({ ...p, workMs: 0 })),
      { ...slowOptions, shards: 3, dir, executor: 'serial', progress: false },
    );
    const entries = readStatusLog(dir);
    // An orphan: a copy of a shard file no status line names; a torn line; a run listed twice.
    const first = entries[0];
    fs.copyFileSync(path.join(dir, 'shards', first.rows), path.join(dir, 'shards', `0-orphan-0.wide.arrow`));
    fs.appendFileSync(path.join(dir, 'status', '0.jsonl'), '\n{"shard":0,"rows":"0-orphan-0.wide.arr');
    fs.appendFileSync(path.join(dir, 'status', '1.jsonl'), '\n' + JSON.stringify({ ...first, shard: 1 }));
    fs.rmSync(path.join(dir, 'manifest.json'));
    const again = await resumeSweep(dir, { executor: 'serial', progress: false });
    const plain = path.join(root, 'torn-reference');
    await runSweep(
      trendModel,
      slowDesign.map((p) => ({ ...p, workMs: 0 })),
      { ...slowOptions, shards: 1, dir: plain, executor: 'serial', progress: false },
    );
    expect(sameBytes(plain, dir)).toEqual(allSame(plain));
    expect(again.summary.runs).toBe(1200);
  }, 60_000);

  it('run again the runs of a status line whose shard files are cut short, zeroed or missing (unsynced files after a machine went down)', async () => {
    const design = slowDesign.map((p) => ({ ...p, workMs: 0 }));
    const dir = path.join(root, 'damaged');
    const { plan } = planSweep(trendModel, design, { ...slowOptions, dir });
    for (let k = 0; k < plan.shards; k++) runShardSync(dir, plan, trendModel, k);
    expect(unfinishedShards(dir, plan)).toEqual([]);
    const [first, second, third] = [0, 1, 2].map((k) => readStatusLog(dir, k)[0]);
    const file = (name: string) => path.join(dir, 'shards', name);
    // What a machine going down before the data reached the disk leaves: a file cut short, a file
    // of zeros (the size on disk, the data not), and no file at all.
    fs.truncateSync(file(first.rows), Math.floor(fs.statSync(file(first.rows)).size / 2));
    fs.writeFileSync(file(second.runs), Buffer.alloc(fs.statSync(file(second.runs)).size));
    fs.rmSync(file(third.rows));
    expect(unfinishedShards(dir, plan)).toEqual([0, 1, 2]);
    const resumed = await resumeSweep(dir, { executor: 'serial', progress: false });
    expect(resumed.summary).toMatchObject({ runs: 1200, missing: 0 });
    resumed.close();
    const plain = path.join(root, 'damaged-reference');
    await runSweep(trendModel, design, { ...slowOptions, shards: 1, dir: plain, executor: 'serial', progress: false });
    expect(sameBytes(plain, dir)).toEqual(allSame(plain));
  }, 60_000);

  for (const executor of ['serial', 'threads'] as const) {
    it(`survive SIGKILL mid-sweep (${executor} executor): resume yields the uninterrupted serial result byte for byte`, async () => {
      const dir = path.join(root, `killed-${executor}`);
      const plan = spawnSync(process.execPath, [BIN, 'sweep', ...slowPlanArgs(dir)], { encoding: 'utf8' });
      expect(plan.status, plan.stderr).toBe(0);
      const child = startCli(['run', dir, '--executor', executor, '--workers', '2', '--no-progress']);
      const done = exited(child);
      await until(() => statusLines(dir) >= 2, 60_000, 'two status lines');
      child.kill('SIGKILL');
      const killed = await done;
      expect(killed.signal).toBe('SIGKILL');
      // Killed in the middle: some runs finished, some did not, and no result files were written.
      const status = spawnSync(process.execPath, [BIN, 'sweep', 'status', dir, '--format', 'json'], { encoding: 'utf8' });
      const counts = JSON.parse(status.stdout);
      expect(counts.finished).toBeGreaterThan(0);
      expect(counts.missing).toBeGreaterThan(0);
      expect(fs.existsSync(path.join(dir, 'manifest.json'))).toBe(false);
      const resumed = await exited(startCli(['resume', dir, '--executor', executor, '--workers', '2', '--no-progress', '--format', 'json']));
      expect(resumed.code, resumed.err).toBe(0);
      expect(JSON.parse(resumed.out)).toMatchObject({ runs: 1200, missing: 0 });
      expect(sameBytes(reference, dir)).toEqual(allSame(reference));
    }, 120_000);
  }

  it('stop on an abort or a kernel interrupt, keep the finished part queryable, and resume to the same result', async () => {
    const dir = path.join(root, 'interrupted');
    const controller = new AbortController();
    const seen: number[] = [];
    const error = await runSweep(trendModel, slowDesign, {
      ...slowOptions,
      dir,
      executor: 'serial',
      signal: controller.signal,
      progress: (p) => {
        seen.push(p.done);
        if (p.done >= 300) controller.abort();
      },
    }).catch((e) => e);
    expect(error).toBeInstanceOf(SweepInterrupted);
    expect(error.name).toBe('Interrupted');
    const partial = error.results.summary;
    expect(partial.complete).toBe(false);
    expect(partial.ok + partial.failed).toBeGreaterThanOrEqual(300);
    expect(partial.missing).toBeGreaterThan(0);
    const [{ runs }] = await error.results.sql('select count(*) as runs from runs');
    expect(runs).toBe(partial.ok + partial.failed);
    error.results.close();

    // The kernel's interrupt: the loop guard's flag, as the kernel's sentinel sets it.
    const flag = createInterruptFlag();
    installLoopGuard(flag);
    const shown: unknown[] = [];
    const key = Symbol.for('clusterlab.display');
    (globalThis as Record<symbol, unknown>)[key] = (value: unknown) => {
      shown.push(value);
      return { update: (v: unknown) => shown.push(v) };
    };
    try {
      const before = unfinishedShards(dir, createPlan(trendModel, slowDesign, slowOptions)).length;
      const stopped = resumeSweep(dir, { executor: 'serial' }).catch((e) => e);
      setTimeout(() => requestInterrupt(flag), 600);
      const e2 = await stopped;
      expect(e2).toBeInstanceOf(SweepInterrupted);
      expect(before).toBeGreaterThan(0);
      // One display, then updates of it: "sweep trend: N / 1,200 runs (..%) ..."
      expect(shown.length).toBeGreaterThan(1);
      const textOf = (v: unknown) => (v as Record<symbol, () => Record<string, string>>)[Symbol.for('jupyter.mimebundle')]()['text/plain'];
      // While it runs the display gives the rate; its final state leaves out timing (saved notebooks reproduce).
      expect(shown.slice(0, -1).map(textOf)).toContainEqual(expect.stringMatching(/^sweep trend: [\d,]+ \/ 1,200 runs \(\d+%\), \d+ failed, [\d,]+ runs\/s/));
      expect(textOf(shown.at(-1))).toMatch(/^sweep trend: [\d,]+ \/ 1,200 runs \(\d+%\), \d+ failed$/);
    } finally {
      delete (globalThis as Record<symbol, unknown>)[key];
      installLoopGuard(createInterruptFlag());
    }
    const r = await resumeSweep(dir, { executor: 'serial', progress: false });
    expect(r.summary.complete).toBe(true);
    expect(sameBytes(reference, dir)).toEqual(allSame(reference));
    expect(openSweep(dir).summary.runs).toBe(1200);
  }, 120_000);
});

describe('clusterlab sweep', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, 'sweep', ...args], { encoding: 'utf8', timeout: 60_000 });

  it('plans, runs and reports in table, json and csv', () => {
    const dir = path.join(root, 'cli');
    const plan = cli(
      'plan',
      'trend',
      '--module',
      MODEL_FILE,
      '--out',
      dir,
      '--grid',
      'slope=1,2',
      '--grid',
      'shape=linear,square',
      '--replicates',
      '3',
      '--format',
      'csv',
    );
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stdout.split('\n')[0]).toBe('model,design,points,replicates,runs,shards,seed,dir');
    expect(plan.stdout.split('\n')[1]).toBe(`trend,grid,4,3,12,8,0,${dir}`);
    const run = cli('run', dir, '--no-progress', '--format', 'json');
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ runs: 12, ok: 12, failed: 0, rows: 96 });
    const status = cli('status', dir);
    expect(status.stdout).toMatch(/^model\s+runs\s+finished\s+ok\s+failed\s+missing/);
    expect(status.stdout).toMatch(/\ntrend\s+12\s+12\s+12\s+0\s+0\s+8\s+0\s+true/);
    const collect = cli('collect', dir, '--format', 'json');
    expect(JSON.parse(collect.stdout)).toMatchObject({ runs: 12, rows: 96 });
  });

  it('explains bad designs and options, naming the field', () => {
    const dir = path.join(root, 'cli-bad');
    const unknown = cli('plan', 'trend', '--module', MODEL_FILE, '--out', dir, '--grid', 'slpoe=1,2');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("design point 0: unknown parameter 'slpoe' of model 'trend'");
    const range = cli('plan', 'trend', '--module', MODEL_FILE, '--out', dir, '--grid', 'noise=1,9');
    expect(range.stderr).toContain("design point 1: 'noise' must be in 0..5, got 9");
    expect(cli('plan', 'trend', '--module', MODEL_FILE, '--out', dir, '--grid', 'slope').stderr).toContain("--grid takes path=value, got 'slope'");
    expect(cli('plan', 'trend', '--module', MODEL_FILE, '--out', dir, '--replicates', 'x').stderr).toContain(
      "--replicates must be a whole number in [1, 1000000], got 'x'",
    );
    expect(cli('status', dir).stderr).toContain('is not a sweep folder (no plan.json)');
    expect(cli('run', path.join(root, 'cli'), '--format', 'xml').stderr).toContain("--format must be table, json or csv, got 'xml'");
    const bad = path.join(root, 'bad-design.json');
    fs.writeFileSync(bad, JSON.stringify([{ slope: 1 }, 3]));
    expect(cli('plan', 'trend', '--module', MODEL_FILE, '--out', dir, '--design', bad).stderr).toContain(
      'point 1 must be an object of parameter overrides, got 3',
    );
    expect(fs.existsSync(path.join(dir, 'plan.json'))).toBe(false);
  });
});
