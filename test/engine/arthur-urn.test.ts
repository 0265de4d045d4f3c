import { describe, expect, it } from 'vitest';
import { ensemble, simulate } from '../../dist/src/index';

const last = (e: ReturnType<typeof ensemble>, metric: string) => e.summary.filter((r) => r.metric === metric).at(-1)!;

describe('Arthur (1990) urn baseline', () => {
  it('increasing returns lock the industry into one region; without them firms spread out', () => {
    const locked = ensemble('arthur-urn', { seeds: 40, set: { 'urn.returns': 1.5, 'urn.advantage': 1 } });
    const spread = ensemble('arthur-urn', { seeds: 40, set: { 'urn.returns': 0, 'urn.advantage': 1 } });
    expect(last(locked, 'leaderShare').median).toBeGreaterThan(0.8);
    expect(last(spread, 'leaderShare').median).toBeLessThan(0.35);
    // Which region wins is chance when no region is favoured: region A leads in some runs, not all.
    const aWins = locked.runs.filter((r) => {
      const m = r.metrics.indexOf('regionAShare');
      return r.values[(m + 1) * r.years.length - 1] > 0.5;
    }).length;
    expect(aWins).toBeGreaterThan(0);
    expect(aWins).toBeLessThan(40);
  });

  it('logs lock-in as an event and has no network', () => {
    const run = simulate('arthur-urn', { seed: 3, set: { 'urn.returns': 2 } });
    expect(run.events.some((e) => e.kind === 'lock-in')).toBe(true);
    expect(run.networkHistory().nodes).toEqual([]);
  });
});
