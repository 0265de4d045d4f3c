/**
 * How the cluster model reads the paper's facts that are not a metric in a year: run statistics,
 * one number per run (NaN when it never happens). The model's definition lists them as
 * `statistics`, so `targets`, calibration and the fit table read every fact the same way.
 */
import type { RunRecord } from '../engine/recorder';

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

export const CLUSTER_STATISTICS: Readonly<Record<string, (r: RunRecord) => number>> = Object.freeze({
  associationFoundedYear: (r: RunRecord) => firstYear(r, 'associationMembers', (v) => v > 0),
  associationFoundingMembers: (r: RunRecord) => {
    const y = firstYear(r, 'associationMembers', (v) => v > 0);
    return Number.isNaN(y) ? NaN : valueAt(r, 'associationMembers', y);
  },
  // The turning point: the first year a firm's lots pass foreign buyers' requirement at least
  // half the time (not the first tonne exported, which a pilot's trial lots can make early).
  turningPointYear: (r: RunRecord) => firstYear(r, 'exportReadyFirms', (v) => v > 0),
  firstFarmYear: (r: RunRecord) => firstYear(r, 'farms', (v) => v > 0),
  researchInstituteYear: (r: RunRecord) => r.events.find((e) => e.kind === 'research')?.year ?? NaN,
});

/** A fact's value in one run: a statistic by name, else the recorded metric in the fact's year. */
export function clusterRunValue(f: { metric: string; year: number }, r: RunRecord): number {
  const stat = CLUSTER_STATISTICS[f.metric];
  return stat ? stat(r) : valueAt(r, f.metric, f.year);
}
