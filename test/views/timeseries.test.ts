import { describe, expect, it } from 'vitest';
import { timeseriesView, TIMESERIES_MIME, MIMEBUNDLE } from '../../dist/src/views';
import { facts } from '../../dist/src/data/facts';
import { getModel } from '../../dist/src/index';

// Panel titles and units come from the model definition (show passes them; here the test does).
const salmonMetrics = getModel('salmon').metrics;
const LABELS = Object.fromEntries(salmonMetrics.map((m: any) => [m.name, m.label]));
const UNITS = Object.fromEntries(salmonMetrics.map((m: any) => [m.name, m.unit]));

// A metric the paper reports, so that the view must find its observations in src/data.
const observedFact = facts.find((f: any) => f.case === 'salmon' && f.role !== 'input' && f.role !== 'context')!;
const METRIC = observedFact.metric;
const YEARS = Array.from({ length: 31 }, (_, i) => 1975 + i);

function summary(scenario: string, scale: number) {
  return YEARS.flatMap((year) => [
    { scenario, year, metric: METRIC, median: scale * (year - 1970), p05: scale * (year - 1975), p95: scale * (year - 1965), n: 50 },
    { scenario, year, metric: 'firms', median: year - 1975, p05: year - 1980, p95: year - 1970, n: 50 },
  ]);
}

describe('timeseriesView', () => {
  it('makes one panel per metric, with median, band and the paper values of the case', () => {
    const view = timeseriesView({ summary: summary('salmon', 2) } as any, { observed: facts, case: 'salmon', title: 'Salmon', labels: LABELS, units: UNITS });
    const bundle = view[MIMEBUNDLE]();
    expect(Object.keys(bundle).sort()).toEqual([TIMESERIES_MIME, 'text/html', 'text/plain'].sort());
    const payload = bundle[TIMESERIES_MIME] as any;
    expect(payload.version).toBe(1);
    expect(payload.panels.map((p: any) => p.metric)).toEqual([METRIC, 'firms']);
    const [panel] = payload.panels;
    expect(panel.series).toHaveLength(1);
    expect(panel.series[0].x).toEqual(YEARS);
    expect(panel.series[0].median[5]).toBe(2 * (1980 - 1970));
    expect(panel.series[0].p05).toHaveLength(YEARS.length);
    const expected = facts.filter((f: any) => f.metric === METRIC && f.case === 'salmon');
    expect(panel.observed).toHaveLength(expected.length);
    expect(panel.observed[0]).toMatchObject({ source: 'Perez-Aleman 2005', section: expected[0].section, x: expected[0].year, y: expected[0].value });
    expect(panel.unit).toBe(UNITS[METRIC] || expected[0].unit);
    // Panel titles come from the labels given (the model's metric descriptions), else the metric's name.
    expect(payload.panels[1].label).toBe("Firms in the cluster (farms with the service and input firms, as in the paper's count of 1997)");
    expect(timeseriesView(summary('salmon', 1)).payload.panels[1].label).toBe('Firms');
    expect(timeseriesView(summary('salmon', 1), { labels: { firms: 'Farms' } }).payload.panels[1].label).toBe('Farms');
    expect(String(bundle['text/plain'])).toContain(`observed ${expected[0].year}`);
    expect(String(bundle['text/html'])).toContain('<polygon');
  });

  it('leaves out facts of the other case', () => {
    const payload = timeseriesView(summary('tomato', 1), { observed: facts, case: 'tomato' }).payload;
    for (const panel of payload.panels)
      for (const o of panel.observed ?? []) expect(facts.some((f: any) => f.case === 'tomato' && f.year === o.x && f.value === o.y)).toBe(true);
  });

  it('compares scenarios as series in the same panels', () => {
    const payload = timeseriesView([summary('salmon', 2), summary('salmon-no-association', 1)] as any, { metrics: ['firms'] }).payload;
    expect(payload.panels).toHaveLength(1);
    expect(payload.panels[0].series.map((s: any) => s.name)).toEqual(['salmon', 'salmon-no-association']);
  });

  it("computes median and 5-95% band from tidy rows of several runs, and takes a run's events", () => {
    const rows = [0, 1, 2, 3, 4].flatMap((run) => [1990, 1991].map((year) => ({ run, seed: run, year, metric: 'm', value: run * 10 + year - 1990 })));
    const run = { scenario: { name: 'tomato' }, series: () => rows, events: [{ year: 1991, kind: 'association', text: 'Association founded' }] };
    const payload = timeseriesView(run).payload;
    const s = payload.panels[0].series[0];
    expect(s.name).toBe('tomato');
    expect(s.median).toEqual([20, 21]);
    expect(s.p05![0]).toBeCloseTo(2, 10); // type-7 quantile of 0,10,20,30,40 at 5%
    expect(s.p95![1]).toBeCloseTo(39, 10);
    expect(payload.events).toEqual([{ x: 1991, label: 'Association founded' }]);
  });

  it('marks log panels and live payloads', () => {
    const payload = timeseriesView(summary('salmon', 1), { log: ['firms'], live: { done: false, step: 3, of: 30 } }).payload;
    expect(payload.panels.find((p: any) => p.metric === 'firms')!.log).toBe(true);
    expect(payload.panels.find((p: any) => p.metric === METRIC)!.log).toBeUndefined();
    expect(payload.live).toEqual({ done: false, step: 3, of: 30 });
  });

  it('escapes titles, series names and event labels in the SVG fallback', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const view = timeseriesView(summary(hostile, 1), { title: hostile, events: [{ year: 1990, text: hostile }], labels: { firms: hostile } });
    expect(view.html).not.toContain('<img');
    expect(view.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('names an unknown metric and lists the available ones', () => {
    expect(() => timeseriesView(summary('salmon', 1), { metrics: ['nope'] })).toThrow(`metric 'nope' is not in the data; available: ${METRIC}, firms`);
    expect(() => timeseriesView([{ year: 1990 }] as any)).toThrow(/rows must have either 'median'/);
  });
});
