import { describe, expect, it } from 'vitest';
import { buildFigure, checkTimeSeriesPayload, plotlyText } from '../../extension/src/figure';
import { labelRows } from '../../src/views/event-labels';
import type { TimeSeriesPayload } from '../../src/views/payloads';

const theme = { background: '#fff', text: '#111', muted: '#777', grid: '#ddd', font: 'sans-serif', dark: false };
const x = [1990, 1991, 1992];
const payload: TimeSeriesPayload = {
  version: 1,
  title: 'Salmon',
  panels: [
    {
      metric: 'exports',
      label: 'Exports',
      unit: 'USD m',
      series: [
        { name: 'salmon', x, median: [1, 2, 3], p05: [0.5, 1, 2], p95: [2, 3, 4] },
        { name: '<b>no association</b>', x, median: [1, 1, 1] },
      ],
      observed: [{ x: 1991, y: 2.5, label: 'exports <script>', source: 'Perez-Aleman 2005', section: '3.2' }],
    },
    { metric: 'firms', label: 'Firms', log: true, series: [{ name: 'salmon', x, median: [3, 30, 300], p05: [1, 10, 100], p95: [5, 50, 500] }] },
  ],
  events: [{ x: 1991, label: 'Association founded' }],
};

describe('plotly figure of the time-series widget', () => {
  const { data, layout } = buildFigure(payload, theme);

  it('draws bands as a lower edge and an upper edge filled to it, then the median line', () => {
    const salmon = data.filter((t) => t.legendgroup === 'salmon' && t.yaxis === 'y');
    expect(salmon.map((t) => t.fill ?? null)).toEqual([null, 'tonexty', null]);
    expect(salmon[0].y).toEqual([0.5, 1, 2]);
    expect(salmon[1].y).toEqual([2, 3, 4]);
    expect(salmon[2].y).toEqual([1, 2, 3]);
    // A series without a band is only a line.
    expect(data.filter((t) => t.legendgroup === plotlyText('<b>no association</b>'))).toHaveLength(1);
  });

  it('puts each metric in its own panel, log where asked', () => {
    expect(new Set(data.map((t) => t.yaxis))).toEqual(new Set(['y', 'y2']));
    // Every panel has its own year axis, tied to the first so that zooming one zooms all.
    expect(new Set(data.map((t) => `${t.xaxis}/${t.yaxis}`))).toEqual(new Set(['x/y', 'x2/y2']));
    expect((layout.xaxis2 as any).matches).toBe('x');
    expect((layout.xaxis2 as any).anchor).toBe('y2');
    expect((layout.yaxis as any).type).toBe('linear');
    expect((layout.yaxis2 as any).type).toBe('log');
    // Whole numbers on log ticks (plotly would label 200 as "2"), none forced on linear axes.
    expect((layout.yaxis2 as any).tickformat).toBe(',~g');
    expect((layout.yaxis as any).tickformat).toBeUndefined();
    expect((buildFigure(payload, theme, { log: true }).layout.yaxis as any).type).toBe('log');
    const [top, bottom] = [(layout.yaxis as any).domain, (layout.yaxis2 as any).domain];
    expect(top[0]).toBeGreaterThan(bottom[1]);
    expect(layout.uirevision).toBeDefined();
  });

  it('names the marker trace by its source and puts the section in the hover', () => {
    const markers = data.filter((t) => t.mode === 'markers');
    expect(markers).toHaveLength(1);
    expect(markers[0].name).toBe('Perez-Aleman 2005');
    expect(markers[0].hovertemplate).toContain('section %{customdata[2]}');
    expect(markers[0].customdata).toEqual([['exports &lt;script&gt;', 'Perez-Aleman 2005', '3.2']]);
  });

  it('marks events with a line and a label', () => {
    expect((layout.shapes as any[]).map((s) => s.x0)).toEqual([1991]);
    expect((layout.annotations as any[]).some((a) => a.text === 'Association founded' && a.x === 1991)).toBe(true);
  });

  it('stacks crowded event labels in rows and leaves a hover mark when none has room', () => {
    const crowded = [1980, 1980.5, 1981, 1981.5, 1995].map((x, k) => ({ x, label: `event number ${k}` }));
    expect(labelRows(crowded, 30)).toEqual([0, 1, 2, -1, 0]);
    const { layout } = buildFigure({ ...payload, events: crowded }, theme);
    const marks = (layout.annotations as any[]).filter((a) => a.xref === 'x');
    expect(marks.map((a) => a.text)).toEqual(['event number 0', 'event number 1', 'event number 2', '▾', 'event number 4']);
    expect(marks[3].hovertext).toBe('1981.5: event number 3');
  });

  it('escapes data text that plotly would read as markup', () => {
    expect(plotlyText('<img src=x onerror=alert(1)> & co')).toBe('&lt;img src=x onerror=alert(1)&gt; &amp; co');
    const all = JSON.stringify(buildFigure(payload, theme));
    expect(all).not.toContain('<script>');
    expect(all).not.toContain('<b>no association');
  });

  it('rejects series whose arrays disagree, naming the field', () => {
    const bad = { ...payload, panels: [{ ...payload.panels[0], series: [{ name: 's', x, median: [1, 2] }] }] };
    expect(() => checkTimeSeriesPayload(bad)).toThrow('timeseries payload: panels[0].series[0].median must be as long as x (3)');
    expect(() => checkTimeSeriesPayload({ version: 1 })).toThrow('panels must be an array');
  });
});
