/**
 * The recorder: one value per metric per year in a single Float64Array (metric-major), an event
 * log, and the tidy long rows `{run, seed, year, metric, value}` researchers load into a frame.
 * Recording a value is an index computation and a store: no allocation while a model runs.
 */

import type { NetworkSnapshot, TemporalNetwork } from './network';

/** One observation in tidy long form. */
export interface TidyRow {
  run: number;
  seed: number | string;
  year: number;
  metric: string;
  value: number;
}

/** Something that happened, for the event log ("1986: association founded by 17 firms"). */
export interface EngineEvent {
  year: number;
  kind: string;
  text: string;
  data?: Record<string, unknown>;
}

/**
 * A finished run in transferable form (plain arrays and one Float64Array), what a replication
 * returns to an ensemble, possibly across a worker thread.
 */
export interface RunRecord {
  seed: number | string;
  years: number[];
  metrics: string[];
  /** values[m * years.length + y]: metric m in year index y; NaN where never recorded. */
  values: Float64Array;
  events: EngineEvent[];
}

export interface RecorderOptions {
  startYear: number;
  /** Last recorded year, inclusive. */
  endYear: number;
  metrics: readonly string[];
}

/**
 * Each metric's index in `metrics`, checked (at least one, none twice). A model passes the same
 * frozen list every run, so its map is made once and shared (it is never changed).
 */
const frozenIndexes = new WeakMap<readonly string[], ReadonlyMap<string, number>>();
function metricIndexOf(metrics: readonly string[]): ReadonlyMap<string, number> {
  const known = frozenIndexes.get(metrics);
  if (known) return known;
  if (metrics.length === 0) throw new RangeError('Recorder: metrics must name at least one metric');
  const index = new Map<string, number>();
  metrics.forEach((m, i) => {
    if (index.has(m)) throw new RangeError(`Recorder: metric '${m}' is listed twice`);
    index.set(m, i);
  });
  if (Object.isFrozen(metrics)) frozenIndexes.set(metrics, index);
  return index;
}

export class Recorder {
  readonly startYear: number;
  readonly endYear: number;
  readonly metrics: readonly string[];
  /** values[m * yearCount + (year - startYear)]. */
  readonly values: Float64Array;
  readonly events: EngineEvent[] = [];
  /** Network snapshots taken with `snapshotNetwork`, in the order taken. */
  readonly networks: NetworkSnapshot[] = [];
  private readonly index: ReadonlyMap<string, number>;

  constructor(options: RecorderOptions) {
    const { startYear, endYear, metrics } = options;
    if (!Number.isInteger(startYear) || !Number.isInteger(endYear) || endYear < startYear) {
      throw new RangeError(`Recorder: startYear and endYear must be integers with endYear >= startYear, got ${startYear}..${endYear}`);
    }
    this.index = metricIndexOf(metrics);
    this.startYear = startYear;
    this.endYear = endYear;
    this.metrics = metrics;
    this.values = new Float64Array(metrics.length * this.yearCount).fill(NaN);
  }

  get yearCount(): number {
    return this.endYear - this.startYear + 1;
  }

  get years(): number[] {
    const out: number[] = [];
    for (let y = this.startYear; y <= this.endYear; y++) out.push(y);
    return out;
  }

  /** Index of a metric, for `set` in hot code. */
  metricIndex(metric: string): number {
    const i = this.index.get(metric);
    if (i === undefined) throw new RangeError(`Recorder: unknown metric '${metric}'; metrics: ${this.metrics.join(', ')}`);
    return i;
  }

  /** Stores `value` for metric index `m` in `year` (the allocation-free form of `record`). */
  set(m: number, year: number, value: number): void {
    const y = year - this.startYear;
    if (!(y >= 0 && y < this.yearCount) || !Number.isInteger(y)) {
      throw new RangeError(`Recorder: year must be an integer in ${this.startYear}..${this.endYear}, got ${year}`);
    }
    this.values[m * this.yearCount + y] = value;
  }

  /** Stores `value` for `metric` in `year`. */
  record(metric: string, year: number, value: number): void {
    this.set(this.metricIndex(metric), year, value);
  }

  /** Value of `metric` in `year` (NaN if never recorded). */
  get(metric: string, year: number): number {
    return this.values[this.metricIndex(metric) * this.yearCount + (year - this.startYear)];
  }

  /** The yearly series of one metric (a view into the buffer, not a copy). */
  metric(metric: string): Float64Array {
    const m = this.metricIndex(metric);
    return this.values.subarray(m * this.yearCount, (m + 1) * this.yearCount);
  }

  /** Appends to the event log. */
  event(year: number, kind: string, text: string, data?: Record<string, unknown>): void {
    this.events.push(data === undefined ? { year, kind, text } : { year, kind, text, data });
  }

  /**
   * Keeps the network as it stands at `year` (nodes alive, edges active). A TemporalNetwork can
   * answer for any past year by itself; this is for fixed checkpoints that outlive the network.
   */
  snapshotNetwork(year: number, network: TemporalNetwork): NetworkSnapshot {
    const snapshot = network.snapshotRecords(year);
    this.networks.push(snapshot);
    return snapshot;
  }

  /** Tidy long rows for every recorded (non-NaN) value, metric by metric, year by year. */
  rows(run: number, seed: number | string): TidyRow[] {
    return recordRows(this.toRecord(seed), run);
  }

  /** The run in transferable form (copies the buffer, so the recorder can be reused). */
  toRecord(seed: number | string): RunRecord {
    return { seed, years: this.years, metrics: [...this.metrics], values: this.values.slice(), events: this.events.slice() };
  }
}

/** Tidy long rows of a run record (NaN values, never recorded, are left out). */
export function recordRows(record: RunRecord, run: number): TidyRow[] {
  const rows: TidyRow[] = [];
  const ny = record.years.length;
  for (let m = 0; m < record.metrics.length; m++) {
    for (let y = 0; y < ny; y++) {
      const value = record.values[m * ny + y];
      if (!Number.isNaN(value)) rows.push({ run, seed: record.seed, year: record.years[y], metric: record.metrics[m], value });
    }
  }
  return rows;
}

/** The event log as text lines, e.g. "1986: association founded by 17 firms". */
export function formatEvents(events: readonly EngineEvent[]): string {
  return events.map((e) => `${e.year}: ${e.text}`).join('\n');
}
