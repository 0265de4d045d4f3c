/**
 * The layout of a sweep's folder and the one way files in it are written: to a temporary file in
 * the same folder, then renamed, so a reader (or a resumed sweep) never sees half a file.
 *
 *   plan.json            what to run (sweep plan)
 *   shards/*.arrow       tidy rows and run rows appended by each worker (Arrow IPC files)
 *   status/<k>.jsonl     shard k's status log: one line per flushed pair of shard files
 *   results.parquet      compacted tidy rows (point, replicate, seed, year, metric, value)
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
export const RESULT_FILES = { results: 'results.parquet', runs: 'runs.parquet', points: 'points.parquet', timings: 'timings.parquet' } as const;

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
