import { describe, expect, it } from 'vitest';
import { calibrate, gridPoints, sweep, targetLoss } from '../../dist/src/experiments';

describe('parameter sweeps', () => {
  it('visits every combination in order, last parameter fastest', async () => {
    expect(gridPoints({ a: [1, 2], b: ['x', 'y', 'z'] })).toEqual([
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
      { a: 1, b: 'z' },
      { a: 2, b: 'x' },
      { a: 2, b: 'y' },
      { a: 2, b: 'z' },
    ]);
    const out = await sweep(
      { 'mechanisms.association': [true, false], rate: [0.1, 0.2] },
      async (p) => (p['mechanisms.association'] ? 1 : 0) + (p.rate as number),
    );
    expect(out.map((o) => o.result)).toEqual([1.1, 1.2, 0.1, 0.2]);
    await expect(sweep({ a: [] }, () => 0)).rejects.toThrow(/'a' must list at least one value/);
  });
});

describe('calibration', () => {
  const loss = (p: Record<string, number>) => (p.a - 0.3) ** 2 + (p.b - 0.7) ** 2;

  it('finds the minimum of a known loss by seeded random search, reproducibly', async () => {
    const options = { ranges: { a: [0, 1], b: [0, 1] } as Record<string, [number, number]>, loss, samples: 400, seed: 3 };
    const r = await calibrate(options);
    expect(r.trials.length).toBe(400);
    expect(Math.abs(r.best.a - 0.3)).toBeLessThan(0.08);
    expect(Math.abs(r.best.b - 0.7)).toBeLessThan(0.08);
    expect(r.bestLoss).toBe(Math.min(...r.trials.map((t) => t.loss)));
    expect((await calibrate(options)).best).toEqual(r.best);
    expect((await calibrate({ ...options, seed: 4 })).best).not.toEqual(r.best);
  });

  it('finds a grid point exactly when it lies on the grid', async () => {
    const r = await calibrate({ ranges: { a: [0, 0.6], b: [0.7, 1.4] }, loss, method: 'grid', steps: 3 });
    expect(r.trials.length).toBe(9);
    expect(r.best).toEqual({ a: 0.3, b: 0.7 });
    expect(r.bestLoss).toBe(0);
  });

  it('scores misses against targets in units of tolerance', () => {
    const targets = [
      { name: 'firms1997', value: 219, tolerance: 30 },
      { name: 'share2000', value: 0.25, tolerance: 0.05, weight: 2 },
    ];
    const sim: Record<string, number> = { firms1997: 249, share2000: 0.2 };
    expect(targetLoss(targets, (t) => sim[t.name])).toBeCloseTo(1 + 2 * 1, 12);
    expect(() => targetLoss([{ name: 'x', value: 1, tolerance: 0 }], () => 1)).toThrow(/tolerance of 'x'/);
  });

  it('rejects bad ranges and options', async () => {
    await expect(calibrate({ ranges: { a: [1, 0] }, loss })).rejects.toThrow(/range of 'a'/);
    await expect(calibrate({ ranges: {}, loss })).rejects.toThrow(/at least one parameter/);
    await expect(calibrate({ ranges: { a: [0, 1] }, loss, method: 'anneal' as 'grid' })).rejects.toThrow(/method must be/);
  });
});
