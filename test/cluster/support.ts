/** Helpers for the second model's tests: seeded ensembles and medians of one metric or statistic. */
import type { RunRecord } from '../../dist/src/engine/recorder';
import { caseScenarioValues, runCluster } from '../../dist/src/cluster/index';
import { replicationSeed } from '../../dist/src/engine/rng';
import { parameterDraws, parameterSource } from '../../dist/src/calibration/store';
import { getModel } from '../../dist/src/index';

export type Case = 'tomato' | 'salmon';

export function runs(c: Case, set: Record<string, unknown> = {}, seeds = 24, scenario?: string): RunRecord[] {
  const values = caseScenarioValues(c, scenario, set as never);
  const out: RunRecord[] = [];
  for (let i = 0; i < seeds; i++) out.push(runCluster(c, values, replicationSeed(7, i)).record);
  return out;
}

/**
 * Runs at the committed posterior: run i at posterior draw i (systematic resampling by weight, as
 * `targets` picks them) and seed i, with `set` on top. Fails when no posterior file matches the
 * model's fingerprint, so a stale posterior cannot pass for one.
 */
export function posteriorRuns(c: Case, set: Record<string, unknown> = {}, count = 24): RunRecord[] {
  const model = getModel(c);
  const source = parameterSource(model);
  if (source.kind !== 'posterior') throw new Error(`${c}: ${source.note}`);
  return parameterDraws(model, source, count, model.resolve(), 0).map(
    (draw, i) => runCluster(c, model.resolve({ ...draw, ...set } as never), replicationSeed(7, i)).record,
  );
}

export function at(r: RunRecord, metric: string, year: number): number {
  const m = r.metrics.indexOf(metric);
  if (m < 0) throw new RangeError(`no metric ${metric}`);
  return r.values[m * r.years.length + r.years.indexOf(year)];
}

/** First year the metric passes `test`, or the year after the run when it never does. */
export function firstYear(r: RunRecord, metric: string, test: (v: number) => boolean): number {
  const m = r.metrics.indexOf(metric);
  const ny = r.years.length;
  for (let y = 0; y < ny; y++) if (test(r.values[m * ny + y])) return r.years[y];
  return r.years[ny - 1] + 1;
}

/** Median of the finite values (a metric is NaN in runs where it does not exist, e.g. no members). */
export function median(xs: number[]): number {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) >> 1] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
}

export const medianAt = (rs: RunRecord[], metric: string, year: number) => median(rs.map((r) => at(r, metric, year)));
