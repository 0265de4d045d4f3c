/**
 * The yearly metrics of the second model, computed at the end of each year into the recorder. The
 * names of the first model's metrics are kept where they mean the same thing (the facts in
 * src/data/facts.ts name them), so the same comparisons work on both.
 */
import type { MetricSpec } from '../engine/model';
import type { Recorder } from '../engine/recorder';
import { K } from './schema';
import type { CaseName } from './schema';
import type { World } from './world';

const COMMON: MetricSpec[] = [
  { name: 'exportTonnes', label: 'Exports', unit: 'tonnes per year' },
  { name: 'exportValueUSDm', label: 'Export value', unit: 'USD million per year' },
  { name: 'unitValueUSDperT', label: 'Export unit value', unit: 'USD per tonne' },
  { name: 'worldPriceUSDperT', label: 'World price of the base product', unit: 'USD per tonne' },
  { name: 'serviceFirms', label: 'Service and input firms', unit: 'firms' },
  { name: 'entries', label: 'Entries of lead firms', unit: 'firms per year' },
  { name: 'exits', label: 'Exits of lead firms (failures and absorptions)', unit: 'firms per year' },
  { name: 'deals', label: 'Acquisitions and consolidations', unit: 'deals per year' },
  { name: 'associationMembers', label: 'Association members', unit: 'firms' },
  { name: 'memberOutputShare', label: 'Output share of association members', unit: 'share' },
  { name: 'certifiedShare', label: 'Output share carrying the seal', unit: 'share' },
  { name: 'top20Share', label: 'Export share of the 20 largest exporters', unit: 'share' },
  { name: 'top4Share', label: 'Export share of the 4 largest exporters', unit: 'share' },
  { name: 'giniSize', label: 'Gini coefficient of lead-firm capacity', unit: '0..1' },
  { name: 'meanCapability', label: 'Mean practice level (1 = world best practice)', unit: '0..1' },
  { name: 'standard', label: 'Association standard (mean practice level)', unit: '0..1' },
  { name: 'reputation', label: 'Country reputation', unit: '0..1' },
  { name: 'sealCredibility', label: "Buyers' trust in the seal", unit: '0..1' },
  { name: 'perceptionError', label: "Mean error of firms' perceived gaps", unit: 'gap' },
  { name: 'memberPerceptionError', label: "Mean error of association members' perceived gaps", unit: 'gap' },
  { name: 'exportReadyFirms', label: 'Firms whose lots buyers accept at least half the time', unit: 'firms' },
  { name: 'meanMargin', label: 'Output-weighted margin of lead firms', unit: 'share of reference revenue' },
  { name: 'knowhow', label: 'Public know-how about the activity', unit: '0..1' },
];

export function metricSpecs(c: CaseName): MetricSpec[] {
  if (c === 'tomato') {
    return [
      { name: 'processors', label: 'Large processors', unit: 'firms' },
      { name: 'suppliers', label: 'Growers supplying processors', unit: 'growers' },
      { name: 'foreignOwnedProcessors', label: 'Foreign-owned processors', unit: 'firms' },
      { name: 'contractShare', label: 'Growers on forward contracts', unit: 'share' },
      { name: 'tutoredFirms', label: 'Firms under foreign tutelage', unit: 'firms' },
      { name: 'supplyLoss', label: 'Raw material lost to rotting, irregular flow and poaching (capacity-weighted)', unit: 'share' },
      ...COMMON,
    ];
  }
  return [
    { name: 'firms', label: "Firms in the cluster (farms with the service and input firms, as in the paper's count of 1997)", unit: 'firms' },
    { name: 'farms', label: 'Salmon farming firms', unit: 'firms' },
    { name: 'foreignOwnedFirms', label: 'Foreign-owned farms', unit: 'firms' },
    { name: 'worldShare', label: 'Share of world farmed salmon', unit: 'share' },
    { name: 'top42Share', label: 'Output share of the 42 largest farms', unit: 'share' },
    { name: 'foreignInTop10', label: 'Foreign-owned among the 10 largest exporters', unit: 'firms' },
    { name: 'diseaseLoss', label: 'Output lost to disease', unit: 'share' },
    ...COMMON,
  ];
}

/** Share of the k largest of the values (sorts them in place). */
function topShare(view: Float64Array, k: number): number {
  const n = view.length;
  view.sort();
  let total = 0;
  for (let j = 0; j < n; j++) total += view[j];
  if (!(total > 0)) return 0;
  let s = 0;
  for (let j = n - 1; j >= 0 && j >= n - k; j--) s += view[j];
  return s / total;
}

/** Gini of the values (sorts them in place). */
function gini(view: Float64Array): number {
  const n = view.length;
  if (n < 2) return 0;
  view.sort();
  let total = 0;
  let weighted = 0;
  for (let j = 0; j < n; j++) {
    total += view[j];
    weighted += (j + 1) * view[j];
  }
  return total > 0 ? (2 * weighted) / (n * total) - (n + 1) / n : 0;
}

const NAMES: Record<CaseName, readonly string[]> = {
  tomato: Object.freeze(metricSpecs('tomato').map((m) => m.name)),
  salmon: Object.freeze(metricSpecs('salmon').map((m) => m.name)),
};

/** The names of the case's metrics (one frozen list, not a new one every run). */
export function metricNames(c: CaseName): readonly string[] {
  return NAMES[c];
}

/** Every built-in metric of both cases, each with its slot in a writer's yearly row. */
const SLOT: Readonly<Record<string, number>> = Object.fromEntries([...new Set([...NAMES.tomato, ...NAMES.salmon])].map((name, slot) => [name, slot]));

const SLOTS = Object.keys(SLOT).length;
/** Each case's metrics' slots, and their indices in a recorder of the case's own list (metric j at j): the same every run. */
const SLOTS_OF: Record<CaseName, Int32Array> = {
  tomato: Int32Array.from(NAMES.tomato, (name) => SLOT[name]),
  salmon: Int32Array.from(NAMES.salmon, (name) => SLOT[name]),
};
const OWN_INDICES: Record<CaseName, Int32Array> = {
  tomato: Int32Array.from(NAMES.tomato, (_, j) => j),
  salmon: Int32Array.from(NAMES.salmon, (_, j) => j),
};

export class MetricWriter {
  /** This year's values by slot: written as plain stores, then copied to the recorder in one loop (no call per value). */
  private readonly row = new Float64Array(SLOTS);
  /** The case's metrics: slot in the row and index in the recorder (read only). */
  private readonly slots: Int32Array;
  private readonly indices: Int32Array;

  constructor(
    private readonly r: Recorder,
    c: CaseName,
  ) {
    const names = metricNames(c);
    this.slots = SLOTS_OF[c];
    // A derived model's recorder lists more metrics: look the case's up there.
    this.indices = r.metrics === names ? OWN_INDICES[c] : Int32Array.from(names, (name) => r.metricIndex(name));
  }

  write(w: World): void {
    const r = this.r;
    const y = w.year;
    const row = this.row;
    const f = w.firms;
    const fc = f.cols;
    const buf = w.scratch;
    let n = 0;
    let foreign = 0;
    let members = 0;
    let memberOut = 0;
    let certOut = 0;
    let levelSum = 0;
    let errSum = 0;
    let memberErr = 0;
    let ready = 0;
    let tutored = 0;
    let growers = 0;
    let marginSum = 0;
    let lossSum = 0;
    let capSum = 0;
    let contracts = 0;
    for (let i = 0; i < f.end; i++) {
      if (!f.alive[i]) continue;
      n++;
      foreign += fc.foreign[i];
      if (fc.member[i]) {
        members++;
        memberOut += fc.output[i];
      }
      if (fc.certified[i]) certOut += fc.output[i];
      for (let k = 0; k < K; k++) {
        levelSum += 1 - w.gap[i * K + k];
        const err = Math.abs(w.perceived[i * K + k] - w.gap[i * K + k]);
        errSum += err;
        if (fc.member[i]) memberErr += err;
      }
      if (fc.acceptance[i] >= 0.5) ready++;
      if (fc.tutorLeft[i] > 0) tutored++;
      growers += fc.growers[i];
      marginSum += fc.margin[i] * fc.output[i];
      lossSum += fc.supplyLoss[i] * fc.capacity[i];
      capSum += fc.capacity[i];
      contracts += fc.growers[i] * fc.contractShare[i];
    }
    const out = w.totalOutput;
    row[SLOT.exportTonnes] = w.exportTonnes;
    row[SLOT.exportValueUSDm] = w.exportValue / 1e6;
    row[SLOT.unitValueUSDperT] = w.exportTonnes > 0 ? w.exportValue / w.exportTonnes : NaN;
    row[SLOT.worldPriceUSDperT] = w.worldPrice;
    row[SLOT.serviceFirms] = w.services;
    row[SLOT.entries] = w.entries;
    row[SLOT.exits] = w.exits;
    row[SLOT.deals] = w.deals;
    row[SLOT.associationMembers] = w.founded ? members : 0;
    row[SLOT.memberOutputShare] = out > 0 && w.founded ? memberOut / out : 0;
    row[SLOT.certifiedShare] = out > 0 ? certOut / out : 0;
    row[SLOT.meanCapability] = n > 0 ? levelSum / (n * K) : 0;
    let st = 0;
    for (let k = 0; k < K; k++) st += w.standard[k] / K;
    row[SLOT.standard] = st;
    row[SLOT.reputation] = w.reputation;
    // Without a seal there is no trust in it to record (the rival, the no-association counterfactuals).
    row[SLOT.sealCredibility] = w.cfg.mechanisms.association && w.cfg.mechanisms.seal ? w.credibility : NaN;
    row[SLOT.perceptionError] = n > 0 ? errSum / (n * K) : 0;
    row[SLOT.memberPerceptionError] = members > 0 ? memberErr / (members * K) : NaN;
    row[SLOT.exportReadyFirms] = ready;
    row[SLOT.knowhow] = w.knowhow;
    row[SLOT.meanMargin] = out > 0 ? marginSum / out : 0;
    let e = 0;
    for (let i = 0; i < f.end; i++) if (f.alive[i] && fc.exported[i] > 0) buf[e++] = fc.exported[i];
    // Both shares from the same exporters (topShare sorts them in place; sorting them again changes nothing).
    const exporters = w.scratchPrefix(e);
    row[SLOT.top20Share] = topShare(exporters, 20);
    row[SLOT.top4Share] = topShare(exporters, 4);
    let s = 0;
    for (let i = 0; i < f.end; i++) if (f.alive[i]) buf[s++] = fc.capacity[i];
    row[SLOT.giniSize] = gini(w.scratchPrefix(s));
    if (w.caseName === 'tomato') {
      row[SLOT.processors] = n;
      row[SLOT.suppliers] = growers;
      row[SLOT.foreignOwnedProcessors] = foreign;
      row[SLOT.contractShare] = growers > 0 ? contracts / growers : 0;
      row[SLOT.tutoredFirms] = tutored;
      row[SLOT.supplyLoss] = capSum > 0 ? lossSum / capSum : NaN;
    } else {
      row[SLOT.firms] = n + w.services;
      row[SLOT.farms] = n;
      row[SLOT.foreignOwnedFirms] = foreign;
      const mk = w.cfg.market;
      const rest = mk.restOfWorldT * Math.exp(mk.restGrowth * (y - mk.priceYear));
      row[SLOT.worldShare] = out > 0 ? out / (out + rest) : 0;
      s = 0;
      for (let i = 0; i < f.end; i++) if (f.alive[i]) buf[s++] = fc.output[i];
      row[SLOT.top42Share] = topShare(w.scratchPrefix(s), 42);
      row[SLOT.foreignInTop10] = foreignAmongLargest(w, 10);
      row[SLOT.diseaseLoss] = w.diseaseLoss;
    }
    for (let j = 0; j < this.slots.length; j++) r.set(this.indices[j], y, row[this.slots[j]]);
    // Sizes for the network view: each firm's capacity at the end of the year.
    for (let i = 0; i < f.end; i++) if (f.alive[i]) w.recordSize(fc.node[i], y, fc.capacity[i]);
  }
}

/** Foreign-owned firms among the k largest exporters (k selection passes; k is small). */
function foreignAmongLargest(w: World, k: number): number {
  const f = w.firms;
  const { exported, foreign } = f.cols;
  let count = 0;
  let ceiling = Infinity;
  let ceilingId = -1;
  for (let pass = 0; pass < k; pass++) {
    let best = -1;
    for (let i = 0; i < f.end; i++) {
      const x = exported[i];
      if (!f.alive[i] || x <= 0) continue;
      if (x > ceiling || (x === ceiling && i <= ceilingId)) continue;
      if (best < 0 || x > exported[best]) best = i;
    }
    if (best < 0) break;
    ceiling = exported[best];
    ceilingId = best;
    count += foreign[best];
  }
  return count;
}
