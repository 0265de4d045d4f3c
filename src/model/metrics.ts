/**
 * The yearly metrics of each case (the list plus a few the paper's held-out facts need),
 * computed from the world at the end of a year into the recorder: no allocation beyond one sort of
 * a reused scratch buffer.
 */
import type { World } from './world';

export const TOMATO_METRICS = [
  'processors', 'suppliers', 'foreignOwnedProcessors', 'exportTonnes', 'exportValueUSDm', 'associationMembers',
  'meanCapability', 'standard', 'reputation', 'contractShare', 'tutoredFirms',
] as const;

export const SALMON_METRICS = [
  'firms', 'foreignOwnedFirms', 'exportTonnes', 'exportValueUSDm', 'worldShare', 'associationMembers', 'top20Share',
  'meanCapability', 'standard', 'reputation', 'foreignInTop10', 'memberOutputShare', 'top42Share', 'diseaseLoss',
] as const;

/** Units and a short label for each metric, for tables and plots. */
export const METRIC_INFO: Record<string, { label: string; unit: string }> = {
  processors: { label: 'Large processors', unit: 'firms' },
  firms: { label: 'Salmon firms', unit: 'firms' },
  suppliers: { label: 'Growers supplying processors', unit: 'growers' },
  foreignOwnedProcessors: { label: 'Foreign-owned processors', unit: 'firms' },
  foreignOwnedFirms: { label: 'Foreign-owned firms', unit: 'firms' },
  exportTonnes: { label: 'Exports', unit: 'tonnes per year' },
  exportValueUSDm: { label: 'Export value', unit: 'USD million per year' },
  worldShare: { label: 'Share of world farmed salmon', unit: 'share' },
  associationMembers: { label: 'Association members', unit: 'firms' },
  top20Share: { label: 'Export share of the 20 largest firms', unit: 'share' },
  top42Share: { label: 'Output share of the 42 largest firms', unit: 'share' },
  meanCapability: { label: 'Mean capability', unit: '0..1 (1 = world frontier)' },
  standard: { label: 'Association standard', unit: '0..1' },
  reputation: { label: 'Country reputation', unit: '0..1' },
  contractShare: { label: 'Growers on forward contracts', unit: 'share' },
  tutoredFirms: { label: 'Firms under foreign tutelage', unit: 'firms' },
  foreignInTop10: { label: 'Foreign-owned among the 10 largest exporters', unit: 'firms' },
  memberOutputShare: { label: 'Output share of association members', unit: 'share' },
  diseaseLoss: { label: 'Output lost to disease', unit: 'share' },
};

/** Share of `values[0..n)` held by its `k` largest entries (sorts the buffer in place). */
function topShare(buf: Float64Array, n: number, k: number, total: number): number {
  if (total <= 0 || n === 0) return 0;
  const view = buf.subarray(0, n);
  view.sort();
  let s = 0;
  for (let j = n - 1; j >= 0 && j >= n - k; j--) s += view[j];
  return s / total;
}

export function recordYear(w: World, caseName: 'tomato' | 'salmon'): void {
  const r = w.recorder;
  const y = w.year;
  const f = w.firms;
  const fc = f.cols;
  let n = 0;
  let foreign = 0;
  let members = 0;
  let capSum = 0;
  let memberOut = 0;
  let exporters = 0;
  let tutored = 0;
  w.ensureScratch(f.end);
  const buf = w.scratch;
  // Columns read into locals: the table's column object is too large for fast property access.
  const { foreign: isForeign, member, capability, output, tutorLeft, exported } = fc;
  const alive = f.alive;
  for (let i = 0, end = f.end; i < end; i++) {
    if (!alive[i]) continue;
    n++;
    foreign += isForeign[i];
    members += member[i];
    capSum += capability[i];
    if (member[i]) memberOut += output[i];
    if (tutorLeft[i] > 0) tutored++;
    if (exported[i] > 0) buf[exporters++] = exported[i];
  }
  const common = (name: string, v: number) => r.record(name, y, v);
  common('exportTonnes', w.exportTonnes);
  common('exportValueUSDm', w.exportValue / 1e6);
  common('associationMembers', members);
  common('meanCapability', n > 0 ? capSum / n : 0);
  common('standard', w.standard);
  common('reputation', w.reputation);
  if (caseName === 'tomato') {
    common('processors', n);
    common('suppliers', w.suppliers.count);
    common('foreignOwnedProcessors', foreign);
    let contracts = 0;
    const s = w.suppliers;
    for (let k = 0; k < s.end; k++) if (s.alive[k]) contracts += s.cols.contract[k];
    common('contractShare', s.count > 0 ? contracts / s.count : 0);
    common('tutoredFirms', tutored);
    return;
  }
  const mk = w.params.market;
  const rest = mk.restOfWorldT1990 * Math.exp(mk.restOfWorldGrowth * (y - 1990));
  common('firms', n);
  common('foreignOwnedFirms', foreign);
  common('worldShare', w.totalOutput > 0 ? w.totalOutput / (w.totalOutput + rest) : 0);
  common('memberOutputShare', w.totalOutput > 0 ? memberOut / w.totalOutput : 0);
  common('diseaseLoss', w.diseaseLoss);
  common('foreignInTop10', foreignAmongLargest(w, 10));
  common('top20Share', topShare(buf, exporters, 20, w.exportTonnes));
  let outputs = 0;
  for (let i = 0, end = f.end; i < end; i++) if (alive[i]) buf[outputs++] = output[i];
  common('top42Share', topShare(buf, outputs, 42, w.totalOutput));
}

/** Foreign-owned firms among the `k` largest exporters (k passes of selection; k is small). */
function foreignAmongLargest(w: World, k: number): number {
  const f = w.firms;
  const { exported, foreign } = f.cols;
  const alive = f.alive;
  let count = 0;
  let ceiling = Infinity;
  for (let pass = 0; pass < k; pass++) {
    let best = -1;
    let bestValue = 0;
    for (let i = 0, end = f.end; i < end; i++) {
      const x = exported[i];
      if (!alive[i] || x <= 0 || x >= ceiling) continue;
      if (best < 0 || x > bestValue) {
        best = i;
        bestValue = x;
      }
    }
    if (best < 0) break;
    ceiling = bestValue;
    count += foreign[best];
  }
  return count;
}
