/**
 * apache-arrow, required on first use. The package's main entry for Node is some 200 modules
 * that take about 0.2 s to load; its single-file build of the same version (published by
 * Apache Arrow, exported as `apache-arrow/Arrow.esnext.min`) loads in about 0.05 s. That load is
 * paid by every worker thread before its first run, so it is a serial part of every sweep.
 */
import type * as ArrowModule from 'apache-arrow';
import type { Table, Vector, Utf8 } from 'apache-arrow';
import { RESULT_KEYS } from './files';

let arrow: typeof ArrowModule | undefined;

export function loadArrow(): typeof ArrowModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!arrow) arrow = require('apache-arrow/Arrow.esnext.min') as typeof ArrowModule;
  return arrow;
}

/**
 * The wide results' columns: the run's keys, then a double per metric in the model's order
 * (nullable in the Parquet parts, where a value a run did not record is null; not in the shards).
 */
export function wideFields(metrics: readonly string[], nullableValues: boolean): InstanceType<typeof ArrowModule.Field>[] {
  const { Field, Float64, Int32, Uint32 } = loadArrow();
  return [
    ...RESULT_KEYS.map((k) => new Field(k, k === 'seed' ? new Uint32() : new Int32(), false)),
    ...metrics.map((m) => new Field(m, new Float64(), nullableValues)),
  ];
}

/**
 * A Utf8 vector built in one pass (offsets, bytes, validity), much faster than apache-arrow's
 * builder for the many short strings of run rows.
 */
export function utf8Vector(values: readonly (string | null)[]): Vector<Utf8> {
  const { Utf8: Utf8Type, makeData, makeVector } = loadArrow();
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  const encoded: Buffer[] = [];
  const validity = new Uint8Array((n + 7) >> 3);
  let nulls = 0;
  let bytes = 0;
  // Run rows repeat a few strings ('ok', 'failed') many times: encode a repeat once.
  let last: string | null = null;
  let lastBytes = Buffer.alloc(0);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null) nulls++;
    else {
      validity[i >> 3] |= 1 << (i & 7);
      if (v !== last) {
        last = v;
        lastBytes = Buffer.from(v, 'utf8');
      }
      const b = lastBytes;
      encoded.push(b);
      bytes += b.length;
    }
    offsets[i + 1] = bytes;
  }
  const data = new Uint8Array(bytes);
  let at = 0;
  for (const b of encoded) {
    if (b.length > 16) data.set(b, at);
    else for (let j = 0; j < b.length; j++) data[at + j] = b[j]; // cheaper than a call for 'ok'
    at += b.length;
  }
  return makeVector(makeData({ type: new Utf8Type(), length: n, nullCount: nulls, nullBitmap: nulls ? validity : undefined, valueOffsets: offsets, data }));
}

/**
 * A table in the Arrow IPC file or stream format as the writer produces it: a list of chunks,
 * the column buffers among them as views of the table's own memory (tableToIPC joins them into a
 * fresh buffer, a copy of every byte that cost about 1 ms a megabyte). The writer takes any
 * AsyncByteQueue as its sink; this one keeps the chunks. Write them before changing the table's
 * columns.
 */
export function ipcChunks(table: Table, format: 'file' | 'stream'): Uint8Array[] {
  const { RecordBatchFileWriter, RecordBatchStreamWriter } = loadArrow();
  const sink = new (chunkSinkClass())();
  const writer = format === 'file' ? new RecordBatchFileWriter() : new RecordBatchStreamWriter();
  writer.reset(sink);
  writer.write(table);
  writer.finish();
  return sink.chunks;
}

type ChunkSink = InstanceType<typeof ArrowModule.AsyncByteQueue> & { chunks: Uint8Array[] };
let ChunkSinkClass: (new () => ChunkSink) | undefined;

/** A byte sink for apache-arrow's writers that keeps the chunks it is handed (views of the columns' memory among them). */
export function chunkSinkClass(): new () => ChunkSink {
  // The writer hands its sink Uint8Arrays (the column buffers as views, the rest its own).
  ChunkSinkClass ??= class extends loadArrow().AsyncByteQueue {
    chunks: Uint8Array[] = [];
    override write(chunk: Uint8Array): void {
      this.chunks.push(chunk);
    }
  } as unknown as new () => ChunkSink;
  return ChunkSinkClass;
}

/** The bytes of a list of chunks. */
export function chunkBytes(chunks: readonly Uint8Array[]): number {
  let bytes = 0;
  for (const c of chunks) bytes += c.byteLength;
  return bytes;
}
