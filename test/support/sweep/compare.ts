/** Helpers of the sweep store tests: the files that must be byte-identical between two sweeps. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';

export const BIN = path.resolve(__dirname, '../../../bin/clusterlab.js');
export const MODEL_FILE = path.resolve(__dirname, 'model.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const trendModel = require(MODEL_FILE).model;
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const wideModel = require(MODEL_FILE).wideModel;

/**
 * 3 points x 400 replicates, 5 ms per run, seed 7, every run whose seed is a multiple of 53 fails:
 * with 3 shards each shard takes about 2 s and flushes about once a second, so a kill lands in
 * the middle of a shard.
 */
export const slowDesign = [{ slope: 1 }, { slope: 2, shape: 'square' }, { slope: -1, noise: 2 }].map((p) => ({ ...p, failEvery: 53, workMs: 5 }));
export const slowOptions = { replicates: 400, seed: 7, shards: 3 };

/** `clusterlab sweep plan` arguments of that sweep into `dir` (the design written next to it). */
export function slowPlanArgs(dir: string): string[] {
  const file = `${dir}.design.json`;
  fs.writeFileSync(file, JSON.stringify(slowDesign));
  return ['plan', 'trend', '--module', MODEL_FILE, '--out', dir, '--design', file, '--replicates', '400', '--seed', '7', '--shards', '3'];
}

/**
 * The data files whose bytes must not depend on shards, workers, executors or interruptions: the
 * results' parts (those of either folder), runs and points.
 */
export function dataFiles(...dirs: string[]): string[] {
  const parts = new Set(
    dirs.flatMap((d) => (fs.existsSync(path.join(d, 'results')) ? fs.readdirSync(path.join(d, 'results')).map((f) => `results/${f}`) : [])),
  );
  return [...[...parts].sort(), 'runs.parquet', 'points.parquet'];
}

const bytesOf = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file) : null);

/** For each data file of either folder, whether both hold it with the same bytes. */
export function sameBytes(a: string, b: string): Record<string, boolean> {
  return Object.fromEntries(
    dataFiles(a, b).map((f) => {
      const x = bytesOf(path.join(a, f));
      const y = bytesOf(path.join(b, f));
      return [f, x !== null && y !== null && x.equals(y)];
    }),
  );
}

/** What sameBytes gives for two folders with the same data files as `dir`. */
export function allSame(dir: string): Record<string, boolean> {
  return Object.fromEntries(dataFiles(dir).map((f) => [f, true]));
}

export function statusLines(dir: string): number {
  const folder = path.join(dir, 'status');
  if (!fs.existsSync(folder)) return 0;
  return fs.readdirSync(folder).reduce(
    (n, f) =>
      n +
      fs
        .readFileSync(path.join(folder, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim()).length,
    0,
  );
}

/** Starts `clusterlab sweep ...` as a child process. */
export function startCli(args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, 'sweep', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> {
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (err += d));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out, err })));
}

export async function until(test: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
