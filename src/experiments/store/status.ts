/**
 * The status log: what finished. Each shard has its own append-only JSONL file (one writer at a
 * time, even with SLURM tasks on several nodes sharing a network file system). A line is written
 * only after the shard files it names were renamed into place, so a run listed here is on disk.
 * Lines are appended whole (appendLine): a line torn by a kill is ended by the next append, and a
 * reader skips what does not parse (those runs are simply run again). Neither the lines nor the
 * shard files are synced to disk (a kill loses nothing written; a machine going down might), so a
 * reader also skips a line whose shard files are missing, cut short or not Arrow files: those
 * runs too are run again, and nothing half-written is read (docs/sweep-durability.md).
 */
import * as fs from 'fs';
import * as path from 'path';
import { arrowFileIntact, SHARDS_DIR, STATUS_DIR } from './files';
import { appendLine } from '../../io/atomic';

/**
 * How the files of the wide rows end. Before the wide layout, shards held tidy rows (one per value)
 * in files ending `.rows.arrow`; compaction reads those too, so an older sweep can be resumed and
 * collected.
 */
export const WIDE_SHARD_SUFFIX = '.wide.arrow';
const TIDY_SHARD_SUFFIX = '.rows.arrow';

export interface StatusEntry {
  shard: number;
  /** Arrow IPC files (in shards/) holding these runs' wide rows and run rows. */
  rows: string;
  runs: string;
  /** Runs in the files, in order, as [start, end) ranges (runs are mostly contiguous). */
  ranges: [number, number][];
  /** How many of them failed. */
  failed: number;
  /** The sizes of the two files, `rows` then `runs` (lines of earlier versions lack them). */
  bytes?: [number, number];
}

export function statusFile(dir: string, shard: number): string {
  return path.join(dir, STATUS_DIR, `${shard}.jsonl`);
}

export function appendStatus(dir: string, entry: StatusEntry): void {
  appendLine(statusFile(dir, entry.shard), JSON.stringify(entry) + '\n');
}

function parseLine(line: string): StatusEntry | null {
  try {
    const e = JSON.parse(line) as StatusEntry;
    return Array.isArray(e.ranges) && typeof e.rows === 'string' && typeof e.runs === 'string' ? e : null;
  } catch {
    return null;
  }
}

/** Whether both shard files of an entry are whole (see the file comment). */
function filesIntact(dir: string, e: StatusEntry): boolean {
  const sizes = Array.isArray(e.bytes) ? e.bytes : [];
  return arrowFileIntact(path.join(dir, SHARDS_DIR, e.rows), sizes[0]) && arrowFileIntact(path.join(dir, SHARDS_DIR, e.runs), sizes[1]);
}

/** Status entries of every shard (or of one), shard by shard in log order. */
export function readStatus(dir: string, shard?: number): StatusEntry[] {
  const folder = path.join(dir, STATUS_DIR);
  if (!fs.existsSync(folder)) return [];
  const shards =
    shard !== undefined
      ? fs.existsSync(statusFile(dir, shard))
        ? [shard]
        : []
      : fs
          .readdirSync(folder)
          .filter((n) => /^\d+\.jsonl$/.test(n))
          .map((n) => Number(n.slice(0, -6)))
          .sort((a, b) => a - b);
  const out: StatusEntry[] = [];
  for (const k of shards) {
    for (const line of fs.readFileSync(statusFile(dir, k), 'utf8').split('\n')) {
      const e = line.trim() ? parseLine(line) : null;
      if (e && filesIntact(dir, e)) out.push(e);
    }
  }
  return out;
}

/** Whether an entry's rows are in the tidy layout of earlier versions (compaction reads both). */
export function isTidyShard(entry: StatusEntry): boolean {
  return entry.rows.endsWith(TIDY_SHARD_SUFFIX);
}

/** For every finished run, the entry that holds it (the first one, should a run be listed twice). */
export function finishedRuns(entries: readonly StatusEntry[], total: number): Int32Array {
  const owner = new Int32Array(total).fill(-1);
  entries.forEach((e, i) => {
    for (const [start, end] of e.ranges) for (let id = Math.max(0, start); id < Math.min(end, total); id++) if (owner[id] < 0) owner[id] = i;
  });
  return owner;
}

/** Calls `f(run, j)` for the j-th run of an entry. */
export function forEachRun(entry: StatusEntry, f: (run: number, j: number) => void): void {
  let j = 0;
  for (const [start, end] of entry.ranges) for (let run = start; run < end; run++) f(run, j++);
}

export function firstRun(entry: StatusEntry): number {
  return entry.ranges[0][0];
}

export function lastRun(entry: StatusEntry): number {
  return entry.ranges[entry.ranges.length - 1][1] - 1;
}
