/**
 * Several typed-array columns of the same length in one ArrayBuffer. A typed array of more than 64
 * bytes has its own off-heap backing store: allocating one, and freeing it once unreachable (done
 * by the collector's sweeper, on other threads), costs far more than its zero-filling. A model run
 * that sets up tens of columns (an agent table's fields, a network's node and edge columns) paid
 * that once per column; packed, it pays it once per group. The columns are ordinary typed arrays
 * (views), zero-filled like fresh ones, so the values a model computes with them do not change.
 */

/** Element types a column can have. */
export type ColumnType = 'f64' | 'f32' | 'i32' | 'u32' | 'i16' | 'u16' | 'i8' | 'u8';

/** The typed array each column type is stored in. */
export interface ColumnArrays {
  f64: Float64Array;
  f32: Float32Array;
  i32: Int32Array;
  u32: Uint32Array;
  i16: Int16Array;
  u16: Uint16Array;
  i8: Int8Array;
  u8: Uint8Array;
}

type AnyColumn = ColumnArrays[ColumnType];
type ColumnConstructor = { new (buffer: ArrayBuffer, byteOffset: number, length: number): AnyColumn; readonly BYTES_PER_ELEMENT: number };

export const COLUMN_CONSTRUCTORS: Record<ColumnType, ColumnConstructor> = {
  f64: Float64Array,
  f32: Float32Array,
  i32: Int32Array,
  u32: Uint32Array,
  i16: Int16Array,
  u16: Uint16Array,
  i8: Int8Array,
  u8: Uint8Array,
};

/**
 * Zero-filled columns of `length` elements each, of the given types, in one buffer (each column
 * starts at a multiple of 8 bytes). When `from` is given, each new column starts with the values
 * of the column at the same position in it (as many as fit): how a group grows.
 */
export function packedColumns(types: readonly ColumnType[], length: number, from?: readonly AnyColumn[]): AnyColumn[] {
  const offsets: number[] = [];
  let bytes = 0;
  for (const type of types) {
    offsets.push(bytes);
    bytes += Math.ceil((length * COLUMN_CONSTRUCTORS[type].BYTES_PER_ELEMENT) / 8) * 8;
  }
  const buffer = new ArrayBuffer(bytes);
  return types.map((type, i) => {
    const column = new COLUMN_CONSTRUCTORS[type](buffer, offsets[i], length);
    const old = from?.[i];
    if (old) column.set(old.length <= length ? old : old.subarray(0, length));
    return column;
  });
}
