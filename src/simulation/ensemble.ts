/**
 * Many seeded runs of one model, summarised per year (median and 5-95% band), carrying their
 * provenance into the summary rows' exports, frames and figure legends.
 */
import type { Model } from '../engine/define';
import type { ParamValues, Provenance } from '../engine/model';
import type { RunRecord } from '../engine/recorder';
import type { EnsembleResult } from '../experiments/ensemble';
import type { SummaryRow } from '../experiments/quantiles';
import { summaryFrame } from '../frames/frame';
import type { DataFrame } from '../frames/danfo';
import { csvCell, provenanceComment, Summarised, type SummaryInput } from './summary';

export class Ensemble extends Summarised {
  readonly model: string;
  /** The scenario as a name: `salmon/no-state`, or the model's name. */
  readonly scenario: string;
  readonly label: string;
  readonly seeds: number[];
  readonly years: number[];
  readonly metrics: string[];
  /** One row per metric and year: median, 5th and 95th percentile across runs, runs counted. */
  readonly summary: (SummaryRow & { scenario: string })[];
  /** Every run in replication order. */
  readonly runs: RunRecord[];
  readonly provenance: Provenance;
  readonly params: ParamValues;
  declare readonly definition: Model;

  constructor(definition: Model, provenance: Provenance, params: ParamValues, result: EnsembleResult) {
    super();
    this.model = definition.name;
    this.scenario = provenance.scenario !== undefined ? `${definition.name}/${provenance.scenario}` : definition.name;
    this.label = provenance.label;
    this.seeds = result.seeds;
    this.years = result.years;
    this.metrics = result.metrics;
    this.summary = result.summary.map((r) => ({ scenario: this.scenario, ...r }));
    this.runs = result.runs;
    this.provenance = provenance;
    this.params = params;
    Object.defineProperty(this, 'definition', { value: definition, enumerable: false });
  }

  /** The summary as a danfojs DataFrame, columns label, scenario, year, metric, median, p05, p95, n. */
  async toFrame(): Promise<DataFrame> {
    return summaryFrame(this.summary.map((r) => ({ label: this.label, ...r })));
  }

  /** The summary as CSV under `#` lines giving the provenance. */
  toCSV(): string {
    const lines = [provenanceComment(this.provenance), 'label,scenario,year,metric,median,p05,p95,n'];
    for (const r of this.summary) lines.push([this.label, r.scenario, r.year, r.metric, r.median, r.p05, r.p95, r.n].map(csvCell).join(','));
    return lines.join('\n') + '\n';
  }

  /** What `JSON.stringify(ensemble)` writes: provenance, parameters and the summary (not every run). */
  toJSON(): object {
    return { provenance: this.provenance, params: this.params, years: this.years, metrics: this.metrics, summary: this.summary };
  }

  protected summaryInput(): SummaryInput {
    const last = this.years[this.years.length - 1];
    const finals = this.metrics.map((metric) => {
      const row = this.summary.find((r) => r.metric === metric && r.year === last);
      return { metric, value: row?.median ?? NaN, p05: row?.p05, p95: row?.p95 };
    });
    return { kind: 'Ensemble', provenance: this.provenance, years: this.years, finals, metrics: this.definition.metrics, runs: this.seeds.length };
  }
}
