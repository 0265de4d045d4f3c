/**
 * The naive way to compute Sobol indices, for the sensitivity bench's ratio: a Saltelli design as
 * arrays of row arrays, outputs from `map`, indices from `reduce` over per-factor arrays, and a
 * bootstrap that copies the resampled outputs into new arrays each time. Same estimators (Saltelli
 * 2010 S1, Jansen ST) and same Sobol points as the real code, so only the data layout differs.
 */
import { sobolPoints } from '../src/experiments/sobolSequence';
import { createRng } from '../src/engine/rng';

export function naiveSobol(
  f: (x: number[]) => number,
  ranges: [number, number][],
  n: number,
  resamples: number,
  seed: number,
): { S1: number[]; ST: number[]; S1ci: [number, number][]; STci: [number, number][] } {
  const k = ranges.length;
  const flat = sobolPoints(n, 2 * k);
  const scale = (u: number, j: number) => ranges[j][0] + u * (ranges[j][1] - ranges[j][0]);
  const A: number[][] = [];
  const B: number[][] = [];
  for (let r = 0; r < n; r++) {
    A.push(Array.from({ length: k }, (_, j) => scale(flat[r * 2 * k + j], j)));
    B.push(Array.from({ length: k }, (_, j) => scale(flat[r * 2 * k + k + j], j)));
  }
  const AB: number[][][] = Array.from({ length: k }, (_, i) => A.map((row, r) => row.map((v, j) => (j === i ? B[r][j] : v))));
  const yA = A.map(f);
  const yB = B.map(f);
  const yAB = AB.map((m) => m.map(f));
  const indices = (ya: number[], yb: number[], yab: number[][]) => {
    const all = [...ya, ...yb];
    const mean = all.reduce((s, v) => s + v, 0) / all.length;
    const V = all.reduce((s, v) => s + (v - mean) ** 2, 0) / all.length;
    return {
      S1: yab.map((col) => col.reduce((s, v, r) => s + yb[r] * (v - ya[r]), 0) / ya.length / V),
      ST: yab.map((col) => col.reduce((s, v, r) => s + (ya[r] - v) ** 2, 0) / (2 * ya.length) / V),
    };
  };
  const point = indices(yA, yB, yAB);
  const rng = createRng(seed);
  const boots: { S1: number[]; ST: number[] }[] = [];
  for (let b = 0; b < resamples; b++) {
    const rows = Array.from({ length: n }, () => Math.floor(rng.uniform() * n));
    boots.push(
      indices(
        rows.map((r) => yA[r]),
        rows.map((r) => yB[r]),
        yAB.map((col) => rows.map((r) => col[r])),
      ),
    );
  }
  const ci = (xs: number[]): [number, number] => {
    const s = [...xs].sort((a, b) => a - b);
    return [s[Math.floor(0.025 * (s.length - 1))], s[Math.ceil(0.975 * (s.length - 1))]];
  };
  return {
    ...point,
    S1ci: point.S1.map((_, i) => ci(boots.map((b) => b.S1[i]))),
    STci: point.ST.map((_, i) => ci(boots.map((b) => b.ST[i]))),
  };
}
