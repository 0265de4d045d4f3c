/**
 * Calibration of a case by seeded random search (the engine's `calibrate`), in three rounds: a
 * wide search over the ranges below, then two narrower ones around the best point so far. The loss is the sum of
 * squared misses, in units of each fact's tolerance, of the ensemble medians against the facts whose
 * role is `calibration`; held-out facts are never looked at. The result is written to
 * calibrated.ts by `clusterlab calibrate <case> --write`, so committed values can be regenerated.
 */
import { calibrate as search, type CalibrationResult } from '../experiments/calibrate';
import { factsFor, type Fact } from '../data/facts';
import { runWorld, caseMetrics, type CaseName } from './cluster';
import { withOverrides } from './parameters';
import { caseDefaults } from './scenarios';
import { factSummary, isComparable, toleranceScale } from './targets';
import { replicationSeed } from '../engine/rng';

/** Parameters searched, with their ranges: those the paper gives no value for. */
export const CALIBRATION_RANGES: Record<CaseName, Record<string, [number, number]>> = {
  tomato: {
    'entry.demonstration': [0.1, 2],
    'entry.initialCapacity': [500, 5000],
    'firm.growthMax': [0.15, 0.6],
    'entry.sites': [10, 40],
    'suppliers.tonnesPerSupplier': [30, 150],
    'suppliers.poachLoss': [0.05, 0.5],
    'market.worldMarketT': [50000, 400000],
    'market.reputationVolumeT': [2000, 30000],
    'association.quorum': [3, 9],
    'state.knowledgeGain': [0.03, 0.12],
  },
  salmon: {
    'entry.demonstration': [1, 15],
    'entry.initialCapacity': [30, 300],
    'market.priceUSDperT': [2000, 6000],
    'entry.sites': [180, 400],
    'state.spinoffRate': [0.2, 1.5],
    'state.knowledgeGain': [0.03, 0.12],
    'market.accessShare': [0.06, 0.3],
    'market.worldGrowth': [0.05, 0.14],
    'association.quorum': [10, 30],
  },
};

const INTEGER_PATHS = new Set(['association.quorum']);

export interface CalibrationReport {
  case: CaseName;
  best: Record<string, number>;
  loss: number;
  trials: number;
  seedsPerPoint: number;
  facts: { id: string; value: number; model: number; scale: number }[];
}

function round(path: string, v: number): number {
  return INTEGER_PATHS.has(path) ? Math.round(v) : Number(v.toPrecision(4));
}

/** Loss of one parameter point: squared misses of ensemble medians in tolerance units. */
export function calibrationLoss(c: CaseName, point: Record<string, number>, seeds: number, detail?: CalibrationReport['facts']): number {
  const rounded: Record<string, number> = {};
  for (const [k, v] of Object.entries(point)) rounded[k] = round(k, v);
  const params = withOverrides(caseDefaults(c), rounded);
  const runs = [];
  for (let i = 0; i < seeds; i++) {
    const seed = replicationSeed('calibration', i);
    runs.push(runWorld(c, params, seed).recorder.toRecord(seed));
  }
  const metrics = caseMetrics(c);
  let loss = 0;
  for (const f of factsFor(c, 'calibration')) {
    if (!isComparable(f, metrics)) continue;
    const median = factSummary(f, runs).median;
    const scale = toleranceScale(f as Fact);
    const miss = Number.isFinite(median) ? (median - f.value) / scale : 10;
    loss += miss * miss;
    detail?.push({ id: f.id, value: f.value, model: median, scale });
  }
  return loss;
}

export async function calibrateCase(c: CaseName, options: { samples?: number; seeds?: number; seed?: number } = {}): Promise<CalibrationReport> {
  const samples = options.samples ?? 200;
  const seeds = options.seeds ?? 12;
  const ranges = CALIBRATION_RANGES[c];
  const loss = (p: Record<string, number>) => calibrationLoss(c, p, seeds);
  const seed = options.seed ?? 2005;
  let winner: CalibrationResult = await search({ ranges, loss, samples, seed });
  let trials = winner.trials.length;
  // Then two rounds in boxes a fifth and a twenty-fifth as wide, around the best point so far.
  for (const [round, shrink] of [[1, 5], [2, 25]] as const) {
    const box: Record<string, [number, number]> = {};
    for (const [k, [lo, hi]] of Object.entries(ranges)) {
      const half = (hi - lo) / (2 * shrink);
      box[k] = [Math.max(lo, winner.best[k] - half), Math.min(hi, winner.best[k] + half)];
    }
    const next = await search({ ranges: box, loss, samples: Math.ceil(samples / 2), seed: seed + round });
    trials += next.trials.length;
    if (next.bestLoss < winner.bestLoss) winner = next;
  }
  const best: Record<string, number> = {};
  for (const [k, v] of Object.entries(winner.best)) best[k] = round(k, v);
  const facts: CalibrationReport['facts'] = [];
  const finalLoss = calibrationLoss(c, best, seeds, facts);
  return { case: c, best, loss: finalLoss, trials, seedsPerPoint: seeds, facts };
}

/** Source text of calibrated.ts holding both cases' values. */
export function calibratedSource(values: Record<CaseName, Record<string, number>>, note: string): string {
  const body = (c: CaseName) =>
    Object.entries(values[c])
      .map(([k, v]) => `    '${k}': ${v},`)
      .join('\n');
  return `/**
 * Parameter values found by the seeded calibration search (\`clusterlab calibrate <case> --write\`,
 * src/model/calibrate.ts). Regenerate with that command; do not edit by hand.
 * ${note}
 */
export const calibrated: Record<'tomato' | 'salmon', Record<string, number>> = {
  tomato: {
${body('tomato')}
  },
  salmon: {
${body('salmon')}
  },
};
`;
}
