import type { Panel, SeriesBand, TimeSeriesPayload } from '../../src/views/payloads';
import type { ThemeColours } from './palette';
import { withAlpha } from './palette';
import { SERIES_COLOURS } from '../../src/views/colours';
import { labelRows, shorten } from '../../src/views/event-labels';

/**
 * Turns a time-series payload into a plotly figure (pure: no DOM, no plotly import), one panel per
 * metric stacked vertically on a shared year axis. Each series is a median line over a shaded
 * 5–95 percent band; the paper's observations are markers whose hover names source and section;
 * events are dashed vertical lines with a label.
 */

export interface Figure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
}

const OBSERVED_COLOUR = '#000000';
const PANEL_HEIGHT = 230;
/** Vertical room between panels, in pixels: the year labels of one panel and the title of the next. */
const GAP_PX = 64;

/**
 * plotly reads trace names, hover text and annotations as a small subset of HTML; escaping the three
 * special characters makes data text show literally (plotly decodes the entities back to text).
 */
export function plotlyText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length];
}

export function figureHeight(panels: number): number {
  return Math.max(1, panels) * PANEL_HEIGHT + 70;
}

/** The trace axes of one panel ('x2'/'y2' for the second). */
interface PanelAxes {
  xaxis: string;
  yaxis: string;
}

/** The y axis key of panel i as plotly names it in traces ('y', 'y2', ...) and layout ('yaxis', 'yaxis2', ...). */
function axisSuffix(i: number): string {
  return i === 0 ? '' : String(i + 1);
}

export function buildFigure(payload: TimeSeriesPayload, theme: ThemeColours, opts: { log?: boolean } = {}): Figure {
  const panels = payload.panels;
  const data: Record<string, unknown>[] = [];
  const layout: Record<string, unknown> = {
    height: figureHeight(panels.length),
    margin: { l: 64, r: 16, t: payload.title ? 48 : 24, b: 40 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { color: theme.text, family: theme.font, size: 12 },
    hovermode: 'closest',
    showlegend: true,
    legend: { orientation: 'h', y: -0.08, yanchor: 'top' },
    // Keeps zoom and legend toggles when live updates redraw the figure.
    uirevision: 'clusterlab',
    annotations: [] as Record<string, unknown>[],
    shapes: [] as Record<string, unknown>[],
  };
  if (payload.title) layout.title = { text: plotlyText(payload.title), x: 0, xanchor: 'left' };
  const annotations = layout.annotations as Record<string, unknown>[];
  const shapes = layout.shapes as Record<string, unknown>[];

  const n = panels.length;
  const margin = layout.margin as { t: number; b: number };
  const gap = GAP_PX / Math.max(1, (layout.height as number) - margin.t - margin.b);
  const slot = (1 - gap * (n - 1)) / Math.max(1, n);
  const seriesIndex = new Map<string, number>();
  const sourcesShown = new Set<string>();
  panels.forEach((panel, p) => {
    const top = 1 - p * (slot + gap);
    const bottom = Math.max(0, top - slot);
    const suffix = axisSuffix(p);
    // Each panel carries its own year axis, tied to the first, so years read under every panel.
    layout[`xaxis${suffix}`] = {
      anchor: `y${suffix}`,
      ...(p > 0 ? { matches: 'x' } : {}),
      gridcolor: theme.grid,
      zeroline: false,
      automargin: true,
    };
    layout[`yaxis${suffix}`] = {
      anchor: `x${suffix}`,
      automargin: true,
      domain: [bottom, top],
      type: opts.log || panel.log ? 'log' : 'linear',
      // plotly labels log ticks between powers of ten with their first digit only (200 reads "2");
      // a number format makes every tick a whole number.
      ...(opts.log || panel.log ? { tickformat: ',~g' } : {}),
      gridcolor: theme.grid,
      zeroline: false,
      title: { text: panel.unit ? plotlyText(panel.unit) : '' },
    };
    annotations.push({
      text: `<b>${plotlyText(panel.label)}</b>`,
      xref: 'paper',
      yref: 'paper',
      x: 0,
      y: top,
      xanchor: 'left',
      yanchor: 'bottom',
      showarrow: false,
      font: { color: theme.text, size: 13 },
    });
    for (const series of panel.series) {
      if (!seriesIndex.has(series.name)) seriesIndex.set(series.name, seriesIndex.size);
      const colour = seriesColour(seriesIndex.get(series.name)!);
      data.push(
        ...seriesTraces(
          series,
          colour,
          { xaxis: `x${suffix}`, yaxis: `y${suffix}` },
          p === panels.findIndex((q) => q.series.some((s) => s.name === series.name)),
        ),
      );
    }
    for (const trace of observedTraces(panel, { xaxis: `x${suffix}`, yaxis: `y${suffix}` }, theme, sourcesShown)) data.push(trace);
  });

  const events = payload.events ?? [];
  const xs = [...panels.flatMap((panel) => panel.series.flatMap((s) => s.x)), ...events.map((e) => e.x)].filter(Number.isFinite);
  const rows = labelRows(events, xs.length ? Math.max(...xs) - Math.min(...xs) : 1);
  events.forEach((event, k) => {
    shapes.push({
      type: 'line',
      xref: 'x',
      yref: 'paper',
      x0: event.x,
      x1: event.x,
      y0: 0,
      y1: 1,
      line: { color: theme.muted, width: 1, dash: 'dot' },
    });
    annotations.push({
      // Without room for its label an event shows a small mark whose hover tells it.
      text: rows[k] < 0 ? '▾' : plotlyText(shorten(event.label)),
      hovertext: plotlyText(`${event.x}: ${event.label}`),
      xref: 'x',
      yref: 'paper',
      x: event.x,
      y: 1,
      xanchor: 'left',
      yanchor: 'top',
      xshift: 2,
      yshift: -Math.max(0, rows[k]) * 12,
      showarrow: false,
      font: { color: theme.muted, size: 10 },
    });
  });
  return { data, layout };
}

function seriesTraces(series: SeriesBand, colour: string, axes: PanelAxes, showLegend: boolean): Record<string, unknown>[] {
  const name = plotlyText(series.name);
  const traces: Record<string, unknown>[] = [];
  if (series.p05 && series.p95) {
    traces.push({
      type: 'scatter',
      mode: 'lines',
      x: series.x,
      y: series.p05,
      ...axes,
      line: { width: 0, color: colour },
      hoverinfo: 'skip',
      showlegend: false,
      legendgroup: name,
      name: `${name} p05`,
    });
    traces.push({
      type: 'scatter',
      mode: 'lines',
      x: series.x,
      y: series.p95,
      ...axes,
      fill: 'tonexty',
      fillcolor: withAlpha(colour, 0.2),
      line: { width: 0, color: colour },
      hoverinfo: 'skip',
      showlegend: false,
      legendgroup: name,
      name: `${name} 5–95%`,
    });
  }
  traces.push({
    type: 'scatter',
    mode: 'lines',
    x: series.x,
    y: series.median,
    ...axes,
    line: { width: 2, color: colour },
    legendgroup: name,
    showlegend: showLegend,
    name,
    hovertemplate: `${name}<br>%{x}: %{y:.3~g}<extra></extra>`,
  });
  return traces;
}

/** One marker trace per source per panel, named by the source (e.g. "Perez-Aleman 2005"). */
function observedTraces(panel: Panel, axes: PanelAxes, theme: ThemeColours, sourcesShown: Set<string>): Record<string, unknown>[] {
  const bySource = new Map<string, NonNullable<Panel['observed']>>();
  for (const point of panel.observed ?? []) {
    const list = bySource.get(point.source) ?? [];
    list.push(point);
    bySource.set(point.source, list);
  }
  const colour = theme.dark ? '#f5f5f5' : OBSERVED_COLOUR;
  return [...bySource].map(([source, points]) => {
    const first = !sourcesShown.has(source);
    sourcesShown.add(source);
    return {
      type: 'scatter',
      mode: 'markers',
      x: points.map((o) => o.x),
      y: points.map((o) => o.y),
      ...axes,
      name: plotlyText(source),
      legendgroup: `observed ${plotlyText(source)}`,
      showlegend: first,
      marker: { symbol: 'diamond', size: 9, color: colour, line: { width: 1, color: theme.background } },
      customdata: points.map((o) => [plotlyText(o.label), plotlyText(o.source), plotlyText(o.section)]),
      hovertemplate: '<b>%{customdata[1]}, section %{customdata[2]}</b><br>%{customdata[0]}<br>%{x}: %{y:.3~g}<extra></extra>',
    };
  });
}

/** Checks the fields the figure relies on and names the first bad one. */
export function checkTimeSeriesPayload(data: unknown): TimeSeriesPayload {
  const p = data as TimeSeriesPayload;
  const fail = (field: string, want: string): never => {
    throw new Error(`timeseries payload: ${field} must be ${want}`);
  };
  if (!p || typeof p !== 'object') fail('the payload', 'an object');
  if (!Array.isArray(p.panels)) fail('panels', 'an array');
  p.panels.forEach((panel, i) => {
    if (typeof panel?.label !== 'string') fail(`panels[${i}].label`, 'a string');
    if (!Array.isArray(panel.series)) fail(`panels[${i}].series`, 'an array');
    panel.series.forEach((s, k) => {
      const at = `panels[${i}].series[${k}]`;
      if (!Array.isArray(s?.x) || !Array.isArray(s.median)) fail(`${at}.x/median`, 'arrays');
      if (s.median.length !== s.x.length) fail(`${at}.median`, `as long as x (${s.x.length})`);
      for (const band of ['p05', 'p95'] as const) {
        if (s[band] && s[band]!.length !== s.x.length) fail(`${at}.${band}`, `as long as x (${s.x.length})`);
      }
    });
  });
  return p;
}
