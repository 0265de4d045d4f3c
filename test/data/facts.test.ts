import { describe, expect, it } from 'vitest';
import { facts, parameters, simulate } from '../../dist/src/index';

const STATISTICS = ['associationFoundedYear', 'associationFoundingMembers', 'turningPointYear', 'firstFarmYear', 'researchInstituteYear'];

describe("the paper's facts", () => {
  it('are complete typed records with unique ids', () => {
    expect(new Set(facts.map((f) => f.id)).size).toBe(facts.length);
    for (const f of facts) {
      expect(['tomato', 'salmon', 'chile']).toContain(f.case);
      expect(Number.isFinite(f.value)).toBe(true);
      expect(f.year).toBeGreaterThanOrEqual(1960);
      expect(f.year).toBeLessThanOrEqual(2005);
      for (const k of ['unit', 'measures', 'section', 'description', 'source'] as const) expect(f[k].length).toBeGreaterThan(0);
      expect(f.source).toBe('Perez-Aleman 2005');
      if (f.role === 'calibration' || f.role === 'heldOut') expect(f.tolerance).toBeDefined();
    }
  });

  it('cover the brief: tomato and salmon counts, dates, exports, shares', () => {
    const byId = new Map(facts.map((f) => [f.id, f.value]));
    expect(byId.get('tomato-suppliers-1995')).toBe(5000);
    expect(byId.get('salmon-firms-1997')).toBe(219);
    expect(byId.get('salmon-exports-t-2000')).toBe(206000);
    expect(byId.get('salmon-apstc-founders')).toBe(17);
    expect(byId.get('chile-copper-1980')).toBe(0.5);
  });

  it('every compared fact names a metric the model records or a run statistic', () => {
    const metrics = { tomato: simulate('tomato', { seed: 1 }).metrics, salmon: simulate('salmon', { seed: 1 }).metrics };
    for (const f of facts.filter((x) => x.role === 'calibration' || x.role === 'heldOut')) {
      const known = STATISTICS.includes(f.metric) || metrics[f.case as 'tomato' | 'salmon'].includes(f.metric);
      expect(known, `${f.id} -> ${f.metric}`).toBe(true);
    }
  });

  it('input facts set the parameters they describe', () => {
    const value = (id: string) => facts.find((f) => f.id === id)!.value;
    expect(parameters['state.pilotYear'].defaults.tomato).toBe(value('tomato-pilot-start'));
    expect(parameters['foreign.tutelageSlots'].defaults.tomato).toBe(value('tomato-japan-tutelage-firms'));
    expect(parameters['foreign.tutelageYears'].defaults.tomato).toBe(value('tomato-japan-tutelage-years'));
    expect(parameters['state.programStart'].defaults.salmon).toBe(value('salmon-sernap-jica-start'));
    expect(parameters['state.researchPublicShare'].defaults.salmon).toBe(value('salmon-intesal-public-share'));
  });
});
