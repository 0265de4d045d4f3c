// Results parts written while the shards holding their runs still run (the threads executor gives
// such a part to a worker with no shard left to start): the same bytes as a part written after the
// sweep, and a part given up cleanly when the sweep stops first. Against the compiled library.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planSweep, resumeSweep, runShardSync, runSweep, SweepInterrupted } from '../../dist/src/experiments/store';
import { compactResultsPart } from '../../dist/src/experiments/store/compact';
import { allSame, sameBytes, slowDesign, slowOptions, trendModel, wideModel } from '../support/sweep/compare';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterlab-store-stream-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/**
 * 3 points x 4,000 replicates of the trend model, 5 rows a run: one part of 60,000 rows, so its
 * pages (20,480 rows) end inside it. Shards 0 and 1 hold 20,000 rows: a batch cut there rather
 * than at a whole number of the writer's 1,024-row chunks would end the first page at row 20,000.
 */
const design = [{ slope: 1 }, { slope: 2, shape: 'square' }, { slope: -1, noise: 2 }].map((p) => ({ ...p, failEvery: 53 }));
const options = { replicates: 4000, seed: 3, shards: 6 };
const partFile = (dir: string) => path.join(dir, 'results', 'part-00000.parquet');

describe('results parts written while shards run', () => {
  it('hold the same bytes as a part written after the sweep, each running shard read once it has finished', async () => {
    const after = path.join(root, 'after');
    const reference = await runSweep(trendModel, design, { ...options, dir: after, executor: 'serial', progress: false });
    const { dir, plan } = planSweep(trendModel, design, { ...options, dir: path.join(root, 'while') });
    runShardSync(dir, plan, trendModel, 0);
    runShardSync(dir, plan, trendModel, 1);
    const ran: number[] = [];
    const written = await compactResultsPart(dir, 0, undefined, {
      pending: new Set([2, 3, 4, 5]),
      finished: async (k: number) => {
        ran.push(k);
        runShardSync(dir, plan, trendModel, k);
      },
    });
    expect(ran).toEqual([2, 3, 4, 5]);
    expect(fs.readFileSync(partFile(dir)).equals(fs.readFileSync(partFile(after)))).toBe(true);
    expect(written).toMatchObject({
      rows: reference.manifest.results.rows,
      values: reference.manifest.rows,
      ...reference.manifest.files['results/part-00000.parquet'],
    });
    reference.close();
  }, 120_000);

  it('are given up when the sweep stops before their shards finish, leaving no temporary file', async () => {
    const { dir, plan } = planSweep(trendModel, design, { ...options, dir: path.join(root, 'given-up') });
    runShardSync(dir, plan, trendModel, 0);
    const stopped = new Error('stopped');
    const writing = compactResultsPart(dir, 0, undefined, { pending: new Set([1]), finished: () => Promise.reject(stopped) });
    await expect(writing).rejects.toBe(stopped);
    expect(fs.readdirSync(path.join(dir, 'results'))).toEqual([]);
  }, 60_000);

  it('on threads: a sweep stopped while a worker writes a part waiting for the last shard resumes to the serial bytes', async () => {
    // 3 shards of about 2 s on 2 workers: while the third runs, the other worker writes part 0 from the first two.
    const reference = path.join(root, 'slow-reference');
    await runSweep(trendModel, slowDesign, { ...slowOptions, shards: 1, dir: reference, executor: 'serial', progress: false });
    const dir = path.join(root, 'slow-threads');
    const controller = new AbortController();
    const error = await runSweep(trendModel, slowDesign, {
      ...slowOptions,
      dir,
      executor: 'threads',
      workers: 2,
      signal: controller.signal,
      progress: (p) => {
        if (p.done >= 950) controller.abort();
      },
    }).catch((e) => e);
    expect(error).toBeInstanceOf(SweepInterrupted);
    expect(error.results.summary.missing).toBeGreaterThan(0);
    error.results.close();
    expect(fs.readdirSync(path.join(dir, 'results')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const resumed = await resumeSweep(dir, { executor: 'threads', workers: 2, progress: false });
    expect(resumed.summary.complete).toBe(true);
    expect(sameBytes(reference, dir)).toEqual(allSame(reference));
    resumed.close();
  }, 120_000);

  it('serial: a sweep stopped after its part-writing thread wrote some parts resumes to the bytes of an uninterrupted one', async () => {
    // wideModel's parts hold 14 runs: 800 runs make 58 parts, so a serial sweep has a thread write
    // each part once its runs' shards have finished and been listed, while the model runs on.
    const design = [
      { slope: 1, workMs: 1 },
      { slope: -1, noise: 2, workMs: 1 },
    ];
    const opts = { replicates: 400, seed: 11, shards: 4, executor: 'serial' as const };
    const whole = path.join(root, 'serial-whole');
    const reference = await runSweep(wideModel, design, { ...opts, dir: whole, progress: false });
    expect(reference.resultsFiles().length).toBe(58);
    reference.close();
    const dir = path.join(root, 'serial-stopped');
    const stop = new AbortController();
    const stopped = runSweep(wideModel, design, { ...opts, dir, signal: stop.signal, progress: (p) => (p.done >= 500 ? stop.abort() : undefined) });
    await expect(stopped).rejects.toBeInstanceOf(SweepInterrupted);
    const resumed = await resumeSweep(dir, { executor: 'serial', progress: false });
    expect(resumed.summary.complete).toBe(true);
    expect(sameBytes(whole, dir)).toEqual(allSame(whole));
    resumed.close();
  }, 120_000);
});
