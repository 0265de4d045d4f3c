import { describe, expect, it } from 'vitest';
import { defineModel } from '../../dist/src/engine/define';
import { Recorder } from '../../dist/src/engine/recorder';
import { createRng } from '../../dist/src/engine/rng';
import {
  hypotheses,
  hypothesesText,
  measureValue,
  verdictsAcross,
  verdictsAcrossText,
  type HypothesesResult,
  type HypothesisSpec,
} from '../../dist/src/hypotheses';
import { getModel } from '../../dist/src/index';

/** z = 5 + 3 (when `big` is on) + noise; `none` changes nothing; `flip` raises z by 2 when off. */
const synthetic = defineModel({
  name: 'switches-synthetic',
  description: 'one switch with a large effect, one with none',
  years: [2000, 2001],
  parameters: ['big', 'none', 'flip'].map((p) => ({ path: p, kind: 'boolean' as const, default: true, unit: '', meaning: p, source: 'assumption' })),
  metrics: [{ name: 'z', label: 'z', unit: '' }],
  run(p, seed) {
    const rng = createRng(seed);
    const rec = new Recorder({ startYear: 2000, endYear: 2001, metrics: ['z'] });
    for (const year of [2000, 2001]) rec.record('z', year, 5 + (p.big ? 3 : 0) + (p.flip ? 0 : 2) + rng.normal(0, 1));
    return { record: rec.toRecord(seed) };
  },
});

const spec = (id: string, set: Record<string, boolean>, over: Partial<HypothesisSpec> = {}): HypothesisSpec => ({
  id,
  statement: `${id} lowers z`,
  measure: { kind: 'value', metric: 'z', year: 2001 },
  measureText: 'z in 2001',
  baseline: { label: 'baseline' },
  alternative: { label: id, set },
  predicts: 'lower',
  ...over,
});

describe('verdicts across calibrations', () => {
  const result = (
    posterior: string | undefined,
    verdicts: Record<string, [number, HypothesesResult['rows'][number]['verdict']]>,
    model = 'm',
    fingerprint = 'f',
  ) =>
    ({
      model,
      fingerprint,
      source: posterior ? 'posterior' : 'defaults',
      sourceNote: '',
      ...(posterior ? { posterior } : {}),
      varied: [],
      draws: 2,
      seeds: 1,
      rule: '',
      rows: Object.entries(verdicts).map(([id, [estimate, verdict]]) => ({ id, measure: `${id} measure`, estimate, verdict })),
    }) as unknown as HypothesesResult;

  it('lines up each hypothesis under every calibration and says whether the verdicts agree', () => {
    const a = verdictsAcross([
      result('one.json', { H1: [-3, 'supported'], H2: [-1, 'inconclusive'] }),
      result('two.json', { H1: [-2.5, 'supported'], H2: [-2, 'supported'] }),
      result(undefined, { H1: [-2, 'supported'], H2: [0.5, 'inconclusive'] }),
    ]);
    expect(a.calibrations).toEqual(['one.json', 'two.json', 'defaults']);
    expect(a.rows).toEqual([
      { id: 'H1', measure: 'H1 measure', estimates: [-3, -2.5, -2], verdicts: ['supported', 'supported', 'supported'], same: true },
      { id: 'H2', measure: 'H2 measure', estimates: [-1, -2, 0.5], verdicts: ['inconclusive', 'supported', 'inconclusive'], same: false },
    ]);
    expect(a.sameCount).toBe(1);
    const text = verdictsAcrossText(a);
    expect(text).toMatch(/^# m over 3 calibrations \(1: one\.json, 2: two\.json, 3: defaults\): 1 of 2 verdicts the same under every one$/m);
    expect(text).toMatch(/^H2 +-1 \/ -2 \/ 0\.5 +inconclusive \/ supported \/ inconclusive +no$/m);
    const bundle = (a as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for('jupyter.mimebundle')]();
    expect(bundle['text/plain']).toBe(text);
  });

  it('refuses fewer than two results, results of different models or builds, and a hypothesis missing from one', () => {
    const one = result('one.json', { H1: [-3, 'supported'] });
    expect(() => verdictsAcross([one])).toThrow(/at least two calibrations, got 1/);
    expect(() => verdictsAcross([one, result('x.json', { H1: [-3, 'supported'] }, 'other')])).toThrow(/one model as built now; got 'm' and 'other'/);
    expect(() => verdictsAcross([one, result('x.json', { H1: [-3, 'supported'] }, 'm', 'g')])).toThrow(/fingerprints f, g/);
    expect(() => verdictsAcross([one, result('x.json', { H2: [-3, 'supported'] })])).toThrow(/hypothesis H1 is missing from the result of x\.json/);
  });
});

describe('hypotheses', () => {
  it('measures a run: value, mean, first year above a level (censored), deepest fall below the start', () => {
    const rec = new Recorder({ startYear: 1969, endYear: 1973, metrics: ['firms'] });
    [100, 8, 30, 120, 150].forEach((v, i) => {
      rec.record('firms', 1969 + i, v);
    });
    const r = rec.toRecord(1);
    expect(measureValue({ kind: 'value', metric: 'firms', year: 1971 }, r)).toBe(30);
    expect(measureValue({ kind: 'mean', metric: 'firms', from: 1970, to: 1971 }, r)).toBe(19);
    expect(measureValue({ kind: 'firstYear', metric: 'firms', above: 110 }, r)).toBe(1972);
    expect(measureValue({ kind: 'firstYear', metric: 'firms', above: 1000 }, r)).toBe(1974);
    // The count ends above its start but fell to 8% of it on the way: not sustained.
    expect(measureValue({ kind: 'minRatio', metric: 'firms', ofYear: 1969 }, r)).toBeCloseTo(0.08, 12);
    expect(() => measureValue({ kind: 'value', metric: 'farms', year: 1971 }, r)).toThrow(/no metric 'farms'/);
  });

  it('supports a large effect, is inconclusive about a zero one, contradicts an opposite one, and checks preconditions', async () => {
    const r = await hypotheses(synthetic, {
      specs: [
        spec('big', { big: false }),
        spec('none', { none: false }),
        spec('flip', { flip: false }),
        spec(
          'level',
          { big: false },
          { effect: 'level', reference: 100, predicts: 'higher', precondition: { share: 0.5, text: 'z reaches 100 in the baseline' } },
        ),
      ],
      draws: 10,
      seeds: 4,
      source: { kind: 'defaults', note: 'defaults (test)' },
    });
    const row = (id: string) => r.rows.find((x) => x.id === id)!;
    expect(row('big')).toMatchObject({ verdict: 'supported', supportShare: 1, pairs: 40 });
    expect(row('big').estimate).toBeCloseTo(-3, 6);
    expect(row('none')).toMatchObject({ verdict: 'inconclusive', estimate: 0, p05: 0, p95: 0, supportShare: 0 });
    expect(row('flip')).toMatchObject({ verdict: 'contradicted', supportShare: 0 });
    expect(row('level').verdict).toBe('not tested');
    expect(row('level').note).toMatch(/precondition failed: z reaches 100 in the baseline/);
    expect(r.source).toBe('defaults');
    const text = hypothesesText(r);
    expect(text).toMatch(/verdict: supported when at least 90%/);
    expect(text).toMatch(/^big .* supported$/m);
    // Shown in a notebook as a table; JSON unchanged.
    const bundle = (r as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for('jupyter.mimebundle')]();
    expect(bundle['text/plain']).toBe(text);
    expect(bundle['text/html']).toMatch(/<tr><td>big<\/td>.*<td>supported<\/td><\/tr>/);
    expect(Object.keys(JSON.parse(JSON.stringify(r)))).toEqual(['model', 'fingerprint', 'source', 'sourceNote', 'varied', 'draws', 'seeds', 'rule', 'rows']);
  });

  it('draws a varied parameter once per posterior draw, the same in both arms of a pair', async () => {
    // z = 5 + shift + 3 (big on) + noise, the noise the seed's alone: a pair's effect is -3 exactly
    // when both arms ran at the same shift, whatever the shift.
    const shifted = defineModel({
      name: 'shift-synthetic',
      description: 'a switch and a number the calibration does not fix',
      years: [2000, 2001],
      parameters: [
        { path: 'big', kind: 'boolean', default: true, unit: '', meaning: 'big', source: 'assumption' },
        { path: 'shift', kind: 'number', default: 0, min: -10, max: 10, explore: [-5, 5], unit: '', meaning: 'shift', source: 'assumption' },
      ],
      metrics: [{ name: 'z', label: 'z', unit: '' }],
      run(p, seed) {
        const rng = createRng(seed);
        const rec = new Recorder({ startYear: 2000, endYear: 2001, metrics: ['z'] });
        for (const year of [2000, 2001]) rec.record('z', year, 5 + Number(p.shift) + (p.big ? 3 : 0) + rng.normal(0, 1));
        return { record: rec.toRecord(seed) };
      },
    });
    const options = { specs: [spec('big', { big: false })], draws: 12, seeds: 3, source: { kind: 'defaults' as const, note: 'defaults (test)' } };
    const fixed = await hypotheses(shifted, options);
    const varied = await hypotheses(shifted, { ...options, vary: ['shift'] });
    expect(varied.varied).toEqual([{ path: 'shift', low: -5, high: 5 }]);
    expect(varied.sourceNote).toBe('defaults (test); drawn uniformly for each draw: shift -5-5');
    expect(varied.rows[0]).toMatchObject({ verdict: 'supported', supportShare: 1, pairs: 36 });
    expect(varied.rows[0].p05).toBeCloseTo(-3, 9);
    expect(varied.rows[0].p95).toBeCloseTo(-3, 9);
    // The shift reached the runs: the baseline's level moved off the default's.
    expect(Math.abs(varied.rows[0].baselineMedian - fixed.rows[0].baselineMedian)).toBeGreaterThan(0.05);
    await expect(hypotheses(shifted, { ...options, vary: ['shift=-20:0'] })).rejects.toThrow(/vary shift: -20:0 leaves the parameter's range \[-10, 10\]/);
  });

  it('is the same with one worker or two on a built-in model, and names a missing spec', async () => {
    const tomato = getModel('tomato');
    const specs = [spec('no-association', { 'mechanisms.association': false })].map((s) => ({
      ...s,
      measure: { kind: 'value' as const, metric: 'exportTonnes', year: 1995 },
    }));
    const one = await hypotheses(tomato, { specs, draws: 2, seeds: 2, workers: 1 });
    const two = await hypotheses(tomato, { specs, draws: 2, seeds: 2, workers: 2 });
    expect(two.rows).toEqual(one.rows);
    await expect(hypotheses(synthetic)).rejects.toThrow(/no hypotheses are specified for model 'switches-synthetic'/);
  }, 120_000);
});
