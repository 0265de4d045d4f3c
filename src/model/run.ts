/**
 * A finished run as users see it (the contract in /tmp/common.md): tidy series, one metric as a
 * Float64Array, the event log, the network's history, and a danfojs frame loaded only on request.
 */
import { recordRows, type EngineEvent, type RunRecord, type TidyRow } from '../engine/recorder';
import type { NetworkEdge, NetworkNode } from '../views/payloads';
import { toFrame } from '../frames/frame';
import type { DataFrame } from '../frames/danfo';

export interface NetworkHistory {
  years: [number, number];
  /** What node sizes measure (see NetworkNode.size). */
  sizeLabel?: string;
  nodes: Omit<NetworkNode, 'x' | 'y'>[];
  edges: NetworkEdge[];
}

export class Run {
  readonly scenario: string;
  readonly seed: number | string;
  readonly years: number[];
  readonly record: RunRecord;
  private readonly history: () => NetworkHistory;

  constructor(scenario: string, record: RunRecord, history: () => NetworkHistory) {
    this.scenario = scenario;
    this.seed = record.seed;
    this.years = record.years;
    this.record = record;
    this.history = history;
  }

  get metrics(): string[] {
    return this.record.metrics;
  }

  get events(): EngineEvent[] {
    return this.record.events;
  }

  /** Tidy long rows `{run, seed, year, metric, value}` (run index 0). */
  series(): TidyRow[] {
    return recordRows(this.record, 0);
  }

  /** One value per year of `name`. */
  metric(name: string): Float64Array {
    const m = this.record.metrics.indexOf(name);
    if (m < 0) throw new RangeError(`unknown metric '${name}' for scenario '${this.scenario}'; metrics: ${this.record.metrics.join(', ')}`);
    const ny = this.years.length;
    return this.record.values.slice(m * ny, (m + 1) * ny);
  }

  /** Value of `name` in `year`. */
  at(name: string, year: number): number {
    const y = this.years.indexOf(year);
    if (y < 0) throw new RangeError(`year ${year} is outside the run (${this.years[0]}-${this.years[this.years.length - 1]})`);
    return this.metric(name)[y];
  }

  /** Every node and edge the run created, with birth and end years (for the network view). */
  networkHistory(): NetworkHistory {
    return this.history();
  }

  /** The tidy series as a danfojs DataFrame (danfojs is loaded on the first call only). */
  async toFrame(): Promise<DataFrame> {
    return toFrame([this.record]);
  }

  /** The event log as lines "year: text". */
  toString(): string {
    return this.events.map((e) => `${e.year}: ${e.text}`).join('\n');
  }
}
