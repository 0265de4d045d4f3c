/**
 * timeseriesView: ensemble (or single-run) trajectories as the time-series widget's payload, with
 * the paper's observed values and the run's events, a static SVG and a text table.
 */
import type { ObservedPoint, Panel, TimeSeriesEvent, TimeSeriesPayload } from './payloads';
import { TIMESERIES_MIME } from './payloads';
import { View } from './bundle';
import { timeseriesSvg } from './svg-timeseries';
import { type Band, type SeriesSource, definitionMetrics, isRunLike, sourceList, toBands } from './series-input';

/** The fields of a fact (src/data) the view reads. */
export interface ObservedFact {
  metric: string;
  year: number;
  value: number;
  source: string;
  section: string;
  case?: string;
  unit?: string;
  description?: string;
  measures?: string;
}

export interface TimeSeriesViewOptions {
  title?: string;
  /** Metrics to show, one panel each, in this order (default: metrics with observations first, up to 6). */
  metrics?: string[];
  /** Facts to draw as markers; those whose metric has a panel are used. */
  observed?: readonly ObservedFact[];
  /** Keep only facts of this case ('tomato', 'salmon', ...). */
  case?: string;
  /** Event lines (default: the events of the runs given). */
  events?: readonly ({ year: number; text: string } | { x: number; label: string })[];
  /** Panel titles and units by metric (default: those of the model definition the runs or ensembles carry, else the metric name and the facts' units). */
  labels?: Record<string, string>;
  units?: Record<string, string>;
  /** Log scale: true for all panels, or the metrics to draw on a log axis. */
  log?: boolean | string[];
  /** Marks a payload streamed through update_display_data while a run is in progress. */
  live?: { done: boolean; step: number; of: number };
}

const DEFAULT_PANELS = 6;
const MAX_EVENTS = 12;
const MILESTONES_PER_KIND = 2;

export function timeseriesPayload(input: SeriesSource | readonly SeriesSource[], options: TimeSeriesViewOptions = {}): TimeSeriesPayload {
  const sources = sourceList(input);
  const bands: Band[] = [];
  // Each source keeps its own legend names: a name an earlier source used gets its number, so two
  // ensembles of one scenario still draw in two colours.
  const taken = new Set<string>();
  sources.forEach((source, k) => {
    const mine = toBands(source, sources.length > 1 ? `series ${k + 1}` : 'median');
    const names = new Map<string, string>();
    for (const band of mine) {
      if (!names.has(band.name)) names.set(band.name, taken.has(band.name) ? `${band.name} #${k + 1}` : band.name);
      band.name = names.get(band.name)!;
    }
    for (const n of names.values()) taken.add(n);
    bands.push(...mine);
  });
  const available: string[] = [];
  for (const band of bands) if (!available.includes(band.metric)) available.push(band.metric);

  const facts = (options.observed ?? []).filter((f) => options.case === undefined || f.case === options.case);
  const metrics = options.metrics ?? defaultMetrics(available, facts);
  for (const metric of metrics) {
    if (!available.includes(metric)) {
      throw new RangeError(`timeseriesView: metric '${metric}' is not in the data; available: ${available.join(', ') || '(none)'}`);
    }
  }
  const carried = definitionMetrics(sources);
  const logMetrics = options.log === true ? metrics : Array.isArray(options.log) ? options.log : [];

  const panels: Panel[] = metrics.map((metric) => {
    const panelFacts = facts.filter((f) => f.metric === metric);
    const panel: Panel = {
      metric,
      label: options.labels?.[metric] ?? carried.labels[metric] ?? humanize(metric),
      series: bands
        .filter((b) => b.metric === metric)
        .map(({ name, x, median, p05, p95 }) => (p05 && p95 ? { name, x, median, p05, p95 } : { name, x, median })),
    };
    const unit = options.units?.[metric] || carried.units[metric] || panelFacts.find((f) => f.unit)?.unit;
    if (unit) panel.unit = unit;
    if (logMetrics.includes(metric)) panel.log = true;
    if (panelFacts.length) panel.observed = panelFacts.map(observedPoint);
    return panel;
  });

  const payload: TimeSeriesPayload = { version: 1, panels };
  if (options.title !== undefined) payload.title = options.title;
  const events = options.events ? eventsOf(options.events) : eventsOf(milestones(sources.flatMap((s) => (isRunLike(s) ? (s.events ?? []) : []))));
  if (events.length) payload.events = events;
  if (options.live) payload.live = { ...options.live };
  return payload;
}

export function timeseriesView(input: SeriesSource | readonly SeriesSource[], options: TimeSeriesViewOptions = {}): View<TimeSeriesPayload> {
  const payload = timeseriesPayload(input, options);
  return new View(TIMESERIES_MIME, payload, timeseriesSvg(payload), timeseriesText(payload));
}

/** A text table: per panel, up to about ten years, median and band per series, then the observations. */
export function timeseriesText(payload: TimeSeriesPayload): string {
  const lines: string[] = [payload.title ?? 'Time series'];
  if (payload.live && !payload.live.done) lines.push(`(running: step ${payload.live.step} of ${payload.live.of})`);
  for (const panel of payload.panels) {
    lines.push('', `${panel.label}${panel.unit ? ` (${panel.unit})` : ''}`);
    const years = [...new Set(panel.series.flatMap((s) => s.x))].sort((a, b) => a - b);
    const stride = Math.max(1, Math.ceil(years.length / 10));
    const shown = years.filter((_, i) => i % stride === 0 || i === years.length - 1);
    const header = ['year', ...panel.series.map((s) => (s.p05 ? `${s.name} median [p05, p95]` : s.name))];
    const rows = shown.map((year) => [
      String(year),
      ...panel.series.map((s) => {
        const i = s.x.indexOf(year);
        if (i < 0) return '';
        return s.p05 && s.p95 ? `${fmt(s.median[i])} [${fmt(s.p05[i])}, ${fmt(s.p95[i])}]` : fmt(s.median[i]);
      }),
    ]);
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
    for (const row of [header, ...rows]) lines.push('  ' + row.map((cell, c) => cell.padStart(widths[c])).join('  '));
    for (const o of panel.observed ?? []) lines.push(`  observed ${o.x}: ${fmt(o.y)} (${o.source}, section ${o.section}: ${o.label})`);
  }
  if (payload.events?.length) lines.push('', 'events: ' + payload.events.map((e) => `${e.x} ${e.label}`).join('; '));
  return lines.join('\n');
}

function defaultMetrics(available: readonly string[], facts: readonly ObservedFact[]): string[] {
  const observed = new Set(facts.map((f) => f.metric));
  return [...available.filter((m) => observed.has(m)), ...available.filter((m) => !observed.has(m))].slice(0, DEFAULT_PANELS);
}

function observedPoint(f: ObservedFact): ObservedPoint {
  return { x: f.year, y: f.value, label: f.description ?? f.measures ?? f.metric, source: f.source, section: f.section };
}

/** A run's log can repeat a kind many times (every acquisition): keep the first two of each kind. */
function milestones<E extends { year: number; kind?: string; text: string }>(events: readonly E[]): E[] {
  const seen = new Map<string, number>();
  return [...events]
    .sort((a, b) => a.year - b.year)
    .filter((e) => {
      const n = seen.get(e.kind ?? '') ?? 0;
      seen.set(e.kind ?? '', n + 1);
      return n < MILESTONES_PER_KIND;
    });
}

function eventsOf(events: readonly ({ year: number; text: string } | { x: number; label: string })[]): TimeSeriesEvent[] {
  const out = events.map((e, i) => {
    const x = 'x' in e ? e.x : e.year;
    const label = 'label' in e ? e.label : e.text;
    if (!Number.isFinite(x)) throw new RangeError(`timeseriesView: events[${i}] needs a finite year, got ${x}`);
    return { x, label: String(label) };
  });
  return out.sort((a, b) => a.x - b.x).slice(0, MAX_EVENTS);
}

/** 'exportValueUSDm' -> 'Export value USDm'. */
export function humanize(metric: string): string {
  const words = metric
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim();
  const spaced = words.replace(/\b([A-Z])([a-z]+)/g, (_, a: string, b: string) => a.toLowerCase() + b);
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function fmt(v: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}
