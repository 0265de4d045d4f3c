/**
 * Estimators of global sensitivity: Morris's elementary effects (mu, mu*, sigma) and Sobol's
 * first-order and total indices, each with seeded bootstrap intervals. Pure functions of a design
 * (designs.ts) and the model outputs at its points, in the design's order.
 */
import { createRng, type Seed } from '../engine/rng';
import { quantileSorted } from './quantiles';
import type { MorrisDesign, SaltelliDesign } from './designs';

export interface BootstrapOptions {
  /** Bootstrap resamples (default 200; 0 for none). */
  resamples?: number;
  /** Level of the percentile intervals (default 0.95). */
  confidence?: number;
  seed?: Seed;
}

export interface SobolRow {
  parameter: string;
  /** First-order index: the share of output variance due to this parameter alone. */
  S1: number;
  S1Low: number;
  S1High: number;
  /** Total index: the share due to this parameter with all its interactions. */
  ST: number;
  STLow: number;
  STHigh: number;
}

export interface SobolResult {
  method: 'sobol';
  /** What was measured (filled in by the caller, e.g. "exportTonnes@2000"). */
  outcome: string;
  /** A title for figures: model or scenario. */
  label: string;
  base: number;
  evaluations: number;
  /** Variance of the output over A and B. */
  variance: number;
  confidence: number;
  resamples: number;
  rows: SobolRow[];
}

export interface MorrisRow {
  parameter: string;
  /** Mean elementary effect (signed: effects of opposite sign cancel). */
  mu: number;
  /** Mean absolute elementary effect (Campolongo et al. 2007): the overall importance. */
  muStar: number;
  muStarLow: number;
  muStarHigh: number;
  /** Spread of the effects: non-linearity or interactions. */
  sigma: number;
}

export interface MorrisResult {
  method: 'morris';
  outcome: string;
  label: string;
  trajectories: number;
  levels: number;
  evaluations: number;
  confidence: number;
  resamples: number;
  rows: MorrisRow[];
}

export type SensitivityResult = SobolResult | MorrisResult;

function bootstrapSettings(options: BootstrapOptions): { resamples: number; confidence: number } {
  const resamples = options.resamples ?? 200;
  const confidence = options.confidence ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 0 || resamples > 100_000)
    throw new RangeError(`bootstrap: resamples must be an integer in 0..100000, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`bootstrap: confidence must be in (0, 1), got ${confidence}`);
  return { resamples, confidence };
}

function checkOutputs(y: ArrayLike<number>, size: number, what: string): void {
  if (y.length !== size) throw new RangeError(`${what}: expected ${size} outputs (one per design point, in order), got ${y.length}`);
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i]))
      throw new RangeError(`${what}: output ${i} is ${y[i]}; every design point needs a finite output (check the outcome, e.g. a year the model records)`);
  }
}

/**
 * Sobol indices from the outputs at a Saltelli design's points, for rows `rows` of A and B (all
 * when null; bootstrap resamples otherwise): S1 by Saltelli et al. (2010, table 2 (b)),
 * mean(f(B) (f(AB_i) - f(A))) / V; ST by Jansen (1999), mean((f(A) - f(AB_i))²) / 2V.
 */
function sobolCore(y: ArrayLike<number>, n: number, k: number, rows: Int32Array | null, s1: Float64Array, st: Float64Array): number {
  let sum = 0;
  let sumSq = 0;
  for (let r = 0; r < n; r++) {
    const j = rows ? rows[r] : r;
    const a = y[j];
    const b = y[n + j];
    sum += a + b;
    sumSq += a * a + b * b;
  }
  const mean = sum / (2 * n);
  const variance = sumSq / (2 * n) - mean * mean;
  for (let i = 0; i < k; i++) {
    const offset = (2 + i) * n;
    let first = 0;
    let total = 0;
    for (let r = 0; r < n; r++) {
      const j = rows ? rows[r] : r;
      const a = y[j];
      const ab = y[offset + j];
      first += y[n + j] * (ab - a);
      total += (a - ab) * (a - ab);
    }
    s1[i] = first / n / variance;
    st[i] = total / (2 * n) / variance;
  }
  return variance;
}

/** First-order and total Sobol indices with bootstrap percentile intervals. */
export function sobolIndices(design: SaltelliDesign, y: ArrayLike<number>, options: BootstrapOptions & { outcome?: string; label?: string } = {}): SobolResult {
  const { resamples, confidence } = bootstrapSettings(options);
  const n = design.base;
  const k = design.factors.length;
  checkOutputs(y, design.size, 'sobol indices');
  const s1 = new Float64Array(k);
  const st = new Float64Array(k);
  const variance = sobolCore(y, n, k, null, s1, st);
  if (!(variance > 0)) throw new RangeError('sobol indices: the output does not vary over the design (variance 0); no parameter explains anything');
  const bootS1 = new Float64Array(resamples * k);
  const bootST = new Float64Array(resamples * k);
  const rng = createRng(options.seed ?? 0).fork('sobol-bootstrap');
  const rows = new Int32Array(n);
  const bs1 = new Float64Array(k);
  const bst = new Float64Array(k);
  for (let b = 0; b < resamples; b++) {
    for (let r = 0; r < n; r++) rows[r] = Math.floor(rng.uniform() * n);
    sobolCore(y, n, k, rows, bs1, bst);
    for (let i = 0; i < k; i++) {
      bootS1[i * resamples + b] = bs1[i];
      bootST[i * resamples + b] = bst[i];
    }
  }
  const lowP = (1 - confidence) / 2;
  const interval = (boot: Float64Array, i: number, point: number): [number, number] => {
    if (resamples === 0) return [point, point];
    const view = boot.subarray(i * resamples, (i + 1) * resamples).sort();
    return [quantileSorted(view, lowP), quantileSorted(view, 1 - lowP)];
  };
  const out: SobolRow[] = design.factors.map((f, i) => {
    const [S1Low, S1High] = interval(bootS1, i, s1[i]);
    const [STLow, STHigh] = interval(bootST, i, st[i]);
    return { parameter: f.path, S1: s1[i], S1Low, S1High, ST: st[i], STLow, STHigh };
  });
  return {
    method: 'sobol',
    outcome: options.outcome ?? 'output',
    label: options.label ?? '',
    base: n,
    evaluations: design.size,
    variance,
    confidence,
    resamples,
    rows: out,
  };
}

/**
 * Elementary effects (Morris 1991) from the outputs along a Morris design's trajectories, per unit
 * of the parameter's range: (f(x + Δ e_i) - f(x)) / Δ. mu* (Campolongo et al. 2007) gets a
 * bootstrap interval over trajectories; sigma is the sample standard deviation (n - 1).
 */
export function morrisIndices(design: MorrisDesign, y: ArrayLike<number>, options: BootstrapOptions & { outcome?: string; label?: string } = {}): MorrisResult {
  const { resamples, confidence } = bootstrapSettings(options);
  checkOutputs(y, design.size, 'morris indices');
  const k = design.factors.length;
  const r = design.trajectories;
  const effects = new Float64Array(k * r);
  for (let t = 0; t < r; t++) {
    for (let s = 0; s < k; s++) {
      const i = design.changed[t * k + s];
      const row = t * (k + 1) + s;
      effects[i * r + t] = (y[row + 1] - y[row]) / (design.direction[t * k + s] * design.delta);
    }
  }
  const rng = createRng(options.seed ?? 0).fork('morris-bootstrap');
  const boot = new Float64Array(resamples);
  const lowP = (1 - confidence) / 2;
  const rows: MorrisRow[] = design.factors.map((f, i) => {
    const ee = effects.subarray(i * r, (i + 1) * r);
    let sum = 0;
    let sumAbs = 0;
    for (let t = 0; t < r; t++) {
      sum += ee[t];
      sumAbs += Math.abs(ee[t]);
    }
    const mu = sum / r;
    let ss = 0;
    for (let t = 0; t < r; t++) ss += (ee[t] - mu) ** 2;
    for (let b = 0; b < resamples; b++) {
      let s = 0;
      for (let t = 0; t < r; t++) s += Math.abs(ee[Math.floor(rng.uniform() * r)]);
      boot[b] = s / r;
    }
    boot.sort();
    const muStar = sumAbs / r;
    return {
      parameter: f.path,
      mu,
      muStar,
      muStarLow: resamples ? quantileSorted(boot, lowP) : muStar,
      muStarHigh: resamples ? quantileSorted(boot, 1 - lowP) : muStar,
      sigma: Math.sqrt(ss / (r - 1)),
    };
  });
  return {
    method: 'morris',
    outcome: options.outcome ?? 'output',
    label: options.label ?? '',
    trajectories: r,
    levels: design.levels,
    evaluations: design.size,
    confidence,
    resamples,
    rows,
  };
}
