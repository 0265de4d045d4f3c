/**
 * Each mechanism switch moves outcomes in the direction the brief's hypotheses (H1-H6) state,
 * shown on ensemble medians over many seeds with a margin, not on one seed.
 */
import { describe, expect, it } from 'vitest';
import { ensemble, type Ensemble } from '../../dist/src/index';

const SEEDS = 30;
const cache = new Map<string, Ensemble>();
function ens(scenario: string, set: Record<string, unknown> = {}): Ensemble {
  const key = scenario + JSON.stringify(set);
  if (!cache.has(key)) cache.set(key, ensemble(scenario, { seeds: SEEDS, set }));
  return cache.get(key)!;
}
function median(e: Ensemble, metric: string, year: number): number {
  const row = e.summary.find((r) => r.metric === metric && r.year === year);
  if (!row) throw new Error(`no ${metric} in ${year}`);
  return row.median;
}
/** Median over runs of the first year a metric is positive (Infinity when it never is). */
function medianFirstYear(e: Ensemble, metric: string): number {
  const years = e.runs
    .map((r) => {
      const m = r.metrics.indexOf(metric);
      const ny = r.years.length;
      for (let y = 0; y < ny; y++) if (r.values[m * ny + y] > 0) return r.years[y];
      return Infinity;
    })
    .sort((a, b) => a - b);
  return years[Math.floor(years.length / 2)];
}

describe('H1: without state experiments the cluster starts late or not at all', () => {
  it('salmon', () => {
    expect(median(ens('salmon/no-state'), 'firms', 1987)).toBeLessThan(0.5 * median(ens('salmon'), 'firms', 1987));
    expect(medianFirstYear(ens('salmon/no-state'), 'exportTonnes')).toBeGreaterThanOrEqual(medianFirstYear(ens('salmon'), 'exportTonnes') + 5);
  });
  it('tomato', () => {
    expect(medianFirstYear(ens('tomato/no-state'), 'exportTonnes')).toBeGreaterThanOrEqual(medianFirstYear(ens('tomato'), 'exportTonnes') + 5);
  });
  it('state finance alone speeds entry', () => {
    expect(median(ens('salmon', { 'mechanisms.stateFinance': false }), 'firms', 1987)).toBeLessThan(0.8 * median(ens('salmon'), 'firms', 1987));
  });
});

describe('H2: without LBM institutions firm counts may grow but quality, reputation and exports lag', () => {
  it('salmon', () => {
    const base = ens('salmon');
    const none = ens('salmon/no-collective-action');
    expect(median(none, 'firms', 1997)).toBeGreaterThan(0.8 * median(base, 'firms', 1997));
    expect(median(none, 'meanCapability', 2003)).toBeLessThan(median(base, 'meanCapability', 2003) - 0.03);
    expect(median(none, 'reputation', 2003)).toBeLessThan(median(base, 'reputation', 2003) - 0.05);
    expect(median(none, 'exportValueUSDm', 2003)).toBeLessThan(0.85 * median(base, 'exportValueUSDm', 2003));
  });
  it('tomato', () => {
    const base = ens('tomato');
    const none = ens('tomato/no-collective-action');
    expect(median(none, 'meanCapability', 2000)).toBeLessThan(median(base, 'meanCapability', 2000) - 0.01);
    expect(median(none, 'exportTonnes', 2000)).toBeLessThan(median(base, 'exportTonnes', 2000));
  });
  it('the ratcheting provisional standard teaches more than a fixed state-imposed one', () => {
    expect(median(ens('salmon/fixed-standard'), 'meanCapability', 2003)).toBeLessThan(median(ens('salmon'), 'meanCapability', 2003) - 0.01);
  });
  it('collective reputation raises export value', () => {
    expect(median(ens('salmon', { 'mechanisms.collectiveReputation': false }), 'exportValueUSDm', 2003)).toBeLessThan(0.9 * median(ens('salmon'), 'exportValueUSDm', 2003));
  });
});

describe('H3: foreign ties speed upgrading', () => {
  it('salmon and tomato', () => {
    expect(median(ens('salmon/no-foreign-ties'), 'meanCapability', 1990)).toBeLessThan(median(ens('salmon'), 'meanCapability', 1990) - 0.05);
    expect(median(ens('salmon/no-foreign-ties'), 'exportTonnes', 2000)).toBeLessThan(0.5 * median(ens('salmon'), 'exportTonnes', 2000));
    expect(median(ens('tomato/no-foreign-ties'), 'meanCapability', 1985)).toBeLessThan(median(ens('tomato'), 'meanCapability', 1985) - 0.05);
  });
});

describe('H4: agglomeration alone cannot start a cluster from nothing but sustains an established one', () => {
  it('from nothing, agglomeration-only gives no exporting cluster', () => {
    for (const s of ['salmon/agglomeration-only', 'tomato/agglomeration-only']) {
      const full = ens(s.split('/')[0]);
      const alone = ens(s);
      const end = alone.years[alone.years.length - 1];
      expect(median(alone, 'exportTonnes', end)).toBeLessThan(0.05 * median(full, 'exportTonnes', end));
    }
  });
  it('from an established cluster, agglomeration keeps more firms and capability than without it', () => {
    const withAgg = ens('salmon/agglomeration-only', { 'start.established': true });
    const without = ens('salmon/agglomeration-only', { 'start.established': true, 'mechanisms.agglomeration': false });
    expect(median(withAgg, 'exportTonnes', 2003)).toBeGreaterThan(0);
    expect(median(withAgg, 'firms', 1997)).toBeGreaterThan(median(without, 'firms', 1997));
    expect(median(withAgg, 'meanCapability', 2003)).toBeGreaterThan(median(without, 'meanCapability', 2003) + 0.01);
  });
});

describe('H5: tutelage plus supplier contracts produce the tomato turning point', () => {
  it('without them the turning point comes later and the supplier base stays small', () => {
    const base = ens('tomato');
    const without = ens('tomato', { 'foreign.tutelageSlots': 0, 'mechanisms.supplierContracts': false });
    expect(medianFirstYear(without, 'exportTonnes')).toBeGreaterThanOrEqual(medianFirstYear(base, 'exportTonnes') + 3);
    expect(median(without, 'suppliers', 1995)).toBeLessThan(0.3 * median(base, 'suppliers', 1995));
    expect(median(ens('tomato', { 'mechanisms.supplierContracts': false }), 'suppliers', 1995)).toBeLessThan(0.5 * median(base, 'suppliers', 1995));
  });
});

describe('H6: acquisitions by multinationals raise concentration after the mid-1990s', () => {
  it('salmon', () => {
    const base = ens('salmon');
    const none = ens('salmon', { 'mechanisms.acquisitions': false });
    expect(median(base, 'top20Share', 2002)).toBeGreaterThan(median(none, 'top20Share', 2002) + 0.03);
    expect(median(base, 'foreignOwnedFirms', 2002)).toBeGreaterThan(median(none, 'foreignOwnedFirms', 2002) + 2);
    // Before the mid-1990s the switch makes no difference.
    expect(median(base, 'top20Share', 1990)).toBe(median(none, 'top20Share', 1990));
  });
});

describe('the rival theory of imitating foreign investors is distinguishable from LBM', () => {
  it('no standard emerges, and capability and reputation end lower', () => {
    const lbm = ens('salmon');
    const imitation = ens('salmon/foreign-imitation');
    expect(median(imitation, 'standard', 2003)).toBe(0);
    expect(median(imitation, 'meanCapability', 2003)).toBeLessThan(median(lbm, 'meanCapability', 2003) - 0.02);
    expect(median(imitation, 'reputation', 2003)).toBeLessThan(median(lbm, 'reputation', 2003) - 0.05);
  });
});
