/**
 * Running one shard: the runs of a contiguous block of the plan that the status log does not yet
 * list. Rows are buffered in typed arrays and flushed as a pair of Arrow IPC files (wide rows: one
 * per run and year with a column per metric; run rows), renamed into place, then a status line
 * names them. A kill at any point loses at most the runs since the last flush, which a resume
 * runs again; nothing half-written is ever read.
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import type { Table } from 'apache-arrow';
import { loadArrow } from './arrow';
import type { ParamValues } from '../../engine/model';
import { SHARDS_DIR, STATUS_DIR, writeShardFile, writeShardFileBehind } from './files';
import { shardRange, sweepSeeder, type SweepModel, type SweepPlan } from './plan';
import { appendStatus, finishedRuns, readStatus, WIDE_SHARD_SUFFIX } from './status';
import { chunkBytes, ipcChunks, utf8Vector, wideFields } from './arrow';

/**
 * Flush after this many bytes of wide rows or this many milliseconds, whichever comes first: a
 * kill loses at most a second of runs either way. Flushes are few, and the buffer is allocated
 * once per thread (sharedRows), so that a sweep of many shards does not grow it again and again.
 */
const FLUSH_BYTES = 8 * 2 ** 20;
const FLUSH_MS = 1_000;

type Column = Float64Array | Int32Array | Uint32Array;

/** A column of `size` values of the same type holding the first `keep` values of `a`. */
function grown<T extends Column>(a: T, keep: number, size: number): T {
  const bigger = new (a.constructor as new (n: number) => T)(size);
  bigger.set(a.subarray(0, keep));
  return bigger;
}

class Growable<T extends Column> {
  length = 0;
  constructor(public data: T) {}
  push(x: number): void {
    if (this.length === this.data.length) this.data = grown(this.data, this.length, this.data.length * 2);
    this.data[this.length++] = x;
  }
  take(): T {
    const out = this.data.slice(0, this.length) as T;
    this.length = 0;
    return out;
  }
}

/** The wide rows since the last flush: one per (run, year), with a value column per model metric. */
class WideRows {
  length = 0;
  point: Int32Array;
  replicate: Int32Array;
  seed: Uint32Array;
  year: Int32Array;
  values: Float64Array[];
  /** Bytes a row takes: four 4-byte keys and a double per metric. */
  readonly rowBytes: number;

  constructor(metrics: number, capacity = 256) {
    this.rowBytes = 16 + 8 * metrics;
    this.point = new Int32Array(capacity);
    this.replicate = new Int32Array(capacity);
    this.seed = new Uint32Array(capacity);
    this.year = new Int32Array(capacity);
    this.values = Array.from({ length: metrics }, () => new Float64Array(capacity));
  }

  /** Makes room for `n` more rows. */
  reserve(n: number): void {
    const need = this.length + n;
    if (need <= this.point.length) return;
    const size = Math.max(need, this.point.length * 2);
    const grow = <T extends Column>(a: T): T => grown(a, this.length, size);
    this.point = grow(this.point);
    this.replicate = grow(this.replicate);
    this.seed = grow(this.seed);
    this.year = grow(this.year);
    this.values = this.values.map(grow);
  }

  /**
   * The rows as an Arrow table (keys, then a column per metric, NaN where not recorded) and empties
   * the buffer. The table's columns are views of the buffer: write it before adding rows.
   */
  take(metrics: readonly string[]): Table {
    const { Float64, Int32, RecordBatch, Schema, Struct, Table, Uint32, makeData } = loadArrow();
    const n = this.length;
    this.length = 0;
    const fields = wideFields(metrics, false);
    const children = [
      makeData({ type: new Int32(), data: this.point.subarray(0, n), length: n }),
      makeData({ type: new Int32(), data: this.replicate.subarray(0, n), length: n }),
      makeData({ type: new Uint32(), data: this.seed.subarray(0, n), length: n }),
      makeData({ type: new Int32(), data: this.year.subarray(0, n), length: n }),
      ...this.values.map((v) => makeData({ type: new Float64(), data: v.subarray(0, n), length: n })),
    ];
    const schema = new Schema(fields);
    const struct = makeData({ type: new Struct(fields), length: n, children, nullCount: 0 });
    return new Table(schema, [new RecordBatch(schema, struct)]);
  }
}

/**
 * Wide-rows buffers of this thread's runners that finished their shard or had a flush written, for
 * the next to take: a sweep's shards run one after another in a thread, and growing a buffer of a
 * few megabytes anew for each cost more than all else the buffering did. Two at most: a runner
 * writing behind (see ShardRunner) fills one while the other is written.
 */
const spareRows: WideRows[] = [];

/** A wide-rows buffer for `metrics` metrics holding about `rows` rows before it must grow. */
function takeRows(metrics: number, rows: number): WideRows {
  const i = spareRows.findIndex((r) => r.values.length === metrics);
  if (i < 0) return new WideRows(metrics, Math.max(256, rows));
  const spare = spareRows.splice(i, 1)[0];
  spare.length = 0;
  return spare;
}

function giveBackRows(rows: WideRows): void {
  if (spareRows.length < 2) spareRows.push(rows);
}

/** Run rows of shard files, one per run: a failed run has status 'failed' and its error, an ok run no error. */
function runsTable(cols: { point: Int32Array; replicate: Int32Array; seed: Uint32Array; ms: Float64Array }, errors: ReadonlyMap<number, string>): Table {
  const { Table, makeVector } = loadArrow();
  const n = cols.point.length;
  const status: string[] = new Array<string>(n).fill('ok');
  const error: (string | null)[] = new Array<string | null>(n).fill(null);
  for (const [j, message] of errors) {
    status[j] = 'failed';
    error[j] = message;
  }
  return new Table({
    point: makeVector(cols.point),
    replicate: makeVector(cols.replicate),
    seed: makeVector(cols.seed),
    status: utf8Vector(status),
    error: utf8Vector(error),
    ms: makeVector(cols.ms),
  });
}

/** The model a worker thread or SLURM task runs: required from the plan's module. */
export function loadPlanModel(plan: SweepPlan): SweepModel {
  const module = plan.model.module;
  if (!module)
    throw new TypeError(
      `sweep: model '${plan.model.name}' was defined in a notebook cell or script and names no module, so only the 'serial' executor (this thread) can run it`,
    );
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const model = (require(module.path) as Record<string, unknown>)[module.exportName] as SweepModel | undefined;
  if (!model || typeof model.run !== 'function') throw new TypeError(`sweep: ${module.path} has no model export '${module.exportName}'`);
  if (model.name !== plan.model.name)
    throw new TypeError(`sweep: ${module.path}#${module.exportName} is model '${model.name}', the plan is for '${plan.model.name}'`);
  // A schema changed since the plan was made (the module rebuilt while a process, or a kept thread, still holds the other one) would mix two models in one sweep.
  if (plan.model.fingerprint && model.fingerprint && model.fingerprint !== plan.model.fingerprint)
    throw new TypeError(
      `sweep: ${module.path}#${module.exportName} is model '${model.name}' with schema fingerprint ${model.fingerprint}, the plan was made with ${plan.model.fingerprint}; start a new sweep with the model as it is now (in a notebook, restart the kernel after rebuilding)`,
    );
  return model;
}

export interface ShardProgress {
  /** Runs this runner finished (ok or failed) since it started. */
  done: number;
  failed: number;
}

/**
 * Runs the missing runs of shard `k`, in slices: `step(budgetMs)` runs until the budget is spent
 * and returns whether the shard is finished; `flush()` writes what is buffered. Used as is by the
 * serial executor (which yields between slices), worker threads and SLURM tasks.
 */
export class ShardRunner {
  readonly progress: ShardProgress = { done: 0, failed: 0 };
  private readonly todo: number[] = [];
  private next = 0;
  private seq = 0;
  private readonly tag = `${process.pid.toString(36)}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  private readonly metricIndex: Map<string, number>;
  private wide: WideRows;
  /** Rows a buffer should hold: the shard's runs over the model's years, or a flush's worth if fewer. */
  private readonly rowsWanted: number;
  /** Whether the shard finished and `wide` went back to spareRows. */
  private released = false;
  /** The metrics of the last run's record and, for each, its column (the model's order): records usually list the same ones. */
  private recordMetrics: readonly string[] | null = null;
  private columnOf = new Int32Array(0);
  private unrecorded: number[] = [];
  /** Run rows since the last flush: typed columns, and the errors of failed runs by row. */
  private readonly runCols = {
    point: new Growable(new Int32Array(256)),
    replicate: new Growable(new Int32Array(256)),
    seed: new Growable(new Uint32Array(256)),
    ms: new Growable(new Float64Array(256)),
  };
  private errors = new Map<number, string>();
  private ranges: [number, number][] = [];
  /** The point whose seeds `seedOf` derives (runs of a shard go point by point). */
  private seedPoint = -1;
  private seedOf: (replicate: number) => number = () => 0;
  private lastFlush = performance.now();

  /** With write-behind: the flushes still writing, in order (each one's status line after the last's). */
  private writing: Promise<void> = Promise.resolve();
  private writeFailure: { error: unknown } | null = null;

  /**
   * `writeBehind` (the serial executor, whose thread turns its event loop between slices): a
   * flush encodes the files and leaves the copying into them, the renames and the status line to
   * libuv's thread pool and the event loop while runs go on; `settled()` waits for them. Worker
   * threads and SLURM tasks run a shard without turning their event loop, so they write in place.
   */
  constructor(
    private readonly dir: string,
    private readonly plan: SweepPlan,
    private readonly model: SweepModel,
    readonly shard: number,
    private readonly writeBehind = false,
  ) {
    if (!Number.isInteger(shard) || shard < 0 || shard >= plan.shards)
      throw new RangeError(`sweep: shard must be an integer in 0..${plan.shards - 1}, got ${shard}`);
    fs.mkdirSync(path.join(dir, SHARDS_DIR), { recursive: true });
    fs.mkdirSync(path.join(dir, STATUS_DIR), { recursive: true });
    const [start, end] = shardRange(plan, shard);
    const owner = finishedRuns(readStatus(dir, shard), end);
    for (let r = start; r < end; r++) if (owner[r] < 0) this.todo.push(r);
    this.metricIndex = new Map(plan.model.metrics.map((m, i) => [m, i]));
    // Room for the shard's runs over the model's years, or for a flush's worth of rows if fewer.
    const metrics = plan.model.metrics.length;
    const years = Math.max(1, plan.model.years[1] - plan.model.years[0] + 1);
    this.rowsWanted = Math.min(this.todo.length * years, Math.ceil(FLUSH_BYTES / (16 + 8 * metrics)) + years);
    this.wide = takeRows(metrics, this.rowsWanted);
  }

  /** Runs left in this shard. */
  get remaining(): number {
    return this.todo.length - this.next;
  }

  step(budgetMs = Infinity): boolean {
    if (this.writeFailure) throw this.writeFailure.error;
    const until = performance.now() + budgetMs;
    while (this.next < this.todo.length) {
      const now = this.runOne(this.todo[this.next++]);
      if (this.wide.length * this.wide.rowBytes >= FLUSH_BYTES || now - this.lastFlush >= FLUSH_MS) this.flush();
      if (now >= until) break;
    }
    if (this.next < this.todo.length) return false;
    this.flush();
    if (!this.released) giveBackRows(this.wide); // no run is left to use it (a later flush finds nothing to write)
    this.released = true;
    return true;
  }

  /** Runs one run into the buffers; returns the time it ended. */
  private runOne(run: number): number {
    const replicates = this.plan.replicates;
    const point = Math.floor(run / replicates);
    const replicate = run - point * replicates;
    if (point !== this.seedPoint) {
      this.seedPoint = point;
      this.seedOf = sweepSeeder(this.plan.seed, point);
    }
    const seed = this.seedOf(replicate);
    const t0 = performance.now();
    let error: string | null = null;
    try {
      const { record } = this.model.run(this.plan.params[point] as ParamValues, seed);
      const ny = record.years.length;
      const values = record.values;
      if (values.length !== record.metrics.length * ny)
        throw new RangeError(`run recorded ${values.length} values for ${record.metrics.length} metrics x ${ny} years`);
      this.mapColumns(record.metrics);
      // One row per year; each metric's years are contiguous in the record, so a column takes them in one copy.
      const w = this.wide;
      w.reserve(ny);
      const at = w.length;
      for (let y = 0; y < ny; y++) {
        w.point[at + y] = point;
        w.replicate[at + y] = replicate;
        w.seed[at + y] = seed;
        w.year[at + y] = record.years[y];
      }
      for (const c of this.unrecorded) w.values[c].fill(NaN, at, at + ny);
      for (let m = 0; m < this.columnOf.length; m++) {
        const column = w.values[this.columnOf[m]];
        // A block copy pays off beyond a few years; a one-year function (Ishigami) copies one value.
        if (ny > 8 && values instanceof Float64Array) column.set(values.subarray(m * ny, m * ny + ny), at);
        else for (let y = 0; y < ny; y++) column[at + y] = values[m * ny + y];
      }
      w.length = at + ny; // only now: a failed run leaves no rows
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    const t1 = performance.now();
    const r = this.runCols;
    if (error !== null) {
      this.errors.set(r.point.length, error);
      this.progress.failed++;
    }
    r.point.push(point);
    r.replicate.push(replicate);
    r.seed.push(seed);
    r.ms.push(t1 - t0);
    const last = this.ranges[this.ranges.length - 1];
    if (last && last[1] === run) last[1]++;
    else this.ranges.push([run, run + 1]);
    this.progress.done++;
    return t1;
  }

  /** Which column each metric of a record goes to, and which columns it leaves unrecorded (NaN). */
  private mapColumns(metrics: readonly string[]): void {
    const last = this.recordMetrics;
    if (last && last.length === metrics.length) {
      let same = true;
      for (let m = 0; m < metrics.length && same; m++) same = metrics[m] === last[m];
      if (same) return;
    }
    const columnOf = new Int32Array(metrics.length);
    const seen = new Uint8Array(this.plan.model.metrics.length);
    for (let m = 0; m < metrics.length; m++) {
      const c = this.metricIndex.get(metrics[m]);
      if (c === undefined)
        throw new RangeError(`run recorded metric '${metrics[m]}', which the model does not declare (${this.plan.model.metrics.join(', ')})`);
      if (seen[c]) throw new RangeError(`run recorded metric '${metrics[m]}' twice`);
      seen[c] = 1;
      columnOf[m] = c;
    }
    this.columnOf = columnOf;
    this.unrecorded = [];
    for (let c = 0; c < seen.length; c++) if (!seen[c]) this.unrecorded.push(c);
    this.recordMetrics = [...metrics];
  }

  /** Writes buffered runs as a pair of shard files and then their status line. */
  flush(): void {
    this.lastFlush = performance.now();
    if (this.ranges.length === 0) return;
    const base = `${this.shard}-${this.tag}-${this.seq++}`;
    const rows = `${base}${WIDE_SHARD_SUFFIX}`;
    const runs = `${base}.runs.arrow`;
    const table = this.wide.take(this.plan.model.metrics);
    const r = this.runCols;
    const runRows = runsTable({ point: r.point.take(), replicate: r.replicate.take(), seed: r.seed.take(), ms: r.ms.take() }, this.errors);
    // The rows' file as chunks that are views of `wide` (no copy): written before `wide` is refilled.
    const rowChunks = ipcChunks(table, 'file');
    const runChunks = ipcChunks(runRows, 'file');
    const entry = {
      shard: this.shard,
      rows,
      runs,
      ranges: this.ranges,
      failed: this.errors.size,
      bytes: [chunkBytes(rowChunks), chunkBytes(runChunks)] as [number, number],
    };
    this.errors = new Map();
    this.ranges = [];
    const rowsFile = path.join(this.dir, SHARDS_DIR, rows);
    const runsFile = path.join(this.dir, SHARDS_DIR, runs);
    if (!this.writeBehind) {
      writeShardFile(rowsFile, rowChunks);
      writeShardFile(runsFile, runChunks);
      appendStatus(this.dir, entry);
      return;
    }
    // Runs go on into another buffer while this one is written.
    const written = this.wide;
    this.wide = takeRows(this.plan.model.metrics.length, this.rowsWanted);
    this.writing = this.writing
      .then(() => Promise.all([writeShardFileBehind(rowsFile, rowChunks), writeShardFileBehind(runsFile, runChunks)]))
      .then(() => appendStatus(this.dir, entry))
      .finally(() => giveBackRows(written));
    this.writing.catch((error: unknown) => {
      this.writeFailure ??= { error };
    });
  }

  /** Resolves once every flush so far is written and listed (rejects if one failed). */
  settled(): Promise<void> {
    return this.writing;
  }
}

/**
 * Runs shard `k` to the end in this thread (worker threads and SLURM tasks). `stop`, a flag
 * another thread may set, makes it write what it has and return early.
 */
export function runShardSync(
  dir: string,
  plan: SweepPlan,
  model: SweepModel,
  k: number,
  onProgress?: (p: ShardProgress) => void,
  stop?: Int32Array,
): ShardProgress & { stopped: boolean } {
  const runner = new ShardRunner(dir, plan, model, k);
  while (!runner.step(100)) {
    onProgress?.(runner.progress);
    if (stop && Atomics.load(stop, 0) !== 0) {
      runner.flush();
      return { ...runner.progress, stopped: true };
    }
  }
  return { ...runner.progress, stopped: false };
}
