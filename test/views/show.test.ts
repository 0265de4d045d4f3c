import { describe, expect, it } from 'vitest';
import { show, type View, ViewGroup, MIMEBUNDLE, GROUP_MIME, NETWORK_MIME, TIMESERIES_MIME } from '../../dist/src/views';
import { syntheticHistory } from '../../dist/bench/extension-fixtures';

const history = syntheticHistory(120, { seed: 4 });
const fakeRun = {
  scenario: 'salmon',
  seed: 9,
  years: [1960, 1961],
  series: () => [1960, 1961].map((year) => ({ run: 0, seed: 9, year, metric: 'firms', value: year - 1950 })),
  events: [{ year: 1961, kind: 'entry', text: 'first firm' }],
  networkHistory: () => history,
};

describe('show', () => {
  it('shows a run as its network and its trajectories', () => {
    const group = show(fakeRun) as ViewGroup;
    expect(group).toBeInstanceOf(ViewGroup);
    expect(group.views.map((v) => v.mimeType)).toEqual([NETWORK_MIME, TIMESERIES_MIME]);
    const bundle = group[MIMEBUNDLE]();
    expect(Object.keys(bundle).sort()).toEqual([GROUP_MIME, 'image/png', 'text/html', 'text/plain'].sort());
    expect(bundle['image/png']).toBe(group.views[0].extra['image/png']);
    const payload = bundle[GROUP_MIME] as any;
    expect(payload.version).toBe(1);
    expect(payload.items.map((item: any) => item.mime)).toEqual([NETWORK_MIME, TIMESERIES_MIME]);
    expect(payload.items[0].data).toBe(group.views[0].payload);
    expect(String(bundle['text/html'])).toContain('cl-static-network');
    expect(String(bundle['text/html'])).toContain('cl-static-timeseries');
    expect(String(bundle['text/plain'])).toContain('salmon, seed 9');
  });

  it('shows an ensemble as a time series and a network history as a network', () => {
    const ensemble = {
      scenario: 'tomato',
      metrics: ['firms'],
      summary: [{ scenario: 'tomato', year: 1970, metric: 'firms', median: 1, p05: 0, p95: 2, n: 10 }],
    };
    expect((show(ensemble) as View).mimeType).toBe(TIMESERIES_MIME);
    // Each ensemble is named by its own label or scenario, not by its rows' scenario.
    expect((show([ensemble, { ...ensemble, scenario: 'salmon' }]) as View).payload).toMatchObject({
      panels: [{ series: [{ name: 'tomato' }, { name: 'salmon' }] }],
    });
    // Two ensembles of one scenario still get two legend names (two colours).
    expect((show([ensemble, ensemble]) as View).payload).toMatchObject({
      title: 'tomato vs tomato',
      panels: [{ series: [{ name: 'tomato' }, { name: 'tomato #2' }] }],
    });
    expect((show(history) as View).mimeType).toBe(NETWORK_MIME);
  });

  it('prints as its summary in Node, and refuses what it cannot show', () => {
    const view = show(history) as View;
    expect(String(view)).toContain('Cluster network');
    expect(() => show(42)).toThrow(/show: expected a run, an ensemble/);
  });
});
