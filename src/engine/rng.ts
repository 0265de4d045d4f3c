/**
 * Seeded random streams. Every stochastic draw in clusterlab comes from an `Rng` built here, so a
 * run is a pure function of its seed. Streams are derived by name (`fork`) and by replication
 * index (`replicationSeed`), never by consuming numbers from another stream: adding a process, a
 * replication or a worker never shifts the numbers any other part sees.
 */
import seedrandom from 'seedrandom';
import { logGamma } from './special';
import { checkSeed } from './seeds';

/** A seed as users write it: a number or a string. */
export type Seed = number | string;

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a state `h` extended by the characters of `text`. */
function fnv1a(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** A final avalanche so that seeds differing in the last character are far apart. */
function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit FNV-1a over a string: a cheap, stable way to turn names and indices into seeds. */
export function hashSeed(text: string): number {
  return avalanche(fnv1a(FNV_OFFSET, text));
}

/**
 * The seed of replication `index` of an ensemble whose master seed is `master`. It depends only
 * on the two numbers, so replication 7 gets the same seed whether the ensemble has 10 runs or
 * 1,000, on one worker or eight.
 */
export function replicationSeed(master: Seed, index: number): number {
  return replicationSeeder(master)(index);
}

/**
 * replicationSeed(master, index) as a function of `index`: the hash of the text the indices share
 * is computed once, so a sweep deriving thousands of seeds of one master pays only for the digits.
 */
export function replicationSeeder(master: Seed): (index: number) => number {
  const prefix = fnv1a(FNV_OFFSET, `clusterlab/replication/${String(checkSeed(master, 'replicationSeed: master seed'))}/`);
  return (index) => {
    if (!Number.isInteger(index) || index < 0) {
      throw new RangeError(`replicationSeed: index must be an integer >= 0, got ${index}`);
    }
    return avalanche(fnv1a(prefix, String(index)));
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function checkProbability(name: string, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${name}: p must be in [0, 1], got ${p}`);
}

/**
 * A seeded stream of random numbers with the usual distributions. seedrandom (xor4096) turns the
 * seed string into the initial state; the numbers themselves come from xoshiro128** (Blackman and
 * Vigna 2018) kept in four integer fields, because a draw is then a few integer operations with
 * no closure call, which matters in models that draw millions of numbers per run.
 */
export class Rng {
  /** The seed this stream was built from, as a string (forks append `/label`). */
  readonly seed: string;
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal = NaN;
  /** Where binomial(n, p) puts p for binomialOf. */
  private readonly probability = new Float64Array(1);

  constructor(seed: Seed) {
    this.seed = String(checkSeed(seed, 'createRng: seed'));
    const init = seedrandom.xor4096(this.seed);
    this.s0 = init.int32();
    this.s1 = init.int32();
    this.s2 = init.int32();
    this.s3 = init.int32();
    // The all-zero state is the one state xoshiro cannot leave.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  private next(): number {
    return this.nextUint32() * 2.3283064365386963e-10; // 2^-32
  }

  /**
   * An independent stream named `label`, derived from this stream's seed only (not from how many
   * numbers this stream has drawn). The same label always gives the same stream.
   */
  fork(label: string): Rng {
    return forkOf(this.seed, label);
  }

  /** Uniform on [0, 1). */
  uniform(): number {
    return this.next();
  }

  /** Uniform on [low, high). */
  between(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** Integer uniform on 0..n-1. */
  int(n: number): number {
    if (!(n >= 1) || !Number.isInteger(n)) throw new RangeError(`int: n must be an integer >= 1, got ${n}`);
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Normal with the given mean and standard deviation (polar Box-Muller, one spare cached). */
  normal(mean = 0, sd = 1): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = NaN;
      return mean + sd * z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return mean + sd * u * f;
  }

  /**
   * Fills out[0..count) with what `count` calls of normal(0, sds[which]) would return, in that
   * order. For hot loops: V8 boxes a number returned from, or passed to, a call it does not inline
   * (a big per-agent loop cannot inline every draw), so the draws come back in a buffer and the
   * standard deviation is read from an array, and drawing allocates nothing.
   */
  normals(out: Float64Array, count: number, sds: Float64Array, which: number): void {
    const sd = sds[which];
    for (let i = 0; i < count; i++) out[i] = this.normal(0, sd);
  }

  /** Exponential with the given rate. */
  exponential(rate: number): number {
    if (!(rate > 0)) throw new RangeError(`exponential: rate must be > 0, got ${rate}`);
    return -Math.log(1 - this.next()) / rate;
  }

  /**
   * Poisson with mean `lambda`: multiplication of uniforms for small means, Hörmann's (1993)
   * transformed rejection (PTRS) from a mean of 10 up, so the cost stays flat in `lambda`.
   */
  poisson(lambda: number): number {
    if (!(lambda >= 0) || !Number.isFinite(lambda)) {
      throw new RangeError(`poisson: lambda must be a finite number >= 0, got ${lambda}`);
    }
    if (lambda === 0) return 0;
    if (lambda < 10) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let prod = this.next();
      while (prod > limit) {
        k++;
        prod *= this.next();
      }
      return k;
    }
    const slam = Math.sqrt(lambda);
    const loglam = Math.log(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.next() - 0.5;
      const v = this.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logGamma(k + 1)) {
        return k;
      }
    }
  }

  /**
   * Binomial(n, p): inversion when n·min(p,1-p) is small, Hörmann's (1993) BTRS rejection
   * otherwise, so large supplier pools cost the same as small ones.
   */
  binomial(n: number, p: number): number {
    this.probability[0] = p;
    return this.binomialOf(n, this.probability, 0);
  }

  /**
   * binomial(n, ps[which]), the same number. For hot loops: the probability is read from an array
   * (a column of per-agent probabilities, say), because V8 boxes a number passed to a call it does
   * not inline, and this one is too big to inline.
   */
  binomialOf(n: number, ps: Float64Array, which: number): number {
    let p = ps[which];
    if (!(n >= 0) || !Number.isInteger(n)) throw new RangeError(`binomial: n must be an integer >= 0, got ${n}`);
    checkProbability('binomial', p);
    if (n === 0 || p === 0) return 0;
    if (p === 1) return n;
    // The draw is of the smaller tail, reflected (in place, not by a call with 1 - p).
    const reflect = p > 0.5;
    if (reflect) p = 1 - p;
    const q = 1 - p;
    if (n * p < 10) {
      // Inversion by sequential search over the probability mass function.
      const s = p / q;
      const a = (n + 1) * s;
      let r = Math.pow(q, n);
      let u = this.next();
      let k = 0;
      while (u > r) {
        u -= r;
        k++;
        if (k > n) return reflect ? 0 : n;
        r *= a / k - s;
      }
      return reflect ? n - k : k;
    }
    const spq = Math.sqrt(n * p * q);
    const b = 1.15 + 2.53 * spq;
    const a = -0.0873 + 0.0248 * b + 0.01 * p;
    const c = n * p + 0.5;
    const vr = 0.92 - 4.2 / b;
    const alpha = (2.83 + 5.1 / b) * spq;
    const lpq = Math.log(p / q);
    const m = Math.floor((n + 1) * p);
    const h = logGamma(m + 1) + logGamma(n - m + 1);
    for (;;) {
      const u = this.next() - 0.5;
      let v = this.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + c);
      if (k < 0 || k > n) continue;
      if (us >= 0.07 && v <= vr) return reflect ? n - k : k;
      v = Math.log((v * alpha) / (a / (us * us) + b));
      if (v <= h - logGamma(k + 1) - logGamma(n - k + 1) + (k - m) * lpq) return reflect ? n - k : k;
    }
  }

  /** Fisher-Yates shuffle of a typed array (or plain array) in place; returns the same array. */
  shuffleInPlace<T extends { length: number; [i: number]: number }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }

  /** Index drawn with probability proportional to `weights[i]` (non-negative, not all zero). */
  weightedIndex(weights: ArrayLike<number>, length = weights.length): number {
    let total = 0;
    for (let i = 0; i < length; i++) total += weights[i];
    if (!(total > 0)) throw new RangeError('weightedIndex: weights must be >= 0 with a positive sum');
    let r = this.next() * total;
    for (let i = 0; i < length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return length - 1;
  }
}

/** A new seeded stream. */
export function createRng(seed: Seed): Rng {
  return new Rng(seed);
}

/** The stream createRng(seed).fork(label) gives, without seeding the parent stream first. */
export function forkOf(seed: Seed, label: string): Rng {
  return new Rng(`${String(checkSeed(seed, 'createRng: seed'))}/${label}`);
}
