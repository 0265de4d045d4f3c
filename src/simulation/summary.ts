/**
 * Short summaries of runs and ensembles for display: a few lines of text (model, scenario, label,
 * seeds, years, key final values) and a small HTML table. Typing a run's name in a notebook or in
 * jupyter console shows these instead of a dump of every array.
 */
import type { MetricSpec, Provenance } from '../engine/model';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** Metrics listed in a summary; the rest are one `.metrics` away. */
const SHOWN = 6;

export interface FinalValue {
  metric: string;
  value: number;
  p05?: number;
  p95?: number;
}

export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e7 || a < 1e-3)) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}

function seedsText(p: Provenance): string {
  const s = p.seeds;
  const list = s.length <= 3 ? s.join(', ') : `${s.slice(0, 3).join(', ')}, ... (${s.length} seeds)`;
  return p.masterSeed !== undefined ? `${list} from master seed ${p.masterSeed}` : list;
}

function valueText(f: FinalValue): string {
  return f.p05 !== undefined && f.p95 !== undefined ? `${fmt(f.value)} [${fmt(f.p05)}, ${fmt(f.p95)}]` : fmt(f.value);
}

export interface SummaryInput {
  kind: 'Run' | 'Ensemble';
  provenance: Provenance;
  years: readonly number[];
  finals: readonly FinalValue[];
  metrics: readonly MetricSpec[];
  events?: number;
  runs?: number;
}

function head(s: SummaryInput): string[] {
  const p = s.provenance;
  const years = s.years.length ? `${s.years[0]}-${s.years[s.years.length - 1]}` : 'no years';
  const what = s.kind === 'Run' ? `seed ${seedsText(p)}` : `${s.runs ?? p.seeds.length} runs, seeds ${seedsText(p)}`;
  return [
    `${s.kind} "${p.label}": model ${p.model}${p.scenario ? `, scenario ${p.scenario}` : ''}, ${what}, ${years}`,
    Object.keys(p.overrides).length
      ? `overrides: ${Object.entries(p.overrides)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}`
      : 'overrides: none',
  ];
}

function labelOf(metric: string, specs: readonly MetricSpec[]): string {
  return specs.find((m) => m.name === metric)?.label ?? metric;
}

export function summaryText(s: SummaryInput): string {
  const last = s.years[s.years.length - 1];
  const shown = s.finals.slice(0, SHOWN);
  const what = s.kind === 'Run' ? `in ${last}` : `in ${last}, median [5%, 95%]`;
  const lines = [
    ...head(s),
    `${what}: ${shown.map((f) => `${f.metric} ${valueText(f)}`).join('; ')}${s.finals.length > SHOWN ? `; ... (${s.finals.length} metrics)` : ''}`,
  ];
  const more =
    s.kind === 'Run' ? `${s.events ?? 0} events; .series(), .toFrame(), .toCSV(), show(run)` : '.summary, .runs, .toFrame(), .toCSV(), show(ensemble)';
  lines.push(`fingerprint ${s.provenance.fingerprint}, clusterlab ${s.provenance.versions.clusterlab}; ${more}`);
  return lines.join('\n');
}

export function summaryHtml(s: SummaryInput): string {
  const last = s.years[s.years.length - 1];
  const [title, overrides] = head(s);
  const header = s.kind === 'Run' ? `<th>${last}</th>` : `<th>median ${last}</th><th>5%-95%</th>`;
  const rows = s.finals
    .slice(0, SHOWN)
    .map((f) => {
      const unit = s.metrics.find((m) => m.name === f.metric)?.unit;
      const cells = s.kind === 'Run' ? `<td>${fmt(f.value)}</td>` : `<td>${fmt(f.value)}</td><td>${fmt(f.p05 ?? NaN)}-${fmt(f.p95 ?? NaN)}</td>`;
      return `<tr><td title="${escapeHtml(f.metric)}">${escapeHtml(labelOf(f.metric, s.metrics))}</td><td>${escapeHtml(unit ?? '')}</td>${cells}</tr>`;
    })
    .join('');
  const more = s.finals.length > SHOWN ? `<p>${s.finals.length - SHOWN} more metrics: <code>.metrics</code></p>` : '';
  return (
    `<div class="clusterlab-summary"><p><b>${escapeHtml(title)}</b><br>${escapeHtml(overrides)}<br><small>fingerprint ${escapeHtml(s.provenance.fingerprint)}, clusterlab ${escapeHtml(s.provenance.versions.clusterlab)}</small></p>` +
    `<table><thead><tr><th>metric</th><th>unit</th>${header}</tr></thead><tbody>${rows}</tbody></table>${more}</div>`
  );
}

/** CSV header lines: the provenance as `# key: value` comments (pandas: `comment='#'`). */
export function provenanceComment(p: Provenance): string {
  return [
    `# label: ${p.label}`,
    `# model: ${p.model}${p.scenario ? `, scenario: ${p.scenario}` : ''}`,
    `# overrides: ${JSON.stringify(p.overrides)}`,
    `# seeds: ${p.seeds.join(' ')}${p.masterSeed !== undefined ? ` (master seed ${p.masterSeed})` : ''}`,
    `# fingerprint: ${p.fingerprint}, clusterlab ${p.versions.clusterlab}, node ${p.versions.node}`,
  ].join('\n');
}

/** A CSV cell: quoted when it holds a comma, quote or newline. */
export function csvCell(v: unknown): string {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v ?? '');
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One CSV table: `# ` comment lines, a header of `cols`, then a line per row with each column's
 * cell (a column the row lacks is empty), so that readers get one header and a constant width.
 */
export function csvTable<C extends string>(comments: readonly string[], cols: readonly C[], rows: readonly Partial<Record<C, unknown>>[]): string {
  return [...comments, cols.join(','), ...rows.map((row) => cols.map((c) => csvCell(row[c] ?? '')).join(','))].join('\n');
}

const MIMEBUNDLE = Symbol.for('jupyter.mimebundle');
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** A result that shows itself as its summary: in a cell (text and HTML), in `String()` and in Node's inspector. */
export abstract class Summarised {
  protected abstract summaryInput(): SummaryInput;

  /** A few lines: model, scenario, label, seeds, years, final values. */
  toString(): string {
    return summaryText(this.summaryInput());
  }

  [MIMEBUNDLE](): Record<string, string> {
    const s = this.summaryInput();
    return { 'text/plain': summaryText(s), 'text/html': summaryHtml(s) };
  }

  [INSPECT](): string {
    return this.toString();
  }
}
