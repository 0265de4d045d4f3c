/**
 * The paper's facts beside the second model: for each calibration or held-out fact of a case, the
 * median and 5-95% band over seeds of the matching metric in the fact's year, or of a run
 * statistic (the founding year of the association, the turning point), and whether the median is
 * within the fact's tolerance. Tolerances and facts come from src/data/facts.ts.
 */
import type { ParamValues, ParamValue } from '../engine/model';
import type { RunRecord } from '../engine/recorder';
import { replicationSeed } from '../engine/rng';
import { facts, type Fact } from '../data/facts';
import { quantileSorted } from '../experiments/quantiles';
import { toleranceText, withinTolerance } from '../model/targets';
import { resolveParams } from './params';
import { runCluster } from './run';
import { clusterSchema, type CaseName } from './schema';
import { salmonModel, tomatoModel } from './models';

function firstYear(r: RunRecord, metric: string, test: (v: number) => boolean): number {
  const m = r.metrics.indexOf(metric);
  if (m < 0) return NaN;
  const ny = r.years.length;
  for (let y = 0; y < ny; y++) if (test(r.values[m * ny + y])) return r.years[y];
  return NaN;
}

function valueAt(r: RunRecord, metric: string, year: number): number {
  const m = r.metrics.indexOf(metric);
  const y = r.years.indexOf(year);
  return m < 0 || y < 0 ? NaN : r.values[m * r.years.length + y];
}

/** Run statistics of this model (one number per run; NaN when it never happens). */
const STATISTICS: Record<string, (r: RunRecord) => number> = {
  associationFoundedYear: (r) => firstYear(r, 'associationMembers', (v) => v > 0),
  associationFoundingMembers: (r) => {
    const y = firstYear(r, 'associationMembers', (v) => v > 0);
    return Number.isNaN(y) ? NaN : valueAt(r, 'associationMembers', y);
  },
  // The first year a firm's lots pass foreign buyers' requirement at least half the time.
  turningPointYear: (r) => firstYear(r, 'exportReadyFirms', (v) => v > 0),
  firstFarmYear: (r) => firstYear(r, 'farms', (v) => v > 0),
  researchInstituteYear: (r) => r.events.find((e) => e.kind === 'research')?.year ?? NaN,
};

export function runValue(f: Fact, r: RunRecord): number {
  const stat = STATISTICS[f.metric];
  return stat ? stat(r) : valueAt(r, f.metric, f.year);
}

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
  const s = scenario ? def.scenarios!.find((x) => x.name === scenario) : undefined;
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
    .filter((f) => f.case === c && (f.role === 'calibration' || f.role === 'heldOut') && (f.metric in STATISTICS || metrics.includes(f.metric)))
    .map((f) => {
      const vals = runs.map((r) => runValue(f, r)).filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
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
