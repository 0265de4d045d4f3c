import { describe, expect, it } from 'vitest';
import { valueAt } from '../../dist/src/simulation/targets';
import { getModel } from '../../dist/src/index';

const COUNT = { tomato: 'processors', salmon: 'farms' } as const;
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

/** The year the established cluster stands (before this change the start was the first year). */
function startYear(values: Record<string, unknown>, first: number): number {
  return typeof values['start.year'] === 'number' ? (values['start.year'] as number) : first;
}

describe('the established-cluster start (H4)', () => {
  for (const c of ['tomato', 'salmon'] as const) {
    const model = getModel(c);
    const established = model.resolve({}, 'established');
    const Y = startYear(established, model.years[0]);

    it(`${c}: is the cluster the model itself grows, with every mechanism on, up to the start year`, () => {
      const aggl = model.resolve({}, 'established-agglomeration-only');
      for (const seed of [1, 2, 3]) {
        const everything = model.run(established, seed).record;
        const baseline = model.run(model.resolve(), seed).record;
        const alone = model.run(aggl, seed).record;
        const upTo = (r: typeof everything) => r.metrics.flatMap((m) => r.years.filter((y) => y <= Y).map((y) => valueAt(r, m, y)));
        // Every mechanism on throughout is the baseline itself; agglomeration alone shares its run-up.
        expect(Array.from(everything.values)).toEqual(Array.from(baseline.values));
        expect(upTo(alone)).toEqual(upTo(everything));
        expect(alone.events.some((e) => e.kind === 'start' && e.year === Y)).toBe(true);
      }
    });

    it(`${c}: is stable with every mechanism on: no jump from the start, and output never falls below half (20 seeds)`, () => {
      const jumps: number[] = [];
      let sustained = 0;
      for (const seed of SEEDS) {
        const r = model.run(established, seed).record;
        const start = valueAt(r, COUNT[c], Y);
        const output = valueAt(r, 'exportTonnes', Y);
        let lowest = Infinity;
        for (let y = Y + 1; y <= model.years[1]; y++) lowest = Math.min(lowest, valueAt(r, 'exportTonnes', y));
        if (output > 0 && lowest >= 0.5 * output) sustained++;
        // A state consistent with the model's dynamics does not set off an entry wave or a collapse.
        if (start >= 5) {
          let most = 0;
          for (let y = Y + 1; y <= Y + 3; y++) most = Math.max(most, valueAt(r, COUNT[c], y));
          jumps.push(most / start);
        }
      }
      jumps.sort((a, b) => a - b);
      expect(jumps.length).toBeGreaterThanOrEqual(8);
      expect(jumps[Math.floor(jumps.length / 2)]).toBeLessThanOrEqual(2);
      expect(sustained / SEEDS.length).toBeGreaterThanOrEqual(0.8);
    });
  }

  it('refuses a start year outside the run, naming the parameter', () => {
    const salmon = getModel('salmon');
    expect(() => salmon.run(salmon.resolve({ 'start.year': 2003 }, 'established'), 1)).toThrow(/'start\.year' must be in \[1969, 2002\]/);
  });
});
