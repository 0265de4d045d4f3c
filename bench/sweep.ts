/**
 * Speed and memory of sweeps with the results store (issue 10's aims), each against a baseline
 * measured in the same script:
 * 1. overhead per run: a serial sweep (plan, run into Arrow shards, compact to Parquet) against
 *    calling the model directly for the same runs, for Ishigami, the urn and tomato; aim at most
 *    10% more time; for tomato also split into a fixed cost per sweep and a cost per run (`fit`);
 * 2. scaling: the same 10,000-run sweep on two worker threads against one, of a cheap urn and of
 *    the tomato cluster model, on fresh threads and on threads kept from a sweep before; aim at
 *    least 1.8x;
 * 3. memory: sweeps streaming 1 million, then 10 million result rows (100 years a run) through
 *    shards and compaction; heap and rss before, at the peak and after (aim: flat in the rows);
 * 4. collect: compacting a finished tomato sweep (what `sweep collect` does after a SLURM array)
 *    with two worker threads writing the results' parts against the main thread alone;
 * 5. first: the tomato scaling sweep from the terminal, a new `clusterlab sweep run` process each
 *    time (always a process's first sweep), two workers against one worker given every core and
 *    against one worker given one core.
 * Run with `npm run bench -- sweep` (or `node --expose-gc dist/bench/sweep.js [overhead|fit|scaling|memory|collect|first]`).
 * The machine may be shared: figures are medians where repeated, and loads are printed.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { closeSweepThreads, collectSweep, runSweep } from '../src/experiments/store';
import type { ModelDefinition, ParamValues } from '../src/engine/model';
import { tomato } from '../src/models';
import { directRuns, ishigami, series, urn } from './sweep-models.lib';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterlab-bench-sweep-'));
let dirCount = 0;
const freshDir = () => path.join(tmp, `s${dirCount++}`);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const load = () => os.loadavg()[0].toFixed(2);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Calls the model for every run of the plan, as a sweep would, keeping a checksum of the values. */
function direct(model: ModelDefinition, points: ParamValues[], replicates: number): number {
  return directRuns(model, points, replicates, 0, points.length * replicates);
}

async function overhead(label: string, model: ModelDefinition, points: Record<string, number>[], replicates: number): Promise<void> {
  const params = points.map((p) => ({ ...Object.fromEntries(model.parameters.map((s) => [s.path, s.default])), ...p }));
  const runs = points.length * replicates;
  direct(model, params, Math.min(replicates, 50)); // warm up
  await runSweep(model, points, { replicates: Math.min(replicates, 50), seed: 1, dir: freshDir(), executor: 'serial', progress: false });
  const base: number[] = [];
  const swept: number[] = [];
  // CPU time of the process as well: on a shared machine it varies far less than wall time.
  const cpuMs = (c0: NodeJS.CpuUsage) => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1e3;
  };
  const baseCpu: number[] = [];
  const sweptCpu: number[] = [];
  for (let k = 0; k < 5; k++) {
    let c0 = process.cpuUsage();
    let t0 = performance.now();
    direct(model, params, replicates);
    base.push(performance.now() - t0);
    baseCpu.push(cpuMs(c0));
    c0 = process.cpuUsage();
    t0 = performance.now();
    await runSweep(model, points, { replicates, seed: 1, dir: freshDir(), executor: 'serial', progress: false });
    swept.push(performance.now() - t0);
    sweptCpu.push(cpuMs(c0));
  }
  const b = median(base);
  const s = median(swept);
  const bc = median(baseCpu);
  const sc = median(sweptCpu);
  console.log(
    `overhead ${label}: ${runs} runs; direct ${b.toFixed(0)} ms (${((b * 1000) / runs).toFixed(1)} us/run), ` +
      `sweep ${s.toFixed(0)} ms (${((s * 1000) / runs).toFixed(1)} us/run); sweep/direct = ${(s / b).toFixed(3)} (aim <= 1.10); ` +
      `cpu: direct ${bc.toFixed(0)} ms, sweep ${sc.toFixed(0)} ms, ratio ${(sc / bc).toFixed(2)}, store ${(((sc - bc) * 1000) / runs).toFixed(1)} us/run [load ${load()}]`,
  );
}

/**
 * What the overhead is made of: a fixed cost per sweep (planning, one flush per shard at least,
 * compaction's tables, the syncs of the user's files and the manifest) and a cost per run (rows
 * into shards, shards into Parquet parts). The ratio of one sweep size mixes the two: at 1,000
 * tomato runs the fixed cost alone is several percent. Here both come from a fit of
 * overhead = fixed + n x per-run over two sizes (each serial sweep against direct calls of the
 * same runs just before it; medians over `rounds` of these differences, the sizes alternating),
 * in wall time and in the process's CPU time, and the per-run part is set against the model's own
 * time a run.
 */
async function overheadFit(label: string, model: ModelDefinition, sizes: [number, number], rounds: number): Promise<void> {
  const params = [Object.fromEntries(model.parameters.map((s) => [s.path, s.default])) as ParamValues];
  const cpuMs = (c0: NodeJS.CpuUsage) => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1e3;
  };
  direct(model, params, 200); // warm up
  await runSweep(model, [{}], { replicates: 200, seed: 1, dir: freshDir(), executor: 'serial', progress: false });
  type Sample = { direct: number; sweep: number; directCpu: number; sweepCpu: number };
  const samples = sizes.map(() => [] as Sample[]);
  for (let k = 0; k < rounds; k++) {
    for (const i of k % 2 ? [1, 0] : [0, 1]) {
      const n = sizes[i];
      let c0 = process.cpuUsage();
      let t0 = performance.now();
      direct(model, params, n);
      const d = performance.now() - t0;
      const dc = cpuMs(c0);
      const dir = freshDir();
      c0 = process.cpuUsage();
      t0 = performance.now();
      await runSweep(model, [{}], { replicates: n, seed: 1, dir, executor: 'serial', progress: false });
      samples[i].push({ direct: d, sweep: performance.now() - t0, directCpu: dc, sweepCpu: cpuMs(c0) });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const [n0, n1] = sizes;
  const linearFit = (pick: (s: Sample) => number, base: (s: Sample) => number) => {
    // Each sweep against the direct calls just before it (the load drifts less within a pair).
    const extra = samples.map((ss) => median(ss.map((x) => pick(x) - base(x))));
    const perRun = (extra[1] - extra[0]) / (n1 - n0); // ms
    const modelPerRun = median(samples[1].map(base)) / n1; // ms
    return { fixed: extra[0] - n0 * perRun, perRun, modelPerRun, extra };
  };
  const wall = linearFit(
    (s) => s.sweep,
    (s) => s.direct,
  );
  const cpu = linearFit(
    (s) => s.sweepCpu,
    (s) => s.directCpu,
  );
  const line = (what: string, f: ReturnType<typeof linearFit>) =>
    `${what}: fixed ${f.fixed.toFixed(1)} ms a sweep (the intercept), ${(f.perRun * 1000).toFixed(1)} us a run on a model run of ${(f.modelPerRun * 1000).toFixed(0)} us ` +
    `(per-run overhead ${((f.perRun / f.modelPerRun) * 100).toFixed(1)}% of the model's time, aim <= 10%); overhead ${f.extra.map((e) => e.toFixed(0)).join(' and ')} ms at ${n0} and ${n1} runs`;
  console.log(`overhead fit ${label}, serial sweeps of ${n0} and ${n1} runs against direct calls, medians of ${rounds} [load ${load()}]`);
  console.log(`  ${line('wall', wall)}`);
  console.log(`  ${line('cpu', cpu)}`);
}

/** Wall time of `threads` threads each doing the same fixed arithmetic: how many cores are free right now. */
function burn(threads: number): Promise<number> {
  const code = 'let x = 0; for (let i = 0; i < 2e8; i++) x += Math.sqrt(i); require("worker_threads").parentPort.postMessage(x);';
  const t0 = performance.now();
  return Promise.all(Array.from({ length: threads }, () => new Promise((resolve) => new Worker(code, { eval: true }).once('message', resolve)))).then(
    () => performance.now() - t0,
  );
}

/**
 * The model alone, with no store: the runs of the scaling sweep (same points, same seeds) called
 * directly on one kept thread, then split over two. It is the ceiling the machine allows the sweep
 * right now, measured beside it: its cores, their other load and the model's own memory traffic
 * all limit two threads of the model as they limit two workers.
 */
class ModelAlone {
  private readonly threads: Worker[];

  constructor(modelModule: string, exportName: string, points: ParamValues[]) {
    const code = `
      const { parentPort, workerData } = require('worker_threads');
      const model = require(workerData.modelModule)[workerData.exportName];
      const { directRuns } = require(workerData.benchModule);
      const defaults = Object.fromEntries(model.parameters.map((s) => [s.path, s.default]));
      const params = workerData.points.map((p) => ({ ...defaults, ...p }));
      parentPort.on('message', ({ from, to, replicates }) => parentPort.postMessage(directRuns(model, params, replicates, from, to)));`;
    const workerData = { modelModule, exportName, benchModule: require.resolve('./sweep-models.lib'), points };
    this.threads = [0, 1].map(() => new Worker(code, { eval: true, workerData }));
  }

  /** Wall time of runs [0, runs) on `threads` threads (1 or 2), split in halves. */
  async time(threads: 1 | 2, runs: number, replicates: number): Promise<number> {
    const job = (w: Worker, from: number, to: number) =>
      new Promise((resolve) => {
        w.once('message', resolve);
        w.postMessage({ from, to, replicates });
      });
    const t0 = performance.now();
    if (threads === 1) await job(this.threads[0], 0, runs);
    else await Promise.all([job(this.threads[0], 0, runs / 2), job(this.threads[1], runs / 2, runs)]);
    return performance.now() - t0;
  }

  close(): Promise<number[]> {
    return Promise.all(this.threads.map((w) => w.terminate()));
  }
}

/**
 * The same 10,000-run sweep (100 points x 100 replicates, 40 shards) on two worker threads against
 * one, `repeats` times each, alternating; first on fresh threads (a process's first sweep: each
 * thread starts, loads the store and compiles the model), then on threads kept from the sweep
 * before (every later sweep of a session). The serial parts (workers getting ready, compaction in
 * the main thread) weigh more the cheaper the model and the more it records: the urn (about
 * 0.4 ms and 20 values a run) shows the first limit; tomato (about 0.6 ms a run, recording about
 * 1,000-1,400 values, some 11 KB) is what sweeps of this project's models see.
 */
async function scaling(label: string, model: ModelDefinition, modelModule: [string, string], points: ParamValues[], repeats: number): Promise<void> {
  const control = [((await burn(1)) / (await burn(2))) * 2];
  const options = { replicates: 100, seed: 1, shards: 40, executor: 'threads' as const };
  // CPU time of the process (all threads): equal for 1 and 2 workers means no work is duplicated;
  // the wall-clock speed-up then depends only on whether two cores are free.
  const timed = async (workers: number, fresh: boolean, into: { wall: number[]; cpu: number[]; tail: number[] }) => {
    if (fresh) await closeSweepThreads();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let runsEnd = 0;
    const progress = (_p: unknown, final: boolean) => {
      if (final) runsEnd = performance.now();
    };
    await runSweep(model, points, { ...options, progress, workers, dir: freshDir() });
    const t1 = performance.now();
    into.wall.push(t1 - t0);
    into.tail.push(t1 - runsEnd); // from the last run's end to the results being open: a serial part
    const c = process.cpuUsage(c0);
    into.cpu.push((c.user + c.system) / 1e3);
  };
  const report = (how: string, one: { wall: number[]; cpu: number[]; tail: number[] }, two: typeof one) => {
    const ratios = one.wall.map((a, k) => (a / two.wall[k]).toFixed(2));
    const a = median(one.wall);
    const b = median(two.wall);
    console.log(
      `scaling ${label}, 10,000 runs, 40 shards, ${how}: 1 worker ${a.toFixed(0)} ms (cpu ${median(one.cpu).toFixed(0)} ms), 2 workers ${b.toFixed(0)} ms (cpu ${median(two.cpu).toFixed(0)} ms); ` +
        `speed-up ${(a / b).toFixed(2)}x of medians, pairs ${ratios.join(', ')} (aim >= 1.8) on ${os.cpus().length} cores [load ${load()}]`,
    );
    console.log(
      `scaling serial part, ${how}: compaction after the runs ${median(one.tail).toFixed(0)} ms (1 worker), ${median(two.tail).toFixed(0)} ms (2 workers), medians`,
    );
  };
  const series = () => ({ wall: [] as number[], cpu: [] as number[], tail: [] as number[] });
  const fresh = [series(), series()];
  for (let k = 0; k < repeats; k++) {
    await timed(1, true, fresh[0]);
    await timed(2, true, fresh[1]);
  }
  await timed(2, false, series()); // both threads kept, and the model compiled in each
  const alone = new ModelAlone(modelModule[0], modelModule[1], points);
  await alone.time(2, 2000, options.replicates); // each thread compiles the model
  const kept = [series(), series()];
  const aloneWall: [number[], number[]] = [[], []];
  for (let k = 0; k < repeats; k++) {
    await timed(1, false, kept[0]);
    await timed(2, false, kept[1]);
    aloneWall[0].push(await alone.time(1, 10_000, options.replicates));
    aloneWall[1].push(await alone.time(2, 10_000, options.replicates));
  }
  await alone.close();
  await closeSweepThreads();
  control.push(((await burn(1)) / (await burn(2))) * 2);
  console.log(
    `scaling control: two threads of pure arithmetic against one (same work each): ${control.map((c) => c.toFixed(2)).join(', ')}x, before and after`,
  );
  report("fresh threads (a process's first sweep)", fresh[0], fresh[1]);
  report('threads kept from the sweep before', kept[0], kept[1]);
  const aloneUp = median(aloneWall[0]) / median(aloneWall[1]);
  const sweepUp = median(kept[0].wall) / median(kept[1].wall);
  console.log(
    `scaling ${label}, the model alone (same runs and seeds, no store) on kept threads, each pair run right after the sweeps': ` +
      `1 thread ${median(aloneWall[0]).toFixed(0)} ms, 2 threads ${median(aloneWall[1]).toFixed(0)} ms; speed-up ${aloneUp.toFixed(2)}x, ` +
      `pairs ${aloneWall[0].map((a, k) => (a / aloneWall[1][k]).toFixed(2)).join(', ')}; the sweep's speed-up on kept threads is ${((sweepUp / aloneUp) * 100).toFixed(0)}% of the model's own`,
  );
}

/** Streams `replicates` x 1,000 runs of 100 years through a serial sweep; heap and rss before, at the peak, after. */
async function memory(replicates: number): Promise<void> {
  const points = Array.from({ length: 1000 }, (_, i) => ({ drift: i / 1000 - 0.5 }));
  gc();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  };
  const timer = setInterval(sample, 50);
  const t0 = performance.now();
  let runPhaseRss = 0; // peak rss when the runs are done, before compaction
  const results = await runSweep(series, points, {
    replicates,
    seed: 1,
    dir: freshDir(),
    executor: 'serial',
    progress: (_p, final) => {
      sample();
      if (final) runPhaseRss = peakRss;
    },
  });
  const ms = performance.now() - t0;
  clearInterval(timer);
  sample();
  gc();
  const after = process.memoryUsage();
  const [{ n }] = await results.sql('select count(*) as n from results');
  results.close();
  const bytes = results.resultsFiles().reduce((sum, f) => sum + fs.statSync(f).size, 0);
  console.log(
    `memory: ${Number(n).toLocaleString('en-US')} rows (${(replicates * 1000).toLocaleString('en-US')} runs x 100 years) in ${(ms / 1000).toFixed(1)} s, results ${mb(bytes)}; ` +
      `heap before ${mb(before.heapUsed)}, peak ${mb(peakHeap)}, after ${mb(after.heapUsed)}; rss before ${mb(before.rss)}, peak ${mb(runPhaseRss)} while running, ${mb(peakRss)} with compaction [load ${load()}]`,
  );
}

/** `sweep collect` of a finished tomato sweep (a wide row a year, 1,000-1,400 values a run), 1 worker (the main thread) against 2, alternating. */
async function collect(runs: number, repeats: number): Promise<void> {
  const dir = freshDir();
  await runSweep(tomato, [{}], { replicates: runs, seed: 1, shards: 8, dir, executor: 'threads', workers: 2, progress: false });
  const one: number[] = [];
  const two: number[] = [];
  let manifest = await collectSweep(dir, { workers: 1 }); // warm up
  for (let k = 0; k < repeats; k++) {
    let t0 = performance.now();
    manifest = await collectSweep(dir, { workers: 1 });
    one.push(performance.now() - t0);
    t0 = performance.now();
    manifest = await collectSweep(dir, { workers: 2 });
    two.push(performance.now() - t0);
  }
  const parts = Object.keys(manifest.files).filter((f) => f.startsWith('results/')).length;
  const pairs = one.map((a, k) => (a / two[k]).toFixed(2)).join(', ');
  console.log(
    `collect tomato, ${runs.toLocaleString('en')} runs, ${manifest.rows.toLocaleString('en')} rows in ${parts} parts: main thread ${median(one).toFixed(0)} ms, ` +
      `2 worker threads ${median(two).toFixed(0)} ms; speed-up ${(median(one) / median(two)).toFixed(2)}x of medians, pairs ${pairs} [load ${load()}]`,
  );
}

/** The tomato sweeps' points: 100 public-discovery rates, the state's experiments, which sweeps of the mechanisms vary first. */
const discoveryRates = Array.from({ length: 100 }, (_, i) => 0.3 + (0.6 * i) / 99);

/** The machine's CPU time in clock ticks, in all and taken by a hypervisor (steal), or null off Linux. */
function cpuTicks(): { total: number; steal: number } | null {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7] };
  } catch {
    return null;
  }
}

/**
 * A process's first sweep, which `clusterlab sweep run` always is: the tomato scaling sweep, each
 * time in a new process, three settings in turn. One worker on a machine with a core to spare runs
 * beside V8's compiler and collector threads working on that spare core, while two workers on two
 * cores must fit that work into their own cores; so the bench also gives one worker a single core
 * (`taskset`, where Linux has it), which two workers on two cores should beat by up to twice: the
 * same cores per worker on both sides.
 */
function firstSweep(rounds: number): void {
  const bin = path.join(__dirname, '..', '..', 'bin', 'clusterlab.js');
  const grid = discoveryRates.join(',');
  const cores = os.cpus().length;
  const canPin = cores >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  const run = (workers: number, cpus: string | null): number => {
    const dir = freshDir();
    const args = [bin, 'sweep', 'run', 'tomato', '--out', dir, '--grid', `state.publicDiscovery=${grid}`];
    args.push('--replicates', '100', '--shards', '40', '--executor', 'threads', '--workers', String(workers), '--no-progress');
    const t0 = performance.now();
    const done = cpus ? spawnSync('taskset', ['-c', cpus, process.execPath, ...args]) : spawnSync(process.execPath, args);
    const ms = performance.now() - t0;
    if (done.status !== 0) throw new Error(`first: sweep run failed (${done.status ?? done.signal}): ${String(done.stderr).slice(0, 400)}`);
    fs.rmSync(dir, { recursive: true, force: true });
    return ms;
  };
  const oneFree: number[] = [];
  const oneCore: number[] = [];
  const two: number[] = [];
  const ticks0 = cpuTicks();
  for (let k = 0; k < rounds; k++) {
    oneFree.push(run(1, null));
    if (canPin) oneCore.push(run(1, '0'));
    two.push(run(2, canPin ? '0,1' : null));
  }
  const ticks1 = cpuTicks();
  const s = (xs: number[]) => xs.map((x) => (x / 1000).toFixed(2)).join(', ');
  const pairs = (xs: number[]) => xs.map((a, k) => (a / two[k]).toFixed(2)).join(', ');
  console.log(
    `first sweep from the terminal, tomato, 10,000 runs, 40 shards, ${rounds} rounds [load ${load()}]: 2 workers${canPin ? ' on 2 cores' : ''} ${s(two)} s; ` +
      `1 worker, every core (${cores}) ${s(oneFree)} s: speed-up ${(median(oneFree) / median(two)).toFixed(2)}x of medians, pairs ${pairs(oneFree)}`,
  );
  if (ticks0 && ticks1) {
    const elapsed = ticks1.total - ticks0.total;
    console.log(
      `first sweep: the hypervisor took ${(((ticks1.steal - ticks0.steal) / elapsed) * 100).toFixed(1)}% of this machine's CPU time over the rounds (steal, /proc/stat)`,
    );
  }
  if (canPin) {
    console.log(
      `first sweep, 1 worker on 1 core ${s(oneCore)} s: 2 workers on 2 cores ${(median(oneCore) / median(two)).toFixed(2)}x of medians, pairs ${pairs(oneCore)} (aim >= 1.8)`,
    );
  } else {
    console.log('first sweep, 1 worker on 1 core: not measured (needs Linux taskset and 2 cores)');
  }
}

async function main(): Promise<void> {
  const only = process.argv[2];
  try {
    // Memory first, in a fresh process: 1 million rows, then 10 million (rss peaks only grow).
    if (!only || only === 'memory') {
      await memory(10);
      await memory(100);
    }
    if (!only || only === 'overhead') {
      const grid = Array.from({ length: 100 }, (_, i) => ({ x1: -3 + (6 * i) / 99, x2: 1, x3: 0.5 }));
      await overhead('ishigami (one value per run)', ishigami, grid, 1000);
      await overhead(
        'urn (200 draws x 20 years)',
        urn,
        Array.from({ length: 20 }, (_, i) => ({ returns: 0.5 + i / 20 })),
        250,
      );
      await overhead('tomato (cluster model, 1960-2005, about 0.5 ms and 1,000-1,400 values a run)', tomato, [{}], 1000);
    }
    if (!only || only === 'overhead' || only === 'fit') await overheadFit('tomato', tomato, [250, 4000], 7);
    if (!only || only === 'collect') {
      await collect(4000, 3);
      await collect(20_000, 2);
    }
    if (!only || only === 'scaling') {
      await scaling(
        'urn (200 draws x 20 years)',
        urn,
        [require.resolve('./sweep-models.lib'), 'urn'],
        Array.from({ length: 100 }, (_, i) => ({ returns: 0.5 + i / 100 })),
        3,
      );
      await scaling(
        'tomato (cluster model, 1960-2005)',
        tomato,
        [require.resolve('../src/models'), 'tomato'],
        discoveryRates.map((rate) => ({ 'state.publicDiscovery': rate })),
        2,
      );
    }
    if (!only || only === 'first') firstSweep(5);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

void main();
