/**
 * Calibration by search: sample parameter points (seeded random search, or a regular grid) over
 * given ranges, score each with a loss against targets, keep the best. Plain and transparent, so a
 * reader can see that calibrated values come from a search, not from hand-picking outcomes.
 */
import { createRng, type Seed } from '../engine/rng';
import { gridPoints } from './sweep';

export interface CalibrateOptions {
  /** Parameter -> [low, high] searched. */
  ranges: Record<string, readonly [number, number]>;
  /** Loss to minimise at a point (may be async, e.g. running an ensemble). */
  loss: (point: Record<string, number>) => number | Promise<number>;
  /** 'random' (default): `samples` uniform points; 'grid': `steps` evenly spaced values per range. */
  method?: 'random' | 'grid';
  samples?: number;
  steps?: number;
  /** Seed of the random search. */
  seed?: Seed;
}

export interface Trial {
  point: Record<string, number>;
  loss: number;
}

export interface CalibrationResult {
  best: Record<string, number>;
  bestLoss: number;
  /** Every point tried, in the order tried. */
  trials: Trial[];
}

/** A target the model should hit, with its tolerance (the scale of an acceptable miss). */
export interface Target {
  name: string;
  value: number;
  tolerance: number;
  weight?: number;
}

/** Weighted sum of squared misses in units of tolerance: sum w·((simulated - value)/tolerance)². */
export function targetLoss(targets: readonly Target[], simulated: (target: Target) => number): number {
  let loss = 0;
  for (const t of targets) {
    if (!(t.tolerance > 0)) throw new RangeError(`targetLoss: tolerance of '${t.name}' must be > 0, got ${t.tolerance}`);
    const miss = (simulated(t) - t.value) / t.tolerance;
    loss += (t.weight ?? 1) * (Number.isFinite(miss) ? miss * miss : 1e12);
  }
  return loss;
}

function candidatePoints(options: CalibrateOptions): Record<string, number>[] {
  const names = Object.keys(options.ranges);
  if (names.length === 0) throw new RangeError('calibrate: ranges must name at least one parameter');
  for (const name of names) {
    const [lo, hi] = options.ranges[name];
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi))
      throw new RangeError(`calibrate: range of '${name}' must be [low, high] with low <= high, got [${lo}, ${hi}]`);
  }
  if ((options.method ?? 'random') === 'grid') {
    const steps = options.steps ?? 5;
    if (!Number.isInteger(steps) || steps < 1 || steps > 1000) throw new RangeError(`calibrate: steps must be an integer in 1..1000, got ${steps}`);
    const grid: Record<string, number[]> = {};
    for (const name of names) {
      const [lo, hi] = options.ranges[name];
      grid[name] = Array.from({ length: steps }, (_, i) => (steps === 1 ? (lo + hi) / 2 : lo + ((hi - lo) * i) / (steps - 1)));
    }
    return gridPoints(grid) as Record<string, number>[];
  }
  if (options.method !== undefined && options.method !== 'random')
    throw new RangeError(`calibrate: method must be 'random' or 'grid', got '${options.method}'`);
  const samples = options.samples ?? 100;
  if (!Number.isInteger(samples) || samples < 1 || samples > 1_000_000)
    throw new RangeError(`calibrate: samples must be an integer in 1..1000000, got ${samples}`);
  const rng = createRng(options.seed ?? 0).fork('calibrate');
  return Array.from({ length: samples }, () => {
    const p: Record<string, number> = {};
    for (const name of names) p[name] = rng.between(options.ranges[name][0], options.ranges[name][1]);
    return p;
  });
}

/** Searches the ranges and returns the point of least loss (the first one on ties). */
export async function calibrate(options: CalibrateOptions): Promise<CalibrationResult> {
  const trials: Trial[] = [];
  let best: Trial | undefined;
  for (const point of candidatePoints(options)) {
    const loss = await options.loss(point);
    const trial = { point, loss: Number.isNaN(loss) ? Infinity : loss };
    trials.push(trial);
    if (!best || trial.loss < best.loss) best = trial;
  }
  return { best: best!.point, bestLoss: best!.loss, trials };
}
