import { describe, expect, it } from 'vitest';
import { getModel, replicationSeed } from '../../dist/src/index';
import { posteriorTargets } from '../../dist/src/calibration/targets';
import { factValues, scoredFacts } from '../../dist/src/calibration/facts';
import { withinTolerance } from '../../dist/src/data/facts';

describe('posteriorTargets: runs within tolerance, and facts met together', () => {
  it('is the share of single runs whose value meets the fact, beside the median pass', async () => {
    const tomato = getModel('tomato');
    const n = 12;
    const result = await posteriorTargets(tomato, { seeds: n, useDefaults: true, workers: 1 });
    const facts = scoredFacts(tomato);
    const base = tomato.resolve({});
    const runs = Array.from({ length: n }, (_, i) => factValues(tomato, facts, tomato.run(base, replicationSeed('0', i)).record));
    facts.forEach((f, j) => {
      const within = runs.filter((v) => withinTolerance(v[j], f.fact.value, f.fact.tolerance!)).length;
      const row = result.rows.find((r) => r.id === f.fact.id)!;
      expect(row.runsWithin).toBeCloseTo(within / n, 12);
    });
    // Not a restatement of the pass: some fact is met by a share of runs other than all or none.
    expect(result.rows.some((r) => r.runsWithin > 0 && r.runsWithin < 1)).toBe(true);
    // Facts met together by one run.
    const isCalibration = facts.map((f) => f.timeRole === 'calibration');
    const met = runs.map((v) => facts.map((f, j) => withinTolerance(v[j], f.fact.value, f.fact.tolerance!)));
    const calibrationMet = met.map((ok) => ok.filter((x, j) => x && isCalibration[j]).length);
    const calibrationFacts = isCalibration.filter(Boolean).length;
    expect(result.singleRuns).toEqual({
      calibrationFacts,
      meetingAllCalibration: calibrationMet.filter((k) => k === calibrationFacts).length,
      mostCalibrationMet: Math.max(...calibrationMet),
      mostMet: Math.max(...met.map((ok) => ok.filter(Boolean).length)),
    });
  });
});
