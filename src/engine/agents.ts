/**
 * Agents as a structure of arrays: one typed-array column per declared field, a row per agent.
 * Rows of removed agents go on a free list and are reused, so long runs with entry and exit do not
 * grow memory; when the table is full its columns double. Hot loops read columns directly:
 *
 *   const { capability } = firms.cols;
 *   for (let i = 0; i < firms.end; i++) if (firms.alive[i]) capability[i] += 0.1;
 *
 * Columns are replaced when the table grows, so fetch `cols` again after calling `add`. All of a
 * table's columns share one buffer (packedColumns), allocated once per table and per doubling.
 */
import { COLUMN_CONSTRUCTORS, packedColumns, type ColumnArrays, type ColumnType } from './columns';

/** Element types a field can have. */
export type FieldType = ColumnType;

/** The typed array each field type is stored in. */
export type ColumnTypes = ColumnArrays;

/** A table's schema: field name -> element type, e.g. `{ capability: 'f64', owner: 'i32' }`. */
export type Schema = Record<string, FieldType>;

/** The columns of a table with schema S. */
export type Columns<S extends Schema> = { [K in keyof S]: ColumnTypes[S[K]] };

/** Initial values for a new row (fields left out start at 0). */
export type RowValues<S extends Schema> = Partial<Record<keyof S, number>>;

type AnyTypedArray = ColumnTypes[FieldType];

export class AgentTable<S extends Schema> {
  readonly schema: S;
  /** One typed array per field, indexed by row id. Replaced (grown) by `add` when full. */
  cols: Columns<S>;
  /** 1 where the row holds a live agent. */
  alive: Uint8Array;
  /** Live agents. */
  count = 0;
  /** One past the highest row ever used: loops run `for (i = 0; i < end; i++) if (alive[i])`. */
  end = 0;
  private free: Int32Array;
  private freeCount = 0;
  private readonly fieldNames: (keyof S & string)[];
  /** The column types of the fields, then of `alive` and `free`. */
  private readonly types: ColumnType[];

  constructor(schema: S, initialCapacity = 64) {
    const names = Object.keys(schema) as (keyof S & string)[];
    for (const name of names) {
      if (!(schema[name] in COLUMN_CONSTRUCTORS)) {
        throw new RangeError(`AgentTable: field '${name}' has type '${schema[name]}'; allowed: ${Object.keys(COLUMN_CONSTRUCTORS).join(', ')}`);
      }
    }
    if (!Number.isInteger(initialCapacity) || initialCapacity < 1) {
      throw new RangeError(`AgentTable: initialCapacity must be an integer >= 1, got ${initialCapacity}`);
    }
    this.schema = schema;
    this.fieldNames = names;
    this.types = [...names.map((name) => schema[name]), 'u8', 'i32'];
    const columns = packedColumns(this.types, initialCapacity);
    const cols = {} as Record<string, AnyTypedArray>;
    names.forEach((name, i) => (cols[name] = columns[i]));
    this.cols = cols as Columns<S>;
    this.alive = columns[names.length] as Uint8Array;
    this.free = columns[names.length + 1] as Int32Array;
  }

  /** Rows allocated (live, free or never used). */
  get capacity(): number {
    return this.alive.length;
  }

  /** Adds an agent and returns its row id; reuses the most recently freed row first. */
  add(values?: RowValues<S>): number {
    let id: number;
    if (this.freeCount > 0) {
      id = this.free[--this.freeCount];
    } else {
      if (this.end === this.capacity) this.grow(this.capacity * 2);
      id = this.end++;
    }
    this.alive[id] = 1;
    this.count++;
    const cols = this.cols as Record<string, AnyTypedArray>;
    for (const name of this.fieldNames) cols[name][id] = 0;
    if (values) {
      for (const name in values) {
        const col = cols[name];
        if (!col) throw new RangeError(`AgentTable.add: unknown field '${name}'; fields: ${this.fieldNames.join(', ')}`);
        col[id] = values[name] as number;
      }
    }
    return id;
  }

  /** Removes the agent in row `id`; its row will be reused by a later `add`. */
  remove(id: number): void {
    if (!this.isAlive(id)) throw new RangeError(`AgentTable.remove: row ${id} holds no live agent`);
    this.alive[id] = 0;
    this.count--;
    this.free[this.freeCount++] = id;
  }

  isAlive(id: number): boolean {
    return id >= 0 && id < this.end && this.alive[id] === 1;
  }

  /** Calls `visit(id)` for every live agent in row order. */
  forEach(visit: (id: number) => void): void {
    const alive = this.alive;
    for (let i = 0, n = this.end; i < n; i++) if (alive[i]) visit(i);
  }

  /**
   * Writes the ids of live agents into `out` (grown if too short) and returns the filled view.
   * Pass the same buffer every step; shuffle the view for random order. `fillIds` is the form
   * that allocates nothing at all.
   */
  ids(out?: Int32Array): Int32Array {
    const buffer = out && out.length >= this.count ? out : new Int32Array(Math.max(this.count, 16));
    return buffer.subarray(0, this.fillIds(buffer));
  }

  /** Writes the ids of live agents into `out` (length >= count) and returns how many there are. */
  fillIds(out: Int32Array): number {
    if (out.length < this.count) throw new RangeError(`AgentTable.fillIds: out has length ${out.length}, needs >= count (${this.count})`);
    let k = 0;
    const alive = this.alive;
    for (let i = 0, n = this.end; i < n; i++) if (alive[i]) out[k++] = i;
    return k;
  }

  /** Sum of a numeric field over live agents. */
  sum(field: keyof S): number {
    const col = this.cols[field] as AnyTypedArray;
    const alive = this.alive;
    let s = 0;
    for (let i = 0, n = this.end; i < n; i++) if (alive[i]) s += col[i];
    return s;
  }

  /** Removes every agent, keeping the allocated columns. */
  clear(): void {
    this.alive.fill(0, 0, this.end);
    this.count = 0;
    this.end = 0;
    this.freeCount = 0;
  }

  /** One live agent as a plain object (for display and debugging, not for hot loops). */
  row(id: number): Record<keyof S, number> {
    if (!this.isAlive(id)) throw new RangeError(`AgentTable.row: row ${id} holds no live agent`);
    const out = {} as Record<keyof S, number>;
    const cols = this.cols as Record<string, AnyTypedArray>;
    for (const name of this.fieldNames) out[name] = cols[name][id];
    return out;
  }

  private grow(capacity: number): void {
    const cols = this.cols as Record<string, AnyTypedArray>;
    const names = this.fieldNames;
    const columns = packedColumns(this.types, capacity, [...names.map((name) => cols[name]), this.alive, this.free]);
    names.forEach((name, i) => (cols[name] = columns[i]));
    this.alive = columns[names.length] as Uint8Array;
    this.free = columns[names.length + 1] as Int32Array;
  }
}

/** A new agent table with the given schema. */
export function defineAgents<S extends Schema>(schema: S, initialCapacity = 64): AgentTable<S> {
  return new AgentTable(schema, initialCapacity);
}
