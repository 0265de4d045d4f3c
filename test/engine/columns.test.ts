import { describe, expect, it } from 'vitest';
import { packedColumns } from '../../src/engine/columns';

describe('packedColumns', () => {
  it('gives zero-filled columns of the asked types and length that do not overlap', () => {
    const [a, b, c, d] = packedColumns(['u8', 'f64', 'i16', 'i32'], 5);
    expect([a, b, c, d].map((x) => x.constructor.name)).toEqual(['Uint8Array', 'Float64Array', 'Int16Array', 'Int32Array']);
    expect([a, b, c, d].map((x) => x.length)).toEqual([5, 5, 5, 5]);
    for (const x of [a, b, c, d]) expect(Array.from(x)).toEqual([0, 0, 0, 0, 0]);
    // Fill every column to its last element: no other column may change.
    a.fill(255);
    b.fill(-1.5);
    c.fill(-7);
    d.fill(123456);
    expect(Array.from(a)).toEqual([255, 255, 255, 255, 255]);
    expect(Array.from(b)).toEqual([-1.5, -1.5, -1.5, -1.5, -1.5]);
    expect(Array.from(c)).toEqual([-7, -7, -7, -7, -7]);
    expect(Array.from(d)).toEqual([123456, 123456, 123456, 123456, 123456]);
    expect(b.byteOffset % 8).toBe(0);
  });

  it('grows: each new column starts with the old one, then zeros', () => {
    const old = packedColumns(['f64', 'u8'], 2);
    old[0].set([1, 2]);
    old[1].set([3, 4]);
    const [x, y] = packedColumns(['f64', 'u8'], 4, old);
    expect(Array.from(x)).toEqual([1, 2, 0, 0]);
    expect(Array.from(y)).toEqual([3, 4, 0, 0]);
    expect(x.buffer).toBe(y.buffer);
  });
});
