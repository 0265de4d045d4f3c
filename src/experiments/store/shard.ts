/**
 * Running one shard: the runs of a contiguous block of the plan that the status log does not yet
 * list. Rows are buffered in typed arrays and flushed as a pair of Arrow IPC files (tidy rows, run
 * rows), renamed into place, then a status line names them. A kill at any point loses at most the
 * runs since the last flush, which a resume runs again; nothing half-written is ever read.
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import type { Table } from 'apache-arrow';
import { loadArrow } from './arrow';
import type { ParamValues } from '../../engine/model';
import { SHARDS_DIR, STATUS_DIR, writeShardFile } from './files';
import { shardRange, sweepSeeder, type SweepModel, type SweepPlan } from './plan';
import { appendStatus, finishedRuns, readStatus } from './status';
import { utf8Vector } from './arrow';

/** Flush after this many tidy rows or this many milliseconds, whichever comes first. */
const FLUSH_ROWS = 65_536;
const FLUSH_MS = 1_000;

class Growable<T extends Float64Array | Int32Array | Uint32Array> {
  length = 0;
  constructor(public data: T) {}
  push(x: number): void {
    if (this.length === this.data.length) {
      const bigger = new (this.data.constructor as new (n: number) => T)(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
  }
  take(): T {
    const out = this.data.slice(0, this.length) as T;
    this.length = 0;
    return out;
  }
}

/** Tidy rows in shard files: metric is an index into plan.model.metrics (compaction names it). */
function rowsTable(cols: { point: Int32Array; replicate: Int32Array; seed: Uint32Array; year: Int32Array; metric: Int32Array; value: Float64Array }): Table {
  const { Field, Float64, Int32, RecordBatch, Schema, Struct, Table, Uint32, makeData } = loadArrow();
  const fields = [
    new Field('point', new Int32(), false),
    new Field('replicate', new Int32(), false),
    new Field('seed', new Uint32(), false),
    new Field('year', new Int32(), false),
    new Field('metric', new Int32(), false),
    new Field('value', new Float64(), false),
  ];
  const n = cols.value.length;
  const children = [
    makeData({ type: new Int32(), data: cols.point, length: n }),
    makeData({ type: new Int32(), data: cols.replicate, length: n }),
    makeData({ type: new Uint32(), data: cols.seed, length: n }),
    makeData({ type: new Int32(), data: cols.year, length: n }),
    makeData({ type: new Int32(), data: cols.metric, length: n }),
    makeData({ type: new Float64(), data: cols.value, length: n }),
  ];
  const schema = new Schema(fields);
  const struct = makeData({ type: new Struct(fields), length: n, children, nullCount: 0 });
  return new Table(schema, [new RecordBatch(schema, struct)]);
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
  private readonly cols = {
    point: new Growable(new Int32Array(1024)),
    replicate: new Growable(new Int32Array(1024)),
    seed: new Growable(new Uint32Array(1024)),
    year: new Growable(new Int32Array(1024)),
    metric: new Growable(new Int32Array(1024)),
    value: new Growable(new Float64Array(1024)),
  };
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

  constructor(
    private readonly dir: string,
    private readonly plan: SweepPlan,
    private readonly model: SweepModel,
    readonly shard: number,
  ) {
    if (!Number.isInteger(shard) || shard < 0 || shard >= plan.shards)
      throw new RangeError(`sweep: shard must be an integer in 0..${plan.shards - 1}, got ${shard}`);
    fs.mkdirSync(path.join(dir, SHARDS_DIR), { recursive: true });
    fs.mkdirSync(path.join(dir, STATUS_DIR), { recursive: true });
    const [start, end] = shardRange(plan, shard);
    const owner = finishedRuns(readStatus(dir, shard), end);
    for (let r = start; r < end; r++) if (owner[r] < 0) this.todo.push(r);
    this.metricIndex = new Map(plan.model.metrics.map((m, i) => [m, i]));
  }

  /** Runs left in this shard. */
  get remaining(): number {
    return this.todo.length - this.next;
  }

  step(budgetMs = Infinity): boolean {
    const until = performance.now() + budgetMs;
    while (this.next < this.todo.length) {
      const now = this.runOne(this.todo[this.next++]);
      if (this.cols.value.length >= FLUSH_ROWS || now - this.lastFlush >= FLUSH_MS) this.flush();
      if (now >= until) break;
    }
    if (this.next >= this.todo.length) this.flush();
    return this.next >= this.todo.length;
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
    const mark = this.cols.value.length;
    let error: string | null = null;
    try {
      const { record } = this.model.run(this.plan.params[point] as ParamValues, seed);
      const ny = record.years.length;
      for (let m = 0; m < record.metrics.length; m++) {
        const mi = this.metricIndex.get(record.metrics[m]);
        if (mi === undefined)
          throw new RangeError(`run recorded metric '${record.metrics[m]}', which the model does not declare (${this.plan.model.metrics.join(', ')})`);
        for (let y = 0; y < ny; y++) {
          const value = record.values[m * ny + y];
          if (Number.isNaN(value)) continue; // never recorded
          this.cols.point.push(point);
          this.cols.replicate.push(replicate);
          this.cols.seed.push(seed);
          this.cols.year.push(record.years[y]);
          this.cols.metric.push(mi);
          this.cols.value.push(value);
        }
      }
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      for (const c of Object.values(this.cols)) c.length = mark; // a failed run leaves no rows
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

  /** Writes buffered runs as a pair of shard files and then their status line. */
  flush(): void {
    this.lastFlush = performance.now();
    if (this.ranges.length === 0) return;
    const base = `${this.shard}-${this.tag}-${this.seq++}`;
    const rows = `${base}.rows.arrow`;
    const runs = `${base}.runs.arrow`;
    const c = this.cols;
    const table = rowsTable({
      point: c.point.take(),
      replicate: c.replicate.take(),
      seed: c.seed.take(),
      year: c.year.take(),
      metric: c.metric.take(),
      value: c.value.take(),
    });
    const r = this.runCols;
    const runRows = runsTable({ point: r.point.take(), replicate: r.replicate.take(), seed: r.seed.take(), ms: r.ms.take() }, this.errors);
    writeShardFile(path.join(this.dir, SHARDS_DIR, rows), loadArrow().tableToIPC(table, 'file'));
    writeShardFile(path.join(this.dir, SHARDS_DIR, runs), loadArrow().tableToIPC(runRows, 'file'));
    appendStatus(this.dir, { shard: this.shard, rows, runs, ranges: this.ranges, failed: this.errors.size });
    this.errors = new Map();
    this.ranges = [];
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
