import { describe, expect, it } from 'vitest';
import { getModel } from '../../dist/src/index';
import { valueAt } from '../../dist/src/simulation/targets';

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

/** Sum of a metric over the years and seeds of runs at the given overrides. */
function total(model: string, metric: string, set: Record<string, number>): number {
  const m = getModel(model);
  let sum = 0;
  for (const seed of SEEDS) {
    const r = m.run(m.resolve(set), seed).record;
    for (const y of r.years) sum += valueAt(r, metric, y) || 0;
  }
  return sum;
}

// Numbers that were constants inside processes and are now parameters of the schema: each must be read.
describe('numbers moved from the processes into the schema', () => {
  it("association.initialCredibility is buyers' trust in the seal before any sealed shipment", () => {
    const m = getModel('salmon');
    for (const trust of [0.2, 0.9]) {
      const r = m.run(m.resolve({ 'association.initialCredibility': trust }), 1).record;
      expect(valueAt(r, 'sealCredibility', r.years[0])).toBe(trust);
    }
  });

  it('disease.weakestShare: outbreaks all at full strength lose more salmon output than outbreaks from nothing up', () => {
    expect(total('salmon', 'diseaseLoss', { 'disease.weakestShare': 1 })).toBeGreaterThan(total('salmon', 'diseaseLoss', { 'disease.weakestShare': 0 }));
  });

  it('suppliers.poachRivalsHalf: bidding for growers that bites with the first rival costs tomato exports', () => {
    expect(total('tomato', 'exportTonnes', { 'suppliers.poachRivalsHalf': 0.01 })).toBeLessThan(
      total('tomato', 'exportTonnes', { 'suppliers.poachRivalsHalf': 100 }),
    );
  });
});
