import { describe, expect, it } from 'vitest';
import { runSchelling, SchellingModel, SCHELLING_LARGE, SCHELLING_SMALL } from '../../dist/src/engine/examples/schelling';

function series(record: { years: number[]; metrics: string[]; values: Float64Array }, metric: string): number[] {
  const m = record.metrics.indexOf(metric);
  return Array.from(record.values.subarray(m * record.years.length, (m + 1) * record.years.length));
}

describe('Schelling model on the engine', () => {
  it('segregates: the share of similar neighbours and of happy agents rise, on every seed', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const run = runSchelling(SCHELLING_SMALL, seed);
      const similar = series(run, 'similarShare');
      const happy = series(run, 'happyShare');
      // Random placement gives about one half similar neighbours; segregation pushes it well up.
      expect(similar[0]).toBeLessThan(0.6);
      expect(similar[19]).toBeGreaterThan(similar[0] + 0.2);
      expect(happy[19]).toBeGreaterThan(happy[0] + 0.2);
    }
  });

  it('keeps agents, groups and cells consistent after a large run', () => {
    const model = new SchellingModel(SCHELLING_LARGE, 11);
    model.run();
    const grid = model.groupGrid();
    expect(grid.length).toBe(100 * 100);
    expect(grid.filter((g) => g === 1).length).toBe(4000);
    expect(grid.filter((g) => g === 2).length).toBe(4000);
    const { cell, group } = model.people.cols;
    for (let id = 0; id < 8000; id++) {
      expect(model.cellAgent[cell[id]]).toBe(id);
      expect(model.cellGroup[cell[id]]).toBe(group[id]);
    }
  });

  it('is a pure function of its seed', () => {
    expect(Array.from(runSchelling(SCHELLING_SMALL, 9).values)).toEqual(Array.from(runSchelling(SCHELLING_SMALL, 9).values));
    expect(Array.from(runSchelling(SCHELLING_SMALL, 9).values)).not.toEqual(Array.from(runSchelling(SCHELLING_SMALL, 10).values));
  });

  it('rejects impossible configurations by name', () => {
    expect(() => runSchelling({ ...SCHELLING_SMALL, agents: 1600 }, 1)).toThrow(/agents must be an integer in 1\.\.1599/);
    expect(() => runSchelling({ ...SCHELLING_SMALL, radius: 0 }, 1)).toThrow(/radius/);
  });
});
