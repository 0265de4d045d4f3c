/**
 * Speed of the cluster model (src/cluster), one thread: milliseconds per run of each case (median
 * of repeated runs after warm-up) and runs per second, the time of 100-seed ensembles of both
 * cases, each beside the aims as a ratio (one run under 50 ms, 100 seeds of both under
 * 10 s; ratio above 1 means within the aim). Run with `npm run bench -- cluster` (or
 * `node dist/bench/cluster.js`).
 */
import { runCluster } from '../src/cluster/run';
import { resolveParams } from '../src/cluster/params';
import { clusterSchema, type CaseName } from '../src/cluster/schema';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(run: (seed: number) => void, reps: number): number {
  for (let i = 0; i < 5; i++) run(10_000 + i);
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    run(i + 1);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(ms);
}

function main(): void {
  console.log('cluster model benchmark (one thread)');
  const cases: CaseName[] = ['tomato', 'salmon'];
  const values = Object.fromEntries(cases.map((c) => [c, resolveParams(clusterSchema(c))]));
  for (const c of cases) {
    const t = time((seed) => runCluster(c, values[c], seed), 60);
    console.log(`${c.padEnd(7)} ${t.toFixed(2).padStart(7)} ms/run   ${(1000 / t).toFixed(0).padStart(5)} runs/s   aim < 50 ms: ratio ${(50 / t).toFixed(1)}x`);
  }
  const t0 = Date.now();
  for (const c of cases) for (let s = 0; s < 100; s++) runCluster(c, values[c], s + 1);
  const e = (Date.now() - t0) / 1000;
  console.log(`100 seeds of both cases: ${e.toFixed(2)} s   aim < 10 s: ratio ${(10 / e).toFixed(1)}x`);
}

main();
