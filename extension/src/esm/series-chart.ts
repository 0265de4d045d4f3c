/**
 * The time series inside widget layouts: the library's own SVG chart (src/views/svg-timeseries.ts,
 * the same picture as the static fallback) with a small interactive layer over it: hovering a
 * panel shows every series' median and 5–95% band, and the paper's values, at the nearest year;
 * checkboxes hide or show each series' band and switch to a log scale (the chart is drawn again
 * from the payload). Chosen over plotly for its size: see docs/widgets.md.
 *
 * DOM hooks (browser tests): .cl-timeseries.cl-timeseries-esm root; .cl-timeseries-chart holds the
 * svg; input.cl-timeseries-band[data-series] per series with a band; input.cl-timeseries-log;
 * .cl-timeseries-tooltip (hidden attribute when not shown); .cl-timeseries-guide the year line.
 */
import type { Panel, TimeSeriesPayload } from '../../../src/views/payloads';
import { chartGeometry, timeseriesSvg, type ChartGeometry } from '../../../src/views/svg-timeseries';
import { checkTimeSeriesPayload } from '../figure';
import { el, showError } from '../dom';

export class SeriesChart {
  readonly node = el('div', 'cl-timeseries cl-timeseries-esm');
  private readonly toolbar = el('div', 'cl-timeseries-toolbar');
  private readonly bands = el('span', 'cl-timeseries-bands');
  private readonly logBox = el('input', 'cl-timeseries-log');
  private readonly chart = el('div', 'cl-timeseries-chart');
  private readonly guide = el('div', 'cl-timeseries-guide');
  private readonly tooltip = el('div', 'cl-timeseries-tooltip');
  private payload: TimeSeriesPayload | null = null;
  private geometry: ChartGeometry | null = null;
  private readonly hidden = new Set<string>();

  constructor() {
    this.logBox.type = 'checkbox';
    const logLabel = el('label', 'cl-timeseries-logtoggle');
    logLabel.append(this.logBox, document.createTextNode(' log scale'));
    this.toolbar.append(this.bands, logLabel);
    this.tooltip.hidden = true;
    this.tooltip.setAttribute('role', 'tooltip');
    this.guide.hidden = true;
    this.node.append(this.toolbar, this.chart);
    this.logBox.addEventListener('change', () => this.redraw());
    this.chart.addEventListener('mousemove', (e) => this.hover(e));
    this.chart.addEventListener('mouseleave', () => this.hideTooltip());
  }

  /** Draws a payload (the `payload` trait); null shows that nothing has been drawn yet. */
  setPayload(data: unknown): void {
    if (data === null || data === undefined) {
      this.payload = null;
      this.toolbar.hidden = true;
      this.chart.replaceChildren(el('p', 'cl-timeseries-waiting', 'Nothing drawn yet.'));
      return;
    }
    try {
      this.payload = checkTimeSeriesPayload(data);
    } catch (err) {
      this.payload = null;
      this.toolbar.hidden = true;
      showError(this.chart, err);
      return;
    }
    this.toolbar.hidden = false;
    this.buildBandToggles(this.payload);
    this.redraw();
  }

  /** One checkbox per series that has a band, keeping the reader's choices across payloads. */
  private buildBandToggles(payload: TimeSeriesPayload): void {
    const names: string[] = [];
    for (const panel of payload.panels) for (const s of panel.series) if (s.p05 && s.p95 && !names.includes(s.name)) names.push(s.name);
    const toggles = names.map((name) => {
      const box = el('input', 'cl-timeseries-band');
      box.type = 'checkbox';
      box.checked = !this.hidden.has(name);
      box.dataset.series = name;
      box.addEventListener('change', () => {
        if (box.checked) this.hidden.delete(name);
        else this.hidden.add(name);
        this.redraw();
      });
      const label = el('label', 'cl-timeseries-bandtoggle');
      label.title = `Show the 5–95% band of ${name}`;
      label.append(box, document.createTextNode(` band: ${name}`));
      return label;
    });
    this.bands.replaceChildren(...toggles);
  }

  /** The chart as the reader set it up: bands they hid left out, log scale if chosen. */
  private shown(payload: TimeSeriesPayload): TimeSeriesPayload {
    const log = this.logBox.checked;
    const panels = payload.panels.map(
      (panel): Panel => ({
        ...panel,
        log: log || panel.log,
        series: panel.series.map((s) => (this.hidden.has(s.name) ? { name: s.name, x: s.x, median: s.median } : s)),
      }),
    );
    return { ...payload, panels };
  }

  private redraw(): void {
    if (!this.payload) return;
    const shown = this.shown(this.payload);
    this.geometry = chartGeometry(shown);
    // The markup is the library's own, with every text from the payload escaped (escapeXml); a
    // parsed document is inert, so nothing in it runs when its nodes move into the page.
    const doc = new DOMParser().parseFromString(timeseriesSvg(shown), 'text/html');
    this.chart.replaceChildren(...Array.from(doc.body.childNodes), this.guide, this.tooltip);
    this.hideTooltip();
  }

  private hideTooltip(): void {
    this.tooltip.hidden = true;
    this.guide.hidden = true;
  }

  /** The panel and nearest year under the pointer, with the values there. */
  private hover(e: MouseEvent): void {
    const svg = this.chart.querySelector('svg');
    const g = this.geometry;
    if (!svg || !g || !this.payload) return;
    const box = svg.getBoundingClientRect();
    const scale = box.width / g.width;
    if (!(scale > 0)) return;
    const vx = (e.clientX - box.left) / scale;
    const vy = (e.clientY - box.top) / scale;
    const plotWidth = g.width - g.left - g.right;
    const p = Math.floor((vy - g.top) / (g.panelHeight + g.gap));
    const panel = this.payload.panels[p];
    const panelTop = g.top + p * (g.panelHeight + g.gap);
    if (!panel || vy > panelTop + g.panelHeight || vx < g.left || vx > g.width - g.right) {
      this.hideTooltip();
      return;
    }
    const year = g.xMin + ((vx - g.left) / plotWidth) * (g.xMax - g.xMin);
    const x = nearestX(panel, year);
    if (x === null) {
      this.hideTooltip();
      return;
    }
    const lines = [`${panel.label}, ${x}`];
    for (const s of panel.series) {
      const i = s.x.indexOf(x);
      if (i < 0) continue;
      const band = s.p05 && s.p95 && Number.isFinite(s.p05[i]) && Number.isFinite(s.p95[i]) ? ` (5–95%: ${format(s.p05[i])} – ${format(s.p95[i])})` : '';
      lines.push(`${s.name}: ${format(s.median[i])}${band}${panel.unit ? ` ${panel.unit}` : ''}`);
    }
    for (const o of panel.observed ?? []) if (o.x === x) lines.push(`${o.source}, section ${o.section}: ${o.label} (${format(o.y)})`);
    this.tooltip.replaceChildren(...lines.map((line, k) => el('div', k === 0 ? 'cl-timeseries-tooltip-title' : '', line)));
    const chartBox = this.chart.getBoundingClientRect();
    const px = box.left - chartBox.left + (g.left + ((x - g.xMin) / (g.xMax - g.xMin || 1)) * plotWidth) * scale;
    this.guide.style.left = `${px}px`;
    this.guide.style.top = `${box.top - chartBox.top + panelTop * scale}px`;
    this.guide.style.height = `${g.panelHeight * scale}px`;
    this.tooltip.style.left = `${Math.min(px + 10, Math.max(0, chartBox.width - 260))}px`;
    this.tooltip.style.top = `${e.clientY - chartBox.top + 12}px`;
    this.guide.hidden = false;
    this.tooltip.hidden = false;
  }
}

/** The year of the panel's data nearest to `year` (series and the paper's values). */
function nearestX(panel: Panel, year: number): number | null {
  let best: number | null = null;
  const consider = (x: number) => {
    if (Number.isFinite(x) && (best === null || Math.abs(x - year) < Math.abs(best - year))) best = x;
  };
  for (const s of panel.series) for (const x of s.x) consider(x);
  for (const o of panel.observed ?? []) consider(o.x);
  return best;
}

function format(v: number): string {
  if (!Number.isFinite(v)) return '–';
  return Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en') : String(Number(v.toPrecision(3)));
}
