/**
 * A finished run as users see it: tidy series, one metric as a Float64Array, the event log, the
 * network's history, a danfojs frame loaded on request, and its provenance (model, scenario,
 * overrides, seed, label, fingerprint, versions), which goes into every export and legend.
 */
import { recordRows, type EngineEvent, type RunRecord, type TidyRow } from '../engine/recorder';
import type { Model } from '../engine/define';
import type { NetworkHistory, ParamValues, Provenance } from '../engine/model';
import { toFrame } from '../frames/frame';
import type { DataFrame } from '../frames/danfo';
import { csvCell, provenanceComment, Summarised, type SummaryInput } from './summary';

export class Run extends Summarised {
  readonly model: string;
  /** The scenario as a name: `salmon/no-state`, or the model's name when none was chosen. */
  readonly scenario: string;
  readonly label: string;
  readonly seed: number | string;
  readonly years: number[];
  readonly record: RunRecord;
  readonly provenance: Provenance;
  /** The complete parameter values the run used. */
  readonly params: ParamValues;
  /** The model's definition (labels, units, kinds, observed values); not enumerable, so dumps stay short. */
  declare readonly definition: Model;
  declare private readonly history: () => NetworkHistory;

  constructor(definition: Model, provenance: Provenance, params: ParamValues, record: RunRecord, history?: () => NetworkHistory) {
    super();
    this.model = definition.name;
    this.scenario = provenance.scenario !== undefined ? `${definition.name}/${provenance.scenario}` : definition.name;
    this.label = provenance.label;
    this.seed = record.seed;
    this.years = record.years;
    this.record = record;
    this.provenance = provenance;
    this.params = params;
    const empty: NetworkHistory = { years: [...definition.years] as [number, number], nodes: [], edges: [] };
    Object.defineProperty(this, 'definition', { value: definition, enumerable: false });
    Object.defineProperty(this, 'history', { value: history ?? (() => empty), enumerable: false });
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

  /** The tidy series as a danfojs DataFrame with a `label` column (danfojs loads on first call). */
  async toFrame(): Promise<DataFrame> {
    return toFrame(this.series().map((r) => ({ label: this.label, ...r })));
  }

  /** Tidy CSV `label,run,seed,year,metric,value` under `#` lines giving the provenance. */
  toCSV(): string {
    const lines = [provenanceComment(this.provenance), 'label,run,seed,year,metric,value'];
    for (const r of this.series()) lines.push([this.label, r.run, r.seed, r.year, r.metric, r.value].map(csvCell).join(','));
    return lines.join('\n') + '\n';
  }

  /** What `JSON.stringify(run)` writes: provenance, parameters, series by metric and the events. */
  toJSON(): object {
    const ny = this.years.length;
    const series: Record<string, number[]> = {};
    this.record.metrics.forEach((m, k) => (series[m] = Array.from(this.record.values.subarray(k * ny, (k + 1) * ny))));
    return { provenance: this.provenance, params: this.params, years: this.years, series, events: this.events };
  }

  protected summaryInput(): SummaryInput {
    const last = this.years.length - 1;
    const finals = this.record.metrics.map((metric, m) => ({ metric, value: this.record.values[m * this.years.length + last] }));
    return { kind: 'Run', provenance: this.provenance, years: this.years, finals, metrics: this.definition.metrics, events: this.events.length };
  }
}
