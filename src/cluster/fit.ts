/**
 * The paper's facts beside the cluster model: for each calibration or held-out fact of a case, the
 * median and 5-95% band over seeds of the matching metric in the fact's year, or of a run
 * statistic (the founding year of the association, the turning point), and whether the median is
 * within the fact's tolerance. Tolerances and facts come from src/data/facts.ts.
 */
import type { ParamValues, ParamValue } from '../engine/model';
import type { RunRecord } from '../engine/recorder';
import { replicationSeed } from '../engine/rng';
import { facts, toleranceText, withinTolerance, type Fact } from '../data/facts';
import { quantileSorted } from '../experiments/quantiles';
import { clusterRunValue, CLUSTER_STATISTICS } from './statistics';
import { resolveParams } from './params';
import { runCluster } from './run';
import { clusterSchema, type CaseName } from './schema';
import { salmonModel, tomatoModel } from './models';

/** A fact's value in one run (see statistics.ts). */
export const runValue = (f: Fact, r: RunRecord): number => clusterRunValue(f, r);

export interface FitRow {
  id: string;
  metric: string;
  year: number;
  value: number;
  median: number;
  p05: number;
  p95: number;
  /** Runs in which the quantity exists. */
  n: number;
  tolerance: string;
  use: 'calibration' | 'heldOut';
  pass: boolean;
}

/** Complete values of a case's scenario with extra overrides. */
export function caseScenarioValues(c: CaseName, scenario?: string, set?: Record<string, ParamValue>): ParamValues {
  const def = c === 'tomato' ? tomatoModel : salmonModel;
  // `no-state` and `tomato/no-state` name the same scenario.
  const name = scenario?.startsWith(`${c}/`) ? scenario.slice(c.length + 1) : scenario;
  const s = name ? def.scenarios!.find((x) => x.name === name) : undefined;
  if (scenario && !s) throw new RangeError(`no scenario '${scenario}'; scenarios: ${def.scenarios!.map((x) => x.name).join(', ')}`);
  return resolveParams(clusterSchema(c), s?.set, set);
}

/** Runs `seeds` replications (seeds from replicationSeed(master, i)). */
export function runSeeds(c: CaseName, values: ParamValues, seeds: number, master = 1): RunRecord[] {
  const out: RunRecord[] = [];
  for (let i = 0; i < seeds; i++) out.push(runCluster(c, values, replicationSeed(master, i)).record);
  return out;
}

export function fitTable(c: CaseName, runs: readonly RunRecord[]): FitRow[] {
  const metrics = runs[0]?.metrics ?? [];
  return facts
    .filter((f) => f.case === c && (f.role === 'calibration' || f.role === 'heldOut') && (f.metric in CLUSTER_STATISTICS || metrics.includes(f.metric)))
    .map((f) => {
      const vals = runs
        .map((r) => runValue(f, r))
        .filter((v) => Number.isFinite(v))
        .sort((a, b) => a - b);
      const n = vals.length;
      const ok = n > 0 && n >= runs.length / 2;
      const median = ok ? quantileSorted(vals, 0.5) : NaN;
      return {
        id: f.id,
        metric: f.metric,
        year: f.year,
        value: f.value,
        median,
        p05: ok ? quantileSorted(vals, 0.05) : NaN,
        p95: ok ? quantileSorted(vals, 0.95) : NaN,
        n,
        tolerance: toleranceText(f.tolerance!),
        use: f.role as 'calibration' | 'heldOut',
        pass: withinTolerance(median, f.value, f.tolerance!),
      };
    });
}
