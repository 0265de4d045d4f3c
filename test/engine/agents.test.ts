import { describe, expect, it } from 'vitest';
import { defineAgents } from '../../dist/src/engine';

describe('agent tables', () => {
  it('stores declared fields in typed columns and starts new rows at zero', () => {
    const firms = defineAgents({ capability: 'f64', owner: 'i32', member: 'u8' }, 2);
    expect(firms.cols.capability).toBeInstanceOf(Float64Array);
    expect(firms.cols.owner).toBeInstanceOf(Int32Array);
    expect(firms.cols.member).toBeInstanceOf(Uint8Array);
    const a = firms.add({ capability: 0.25, owner: 7 });
    expect(firms.row(a)).toEqual({ capability: 0.25, owner: 7, member: 0 });
  });

  it('grows by doubling and keeps values', () => {
    const t = defineAgents({ x: 'f64' }, 2);
    for (let i = 0; i < 9; i++) t.add({ x: i * 1.5 });
    expect(t.capacity).toBe(16);
    expect(t.count).toBe(9);
    expect(Array.from(t.cols.x.subarray(0, 9))).toEqual(Array.from({ length: 9 }, (_, i) => i * 1.5));
  });

  it('removes agents, reuses their rows, and iterates live agents only', () => {
    const t = defineAgents({ x: 'i32' }, 4);
    const ids = [1, 2, 3, 4, 5].map((x) => t.add({ x }));
    t.remove(ids[1]);
    t.remove(ids[3]);
    expect(t.count).toBe(3);
    expect(t.isAlive(ids[1])).toBe(false);
    const seen: number[] = [];
    t.forEach((i) => seen.push(t.cols.x[i]));
    expect(seen).toEqual([1, 3, 5]);
    expect(t.sum('x')).toBe(9);
    // Most recently freed row first, and it is reset to zero before new values.
    const again = t.add();
    expect(again).toBe(ids[3]);
    expect(t.cols.x[again]).toBe(0);
    expect(t.add({ x: 9 })).toBe(ids[1]);
    expect(t.end).toBe(5);
    const buffer = new Int32Array(16);
    const live = t.ids(buffer);
    expect(live.buffer).toBe(buffer.buffer);
    expect(Array.from(live)).toEqual([0, 1, 2, 3, 4]);
    t.remove(2);
    expect(t.fillIds(buffer)).toBe(4);
    expect(Array.from(buffer.subarray(0, 4))).toEqual([0, 1, 3, 4]);
    expect(() => t.fillIds(new Int32Array(2))).toThrow(/needs >= count \(4\)/);
  });

  it('keeps memory flat over many entries and exits', () => {
    const t = defineAgents({ x: 'f64' }, 8);
    for (let round = 0; round < 1000; round++) {
      const a = t.add({ x: round });
      const b = t.add({ x: -round });
      t.remove(a);
      t.remove(b);
    }
    expect(t.capacity).toBe(8);
    expect(t.count).toBe(0);
  });

  it('rejects bad schemas, unknown fields and double removal', () => {
    expect(() => defineAgents({ x: 'f16' as 'f64' })).toThrow(/field 'x' has type 'f16'/);
    const t = defineAgents({ x: 'f64' });
    expect(() => t.add({ y: 1 } as unknown as { x: number })).toThrow(/unknown field 'y'/);
    const a = t.add();
    t.remove(a);
    expect(() => t.remove(a)).toThrow(/no live agent/);
  });
});
