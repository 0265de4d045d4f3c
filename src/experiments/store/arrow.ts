/** apache-arrow, required on first use: loading it takes about 0.2 s, which the kernel should not pay at start. */
import type * as ArrowModule from 'apache-arrow';
import type { Vector, Utf8 } from 'apache-arrow';

let arrow: typeof ArrowModule | undefined;

export function loadArrow(): typeof ArrowModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!arrow) arrow = require('apache-arrow') as typeof ArrowModule;
  return arrow;
}

/**
 * A Utf8 vector built in one pass (offsets, bytes, validity), much faster than apache-arrow's
 * builder for the many short strings of run rows.
 */
export function utf8Vector(values: readonly (string | null)[]): Vector<Utf8> {
  const { Utf8: Utf8Type, makeData, makeVector } = loadArrow();
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  const encoded: Buffer[] = [];
  const validity = new Uint8Array((n + 7) >> 3);
  let nulls = 0;
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null) nulls++;
    else {
      validity[i >> 3] |= 1 << (i & 7);
      const b = Buffer.from(v, 'utf8');
      encoded.push(b);
      bytes += b.length;
    }
    offsets[i + 1] = bytes;
  }
  const data = new Uint8Array(bytes);
  let at = 0;
  for (const b of encoded) {
    data.set(b, at);
    at += b.length;
  }
  return makeVector(makeData({ type: new Utf8Type(), length: n, nullCount: nulls, nullBitmap: nulls ? validity : undefined, valueOffsets: offsets, data }));
}
