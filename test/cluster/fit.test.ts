/**
 * The hand calibration as a regression guard: over 100 seeds, the medians of at least 9 of the 12
 * calibration facts are within tolerance (11 of 12 when it was committed; salmon's 1989 export
 * value is the known miss, docs/model.md section 8). The founding assembly (2 December 2026) moved
 * two more out at the defaults, tomato's 1985 growers and 1995 processors; the defaults were not
 * tuned again by hand, since the calibrated state of the model is its ABC posterior
 * (docs/calibration.md, "The founding assembly"). Held-out facts are reported there, not
 * required here. The hand calibration was tuned toward the 12 facts listed below; four facts held
 * out then (the tomato turning point, salmon firms 1980, the APSTC's founders and 2002 members)
 * have since become calibration facts of the ABC fit (docs/calibration.md), which the guard of the
 * defaults does not change.
 */
import { describe, expect, it } from 'vitest';
import { caseScenarioValues, fitTable } from '../../dist/src/cluster/index';
import { runSeeds } from '../../dist/src/cluster/fit';

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
  it('at least 9 of the 12 calibration facts are within tolerance', () => {
    const rows = (['tomato', 'salmon'] as const).flatMap((c) => fitTable(c, runSeeds(c, caseScenarioValues(c), 100)));
    const calibration = rows.filter((r) => HAND_TUNED.includes(r.id));
    expect(calibration.length).toBe(12);
    const missed = calibration.filter((r) => !r.pass).map((r) => `${r.id}: paper ${r.value}, model ${r.median}`);
    expect(missed.length, missed.join('; ')).toBeLessThanOrEqual(3);
    expect(rows.length).toBe(26);
  });
});
