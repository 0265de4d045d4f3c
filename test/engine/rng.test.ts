// Engine tests import the compiled library from dist/ (npm test builds first), like the kernel does.
import { describe, expect, it } from 'vitest';
import { createRng, hashSeed, logGamma, replicationSeed, replicationSeeder } from '../../dist/src/engine';
import { forkOf } from '../../dist/src/engine/rng';

function draws(rng: { uniform(): number }, n: number): number[] {
  return Array.from({ length: n }, () => rng.uniform());
}

function meanVar(xs: number[]): [number, number] {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return [m, xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1)];
}

describe('seeded random streams', () => {
  it('gives the same numbers for the same seed and different ones for another seed', () => {
    expect(draws(createRng(42), 100)).toEqual(draws(createRng(42), 100));
    expect(draws(createRng('42'), 5)).toEqual(draws(createRng(42), 5));
    expect(draws(createRng(43), 100)).not.toEqual(draws(createRng(42), 100));
    for (const x of draws(createRng(7), 10_000)) expect(x >= 0 && x < 1).toBe(true);
  });

  it('derives named substreams that do not depend on what else was drawn or forked', () => {
    const plain = createRng(5);
    const expected = draws(plain.fork('entry'), 50);
    const busy = createRng(5);
    draws(busy, 1000);
    busy.fork('newProcess');
    draws(busy.fork('exit'), 10);
    expect(draws(busy.fork('entry'), 50)).toEqual(expected);
    // The same stream without making the parent (what the cluster model's world does).
    expect(draws(forkOf(5, 'entry'), 50)).toEqual(expected);
    expect(draws(createRng(5).fork('exit'), 50)).not.toEqual(expected);
    // A fork's stream is not the parent's stream.
    expect(draws(createRng(5), 50)).not.toEqual(expected);
  });

  it('gives each replication a seed that depends only on master seed and index', () => {
    const seeds = Array.from({ length: 1000 }, (_, i) => replicationSeed(9, i));
    expect(new Set(seeds).size).toBe(1000);
    expect(replicationSeed(9, 17)).toBe(seeds[17]);
    expect(replicationSeed(10, 17)).not.toBe(seeds[17]);
    expect(hashSeed('a')).not.toBe(hashSeed('b'));
    expect(() => replicationSeed(9, -1)).toThrow(/index/);
  });

  it('derives the same replication seeds through a seeder that hashes the shared prefix once', () => {
    // Values of the rule as first published (hash of 'clusterlab/replication/<master>/<index>'): saved results depend on them.
    expect(replicationSeed(9, 17)).toBe(3802926465);
    expect(replicationSeed('run-a', 0)).toBe(3819422689);
    expect(replicationSeed(4294967295, 123456)).toBe(445197932);
    for (const master of [0, 9, 'run-a', 4294967295, '1/design/12']) {
      const seedOf = replicationSeeder(master);
      for (const i of [0, 1, 9, 10, 99, 100, 12345, 999999]) {
        expect(seedOf(i)).toBe(replicationSeed(master, i));
        expect(seedOf(i)).toBe(hashSeed(`clusterlab/replication/${master}/${i}`));
      }
    }
    expect(() => replicationSeeder(9)(1.5)).toThrow(/index/);
  });

  it('draws from the named distributions with the right mean and variance', () => {
    const rng = createRng(2024);
    const n = 40_000;
    const check = (xs: number[], mean: number, variance: number) => {
      const [m, v] = meanVar(xs);
      // Standard error of the mean is sqrt(variance/n); allow 5 of them, and 5% on the variance.
      expect(Math.abs(m - mean)).toBeLessThan(5 * Math.sqrt(variance / n) + 1e-12);
      expect(Math.abs(v - variance) / variance).toBeLessThan(0.05);
    };
    check(
      Array.from({ length: n }, () => rng.normal(3, 2)),
      3,
      4,
    );
    check(
      Array.from({ length: n }, () => rng.poisson(3.5)),
      3.5,
      3.5,
    );
    check(
      Array.from({ length: n }, () => rng.poisson(250)),
      250,
      250,
    );
    check(
      Array.from({ length: n }, () => rng.binomial(20, 0.3)),
      6,
      4.2,
    );
    check(
      Array.from({ length: n }, () => rng.binomial(5000, 0.2)),
      1000,
      800,
    );
    check(
      Array.from({ length: n }, () => rng.binomial(5000, 0.9)),
      4500,
      450,
    );
    check(
      Array.from({ length: n }, () => rng.exponential(0.5)),
      2,
      4,
    );
    check(
      Array.from({ length: n }, () => rng.int(10)),
      4.5,
      8.25,
    );
    check(
      Array.from({ length: n }, () => (rng.bernoulli(0.25) ? 1 : 0)),
      0.25,
      0.1875,
    );
  });

  it('matches the binomial and Poisson probability mass functions in the rejection samplers', () => {
    const rng = createRng(77);
    const n = 50_000;
    const totalVariation = (draw: () => number, logPmf: (k: number) => number, kMax: number) => {
      const counts = new Float64Array(kMax + 1);
      for (let i = 0; i < n; i++) counts[Math.min(draw(), kMax)]++;
      let tv = 0;
      for (let k = 0; k <= kMax; k++) tv += Math.abs(counts[k] / n - Math.exp(logPmf(k)));
      return tv / 2;
    };
    const lchoose = (m: number, k: number) => logGamma(m + 1) - logGamma(k + 1) - logGamma(m - k + 1);
    // Binomial(100, 0.3): mean 30, past the inversion cut-off, so BTRS draws it.
    expect(
      totalVariation(
        () => rng.binomial(100, 0.3),
        (k) => lchoose(100, k) + k * Math.log(0.3) + (100 - k) * Math.log(0.7),
        100,
      ),
    ).toBeLessThan(0.02);
    // Poisson(50): PTRS.
    expect(
      totalVariation(
        () => rng.poisson(50),
        (k) => -50 + k * Math.log(50) - logGamma(k + 1),
        200,
      ),
    ).toBeLessThan(0.02);
  });

  it('keeps integer draws in range and binomials within 0..n', () => {
    const rng = createRng(1);
    for (let i = 0; i < 5000; i++) {
      const k = rng.int(7);
      expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true);
      const b = rng.binomial(40, 0.6);
      expect(Number.isInteger(b) && b >= 0 && b <= 40).toBe(true);
    }
    expect(rng.binomial(10, 0)).toBe(0);
    expect(rng.binomial(10, 1)).toBe(10);
    expect(rng.poisson(0)).toBe(0);
  });

  it('draws the same numbers through buffers (normals, binomialOf) as through the plain calls', () => {
    // The buffer forms exist so that hot loops box no number; they must not change a single draw.
    const plain = createRng('buffers');
    const buffered = createRng('buffers');
    const out = new Float64Array(8);
    const sds = Float64Array.of(0.05, 1, 3.7);
    for (let round = 0; round < 500; round++) {
      const count = 1 + (round % 7); // odd and even counts, so the cached spare normal is crossed
      const which = round % 3;
      buffered.normals(out, count, sds, which);
      for (let i = 0; i < count; i++) expect(out[i]).toBe(plain.normal(0, sds[which]));
      const ps = Float64Array.of(0, 0.02, 0.3, 0.5, 0.7, 0.995, 1);
      const n = [0, 20, 5000][round % 3];
      for (let j = 0; j < ps.length; j++) expect(buffered.binomialOf(n, ps, j)).toBe(plain.binomial(n, ps[j]));
    }
    expect(buffered.uniform()).toBe(plain.uniform());
  });

  it('shuffles a typed array into a permutation, reproducibly', () => {
    const a = Int32Array.from({ length: 100 }, (_, i) => i);
    const b = Int32Array.from({ length: 100 }, (_, i) => i);
    createRng(3).shuffleInPlace(a);
    createRng(3).shuffleInPlace(b);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('draws indices in proportion to weights', () => {
    const rng = createRng(12);
    const weights = Float64Array.from([1, 0, 3, 6]);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 20_000; i++) counts[rng.weightedIndex(weights)]++;
    expect(counts[1]).toBe(0);
    expect(counts[0] / 20_000).toBeCloseTo(0.1, 1);
    expect(counts[2] / 20_000).toBeCloseTo(0.3, 1);
    expect(counts[3] / 20_000).toBeCloseTo(0.6, 1);
    expect(() => rng.weightedIndex([0, 0])).toThrow(/positive sum/);
  });

  it('rejects bad arguments with the argument named', () => {
    const rng = createRng(1);
    expect(() => rng.int(0)).toThrow(/n must be an integer >= 1/);
    expect(() => rng.poisson(-1)).toThrow(/lambda/);
    expect(() => rng.binomial(10, 1.5)).toThrow(/p must be in \[0, 1\]/);
    expect(() => rng.binomial(2.5, 0.5)).toThrow(/n must be an integer/);
    expect(() => createRng(NaN)).toThrow(/seed/);
  });

  it('computes log-gamma accurately', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });
});
