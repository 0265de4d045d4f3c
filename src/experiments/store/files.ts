/**
 * The layout of a sweep's folder and the one way files in it are written: to a temporary file in
 * the same folder, then renamed, so a reader (or a resumed sweep) never sees half a file.
 *
 *   plan.json            what to run (sweep plan)
 *   shards/*.arrow       tidy rows and run rows appended by each worker (Arrow IPC files)
 *   status/<k>.jsonl     shard k's status log: one line per flushed pair of shard files
 *   results/part-*.parquet  compacted tidy rows (point, replicate, seed, year, metric, value),
 *                        split by fixed run ranges so that worker threads can write them at once
 *   runs.parquet         one row per run (point, replicate, seed, status, error)
 *   points.parquet       one row per design point, a column per parameter
 *   timings.parquet      one row per run with its duration (kept apart: timings differ run to run)
 *   manifest.json        design, parameters, seeds, provenance, timings, failures
 */
import * as fs from 'fs';
import * as path from 'path';

export const PLAN_FILE = 'plan.json';
export const MANIFEST_FILE = 'manifest.json';
export const SHARDS_DIR = 'shards';
export const STATUS_DIR = 'status';
export const SLURM_DIR = 'slurm';
export const RESULTS_DIR = 'results';
/** The Parquet files besides the results' parts. */
/** The key columns of a wide results row, before one value column per metric. */
export const RESULT_KEYS = ['point', 'replicate', 'seed', 'year'] as const;
export const TABLE_FILES = { runs: 'runs.parquet', points: 'points.parquet', timings: 'timings.parquet' } as const;

/** Part `part` of the tidy rows, relative to the sweep's folder. */
export function resultsPartFile(part: number): string {
  return `${RESULTS_DIR}/part-${String(part).padStart(5, '0')}.parquet`;
}

/**
 * Writes a shard file through a temporary file in the same folder, synced, then a rename: the
 * project's writeFileAtomic (src/io/atomic.ts) minus its per-write scan of the folder for
 * leftovers, which in a shards folder of thousands of files would make flushing quadratic.
 * Leftovers of killed workers are removed once, when the sweep is collected.
 */
export function writeShardFile(file: string, data: Uint8Array): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/** Removes temporary files a killed writer left behind. */
export function removeStaleTemporaries(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) if (name.startsWith('.') && name.endsWith('.tmp')) fs.rmSync(path.join(dir, name), { force: true });
}
