/**
 * Runs a model at many parameter points, each with its own seed, on worker threads when the model
 * names the module it lives in (a model defined in a cell runs here, with the same results). Each
 * run is a pure function of (values, seed), so the results never depend on the number of workers.
 */
import type { Model } from '../engine/define';
import type { ParamValue, ParamValues } from '../engine/model';
import type { RunRecord } from '../engine/recorder';
import type { ModuleTask } from '../experiments/ensemble';
import { WorkerPool } from '../experiments/pool';
import { loadModel } from '../simulation/replicate';

/** Points as rows of values for `paths`, on top of complete `base` values. */
export interface PointBatch {
  base: ParamValues;
  paths: readonly string[];
  /** Row i: the values of `paths` at point i. */
  rows: readonly (readonly number[])[];
  seeds: readonly number[];
}

interface PointArgs {
  modelPath: string;
  exportName: string;
  base: ParamValues;
  paths: string[];
  rows: number[][];
}

/** `base` with `paths` set to the values of `row`, unchecked (the model's run checks them). */
export function valuesAt(base: ParamValues, paths: readonly string[], row: readonly number[]): ParamValues {
  const v: Record<string, ParamValue> = { ...base };
  paths.forEach((p, j) => {
    v[p] = row[j];
  });
  return v;
}

/** Worker entry (through loadModuleTask): runs row `index` of the batch it is sent. */
export function runPoint(args: PointArgs, seed: number, index: number): RunRecord {
  return loadModel(args.modelPath, args.exportName).run(valuesAt(args.base, args.paths, args.rows[index]), seed).record;
}

/** Values are rounded where the schema says integer or year, as `model.resolve` would refuse fractions. */
export function roundRow(model: Model, paths: readonly string[], row: readonly number[]): number[] {
  return row.map((x, j) => {
    const kind = model.parameter(paths[j]).kind;
    return kind === 'integer' || kind === 'year' ? Math.round(x) : x;
  });
}

/** One row per draw at `paths` (rounded as `roundRow` does), each repeated for `replicates` seeds, draw by draw. */
export function drawRows(model: Model, paths: readonly string[], draws: readonly ParamValues[], replicates: number): number[][] {
  const rows: number[][] = [];
  for (const draw of draws) {
    const row = roundRow(
      model,
      paths,
      paths.map((p) => draw[p] as number),
    );
    for (let j = 0; j < replicates; j++) rows.push(row);
  }
  return rows;
}

/**
 * Runs every point and hands each record to `reduce` (so only numbers, not records, are kept);
 * results in point order. `onDone` is called with the number of points finished so far.
 */
export async function runPoints<T>(
  model: Model,
  batch: PointBatch,
  reduce: (record: RunRecord, index: number) => T,
  options: { workers?: number; pool?: WorkerPool; chunk?: number; onDone?: (done: number) => void } = {},
): Promise<T[]> {
  const n = batch.rows.length;
  if (batch.seeds.length !== n) throw new RangeError(`runPoints: ${n} points but ${batch.seeds.length} seeds`);
  const out = new Array<T>(n);
  const workers = options.workers ?? options.pool?.size ?? 1;
  if (workers <= 1 || !model.module) {
    for (let i = 0; i < n; i++) {
      out[i] = reduce(model.run(valuesAt(batch.base, batch.paths, batch.rows[i]), batch.seeds[i]).record, i);
      options.onDone?.(i + 1);
    }
    return out;
  }
  const pool = options.pool ?? new WorkerPool(workers);
  const chunk = options.chunk ?? 20;
  let next = 0;
  let done = 0;
  const modelModule = model.module;
  // Each worker takes the next chunk when it finishes one, so a slow chunk never idles the others.
  const lane = async (slot: number): Promise<void> => {
    while (next < n) {
      const start = next;
      const end = Math.min(n, start + chunk);
      next = end;
      const task: ModuleTask = {
        module: __filename,
        exportName: 'runPoint',
        args: {
          modelPath: modelModule.path,
          exportName: modelModule.exportName,
          base: batch.base,
          paths: [...batch.paths],
          rows: batch.rows.slice(start, end).map((r) => [...r]),
        } satisfies PointArgs,
      };
      const local = Array.from({ length: end - start }, (_, k) => k);
      const records = await pool.run(slot, task, local, batch.seeds.slice(start, end) as number[]);
      records.forEach((r, k) => {
        out[start + k] = reduce(r, start + k);
      });
      done += end - start;
      options.onDone?.(done);
    }
  };
  try {
    await Promise.all(Array.from({ length: workers }, (_, s) => lane(s)));
  } finally {
    if (!options.pool) await pool.close();
  }
  return out;
}
