/**
 * The hand calibration as a regression guard: over 100 seeds, the medians of at least 8 of the 12
 * calibration facts are within tolerance (11 of 12 when it was committed; salmon's 1989 export
 * value is the known miss, docs/model.md section 8). The founding assembly (2 December 2026) moved
 * two more out at the defaults, tomato's 1985 growers and 1995 processors; foreign entry on
 * reputation and growth bound by raw material (the eleventh calibration, the same day) leave four
 * out here: FEPACH's year, salmon's 1985 and 1987 farms and the 1989 value; with spin-offs that wait
 * for proof (the fifteenth calibration, 3 December) three: FEPACH's year and the 1985 and 1987 farms
 * (22 and 42.5 at these seeds). The defaults were not
 * tuned again by hand, since the calibrated state of the model is its ABC posterior, guarded by the
 * second test below (docs/calibration.md). Held-out facts are reported there, not required here.
 * The hand calibration was tuned toward the 12 facts listed below; four facts held out then (the
 * tomato turning point, salmon firms 1980, the APSTC's founders and 2002 members) have since become
 * calibration facts of the ABC fit, which the guard of the defaults does not change.
 */
import { describe, expect, it } from 'vitest';
import { caseScenarioValues, fitTable } from '../../dist/src/cluster/index';
import { runSeeds } from '../../dist/src/cluster/fit';
import { posteriorTargets } from '../../dist/src/calibration/targets';
import { getModel } from '../../dist/src/index';
import { whereTheFitStands } from '../docs/whereTheFitStands';

/** Facts met over the committed posteriors at the sixteenth calibration (docs/calibration.md, "Where the fit stands"). */
const POSTERIOR_FACTS = 24;

const HAND_TUNED = [
  'tomato-processors-1985',
  'tomato-suppliers-1985',
  'tomato-processors-1995',
  'tomato-suppliers-1995',
  'tomato-fepach-founded',
  'salmon-firms-1985',
  'salmon-firms-1987',
  'salmon-firms-1997',
  'salmon-apstc-founded',
  'salmon-exports-usd-1989',
  'salmon-exports-t-1990',
  'salmon-exports-t-2000',
];

describe('cluster v2: fit to the calibration facts (100 seeds)', () => {
  it('at least 8 of the 12 calibration facts are within tolerance', () => {
    const rows = (['tomato', 'salmon'] as const).flatMap((c) => fitTable(c, runSeeds(c, caseScenarioValues(c), 100)));
    const calibration = rows.filter((r) => HAND_TUNED.includes(r.id));
    expect(calibration.length).toBe(12);
    const missed = calibration.filter((r) => !r.pass).map((r) => `${r.id}: paper ${r.value}, model ${r.median}`);
    expect(missed.length, missed.join('; ')).toBeLessThanOrEqual(4);
    expect(rows.length).toBe(26);
  });
});

// The calibrated state of the model is its committed posterior (docs/calibration.md). Its fit, as
// `npx clusterlab targets <case> --seeds 100` measures it, is guarded here: a change to a process
// that leaves the schema (and so the posterior's fingerprint) as it was, yet loses a fact, fails.
describe('cluster v2: fit over the committed posteriors (100 runs each)', () => {
  // One set of runs for both tests: what `npx clusterlab targets <case> --seeds 100` measures.
  const measured = (async () => {
    const cases: Record<string, { met: number; facts: number; missed: string[] }> = {};
    for (const c of ['tomato', 'salmon']) {
      const { rows, source } = await posteriorTargets(getModel(c), { seeds: 100, workers: 1 });
      expect(source, `${c} has a posterior for this version of the model`).toBe('posterior');
      const missed = rows.filter((r) => !r.pass).map((r) => `${r.id}: paper ${r.value}, model ${r.median}`);
      cases[c] = { met: rows.length - missed.length, facts: rows.length, missed };
    }
    return cases;
  })();

  it(`at least ${POSTERIOR_FACTS} of the 26 facts are within tolerance`, async () => {
    const { tomato, salmon } = await measured;
    expect(tomato.met + salmon.met, [...tomato.missed, ...salmon.missed].join('; ')).toBeGreaterThanOrEqual(POSTERIOR_FACTS);
  });

  it('docs/calibration.md ("Where the fit stands") gives the count measured', async () => {
    const headline = /\*\*(\d+) of (\d+)\*\*,\s+salmon\s+(\d+)\s+of\s+(\d+)\s+and\s+tomato\s+(\d+)\s+of\s+(\d+)/.exec(whereTheFitStands());
    expect(headline, 'the headline "**N of M**, salmon a of b and tomato c of d"').not.toBeNull();
    const [, met, total, salmonMet, salmonTotal, tomatoMet, tomatoTotal] = headline!.map(Number);
    const { tomato, salmon } = await measured;
    expect({ salmon: [salmon.met, salmon.facts], tomato: [tomato.met, tomato.facts] }).toEqual({
      salmon: [salmonMet, salmonTotal],
      tomato: [tomatoMet, tomatoTotal],
    });
    expect([met, total]).toEqual([salmonMet + tomatoMet, salmonTotal + tomatoTotal]);
  });
});
