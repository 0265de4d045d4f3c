import { describe, expect, it } from 'vitest';
import { getModel, replicationSeed } from '../../dist/src/index';
import { posteriorTargets } from '../../dist/src/calibration/targets';
import { variedParameter, variedValues } from '../../dist/src/calibration/vary';
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

describe('posteriorTargets --vary: a parameter the calibration leaves fixed, drawn in every run', () => {
  it('runs run i at the i-th draw of the parameter, over its explored range, the same on any number of workers', async () => {
    const tomato = getModel('tomato');
    const n = 8;
    const vary = [variedParameter(tomato, 'market.requirement')];
    const spec = tomato.parameter('market.requirement');
    expect(vary[0]).toEqual({ path: 'market.requirement', low: spec.explore![0], high: spec.explore![1] });
    const result = await posteriorTargets(tomato, { seeds: n, useDefaults: true, vary, workers: 1 });
    const values = variedValues(tomato, vary, '0', n)[0];
    const facts = scoredFacts(tomato);
    const runs = values.map((v, i) => factValues(tomato, facts, tomato.run(tomato.resolve({ 'market.requirement': v }), replicationSeed('0', i)).record));
    facts.forEach((f, j) => {
      const row = result.rows.find((r) => r.id === f.fact.id)!;
      const within = runs.filter((v) => withinTolerance(v[j], f.fact.value, f.fact.tolerance!)).length;
      expect(row.runsWithin).toBeCloseTo(within / n, 12);
    });
    expect(result.varied).toEqual(vary);
    expect(result.sourceNote).toMatch(/drawn uniformly in each run: market\.requirement/);
    const twoWorkers = await posteriorTargets(tomato, { seeds: n, useDefaults: true, vary, workers: 2 });
    expect(twoWorkers.rows).toEqual(result.rows);
    // The draws differ from run to run, so the runs are not those of the default value.
    const fixed = await posteriorTargets(tomato, { seeds: n, useDefaults: true, workers: 1 });
    expect(fixed.rows.map((r) => r.runsWithin)).not.toEqual(result.rows.map((r) => r.runsWithin));
  });

  it('draws integers over the whole numbers of the range, each parameter from its own stream', () => {
    const salmon = getModel('salmon');
    const sites = variedParameter(salmon, 'entry.sites=400:403');
    const alone = variedValues(salmon, [sites], '7', 400)[0];
    expect(new Set(alone)).toEqual(new Set([400, 401, 402, 403]));
    const withAnother = variedValues(salmon, [variedParameter(salmon, 'association.sealFeeUSD'), sites], '7', 400);
    expect(withAnother[1]).toEqual(alone);
    const fee = withAnother[0];
    const [low, high] = salmon.parameter('association.sealFeeUSD').explore!;
    expect(Math.min(...fee)).toBeGreaterThanOrEqual(low);
    expect(Math.max(...fee)).toBeLessThanOrEqual(high);
    expect(variedValues(salmon, [sites], '8', 400)[0]).not.toEqual(alone);
  });

  it('names the field and the allowed range when the request cannot be met', async () => {
    const salmon = getModel('salmon');
    expect(() => variedParameter(salmon, 'entry.sites')).toThrow(
      /entry\.sites: it has no explored range; give one as entry\.sites=low:high within \[1, 100000\]/,
    );
    expect(() => variedParameter(salmon, 'entry.sites=0:600')).toThrow(/0:600 leaves the parameter's range \[1, 100000\]/);
    expect(() => variedParameter(salmon, 'entry.sites=600:400')).toThrow(/low < high, got '600:400'/);
    expect(() => variedParameter(salmon, 'entry.sites=400.2:400.8')).toThrow(/400\.2:400\.8 holds no whole number/);
    expect(new Set(variedValues(salmon, [variedParameter(salmon, 'entry.sites=399.5:401.5')], '1', 200)[0])).toEqual(new Set([400, 401]));
    expect(() => variedParameter(salmon, 'mechanisms.association')).toThrow(/only number and integer parameters/);
    expect(() => variedParameter(salmon, 'entry.nope')).toThrow(/unknown parameter 'entry\.nope'/);
    const sites = variedParameter(salmon, 'entry.sites=400:600');
    await expect(posteriorTargets(salmon, { seeds: 2, vary: [sites], set: { 'entry.sites': 500 }, workers: 1 })).rejects.toThrow(/also set to one value/);
    await expect(posteriorTargets(salmon, { seeds: 2, vary: [sites, sites], useDefaults: true, workers: 1 })).rejects.toThrow(/given twice/);
    const calibrated = variedParameter(salmon, 'market.requirement');
    await expect(posteriorTargets(salmon, { seeds: 2, vary: [calibrated], workers: 1 })).rejects.toThrow(/is calibrated/);
  });
});
