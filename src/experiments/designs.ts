/**
 * Experimental designs over a model's parameters: full factorial, Latin hypercube, Sobol
 * sequences, Saltelli's A/B/AB_i matrices and Morris trajectories. Each builds points in the unit
 * cube (a row-major Float64Array) and maps them to parameter values through the parameters'
 * ranges, so the estimators in sensitivity.ts and the executors that run designs at scale work on
 * plain arrays. A design point's replicate seeds depend only on (master seed, point, replicate).
 */
import type { ParameterSpec, ParamValue } from '../engine/model';
import { createRng, replicationSeeder, type Seed } from '../engine/rng';
import { sobolPoints, SOBOL_MAX_DIMENSIONS } from './sobolSequence';

/** A parameter a design varies: its path, kind and the range [low, high] it explores. */
export interface Factor {
  path: string;
  kind: ParameterSpec['kind'];
  low: number;
  high: number;
  /** Values of a `choice` parameter, picked by equal slices of [0, 1). */
  choices?: readonly string[];
}

/**
 * The factor a design varies for a parameter: over `explore` when given, else [min, max];
 * booleans have the two levels false and true. A number without bounds cannot be sampled.
 */
export function factorOf(spec: ParameterSpec): Factor {
  if (spec.kind === 'boolean') return { path: spec.path, kind: 'boolean', low: 0, high: 1 };
  if (spec.kind === 'choice') {
    if (!spec.choices || spec.choices.length === 0) throw new RangeError(`design: choice parameter '${spec.path}' lists no choices`);
    return { path: spec.path, kind: 'choice', low: 0, high: spec.choices.length - 1, choices: spec.choices };
  }
  const [low, high] = spec.explore ?? [spec.min, spec.max];
  if (!(Number.isFinite(low) && Number.isFinite(high) && (low as number) <= (high as number))) {
    throw new RangeError(`design: parameter '${spec.path}' needs a range to explore (explore, or min and max), got [${low}, ${high}]`);
  }
  return { path: spec.path, kind: spec.kind, low: low as number, high: high as number };
}

/**
 * The value of a factor at unit coordinate u in [0, 1]: linear for numbers; for integers and years
 * each whole value gets an equal slice of [0, 1] (so u = 1 is the top value); booleans are false
 * below 1/2; choices are equal slices.
 */
export function factorValue(f: Factor, u: number): ParamValue {
  switch (f.kind) {
    case 'boolean':
      return u >= 0.5;
    case 'choice':
      return f.choices![Math.min(f.choices!.length - 1, Math.floor(u * f.choices!.length))];
    case 'integer':
    case 'year':
      return Math.min(f.high, Math.floor(f.low + u * (f.high - f.low + 1)));
    default:
      return f.low + u * (f.high - f.low);
  }
}

export type DesignKind = 'factorial' | 'latin-hypercube' | 'sobol' | 'saltelli' | 'morris';

/** Points in the unit cube and the factors they map to. */
export interface Design {
  kind: DesignKind;
  factors: readonly Factor[];
  /** Number of points (rows). */
  size: number;
  /** unit[i * factors.length + j]: coordinate of point i along factor j, in [0, 1]. */
  unit: Float64Array;
}

/** Saltelli's matrices: rows 0..n-1 are A, n..2n-1 are B, then one block of n rows per AB_i. */
export interface SaltelliDesign extends Design {
  kind: 'saltelli';
  /** Base samples N (rows of A). */
  base: number;
}

/** Morris trajectories, each `factors.length + 1` consecutive rows moving one factor per step. */
export interface MorrisDesign extends Design {
  kind: 'morris';
  trajectories: number;
  levels: number;
  /** Step in the unit cube, levels / (2 (levels - 1)). */
  delta: number;
  /** changed[t * k + s]: factor moved by step s of trajectory t. */
  changed: Int32Array;
  /** direction[t * k + s]: +1 up, -1 down. */
  direction: Int8Array;
}

/** Parameter values of point `i`. */
export function designPoint(design: Design, i: number): Record<string, ParamValue> {
  if (!Number.isInteger(i) || i < 0 || i >= design.size) throw new RangeError(`design: point must be an integer in 0..${design.size - 1}, got ${i}`);
  const k = design.factors.length;
  const out: Record<string, ParamValue> = {};
  for (let j = 0; j < k; j++) out[design.factors[j].path] = factorValue(design.factors[j], design.unit[i * k + j]);
  return out;
}

/** Every point's parameter values, in order. */
export function designPoints(design: Design): Record<string, ParamValue>[] {
  const out: Record<string, ParamValue>[] = [];
  for (let i = 0; i < design.size; i++) out.push(designPoint(design, i));
  return out;
}

/**
 * Seed of replicate `replicate` at design point `point`. It depends on nothing else, so a sweep
 * gives the same numbers in any order, on any number of workers or machines. With
 * `common: true` every point shares its replicates' seeds (common random numbers), which removes
 * seed noise from differences between points (useful for Morris elementary effects).
 */
export function designSeed(master: Seed, point: number, replicate: number, common = false): number {
  return designSeeder(master, point, common)(replicate);
}

/** designSeed(master, point, replicate) as a function of `replicate`, for deriving many seeds of one point cheaply. */
export function designSeeder(master: Seed, point: number, common = false): (replicate: number) => number {
  if (!Number.isInteger(point) || point < 0) throw new RangeError(`designSeed: point must be an integer >= 0, got ${point}`);
  return common ? replicationSeeder(`${String(master)}/design`) : replicationSeeder(`${String(master)}/design/${point}`);
}

function checkFactors(factors: readonly Factor[], where: string): void {
  if (factors.length === 0) throw new RangeError(`${where}: name at least one parameter`);
  const seen = new Set<string>();
  for (const f of factors) {
    if (seen.has(f.path)) throw new RangeError(`${where}: parameter '${f.path}' is listed twice`);
    seen.add(f.path);
  }
}

function checkCount(name: string, n: number, min: number, max: number): void {
  if (!Number.isInteger(n) || n < min || n > max) throw new RangeError(`${name} must be an integer in ${min}..${max}, got ${n}`);
}

/**
 * Every combination of `levels` evenly spaced values per factor (booleans: their two values;
 * choices: each choice), the last factor varying fastest. `levels` may differ per factor path.
 */
export function fullFactorial(factors: readonly Factor[], levels: number | Readonly<Record<string, number>> = 3): Design {
  checkFactors(factors, 'factorial');
  const counts = factors.map((f) => {
    if (f.kind === 'boolean') return 2;
    if (f.kind === 'choice') return f.choices!.length;
    const n = typeof levels === 'number' ? levels : (levels[f.path] ?? 3);
    checkCount(`factorial: levels of '${f.path}'`, n, 1, 1000);
    if ((f.kind === 'integer' || f.kind === 'year') && n > f.high - f.low + 1) return f.high - f.low + 1;
    return n;
  });
  const size = counts.reduce((a, b) => a * b, 1);
  if (size > 10_000_000)
    throw new RangeError(`factorial: ${counts.join(' x ')} = ${size} points is more than 10,000,000; use fewer levels or a Latin hypercube`);
  const k = factors.length;
  const unit = new Float64Array(size * k);
  for (let i = 0; i < size; i++) {
    let rest = i;
    for (let j = k - 1; j >= 0; j--) {
      const n = counts[j];
      const level = rest % n;
      rest = Math.floor(rest / n);
      // Choices sit in the middle of their slice, so factorValue picks each exactly once.
      unit[i * k + j] = factors[j].kind === 'choice' ? (level + 0.5) / n : n === 1 ? 0.5 : level / (n - 1);
    }
  }
  return { kind: 'factorial', factors, size, unit };
}

/**
 * A Latin hypercube of `size` points (McKay, Beckman and Conover 1979): each factor's range is cut
 * into `size` equal strata, each stratum holds exactly one point, placed uniformly within it.
 */
export function latinHypercube(factors: readonly Factor[], size: number, seed: Seed = 0): Design {
  checkFactors(factors, 'latin hypercube');
  checkCount('latin hypercube: size', size, 1, 10_000_000);
  const k = factors.length;
  const rng = createRng(seed).fork('latin-hypercube');
  const unit = new Float64Array(size * k);
  const strata = new Int32Array(size);
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < size; i++) strata[i] = i;
    rng.shuffleInPlace(strata);
    for (let i = 0; i < size; i++) unit[i * k + j] = (strata[i] + rng.uniform()) / size;
  }
  return { kind: 'latin-hypercube', factors, size, unit };
}

/** The first `size` points (after `skip`) of the Sobol sequence, one dimension per factor. */
export function sobolDesign(factors: readonly Factor[], size: number, skip = 0): Design {
  checkFactors(factors, 'sobol');
  checkCount('sobol: size', size, 1, 2 ** 31);
  return { kind: 'sobol', factors, size, unit: sobolPoints(size, factors.length, skip) };
}

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0;
}

/**
 * Saltelli's (2002, 2010) design for first-order and total Sobol indices: A and B are the two
 * halves of a 2k-dimensional Sobol sequence of N points; AB_i is A with column i taken from B.
 * N (k + 2) model runs in all. N must be a power of two, so the sequence keeps its balance.
 */
export function saltelli(factors: readonly Factor[], base: number, skip = 0): SaltelliDesign {
  checkFactors(factors, 'saltelli');
  if (!isPowerOfTwo(base) || base < 2) {
    const lower = 2 ** Math.floor(Math.log2(Math.max(2, base)));
    throw new RangeError(
      `saltelli: base samples N must be a power of two (Sobol points keep their balance only then), got ${base}; try ${lower} or ${lower * 2}`,
    );
  }
  if (2 * factors.length > SOBOL_MAX_DIMENSIONS) {
    throw new RangeError(
      `saltelli: at most ${Math.floor(SOBOL_MAX_DIMENSIONS / 2)} parameters (the design uses 2 Sobol dimensions each), got ${factors.length}`,
    );
  }
  const k = factors.length;
  const base2 = sobolPoints(base, 2 * k, skip);
  const size = base * (k + 2);
  const unit = new Float64Array(size * k);
  for (let r = 0; r < base; r++) {
    const a = r * k;
    const b = (base + r) * k;
    for (let j = 0; j < k; j++) {
      unit[a + j] = base2[r * 2 * k + j];
      unit[b + j] = base2[r * 2 * k + k + j];
    }
    for (let i = 0; i < k; i++) {
      const ab = ((2 + i) * base + r) * k;
      for (let j = 0; j < k; j++) unit[ab + j] = j === i ? unit[b + j] : unit[a + j];
    }
  }
  return { kind: 'saltelli', factors, size, unit, base };
}

export interface MorrisOptions {
  /** Trajectories r (default 10). */
  trajectories?: number;
  /** Grid levels p, even (default 4); the step is p / (2 (p - 1)). */
  levels?: number;
  seed?: Seed;
  /**
   * Campolongo, Cariboni and Saltelli's (2007) improvement: draw this many candidate trajectories
   * and keep the `trajectories` most spread out (greedy on the sum of pairwise distances).
   */
  candidates?: number;
}

/** One Morris (1991) trajectory: k + 1 grid points, each moving one factor by ±delta. */
function morrisTrajectory(
  k: number,
  levels: number,
  delta: number,
  rng: ReturnType<typeof createRng>,
  unit: Float64Array,
  changed: Int32Array,
  direction: Int8Array,
  t: number,
): void {
  const x = new Float64Array(k);
  const order = new Int32Array(k);
  const signs = new Int8Array(k);
  // Base values on the grid {0, 1/(p-1), ..., 1 - delta}, so a step up stays in [0, 1].
  const baseLevels = levels / 2;
  for (let j = 0; j < k; j++) {
    order[j] = j;
    const b = rng.int(baseLevels) / (levels - 1);
    const up = rng.bernoulli(0.5);
    signs[j] = up ? 1 : -1;
    x[j] = up ? b : b + delta;
  }
  rng.shuffleInPlace(order);
  const row0 = t * (k + 1);
  for (let j = 0; j < k; j++) unit[row0 * k + j] = x[j];
  for (let s = 0; s < k; s++) {
    const f = order[s];
    changed[t * k + s] = f;
    direction[t * k + s] = signs[f];
    x[f] += signs[f] * delta;
    for (let j = 0; j < k; j++) unit[(row0 + s + 1) * k + j] = x[j];
  }
}

function trajectoryDistance(unit: Float64Array, k: number, a: number, b: number): number {
  let total = 0;
  for (let p = 0; p <= k; p++) {
    for (let q = 0; q <= k; q++) {
      let d2 = 0;
      for (let j = 0; j < k; j++) {
        const d = unit[(a * (k + 1) + p) * k + j] - unit[(b * (k + 1) + q) * k + j];
        d2 += d * d;
      }
      total += Math.sqrt(d2);
    }
  }
  return total;
}

/**
 * Morris (1991) elementary-effects design: r random one-at-a-time trajectories on a p-level grid.
 * r (k + 1) model runs.
 */
export function morris(factors: readonly Factor[], options: MorrisOptions = {}): MorrisDesign {
  checkFactors(factors, 'morris');
  const r = options.trajectories ?? 10;
  const levels = options.levels ?? 4;
  checkCount('morris: trajectories', r, 2, 100_000);
  if (!Number.isInteger(levels) || levels < 2 || levels % 2 !== 0 || levels > 100) {
    throw new RangeError(`morris: levels p must be an even integer in 2..100, got ${levels}`);
  }
  const candidates = options.candidates ?? r;
  if (!Number.isInteger(candidates) || candidates < r || candidates > 1000) {
    throw new RangeError(`morris: candidates must be an integer in ${r}..1000 (at least the trajectories kept), got ${candidates}`);
  }
  const k = factors.length;
  const delta = levels / (2 * (levels - 1));
  const rng = createRng(options.seed ?? 0).fork('morris');
  const all = new Float64Array(candidates * (k + 1) * k);
  const allChanged = new Int32Array(candidates * k);
  const allDirection = new Int8Array(candidates * k);
  for (let t = 0; t < candidates; t++) morrisTrajectory(k, levels, delta, rng, all, allChanged, allDirection, t);
  let keep = Array.from({ length: r }, (_, t) => t);
  if (candidates > r) keep = mostSpread(all, k, candidates, r);
  const unit = new Float64Array(r * (k + 1) * k);
  const changed = new Int32Array(r * k);
  const direction = new Int8Array(r * k);
  keep.forEach((t, i) => {
    unit.set(all.subarray(t * (k + 1) * k, (t + 1) * (k + 1) * k), i * (k + 1) * k);
    changed.set(allChanged.subarray(t * k, (t + 1) * k), i * k);
    direction.set(allDirection.subarray(t * k, (t + 1) * k), i * k);
  });
  return { kind: 'morris', factors, size: r * (k + 1), unit, trajectories: r, levels, delta, changed, direction };
}

/** Greedy choice of r of the candidates: start from the farthest pair, add the farthest from the chosen. */
function mostSpread(unit: Float64Array, k: number, candidates: number, r: number): number[] {
  const dist = new Float64Array(candidates * candidates);
  let best = [0, 1];
  for (let a = 0; a < candidates; a++) {
    for (let b = a + 1; b < candidates; b++) {
      const d = trajectoryDistance(unit, k, a, b);
      dist[a * candidates + b] = dist[b * candidates + a] = d;
      if (d > dist[best[0] * candidates + best[1]]) best = [a, b];
    }
  }
  const chosen = [...best];
  const sum = new Float64Array(candidates);
  for (let c = 0; c < candidates; c++) sum[c] = dist[best[0] * candidates + c] + dist[best[1] * candidates + c];
  while (chosen.length < r) {
    let pick = -1;
    for (let c = 0; c < candidates; c++) if (!chosen.includes(c) && (pick < 0 || sum[c] > sum[pick])) pick = c;
    chosen.push(pick);
    for (let c = 0; c < candidates; c++) sum[c] += dist[pick * candidates + c];
  }
  return chosen.sort((a, b) => a - b);
}
