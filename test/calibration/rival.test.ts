import { describe, expect, it } from 'vitest';
import { calibratePipeline } from '../../dist/src/calibration/pipeline';
import { calibrationText } from '../../dist/src/calibration/store';
import { scoredFacts } from '../../dist/src/calibration/facts';
import { ASSOCIATION_ONLY } from '../../dist/src/cluster/rival';
import { getModel } from '../../dist/src/index';
import { scenarios } from '../../dist/src/models';

describe.each([
  ['foreign-imitation', 'salmon'],
  ['tomato-foreign-imitation', 'tomato'],
])('the rival %s as a model of its own', (rivalName, caseName) => {
  const rival = getModel(rivalName);
  const base = getModel(caseName);

  it(`is the ${caseName} model with the rival switch on and no association, with its own fingerprint and the same facts and roles`, () => {
    const d = rival.defaults();
    expect(d['mechanisms.foreignImitation']).toBe(true);
    expect(d['mechanisms.association']).toBe(false);
    expect(rival.fingerprint).not.toBe(base.fingerprint);
    expect(rival.derivedFrom).toBe(caseName);
    expect(rival.rivalOf).toBe(caseName);
    expect(scenarios().find((x) => x.name === rivalName)).toMatchObject({ kind: 'rival', case: caseName });
    expect(scenarios().find((x) => x.name === caseName)).toMatchObject({ kind: 'case' });
    const roles = (m: typeof rival) => scoredFacts(m).map((f) => [f.fact.id, f.role, f.timeRole]);
    expect(roles(rival)).toEqual(roles(base));
  });

  it("explores the rival's own mechanism and not the numbers that act only through the association", () => {
    expect(rival.parameter('foreign.imitationAccess').explore).toBeDefined();
    expect(base.parameter('foreign.imitationAccess').explore).toBeUndefined();
    const dropped = base.parameters.filter((p) => p.explore && ASSOCIATION_ONLY(p.path));
    expect(dropped.length).toBeGreaterThan(10);
    for (const p of dropped) expect(rival.parameter(p.path).explore).toBeUndefined();
    for (const p of ['entry.foreignShare', 'entry.foreignLevel', 'foreign.growthBonus']) expect(rival.parameter(p).explore).toBeDefined();
  });

  it('leaves out only numbers that change nothing in the rival (same seed, same record at both ends of their range)', () => {
    const values = rival.resolve();
    for (const p of base.parameters.filter((x) => x.explore && ASSOCIATION_ONLY(x.path))) {
      const [low, high] = p.explore!;
      const a = rival.run({ ...values, [p.path]: low }, 11).record;
      const b = rival.run({ ...values, [p.path]: high }, 11).record;
      expect(Array.from(a.values), p.path).toEqual(Array.from(b.values));
    }
  }, 60_000);
});

describe('the salmon rival calibration', () => {
  const rival = getModel('foreign-imitation');

  it('calibrates reproducibly from its seed, whatever the number of workers, screening its own parameters (small budget)', async () => {
    const options = { budget: 96, kept: 24, trajectories: 2, predictive: 4, seed: 7 };
    const one = await calibratePipeline(rival, { ...options, workers: 1 });
    const two = await calibratePipeline(rival, { ...options, workers: 2 });
    expect(calibrationText(two)).toBe(calibrationText(one));
    expect(one.model).toBe('foreign-imitation');
    expect(one.fingerprint).toBe(rival.fingerprint);
    const screened = one.screening.rows.map((r) => r.parameter);
    expect(screened).toContain('foreign.imitationAccess');
    expect(screened.filter((p) => ASSOCIATION_ONLY(p))).toEqual([]);
    const other = await calibratePipeline(rival, { ...options, seed: 8, workers: 1 });
    expect(calibrationText(other)).not.toBe(calibrationText(one));
  }, 600_000);
});
