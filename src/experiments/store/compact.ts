/**
 * Compaction: the shard files a sweep's status log lists, merged into Parquet in one canonical
 * order (point, replicate, then year), written in fixed-size batches with fixed writer settings
 * and no timestamps, so the files are byte-identical however the runs were split into shards,
 * workers, attempts or executors. Rows stream through in batches: memory stays flat in the number
 * of rows. The wide rows (one per run and year, a value column per metric) go to part files,
 * each holding the runs of a fixed range that depends on the plan alone, so that worker threads
 * can write them side by side (encoding Parquet is most of compaction's time). The manifest is written last; all files go
 * through rename.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Data, Table, Vector } from 'apache-arrow';
import { loadArrow } from './arrow';
import type { ParamValue } from '../../engine/model';
import { MANIFEST_FILE, RESULT_KEYS, RESULTS_DIR, SHARDS_DIR, TABLE_FILES, resultsPartFile } from './files';
import { writeFileAtomic, writeFileAtomicAsync } from '../../io/atomic';
import { readPlan, runCount, shardRange, sweepSeeder, type SweepPlan } from './plan';
import { finishedRuns, firstRun, forEachRun, isTidyShard, lastRun, readStatus, type StatusEntry } from './status';
import { chunkBytes, chunkSinkClass, utf8Vector, wideFields } from './arrow';

/**
 * Values per batch handed to the Parquet writer and per row group of the results, and about how
 * many a results part holds: fixed, and turned into rows by the model's metrics and years (the
 * plan alone), so the bytes are fixed too.
 */
const BATCH_VALUES = 262_144;
const ROW_GROUP_VALUES = 1_048_576;
const PART_VALUES = 524_288;
/** Rows per row group of the small tables (runs, points, timings). */
const ROW_GROUP_ROWS = 1_048_576;
/** Format 3: results in the wide layout (format 2 had tidy rows, one per value). */
export const MANIFEST_FORMAT = 'clusterlab-sweep/3';
const CREATED_BY = 'clusterlab sweep store (parquet-wasm)';

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  complete: boolean;
  model: SweepPlan['model'];
  design: { name: string; points: number; varied: string[] };
  parameters: Record<string, ParamValue>[];
  replicates: number;
  seeds: { master: number; rule: string };
  runs: { total: number; finished: number; ok: number; failed: number; missing: number };
  /** Values recorded: the rows of the long view `results`. */
  rows: number;
  /** The results' parts: one row per run and year (`rows` of them), a value column per metric (null where not recorded). */
  results: { layout: 'wide'; rows: number; columns: string[] };
  failures: { point: number; replicate: number; seed: number; error: string }[];
  timings: { runMsTotal: number; runMsMean: number; runMsMax: number };
  files: Record<string, { bytes: number; sha256: string }>;
  provenance: { clusterlab: string; node: string; compactedAt: string };
}

// parquet-wasm is loaded on first use (WASM instantiation costs tens of milliseconds).
type ParquetWasm = typeof import('parquet-wasm');
let parquet: ParquetWasm | undefined;
function loadParquet(): ParquetWasm {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!parquet) parquet = require('parquet-wasm') as ParquetWasm;
  return parquet;
}

function writerProperties(rowGroupRows = ROW_GROUP_ROWS) {
  const pq = loadParquet();
  // No dictionaries: values and seeds barely repeat, and the compression packs the repeating
  // columns as well. Snappy rather than ZSTD: in the wide layout most bytes are doubles, which ZSTD
  // packs only about 15% tighter at several times the CPU (docs/benchmarks.md). Statistics per
  // column chunk still let a query skip row groups.
  return new pq.WriterPropertiesBuilder()
    .setCompression(pq.Compression.SNAPPY)
    .setDictionaryEnabled(false)
    .setStatisticsEnabled(pq.EnabledStatistics.Chunk)
    .setMaxRowGroupSize(rowGroupRows)
    .setCreatedBy(CREATED_BY)
    .build();
}

/**
 * Buffers that a results part's Arrow IPC stream is gathered in before parquet-wasm encodes it
 * (a part holds about PART_VALUES values, a few megabytes), kept for the next part. Parts written
 * side by side on one thread (two sweeps compacting in one kernel) each take their own.
 */
const spareIpcBuffers: Uint8Array[] = [];

/** A part's IPC stream, gathered batch by batch: each batch's bytes are copied at once, since the batcher refills its buffers. */
class IpcGatherer {
  private bytes: Uint8Array = spareIpcBuffers.pop() ?? new Uint8Array(0);
  private length = 0;
  private readonly sink = new (chunkSinkClass())();
  private readonly writer = new (loadArrow().RecordBatchStreamWriter)();

  constructor() {
    this.writer.reset(this.sink);
  }

  add(batch: Table): void {
    // Record batches, not the table: apache-arrow's writer ends the stream after writing a table.
    for (const b of batch.batches) this.writer.write(b);
    this.take();
  }

  /** The whole stream (schema, batches, end marker): a view of the buffer, valid until `release`. */
  finish(): Uint8Array {
    this.writer.finish();
    this.take();
    return this.bytes.subarray(0, this.length);
  }

  release(): void {
    if (spareIpcBuffers.length < 2) spareIpcBuffers.push(this.bytes);
  }

  private take(): void {
    const chunks = this.sink.chunks;
    const need = this.length + chunkBytes(chunks);
    if (this.bytes.length < need) {
      const grown = new Uint8Array(Math.max(need, Math.ceil(this.bytes.length * 1.5)));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    for (const c of chunks) {
      this.bytes.set(c, this.length);
      this.length += c.byteLength;
    }
    chunks.length = 0;
  }
}

/** A file written and being synced: its size and digest, and the promise that it is synced and in place. */
interface FileWriting {
  digest: FileDigest;
  inPlace: Promise<void>;
}

/**
 * Writes Arrow batches as one Parquet file (writeFileAtomicAsync); its size and SHA-256, once
 * written, and the promise that it is synced and in place (the syncs run on libuv's thread pool,
 * so the next file can be encoded meanwhile). The batches are gathered as one IPC stream and
 * encoded in one call: parquet-wasm's streaming writer took about a sixth more CPU for the same
 * bytes (docs/benchmarks.md). A part is bounded (PART_VALUES), so memory stays flat. If the
 * batches fail (a part given up when a sweep stops), nothing is written.
 */
async function writeParquetBatches(file: string, batches: AsyncIterable<Table>, rowGroupRows: number): Promise<FileWriting> {
  const pq = loadParquet();
  const gatherer = new IpcGatherer();
  let data: Uint8Array;
  try {
    for await (const batch of batches) gatherer.add(batch);
    // writeParquet takes the WASM table and frees it.
    data = pq.writeParquet(pq.Table.fromIPCStream(gatherer.finish()), writerProperties(rowGroupRows));
  } finally {
    gatherer.release();
  }
  return writingFile(file, data);
}

/** Writes a small table as a Parquet file (see writeFileAtomicAsync); its size and digest, and when it is in place. */
function writeParquetTable(file: string, table: Table): FileWriting {
  const pq = loadParquet();
  // writeParquet takes the WASM table and frees it.
  return writingFile(file, pq.writeParquet(pq.Table.fromIPCStream(loadArrow().tableToIPC(table, 'stream')), writerProperties()));
}

/** Starts writing `data` to `file` atomically; its size and digest, and when it is in place. */
function writingFile(file: string, data: Uint8Array): FileWriting {
  const inPlace = writeFileAtomicAsync(file, data);
  inPlace.catch(() => undefined); // awaited by the caller; a failure surfaces there
  return { digest: { bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') }, inPlace };
}

/**
 * A buffer that shard files are read into one after another. Reading megabytes into fresh memory
 * took several times as long as into memory read into before (the pages are new to the process
 * each time), so a results part's reader keeps one, and hands it back to the next reader. Readers
 * running side by side (two sweeps compacting in one kernel) each take their own.
 */
interface ReadBuffer {
  data: Buffer;
}
const spareReadBuffers: Buffer[] = [];

function takeReadBuffer(): ReadBuffer {
  return { data: spareReadBuffers.pop() ?? Buffer.alloc(0) };
}

function giveBackReadBuffer(buffer: ReadBuffer): void {
  if (spareReadBuffers.length < 2) spareReadBuffers.push(buffer.data);
}

/**
 * A shard file as an Arrow table: read into `into` if given (the table's columns are then views
 * of it, good until the next file is read into it), else into memory of its own.
 */
function readArrow(dir: string, name: string, into?: ReadBuffer): Table {
  const file = path.join(dir, SHARDS_DIR, name);
  if (!into) return loadArrow().tableFromIPC(fs.readFileSync(file));
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    // A buffer of its own (not a slice of Node's pool): Arrow's columns need its offsets aligned.
    if (into.data.length < size) into.data = Buffer.allocUnsafeSlow(Math.max(size, Math.ceil(into.data.length * 1.5)));
    let at = 0;
    while (at < size) {
      const n = fs.readSync(fd, into.data, at, size - at, at);
      if (n === 0) break;
      at += n;
    }
    return loadArrow().tableFromIPC(into.data.subarray(0, at));
  } finally {
    fs.closeSync(fd);
  }
}

function column<T>(table: Table, name: string): T {
  return (table.getChild(name) as Vector).toArray() as T;
}

/** Which rows of a run rows' status column say 'failed', read from the UTF-8 bytes without decoding every row. */
function failedRows(status: Vector): Uint8Array {
  const out = new Uint8Array(status.length);
  let row = 0;
  for (const chunk of status.data) {
    const offsets = chunk.valueOffsets as Int32Array;
    const bytes = chunk.values as Uint8Array;
    for (let j = 0; j < chunk.length; j++, row++) {
      const at = offsets[j];
      // 'ok' is the only status of two bytes; anything else is taken as a failure.
      out[row] = offsets[j + 1] - at === 2 && bytes[at] === 0x6f && bytes[at + 1] === 0x6b ? 0 : 1;
    }
  }
  return out;
}

type KeyColumns = { point: Int32Array; replicate: Int32Array; seed: Uint32Array; year: Int32Array };
type WideColumns = KeyColumns & { values: Float64Array[] };

/** A wide shard file's columns, by position (keys, then metrics). */
function columnsOf(table: Table, metrics: number): WideColumns {
  const at = (i: number) => (table.getChildAt(i) as Vector).toArray();
  return {
    point: at(0) as Int32Array,
    replicate: at(1) as Int32Array,
    seed: at(2) as Uint32Array,
    year: at(3) as Int32Array,
    values: Array.from({ length: metrics }, (_, m) => at(RESULT_KEYS.length + m) as Float64Array),
  };
}

/**
 * The wide rows of a shard file of the tidy layout, which clusterlab wrote before the wide one
 * (one row per value: point, replicate, seed, year, metric index, value; a run's rows together,
 * NaN values left out): one row per run and year holding a value, years ascending, NaN where the
 * run has no value of a metric. A run's recorded years all come back unless every metric was NaN
 * in one of them (the tidy file has no trace of such a year).
 */
function tidyToWide(table: Table, metrics: number): WideColumns {
  const point = column<Int32Array>(table, 'point');
  const replicate = column<Int32Array>(table, 'replicate');
  const seed = column<Uint32Array>(table, 'seed');
  const year = column<Int32Array>(table, 'year');
  const metric = column<Int32Array>(table, 'metric');
  const value = column<Float64Array>(table, 'value');
  const n = table.numRows;
  const runs: { start: number; end: number; years: number[] }[] = [];
  let rows = 0;
  for (let s = 0; s < n; ) {
    let e = s + 1;
    while (e < n && point[e] === point[s] && replicate[e] === replicate[s]) e++;
    const years = [...new Set(year.subarray(s, e))].sort((a, b) => a - b);
    runs.push({ start: s, end: e, years });
    rows += years.length;
    s = e;
  }
  const out: WideColumns = {
    point: new Int32Array(rows),
    replicate: new Int32Array(rows),
    seed: new Uint32Array(rows),
    year: new Int32Array(rows),
    values: Array.from({ length: metrics }, () => new Float64Array(rows).fill(NaN)),
  };
  let at = 0;
  for (const { start, end, years } of runs) {
    const rowOf = new Map(years.map((y, i) => [y, at + i]));
    for (let i = 0; i < years.length; i++) {
      out.point[at + i] = point[start];
      out.replicate[at + i] = replicate[start];
      out.seed[at + i] = seed[start];
      out.year[at + i] = years[i];
    }
    for (let r = start; r < end; r++) out.values[metric[r]][rowOf.get(year[r])!] = value[r];
    at += years.length;
  }
  return out;
}

/** The wide rows of a status entry's shard file, whichever layout wrote it (read into `into` if given, see readArrow). */
function shardRows(dir: string, entry: StatusEntry, metrics: number, into?: ReadBuffer): { cols: WideColumns; rows: number } {
  const table = readArrow(dir, entry.rows, into);
  if (isTidyShard(entry)) {
    const cols = tidyToWide(table, metrics);
    return { cols, rows: cols.point.length };
  }
  return { cols: columnsOf(table, metrics), rows: table.numRows };
}

/** Wide rows holding about `values` values of `plan`'s model (a value per metric a row), at least one. */
function rowsHolding(values: number, plan: SweepPlan): number {
  return Math.max(1, Math.floor(values / Math.max(1, plan.model.metrics.length)));
}

/** Counts of a results part: wide rows, and values recorded (not NaN; the rows of the long view). */
interface PartCounter {
  rows: number;
  values: number;
}

/**
 * Shards still running while a results part is written from the others (the threads executor gives
 * such a part to a worker that has nothing else to do, so that the part is done soon after the
 * last shard): `pending` lists them; `finished(k)` resolves once shard k has finished (its status
 * lines written) and rejects if the sweep stops first.
 */
export interface RunningShards {
  pending: ReadonlySet<number>;
  finished(shard: number): Promise<void>;
}

/** The first shard of `pending` holding runs in [from, to), if any (shards hold ascending blocks of runs). */
function firstPending(plan: SweepPlan, pending: ReadonlySet<number>, from: number, to: number): number | undefined {
  let first: number | undefined;
  for (const k of pending) {
    const [start, end] = shardRange(plan, k);
    if (start < to && end > from && start < end && (first === undefined || k < first)) first = k;
  }
  return first;
}

/**
 * Wide rows gathered into batches of a fixed number of rows, whose columns are views of one set
 * of buffers: the consumer turns each batch into IPC bytes before asking for the next one, so
 * refilling the buffers then is safe and saves a copy per batch. A class, and the reader below a
 * module function, rather than closures made for each part: V8 compiled such closures again for
 * every part a thread wrote, some 40 ms of compiler time each (docs/benchmarks.md).
 */
class WideBatcher {
  readonly size: number;
  fill = 0;
  private readonly buf: WideColumns;
  private readonly metrics: number;
  private readonly fields: ReturnType<typeof wideFields>;
  private readonly schema: InstanceType<ReturnType<typeof loadArrow>['Schema']>;

  constructor(
    plan: SweepPlan,
    private readonly counter: PartCounter,
  ) {
    const { Schema } = loadArrow();
    this.metrics = plan.model.metrics.length;
    this.fields = wideFields(plan.model.metrics, true);
    this.schema = new Schema(this.fields);
    this.size = rowsHolding(BATCH_VALUES, plan); // batches weigh the same whatever the model's metrics
    const size = this.size;
    this.buf = {
      point: new Int32Array(size),
      replicate: new Int32Array(size),
      seed: new Uint32Array(size),
      year: new Int32Array(size),
      values: Array.from({ length: this.metrics }, () => new Float64Array(size)),
    };
  }

  /** Copies `take` rows of `from` from row `r` into the batch (at most the room left). */
  copy(from: WideColumns, r: number, take: number): void {
    const { buf, fill } = this;
    for (const k of RESULT_KEYS) buf[k].set(from[k].subarray(r, r + take), fill);
    for (let m = 0; m < this.metrics; m++) buf.values[m].set(from.values[m].subarray(r, r + take), fill);
    this.fill += take;
  }

  /** The rows gathered so far as a table (views of the buffers), emptying the batch. */
  batch(): Table {
    const { Int32, RecordBatch, Struct, Table, Uint32, makeData } = loadArrow();
    const { buf } = this;
    const n = this.fill;
    this.fill = 0;
    const children: Data[] = [
      makeData({ type: new Int32(), data: buf.point.subarray(0, n), length: n }),
      makeData({ type: new Int32(), data: buf.replicate.subarray(0, n), length: n }),
      makeData({ type: new Uint32(), data: buf.seed.subarray(0, n), length: n }),
      makeData({ type: new Int32(), data: buf.year.subarray(0, n), length: n }),
    ];
    for (const v of buf.values) children.push(valueData(v, n, this.counter));
    this.counter.rows += n;
    return new Table(this.schema, [new RecordBatch(this.schema, makeData({ type: new Struct(this.fields), length: n, children, nullCount: 0 }))]);
  }
}

/** A value column of n rows, with a validity bitmap only when some value is missing (NaN). */
function valueData(v: Float64Array, n: number, counter: PartCounter) {
  const { Float64, makeData } = loadArrow();
  let nulls = 0;
  for (let i = 0; i < n; i++) if (Number.isNaN(v[i])) nulls++;
  counter.values += n - nulls;
  if (nulls === 0) return makeData({ type: new Float64(), data: v.subarray(0, n), length: n });
  const bits = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) if (!Number.isNaN(v[i])) bits[i >> 3] |= 1 << (i & 7);
  return makeData({ type: new Float64(), data: v.subarray(0, n), length: n, nullCount: nulls, nullBitmap: bits });
}

/**
 * Wide rows of the runs in [lo, hi) in canonical order (run, then the year order of its record), in
 * batches of about BATCH_VALUES values (the last one shorter). A value a run did not record (NaN in the
 * shard) is null in the batch, so readers see it as missing and the long view leaves it out.
 * With `running`, the runs are taken in windows that end where a running shard's runs begin; the
 * status log is read again once that shard has finished. The rows and batches are the same.
 */
async function* canonicalRows(
  dir: string,
  state: CompactionState,
  lo: number,
  hi: number,
  counter: PartCounter,
  running?: RunningShards,
): AsyncGenerator<Table> {
  const { plan } = state;
  let { entries, owner } = state;
  const rows = new WideBatcher(plan, counter);
  const waiting = new Set(running?.pending ?? []);
  const reader = takeReadBuffer();
  try {
    for (let from = lo; ; ) {
      const next = firstPending(plan, waiting, from, hi);
      const to = next === undefined ? hi : Math.max(from, shardRange(plan, next)[0]);
      if (from < to) yield* windowRows(dir, plan, entries, owner, from, to, rows, reader);
      if (next === undefined) break;
      // Batches are not cut here: the Parquet writer's pages, and so the file's bytes, depend on
      // where batches end (docs/benchmarks.md), so only the reading and copying run ahead.
      await running!.finished(next);
      waiting.delete(next);
      entries = readStatus(dir);
      owner = finishedRuns(entries, runCount(plan));
      from = to;
    }
    if (rows.fill > 0 || counter.rows === 0) yield rows.batch();
  } finally {
    giveBackReadBuffer(reader);
  }
}

/** The rows of runs in [from, to), each from the file that owns the run (`owner[run]`, an index into `entries`). */
function* windowRows(
  dir: string,
  plan: SweepPlan,
  entries: readonly StatusEntry[],
  owner: Int32Array,
  from: number,
  to: number,
  rows: WideBatcher,
  reader: ReadBuffer,
): Generator<Table> {
  const metrics = plan.model.metrics.length;
  const reps = plan.replicates;
  const owns = (run: number, i: number) => run >= from && run < to && owner[run] === i;
  // Entries in order of their first run; entries whose run ranges overlap are merged together.
  const order = entries.map((e, i) => i).filter((i) => entries[i].ranges.length > 0 && firstRun(entries[i]) < to && lastRun(entries[i]) >= from);
  order.sort((a, b) => firstRun(entries[a]) - firstRun(entries[b]) || a - b);
  for (let g = 0; g < order.length; ) {
    let end = g + 1;
    let last = lastRun(entries[order[g]]);
    while (end < order.length && firstRun(entries[order[end]]) <= last) {
      last = Math.max(last, lastRun(entries[order[end]]));
      end++;
    }
    if (end - g === 1) {
      // The usual case: one file, already in canonical order; copy its owned rows in blocks.
      const i = order[g];
      const { cols, rows: n } = shardRows(dir, entries[i], metrics, reader);
      const { point, replicate } = cols;
      for (let r = 0; r < n; ) {
        if (!owns(point[r] * reps + replicate[r], i)) {
          r++;
          continue;
        }
        // A block of owned rows (usually the whole file).
        let s = r + 1;
        while (s < n && owns(point[s] * reps + replicate[s], i)) s++;
        while (r < s) {
          const take = Math.min(s - r, rows.size - rows.fill);
          rows.copy(cols, r, take);
          r += take;
          if (rows.fill === rows.size) yield rows.batch();
        }
      }
      g = end;
      continue;
    }
    // Files whose runs interleave (a resumed shard after a lost status line): gather, then sort by run.
    const gathered: { run: number; cols: WideColumns; row: number }[] = [];
    for (const i of order.slice(g, end)) {
      const { cols, rows: n } = shardRows(dir, entries[i], metrics);
      for (let r = 0; r < n; r++) {
        const run = cols.point[r] * reps + cols.replicate[r];
        if (owns(run, i)) gathered.push({ run, cols, row: r });
      }
    }
    gathered.sort((a, b) => a.run - b.run); // stable: rows of one run keep their order
    for (const p of gathered) {
      rows.copy(p.cols, p.row, 1);
      if (rows.fill === rows.size) yield rows.batch();
    }
    g = end;
  }
}

function pointsTable(plan: SweepPlan): Table {
  const { Bool, Table, Utf8, makeVector, vectorFromArray } = loadArrow();
  const columns: Record<string, Vector> = { point: makeVector(Int32Array.from(plan.params, (_, i) => i)) };
  for (const name of Object.keys(plan.params[0] ?? {})) {
    const values = plan.params.map((p) => p[name]);
    if (values.every((v) => typeof v === 'number')) columns[name] = makeVector(Float64Array.from(values as number[]));
    else if (values.every((v) => typeof v === 'boolean')) columns[name] = vectorFromArray(values as boolean[], new Bool());
    else columns[name] = vectorFromArray(values.map(String), new Utf8());
  }
  return new Table(columns);
}

interface FileDigest {
  bytes: number;
  sha256: string;
}

/** Runs a results part holds: a fixed number, from the model's metrics and years (so from the plan alone). */
function runsPerPart(plan: SweepPlan): number {
  const valuesPerRun = Math.max(1, plan.model.metrics.length * (plan.model.years[1] - plan.model.years[0] + 1));
  return Math.max(1, Math.floor(PART_VALUES / valuesPerRun));
}

/** How many part files the results of `plan` are split into (at least one, which may be empty). */
export function resultsPartCount(plan: SweepPlan): number {
  return Math.max(1, Math.ceil(runCount(plan) / runsPerPart(plan)));
}

/** The runs [first, end) of results part `part`. */
export function resultsPartRange(plan: SweepPlan, part: number): [number, number] {
  const per = runsPerPart(plan);
  return [Math.min(runCount(plan), part * per), Math.min(runCount(plan), (part + 1) * per)];
}

/** What compacting a part needs to know: which file holds each finished run. */
interface CompactionState {
  plan: SweepPlan;
  entries: StatusEntry[];
  owner: Int32Array;
}

/**
 * The state of the sweep in `dir` as its status log says now. A worker thread passes the plan it
 * read at the sweep's start: a plan of many points is a large file (about 0.6 MB and 5 ms to read
 * for 100 tomato points), and a thread compacts a part every few hundred runs.
 */
export function compactionState(dir: string, plan: SweepPlan = readPlan(dir)): CompactionState {
  const entries = readStatus(dir);
  return { plan, entries, owner: finishedRuns(entries, runCount(plan)) };
}

/** A results part as written: its wide rows, the values they hold (not missing), size and digest. */
export interface PartWritten extends FileDigest {
  part: number;
  rows: number;
  values: number;
}

/**
 * Writes part `part` of the results: the wide rows of the finished runs in its range, in
 * canonical order. Worker threads call it side by side once the shards holding its runs have
 * finished, or while the `running` ones finish.
 */
export async function compactResultsPart(
  dir: string,
  part: number,
  state: CompactionState = compactionState(dir),
  running?: RunningShards,
): Promise<PartWritten> {
  const { written, inPlace } = await writeResultsPart(dir, part, state, running);
  await inPlace;
  return written;
}

/** compactResultsPart, resolving once the part is written, with the promise that it is synced and in place. */
async function writeResultsPart(
  dir: string,
  part: number,
  state: CompactionState,
  running?: RunningShards,
): Promise<{ written: PartWritten; inPlace: Promise<void> }> {
  const { plan } = state;
  const count = resultsPartCount(plan);
  if (!Number.isInteger(part) || part < 0 || part >= count) throw new RangeError(`sweep: results part must be an integer in 0..${count - 1}, got ${part}`);
  const [lo, hi] = resultsPartRange(plan, part);
  const counter: PartCounter = { rows: 0, values: 0 };
  fs.mkdirSync(path.join(dir, RESULTS_DIR), { recursive: true });
  const { digest, inPlace } = await writeParquetBatches(
    path.join(dir, resultsPartFile(part)),
    canonicalRows(dir, state, lo, hi, counter, running),
    rowsHolding(ROW_GROUP_VALUES, plan),
  );
  return { written: { part, rows: counter.rows, values: counter.values, ...digest }, inPlace };
}

export interface CompactOptions {
  /** Compact what finished even if runs are missing (an interrupted sweep); the manifest says so. */
  partial?: boolean;
  /** Results parts the worker threads wrote in this execution, each once all its runs had finished; the rest are written here. */
  written?: readonly PartWritten[];
  /** The run tables, written by writeRunTables once every run had finished (while threads wrote the last parts). */
  tables?: RunTables;
}

/** The run tables (runs, points, timings) as written, and what the manifest says of the runs. */
export interface RunTables {
  files: Record<string, FileDigest>;
  runs: Manifest['runs'];
  failures: Manifest['failures'];
  timings: Manifest['timings'];
  /** Resolves once the files are synced and in place (the manifest waits for it). */
  inPlace: Promise<void>;
}

/** Runs of the sweep not finished; a RangeError saying what to do if there are any and compaction is not `partial`. */
function missingRuns(dir: string, { plan, owner }: CompactionState, partial = false): number {
  const total = runCount(plan);
  let missing = 0;
  for (let r = 0; r < total; r++) if (owner[r] < 0) missing++;
  if (missing > 0 && !partial) throw new RangeError(`sweep: ${missing} of ${total} runs have not finished; run \`clusterlab sweep resume ${dir}\` first`);
  return missing;
}

/**
 * Writes the run tables of the sweep in `dir`: runs, points and timings. Refuses (RangeError) while
 * runs are missing unless `partial`. On the threads executor, a worker thread calls it as soon as
 * the last shard has finished, while the others write the last results parts.
 */
export function writeRunTables(dir: string, options: { partial?: boolean } = {}, state: CompactionState = compactionState(dir)): RunTables {
  const { plan, entries, owner } = state;
  const total = runCount(plan);
  const missing = missingRuns(dir, state, options.partial);

  const { Table, makeVector } = loadArrow();
  // Run rows, by run index: failed runs' errors, duration, shard.
  const errors = new Map<number, string>();
  const ms = new Float64Array(total).fill(NaN);
  const shardOf = new Int32Array(total).fill(-1);
  entries.forEach((e, i) => {
    let owns = false;
    forEachRun(e, (run) => (owns ||= owner[run] === i));
    if (!owns) return;
    const t = readArrow(dir, e.runs);
    const failed = failedRows(t.getChild('status')!);
    const er = t.getChild('error')!;
    const tm = column<Float64Array>(t, 'ms');
    forEachRun(e, (run, j) => {
      if (owner[run] !== i) return;
      if (failed[j]) errors.set(run, er.get(j) as string);
      ms[run] = tm[j];
      shardOf[run] = e.shard;
    });
  });
  const done = new Int32Array(total - missing);
  for (let r = 0, k = 0; r < total; r++) if (owner[r] >= 0) done[k++] = r;
  const reps = plan.replicates;
  const points = done.map((r) => Math.floor(r / reps));
  const replicates = done.map((r) => r % reps);
  const seeds = new Uint32Array(done.length);
  let seedPoint = -1;
  let seedOf: (replicate: number) => number = () => 0;
  for (let k = 0; k < done.length; k++) {
    if (points[k] !== seedPoint) {
      seedPoint = points[k];
      seedOf = sweepSeeder(plan.seed, seedPoint);
    }
    seeds[k] = seedOf(replicates[k]);
  }
  const status: string[] = new Array<string>(done.length);
  const error: (string | null)[] = new Array<string | null>(done.length);
  for (let k = 0; k < done.length; k++) {
    const message = errors.get(done[k]);
    status[k] = message === undefined ? 'ok' : 'failed';
    error[k] = message ?? null;
  }
  const runs = new Table({
    point: makeVector(points),
    replicate: makeVector(replicates),
    seed: makeVector(seeds),
    status: utf8Vector(status),
    error: utf8Vector(error),
  });
  const timings = new Table({
    point: makeVector(points),
    replicate: makeVector(replicates),
    shard: makeVector(done.map((r) => shardOf[r])),
    ms: makeVector(new Float64Array(done.length).map((_, k) => ms[done[k]])),
  });

  const files: Record<string, FileDigest> = {};
  const syncs: Promise<void>[] = [];
  for (const [name, table] of [
    [TABLE_FILES.runs, runs],
    [TABLE_FILES.points, pointsTable(plan)],
    [TABLE_FILES.timings, timings],
  ] as const) {
    const { digest, inPlace } = writeParquetTable(path.join(dir, name), table);
    files[name] = digest;
    syncs.push(inPlace);
  }
  const inPlace = Promise.all(syncs).then(() => undefined);
  inPlace.catch(() => undefined); // awaited before the manifest is written; a failure surfaces there

  const failures: Manifest['failures'] = [];
  let msTotal = 0;
  let msMax = 0;
  for (let k = 0; k < done.length; k++) {
    const message = errors.get(done[k]);
    if (message !== undefined) failures.push({ point: points[k], replicate: replicates[k], seed: seeds[k], error: message });
    msTotal += ms[done[k]];
    msMax = Math.max(msMax, ms[done[k]]);
  }
  return {
    files,
    runs: { total, finished: done.length, ok: done.length - failures.length, failed: failures.length, missing },
    failures,
    timings: { runMsTotal: msTotal, runMsMean: done.length ? msTotal / done.length : 0, runMsMax: msMax },
    inPlace,
  };
}

/** Compacts the sweep in `dir` into Parquet and writes its manifest. */
export async function compactSweep(dir: string, options: CompactOptions = {}): Promise<Manifest> {
  const state = compactionState(dir);
  const { plan } = state;
  if (!options.tables) missingRuns(dir, state, options.partial); // refuses before writing anything
  // The manifest lists the parts, then the run tables.
  const files: Record<string, FileDigest> = {};
  let wideRows = 0;
  let values = 0;
  const parts = resultsPartCount(plan);
  // Each file is synced while the next is encoded; the manifest is written once all are in place.
  const syncs: Promise<void>[] = [];
  for (let p = 0; p < parts; p++) {
    let part = options.written?.find((w) => w.part === p);
    if (!part) {
      const writing = await writeResultsPart(dir, p, state);
      part = writing.written;
      syncs.push(writing.inPlace);
    }
    files[resultsPartFile(p)] = { bytes: part.bytes, sha256: part.sha256 };
    wideRows += part.rows;
    values += part.values;
  }
  // The run tables last, encoded while the last part is synced (the thread would otherwise wait for the disk).
  const tables = options.tables ?? writeRunTables(dir, options, state);
  syncs.push(tables.inPlace);
  await Promise.all(syncs);
  removeOtherResults(dir, parts);
  Object.assign(files, tables.files);
  const varied = Object.keys(plan.params[0] ?? {}).filter((k) => plan.params.some((p) => p[k] !== plan.params[0][k]));
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    complete: tables.runs.missing === 0,
    model: plan.model,
    design: { name: plan.design, points: plan.points.length, varied },
    parameters: plan.points,
    replicates: plan.replicates,
    seeds: {
      master: plan.seed,
      rule: 'seed of (point, replicate) = designSeed(master, point, replicate) = replicationSeed("<master>/design/<point>", replicate) (src/experiments/designs.ts, src/engine/rng.ts)',
    },
    runs: tables.runs,
    rows: values,
    results: { layout: 'wide', rows: wideRows, columns: [...RESULT_KEYS, ...plan.model.metrics] },
    failures: tables.failures,
    timings: tables.timings,
    files,
    provenance: { clusterlab: clusterlabVersion(), node: process.version, compactedAt: new Date().toISOString() },
  };
  writeFileAtomic(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 1) + '\n');
  return manifest;
}

/** Removes result files that are not parts of this plan (the single file of format 1). */
function removeOtherResults(dir: string, parts: number): void {
  fs.rmSync(path.join(dir, 'results.parquet'), { force: true });
  const keep = new Set(Array.from({ length: parts }, (_, p) => path.basename(resultsPartFile(p))));
  for (const name of fs.readdirSync(path.join(dir, RESULTS_DIR))) if (!keep.has(name)) fs.rmSync(path.join(dir, RESULTS_DIR, name), { force: true });
}

function clusterlabVersion(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(path.join(__dirname, '..', '..', '..', '..', 'package.json')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** The sweep's manifest; null when it was not collected, or collected in an older layout (collecting again rewrites it). */
export function readManifest(dir: string): Manifest | null {
  const file = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(file)) return null;
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  return manifest.format === MANIFEST_FORMAT ? manifest : null;
}
