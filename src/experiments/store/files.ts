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
import { promisify } from 'util';

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

/** A temporary file beside `file` (removeStaleTemporaries removes it if its writer was killed). */
function temporaryName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
}

/**
 * Writes a shard file through a temporary file in the same folder, then a rename: the project's
 * writeFileAtomic (src/io/atomic.ts) minus two things. No scan of the folder for leftovers, which
 * in a shards folder of thousands of files would make flushing quadratic (leftovers of killed
 * workers are removed once, when the sweep is collected). And no fsync: a killed process loses
 * nothing it wrote (the data is in the page cache), so the sync only guards against the machine
 * itself going down, and it was the largest cost of flushing. Against that, whoever reads a
 * shard file checks it first (arrowFileIntact; readStatus drops entries that fail) and its runs
 * run again (docs/sweep-durability.md). The file comes as chunks (ipcChunks in arrow.ts), written
 * with one writev, so that its bytes are never joined in memory first.
 */
export function writeShardFile(file: string, chunks: readonly Uint8Array[]): void {
  const tmp = temporaryName(file);
  const fd = fs.openSync(tmp, 'w');
  try {
    for (let rest = chunks; rest.length > 0; ) rest = unwritten(rest, fs.writevSync(fd, rest as Uint8Array[]));
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

const writevOnPool = promisify(fs.writev);

/**
 * writeShardFile with the copy into the file on libuv's thread pool, so that the thread goes on
 * running the model meanwhile; resolves once the file is in place.
 */
export async function writeShardFileBehind(file: string, chunks: readonly Uint8Array[]): Promise<void> {
  const tmp = temporaryName(file);
  const fd = fs.openSync(tmp, 'w');
  try {
    for (let rest = chunks; rest.length > 0; ) rest = unwritten(rest, (await writevOnPool(fd, rest as Uint8Array[])).bytesWritten);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/** What is left of `chunks` after the first `bytes` bytes were written (a write may stop short). */
function unwritten(chunks: readonly Uint8Array[], bytes: number): readonly Uint8Array[] {
  if (bytes === 0) throw new Error('sweep: writing a shard file wrote nothing (disk full?)');
  let i = 0;
  while (i < chunks.length && bytes >= chunks[i].byteLength) bytes -= chunks[i++].byteLength;
  if (i === chunks.length) return [];
  return [chunks[i].subarray(bytes), ...chunks.slice(i + 1)];
}

/** An Arrow IPC file begins with these bytes (then two of padding) and ends with them. */
const ARROW_MAGIC = Buffer.from('ARROW1');

/**
 * Whether `file` is a whole Arrow IPC file, as far as its ends tell: it exists, has `bytes` bytes
 * when that is known, starts with the magic, and ends with a footer length that fits in the file
 * and the magic. A file cut short or left as zeros by a machine that went down before the data
 * reached the disk fails; so does a missing one.
 */
export function arrowFileIntact(file: string, bytes?: number): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const size = fs.fstatSync(fd).size;
    // Magic and padding, at least a schema message, the footer's length and the magic again.
    if ((bytes !== undefined && size !== bytes) || size < 8 + 4 + 6) return false;
    const head = Buffer.alloc(6);
    const tail = Buffer.alloc(10);
    if (fs.readSync(fd, head, 0, 6, 0) !== 6 || fs.readSync(fd, tail, 0, 10, size - 10) !== 10) return false;
    const footer = tail.readInt32LE(0);
    return head.equals(ARROW_MAGIC) && tail.subarray(4).equals(ARROW_MAGIC) && footer > 0 && footer <= size - 8 - 10;
  } finally {
    fs.closeSync(fd);
  }
}

/** Removes temporary files a killed writer left behind. */
export function removeStaleTemporaries(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) if (name.startsWith('.') && name.endsWith('.tmp')) fs.rmSync(path.join(dir, name), { force: true });
}
