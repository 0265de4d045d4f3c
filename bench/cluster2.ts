/**
 * Speed of the second cluster model (src/cluster) beside the first (src/model), in one process:
 * milliseconds per run of each case (median of repeated runs, after warm-up), the time of
 * 100-seed ensembles of both cases on one thread, and the ratio to the first model's times.
 * The aims: one run under 50 ms, 100 seeds of both under 10 s.
 * Run with `npm run bench -- cluster2` (or `node dist/bench/cluster2.js`).
 */
import { runCluster } from '../src/cluster/run';
import { resolveParams } from '../src/cluster/params';
import { clusterSchema, type CaseName } from '../src/cluster/schema';
import { runWorld } from '../src/model/cluster';
import { getScenario, scenarioParams } from '../src/model/scenarios';

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
  console.log('cluster model v2 benchmark (one thread)');
  const cases: CaseName[] = ['tomato', 'salmon'];
  const v2 = Object.fromEntries(cases.map((c) => [c, resolveParams(clusterSchema(c))]));
  const v1 = Object.fromEntries(cases.map((c) => [c, scenarioParams(getScenario(c))]));
  for (const c of cases) {
    const t2 = time((seed) => runCluster(c, v2[c], seed), 60);
    const t1 = time((seed) => runWorld(c, v1[c], seed), 60);
    console.log(
      `${c.padEnd(7)} v2 ${t2.toFixed(2).padStart(7)} ms/run   v1 ${t1.toFixed(2).padStart(7)} ms/run   v2/v1 ${(t2 / t1).toFixed(2)}   aim < 50 ms: ratio ${(50 / t2).toFixed(1)}x`,
    );
  }
  const ensemble = (f: (c: CaseName, seed: number) => void) => {
    const t0 = Date.now();
    for (const c of cases) for (let s = 0; s < 100; s++) f(c, s + 1);
    return (Date.now() - t0) / 1000;
  };
  const e2 = ensemble((c, s) => runCluster(c, v2[c], s));
  const e1 = ensemble((c, s) => runWorld(c, v1[c], s));
  console.log(`100 seeds of both cases: v2 ${e2.toFixed(2)} s   v1 ${e1.toFixed(2)} s   v2/v1 ${(e2 / e1).toFixed(2)}   aim < 10 s: ratio ${(10 / e2).toFixed(1)}x`);
}

main();
