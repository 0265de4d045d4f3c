/**
 * Speed of the cluster model (src/cluster), one thread: milliseconds per run of each case (median
 * of repeated runs after warm-up) and runs per second, the time of 100-seed ensembles of both
 * cases, each beside the issue's aims as a ratio (one run under 50 ms, 100 seeds of both under
 * 10 s; ratio above 1 means within the aim). Then what a run leaves to the garbage collector:
 * bytes allocated per run (from the heap's use before and after each collection, v8.GCProfiler),
 * collections and their time per run, and CPU time over wall time (above 1 when V8's background
 * threads - concurrent marking, parallel scavenges, the optimising compiler - work beside the run).
 *
 * `CLUSTER_BASELINE=<dir>` (a compiled `dist` of another commit, e.g. main's) runs that build too,
 * alternating blocks of runs with this one in the same process, and prints this build's figures
 * over the baseline's. Run with `npm run bench -- cluster` (or `node --expose-gc dist/bench/cluster.js`).
 */
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import { runCluster } from '../src/cluster/run';
import { resolveParams } from '../src/cluster/params';
import { clusterSchema, type CaseName } from '../src/cluster/schema';
import type { ParamValues } from '../src/engine/model';

type Run = (c: CaseName, values: ParamValues, seed: number) => unknown;

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const load = () => os.loadavg()[0].toFixed(2);

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

interface Block {
  ms: number;
  bytes: number;
  collections: number;
  gcMs: number;
  cpuOverWall: number;
}

/** One block of `n` runs: per-run wall time, bytes allocated, collections and their time, CPU/wall. */
function block(run: Run, c: CaseName, values: ParamValues, n: number, firstSeed: number): Block {
  gc(); // start from a clean heap, so the block pays only for its own garbage
  const before = v8.getHeapStatistics().used_heap_size;
  const profiler = new v8.GCProfiler();
  profiler.start();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) run(c, values, firstSeed + i);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const collections = profiler.stop().statistics;
  const after = v8.getHeapStatistics().used_heap_size;
  // Allocated = what the heap grew by + what each collection freed.
  let freed = 0;
  let gcMicros = 0;
  for (const s of collections) {
    freed += s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize;
    gcMicros += s.cost;
  }
  return {
    ms: wall / n,
    bytes: (after - before + freed) / n,
    collections: collections.length / n,
    gcMs: gcMicros / 1e3 / n,
    cpuOverWall: (cpu.user + cpu.system) / 1e3 / wall,
  };
}

function medianBlock(blocks: Block[]): Block {
  const at = (k: keyof Block) => median(blocks.map((b) => b[k]));
  return { ms: at('ms'), bytes: at('bytes'), collections: at('collections'), gcMs: at('gcMs'), cpuOverWall: at('cpuOverWall') };
}

function describe(b: Block): string {
  return `${b.ms.toFixed(3).padStart(7)} ms/run  ${(b.bytes / 1024).toFixed(0).padStart(6)} KiB/run  ${b.collections.toFixed(3)} GCs/run  ${b.gcMs.toFixed(3)} GC ms/run  CPU/wall ${b.cpuOverWall.toFixed(3)}`;
}

/** The baseline build's runner and values, from its compiled dist directory. */
function baseline(dir: string): { run: Run; values: (c: CaseName) => ParamValues } {
  const dist = path.resolve(dir);
  const base = require(path.join(dist, 'src/cluster/run.js')) as { runCluster: Run };
  const params = require(path.join(dist, 'src/cluster/params.js')) as { resolveParams: typeof resolveParams };
  const schema = require(path.join(dist, 'src/cluster/schema.js')) as { clusterSchema: typeof clusterSchema };
  return { run: base.runCluster, values: (c) => Object.freeze(params.resolveParams(schema.clusterSchema(c))) };
}

function allocation(cases: CaseName[], values: Record<string, ParamValues>): void {
  const baseDir = process.env.CLUSTER_BASELINE;
  const base = baseDir ? baseline(baseDir) : undefined;
  const runs: Record<CaseName, number> = { tomato: 1000, salmon: 60 };
  const rounds = 7;
  console.log(`\nallocation and CPU per run (medians of ${rounds} blocks${base ? `, alternating with the baseline ${baseDir}` : ''}; load ${load()})`);
  for (const c of cases) {
    const ownRun: Run = (cc, v, s) => runCluster(cc, v, s);
    const baseValues = base?.values(c);
    block(ownRun, c, values[c], runs[c], 100_000); // warm-up
    if (base) block(base.run, c, baseValues!, runs[c], 100_000);
    const own: Block[] = [];
    const old: Block[] = [];
    for (let r = 0; r < rounds; r++) {
      const seed = 1 + r * runs[c];
      if (base && r % 2 === 1) old.push(block(base.run, c, baseValues!, runs[c], seed));
      own.push(block(ownRun, c, values[c], runs[c], seed));
      if (base && r % 2 === 0) old.push(block(base.run, c, baseValues!, runs[c], seed));
    }
    const mine = medianBlock(own);
    console.log(`${c.padEnd(7)} this build  ${describe(mine)}`);
    if (!base) continue;
    const theirs = medianBlock(old);
    console.log(`${c.padEnd(7)} baseline    ${describe(theirs)}`);
    console.log(
      `${c.padEnd(7)} this/baseline: time ${(mine.ms / theirs.ms).toFixed(3)}, bytes ${(mine.bytes / theirs.bytes).toFixed(3)}, GC time ${(mine.gcMs / theirs.gcMs).toFixed(3)}, CPU/wall ${(mine.cpuOverWall / theirs.cpuOverWall).toFixed(3)}`,
    );
  }
  console.log(`load after: ${load()}`);
}

function main(): void {
  console.log(`cluster model benchmark (one thread; load ${load()})`);
  const cases: CaseName[] = ['tomato', 'salmon'];
  // Frozen, as a model's `resolve` gives them (the run nests a frozen values object once).
  const values = Object.fromEntries(cases.map((c) => [c, Object.freeze(resolveParams(clusterSchema(c)))]));
  for (const c of cases) {
    const t = time((seed) => runCluster(c, values[c], seed), 60);
    console.log(`${c.padEnd(7)} ${t.toFixed(2).padStart(7)} ms/run   ${(1000 / t).toFixed(0).padStart(5)} runs/s   aim < 50 ms: ratio ${(50 / t).toFixed(1)}x`);
  }
  const t0 = Date.now();
  for (const c of cases) for (let s = 0; s < 100; s++) runCluster(c, values[c], s + 1);
  const e = (Date.now() - t0) / 1000;
  console.log(`100 seeds of both cases: ${e.toFixed(2)} s   aim < 10 s: ratio ${(10 / e).toFixed(1)}x`);
  allocation(cases, values);
}

main();
