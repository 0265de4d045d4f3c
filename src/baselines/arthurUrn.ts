/**
 * Arthur's (1990) increasing-returns model of industry location, the agglomeration account the
 * paper argues against (Perez-Aleman 2005, Section 2.1): firms arrive one at a time and pick a region
 * with probability that grows with the firms already there (a generalised Polya urn), plus a
 * natural-advantage weight per region. It produces concentration and lock-in from chance alone,
 * but nothing in it upgrades capabilities or builds institutions: a rival, not a special case.
 */
import { Recorder, type RunRecord } from '../engine/recorder';
import { createRng } from '../engine/rng';
import { defineModel, type Model } from '../engine/define';
import type { ParameterSpec, ParamValues } from '../engine/model';

export interface UrnParams {
  urn: {
    regions: number;
    arrivals: number;
    returns: number;
    advantage: number;
    favoured: number;
  };
}

export const URN_METRICS = ['firms', 'leaderShare', 'herfindahl', 'regionAShare', 'activeRegions'] as const;

const ARTHUR = 'Arthur 1990; Perez-Aleman 2005, 2.1';

export const urnParameterSpecs: readonly ParameterSpec[] = [
  {
    path: 'urn.regions',
    kind: 'integer',
    min: 2,
    max: 100,
    default: 5,
    unit: 'regions',
    meaning: 'Regions a new firm can choose among.',
    source: ARTHUR,
    sourceKind: 'literature',
  },
  {
    path: 'urn.arrivals',
    kind: 'number',
    min: 0,
    max: 1000,
    default: 8,
    unit: 'firms a year',
    meaning: 'Firms arriving each year (exogenous: the urn does not explain entry).',
    source: ARTHUR,
    sourceKind: 'assumption',
  },
  {
    path: 'urn.returns',
    kind: 'number',
    min: 0,
    max: 5,
    default: 1.2,
    unit: 'exponent',
    meaning: 'Increasing returns: a region draws firms in proportion to (1 + firms there) to this power.',
    source: ARTHUR,
    sourceKind: 'literature',
    explore: [0, 2],
  },
  {
    path: 'urn.advantage',
    kind: 'number',
    min: 0,
    max: 100,
    default: 2,
    unit: 'relative weight',
    meaning: 'Natural advantage of the favoured region (water, climate) relative to the others.',
    source: 'Perez-Aleman 2005, 3.2',
    sourceKind: 'assumption',
    explore: [0, 5],
  },
  {
    path: 'urn.favoured',
    kind: 'integer',
    min: 0,
    max: 99,
    default: 0,
    unit: 'region index',
    meaning: 'Which region has the natural advantage.',
    source: 'assumption',
    sourceKind: 'assumption',
  },
];

export function urnDefaults(): UrnParams {
  return { urn: { regions: 5, arrivals: 8, returns: 1.2, advantage: 2, favoured: 0 } };
}

/** The check the schema cannot express: the favoured region must exist. */
function checkFavoured(favoured: number, regions: number): void {
  if (favoured >= regions)
    throw new RangeError(
      `parameter 'urn.favoured' = ${favoured} is out of range: must be an integer in [0, ${regions - 1}] (a region index below urn.regions = ${regions})`,
    );
}

export function checkUrnParams(p: UrnParams): void {
  for (const spec of urnParameterSpecs) {
    const v = (p.urn as unknown as Record<string, unknown>)[spec.path.split('.')[1]];
    const ok = typeof v === 'number' && Number.isFinite(v) && v >= spec.min! && v <= spec.max! && (spec.kind === 'number' || Number.isInteger(v));
    if (!ok)
      throw new RangeError(
        `parameter '${spec.path}' = ${JSON.stringify(v)} is out of range: must be ${spec.kind === 'number' ? 'a number' : 'an integer'} in [${spec.min}, ${spec.max}] (${spec.unit})`,
      );
  }
  checkFavoured(p.urn.favoured, p.urn.regions);
}

const URN_YEARS: [number, number] = [1969, 2003];

function urnParams(v: ParamValues): UrnParams {
  return {
    urn: {
      regions: v['urn.regions'] as number,
      arrivals: v['urn.arrivals'] as number,
      returns: v['urn.returns'] as number,
      advantage: v['urn.advantage'] as number,
      favoured: v['urn.favoured'] as number,
    },
  };
}

/** The urn as a model of the one interface (`clusterlab simulate arthur-urn --set urn.returns=2`). */
export const arthurUrn: Model = defineModel({
  name: 'arthur-urn',
  description: 'Arthur (1990): firms choose among regions by a generalised Polya urn with increasing returns; lock-in without institutions.',
  years: URN_YEARS,
  parameters: urnParameterSpecs,
  metrics: [
    { name: 'firms', label: 'Firms in all regions', unit: 'firms' },
    { name: 'leaderShare', label: 'Share of the leading region', unit: 'share' },
    { name: 'herfindahl', label: 'Herfindahl index of regions', unit: '0..1' },
    { name: 'regionAShare', label: 'Share of region A (the favoured one by default)', unit: 'share' },
    { name: 'activeRegions', label: 'Regions with firms', unit: 'regions' },
  ],
  module: { path: __filename, exportName: 'arthurUrn' },
  check: (v) => checkFavoured(v['urn.favoured'] as number, v['urn.regions'] as number),
  run: (v, seed) => ({ record: runUrn(urnParams(v), seed, URN_YEARS) }),
});

/** Runs the urn for `years` and records concentration each year. */
export function runUrn(p: UrnParams, seed: number | string, years: [number, number]): RunRecord {
  checkUrnParams(p);
  const { regions, arrivals, returns, advantage, favoured } = p.urn;
  const rng = createRng(seed).fork('urn');
  const counts = new Float64Array(regions);
  const weights = new Float64Array(regions);
  const rec = new Recorder({ startYear: years[0], endYear: years[1], metrics: URN_METRICS });
  let total = 0;
  let lockedIn = false;
  for (let year = years[0]; year <= years[1]; year++) {
    const n = rng.poisson(arrivals);
    for (let k = 0; k < n; k++) {
      for (let r = 0; r < regions; r++) weights[r] = (r === favoured ? advantage : 1) * Math.pow(1 + counts[r], returns);
      counts[rng.weightedIndex(weights)]++;
      total++;
    }
    let max = 0;
    let hhi = 0;
    let active = 0;
    for (let r = 0; r < regions; r++) {
      if (counts[r] > max) max = counts[r];
      if (counts[r] > 0) active++;
      if (total > 0) hhi += (counts[r] / total) ** 2;
    }
    const leader = total > 0 ? max / total : 0;
    rec.record('firms', year, total);
    rec.record('leaderShare', year, leader);
    rec.record('herfindahl', year, hhi);
    rec.record('regionAShare', year, total > 0 ? counts[0] / total : 0);
    rec.record('activeRegions', year, active);
    if (!lockedIn && total >= 20 && leader >= 0.8) {
      lockedIn = true;
      rec.event(year, 'lock-in', `one region holds ${Math.round(leader * 100)}% of ${total} firms: lock-in`);
    }
  }
  return rec.toRecord(seed);
}
