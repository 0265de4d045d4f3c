/** Parameter sweeps: every combination of the listed values, evaluated in a fixed order. */

/** Values to try per parameter, e.g. `{ 'mechanisms.association': [true, false], tutelageYears: [0, 5] }`. */
export type Grid = Record<string, readonly unknown[]>;

export interface SweepResult<R> {
  point: Record<string, unknown>;
  result: R;
}

/** Every combination of the grid's values, last parameter varying fastest. */
export function gridPoints(grid: Grid): Record<string, unknown>[] {
  const names = Object.keys(grid);
  for (const name of names) {
    if (!Array.isArray(grid[name]) || grid[name].length === 0) throw new RangeError(`sweep: '${name}' must list at least one value`);
  }
  let points: Record<string, unknown>[] = [{}];
  for (const name of names) {
    const next: Record<string, unknown>[] = [];
    for (const p of points) for (const v of grid[name]) next.push({ ...p, [name]: v });
    points = next;
  }
  return points;
}

/** Evaluates `evaluate` at every grid point (awaiting it when it returns a promise), in order. */
export async function sweep<R>(grid: Grid, evaluate: (point: Record<string, unknown>) => R | Promise<R>): Promise<SweepResult<R>[]> {
  const out: SweepResult<R>[] = [];
  for (const point of gridPoints(grid)) out.push({ point, result: await evaluate(point) });
  return out;
}
