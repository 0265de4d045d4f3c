import { describe, expect, it } from 'vitest';
import { Recorder } from '../../dist/src/engine/recorder';
import { runDistance } from '../../dist/src/calibration/pipeline';
import { compareModels, comparisonText, patternsFor, salmonPatterns, tomatoPatterns } from '../../dist/src/hypotheses';
import { scoredFacts } from '../../dist/src/calibration/facts';
import { getModel } from '../../dist/src/index';

const METRICS = ['top20Share', 'associationMembers', 'exportValueUSDm', 'foreignOwnedFirms', 'farms', 'foreignInTop10', 'diseaseLoss'];

/** A salmon-shaped record, 1969-2003, with the series given (every other metric 0). */
function constructed(series: Record<string, (year: number) => number>) {
  const rec = new Recorder({ startYear: 1969, endYear: 2003, metrics: METRICS });
  for (let year = 1969; year <= 2003; year++) for (const m of METRICS) rec.record(m, year, series[m]?.(year) ?? 0);
  return rec.toRecord(1);
}

const pattern = (id: string) => salmonPatterns.find((p) => p.id === id)!;

const TOMATO_METRICS = ['processors', 'foreignOwnedProcessors', 'suppliers', 'associationMembers', 'exportReadyFirms', 'perceptionError'];

/** A tomato-shaped record, 1965-1995, with the series given (every other metric 0). */
function tomatoRun(series: Record<string, (year: number) => number>) {
  const rec = new Recorder({ startYear: 1965, endYear: 1995, metrics: TOMATO_METRICS });
  for (let year = 1965; year <= 1995; year++) for (const m of TOMATO_METRICS) rec.record(m, year, series[m]?.(year) ?? 0);
  return rec.toRecord(1);
}

const tomatoPattern = (id: string) => tomatoPatterns.find((p) => p.id === id)!;

describe('patterns that tell LBM from the rival', () => {
  it('reads a constructed run whose answers are known', () => {
    // The paper's concentration path (0.65 in 1997, 0.85 in 2002) is produced; a flat one is not.
    const rising = constructed({ top20Share: (y) => (y < 1997 ? 0.5 : 0.65 + ((y - 1997) * 0.2) / 5) });
    const flat = constructed({ top20Share: () => 0.65 });
    expect(pattern('P3').test(rising)).toBe(true);
    expect(pattern('P3').test(flat)).toBe(false);
    // An association founded in 1986 while exports (US$1,000M in 2003) are still US$40M precedes the boom.
    const exports = (y: number) => (y < 1990 ? 40 : 40 + ((y - 1990) * 960) / 13);
    const early = constructed({ associationMembers: (y) => (y >= 1986 ? 17 : 0), exportValueUSDm: exports });
    const late = constructed({ associationMembers: (y) => (y >= 2000 ? 17 : 0), exportValueUSDm: exports });
    const never = constructed({ exportValueUSDm: exports });
    expect(pattern('P4').test(early)).toBe(true);
    expect(pattern('P4').test(late)).toBe(false);
    expect(pattern('P4').test(never)).toBe(false);
    // Mostly Chilean-owned in 1990: 5 foreign of 100 farms, 1 in the top 10.
    const local = constructed({ farms: () => 100, foreignOwnedFirms: () => 5, foreignInTop10: () => 1 });
    const foreignLed = constructed({ farms: () => 100, foreignOwnedFirms: () => 40, foreignInTop10: () => 6 });
    expect(pattern('P1').test(local)).toBe(true);
    expect(pattern('P1').test(foreignLed)).toBe(false);
    // No farms at all is no cluster, Chilean or not.
    expect(pattern('P1').test(constructed({}))).toBe(false);
  });

  it('reads constructed tomato runs as Section 3.1 tells them', () => {
    // The paper's path: 2 processors in 1985 and 9 in 1995, one of them foreign; export-ready from
    // 1982; FEPACH from 1989; growers from 210 to 5,000.
    const paper = tomatoRun({
      processors: (y) => (y < 1985 ? 2 : 2 + Math.round(((y - 1985) * 7) / 10)),
      foreignOwnedProcessors: (y) => (y >= 1993 ? 1 : 0),
      suppliers: (y) => (y < 1985 ? 210 : 210 + ((y - 1985) * 4790) / 10),
      exportReadyFirms: (y) => (y >= 1982 ? 2 : 0),
      associationMembers: (y) => (y >= 1989 ? 6 : 0),
    });
    for (const id of ['T1', 'T2', 'T3', 'T4', 'T6']) expect(tomatoPattern(id).test(paper), id).toBe(true);
    // Foreign-led: foreign processors first and most, no association, the network not widening.
    const foreignLed = tomatoRun({
      processors: (y) => (y < 1985 ? 2 : 6),
      foreignOwnedProcessors: (y) => (y < 1980 ? 0 : y < 1985 ? 1 : 4),
      suppliers: (y) => (y < 1985 ? 210 : 630),
      exportReadyFirms: (y) => (y >= 1982 ? 1 : 0),
    });
    for (const id of ['T1', 'T2', 'T3', 'T4', 'T6']) expect(tomatoPattern(id).test(foreignLed), id).toBe(false);
    // No processors in 1995 is no industry, Chilean or not.
    expect(tomatoPattern('T1').test(tomatoRun({ processors: (y) => (y < 1990 ? 1 : 0) }))).toBe(false);
    // An association founded before any firm is export-ready is not the paper's sequence.
    const earlyAssociation = tomatoRun({ exportReadyFirms: (y) => (y >= 1982 ? 1 : 0), associationMembers: (y) => (y >= 1975 ? 3 : 0) });
    expect(tomatoPattern('T3').test(earlyAssociation)).toBe(false);
    // Gaps seen half as badly in 1995 as in 1985, or not.
    expect(tomatoPattern('T5').test(tomatoRun({ perceptionError: (y) => (y < 1985 ? 0.2 : 0.2 - ((y - 1985) * 0.12) / 10) }))).toBe(true);
    expect(tomatoPattern('T5').test(tomatoRun({ perceptionError: () => 0.2 }))).toBe(false);
  });

  it('gives each case and its rival their own patterns', () => {
    for (const name of ['salmon', 'foreign-imitation']) expect(patternsFor(getModel(name))).toBe(salmonPatterns);
    for (const name of ['tomato', 'tomato-foreign-imitation']) expect(patternsFor(getModel(name))).toBe(tomatoPatterns);
    expect(patternsFor(getModel('arthur-urn'))).toEqual([]);
  });

  it('measures a run against facts in tolerances, a missing quantity at the cap', () => {
    const facts = scoredFacts(getModel('salmon'));
    const exact = facts.map((f) => f.fact.value);
    const all = facts.map(() => true);
    expect(runDistance(facts, exact, all)).toBe(0);
    const oneOff = exact.map((v, i) => (i === 0 ? v + 2 * facts[0].scale : v));
    expect(runDistance(facts, oneOff, all)).toBeCloseTo(Math.sqrt(4 / facts.length), 10);
    const missing = exact.map((v, i) => (i === 0 ? NaN : v));
    expect(runDistance(facts, missing, all)).toBeCloseTo(Math.sqrt(100 / facts.length), 10);
    expect(
      runDistance(
        facts,
        exact,
        facts.map(() => false),
      ),
    ).toBeNaN();
  });
});

describe('compareModels', () => {
  const defaults = (name: string) => ({ kind: 'defaults' as const, note: `${name} defaults (test)` });
  const sources = { salmon: defaults('salmon'), 'foreign-imitation': defaults('foreign-imitation') };

  it('compares the LBM model and the rival on the same facts, roles and seeds (small budget)', async () => {
    const r = await compareModels(['salmon', 'foreign-imitation'], { draws: 2, seeds: 2, seed: 5, workers: 1, sources });
    expect(r.models).toEqual(['salmon', 'foreign-imitation']);
    expect(r.fingerprints[0]).not.toBe(r.fingerprints[1]);
    expect(r.distances.map((d) => `${d.group}/${d.scope}`)).toEqual([
      'calibration/all',
      'calibration/both produce',
      'heldOutByKind/all',
      'heldOutByKind/both produce',
      'heldOutByTime/all',
      'heldOutByTime/both produce',
    ]);
    // The rival never has an association, so its founding year is not among the facts both produce.
    expect(r.distances[1].facts).toBeLessThan(r.distances[0].facts);
    for (const d of r.distances) {
      expect(d.facts).toBeGreaterThan(0);
      for (let k = 0; k < 2; k++) {
        expect(d.p05[k]).toBeLessThanOrEqual(d.median[k]);
        expect(d.median[k]).toBeLessThanOrEqual(d.p95[k]);
      }
    }
    const roles = new Set(r.facts.map((f) => f.role));
    expect([...roles].sort()).toEqual(['calibration', 'heldOutByKind', 'heldOutByTime']);
    expect(r.patterns.map((p) => p.id)).toEqual(salmonPatterns.map((p) => p.id));
    for (const p of r.patterns) for (const s of p.share) expect(s >= 0 && s <= 1).toBe(true);
    // The rival has no association, so it never organises before the boom.
    expect(r.patterns.find((p) => p.id === 'P4')!.share[1]).toBe(0);
    expect(comparisonText(r)).toMatch(/## Patterns stated in advance/);
    // Same seed, same numbers.
    const again = await compareModels(['salmon', 'foreign-imitation'], { draws: 2, seeds: 2, seed: 5, workers: 1, sources });
    expect(JSON.stringify(again)).toBe(JSON.stringify(r));
  });

  it('compares tomato and its rival on the tomato patterns', async () => {
    const tomatoSources = { tomato: defaults('tomato'), 'tomato-foreign-imitation': defaults('tomato-foreign-imitation') };
    const r = await compareModels(['tomato', 'tomato-foreign-imitation'], { draws: 2, seeds: 2, seed: 5, workers: 1, sources: tomatoSources });
    expect(r.patterns.map((p) => p.id)).toEqual(tomatoPatterns.map((p) => p.id));
    expect(r.patterns.find((p) => p.id === 'T3')!.share[1]).toBe(0);
  });

  it('refuses models of different cases, naming them', async () => {
    await expect(compareModels(['salmon', 'tomato'], { draws: 1, seeds: 1 })).rejects.toThrow(/'tomato' does not have the same facts/);
    await expect(compareModels(['salmon'], { draws: 1, seeds: 1 })).rejects.toThrow(/at least two models/);
  });
});
