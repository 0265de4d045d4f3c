/**
 * Speed and memory of the cluster model. Prints, for tomato, salmon and tomato scaled to about
 * 100,000 growers: milliseconds per run (median of repeated runs) and agent-updates per second
 * (an agent-update = one live firm or grower advanced by one year); the time of a 100-seed ensemble
 * of both cases on one thread; and the heap before and after 1,000 consecutive runs. Each figure is
 * printed beside the aim as a ratio (aim / measured: above 1 means the aim is met).
 * Run with `npm run bench -- model` (or `node --expose-gc dist/bench/model.js`).
 */
import { runWorld } from '../src/model/cluster';
import { ensemble, simulate } from '../src/simulation/simulate';
import { getScenario, scenarioParams } from '../src/model/scenarios';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function agentYears(caseName: 'tomato' | 'salmon', run: ReturnType<typeof simulate>): number {
  const firms = run.metric(caseName === 'tomato' ? 'processors' : 'firms');
  let n = 0;
  for (const v of firms) n += v;
  if (caseName === 'tomato') for (const v of run.metric('suppliers')) n += v;
  return n;
}

function timeRuns(label: string, scenario: string, set: Record<string, unknown>, reps: number, aimMs?: number): void {
  const s = getScenario(scenario);
  const params = scenarioParams(s, set);
  const c = s.case as 'tomato' | 'salmon';
  for (let i = 0; i < 3; i++) runWorld(c, params, 1000 + i);
  const ms: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    runWorld(c, params, i + 1);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1e3 / reps;
  const updates = agentYears(c, simulate(scenario, { seed: 1, set }));
  const m = median(ms);
  const aim = aimMs ? `  aim < ${aimMs} ms: ratio ${(aimMs / m).toFixed(1)}x` : '';
  console.log(
    `${label.padEnd(34)} ${m.toFixed(2).padStart(8)} ms/run (CPU ${cpuMs.toFixed(2)} ms)  ${(updates / 1e3).toFixed(0).padStart(5)}k agent-updates/run  ` +
      `${((updates / m) * 1e3 / 1e6).toFixed(2).padStart(5)} M agent-updates/s${aim}`,
  );
}

function heapMB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

function main(): void {
  console.log('cluster model benchmark (one thread)');
  timeRuns('tomato (1965-2000)', 'tomato', {}, 40, 50);
  timeRuns('salmon (1969-2003)', 'salmon', {}, 40, 50);
  // Tomato with growers 20 times smaller: about 100,000 growers by 2000.
  const base = simulate('tomato', { seed: 1 });
  const growers2000 = base.at('suppliers', 2000);
  const perGrower = scenarioParams(getScenario('tomato')).suppliers.tonnesPerSupplier;
  const scaled = Math.max(1, (perGrower * growers2000) / 100000);
  const big = simulate('tomato', { seed: 1, set: { 'suppliers.tonnesPerSupplier': scaled } });
  timeRuns(`tomato, ~${Math.round(big.at('suppliers', 2000) / 1000)}k growers in 2000`, 'tomato', { 'suppliers.tonnesPerSupplier': scaled }, 5);

  const t0 = Date.now();
  const cpu0 = process.cpuUsage();
  ensemble('tomato', { seeds: 100 });
  ensemble('salmon', { seeds: 100 });
  const ensembleMs = Date.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  console.log(`100-seed ensembles of tomato and salmon: ${(ensembleMs / 1000).toFixed(2)} s (CPU ${cpuS.toFixed(2)} s)  aim < 10 s: ratio ${(10000 / ensembleMs).toFixed(1)}x`);

  if (!(globalThis as { gc?: () => void }).gc) console.log('(run with --expose-gc for exact heap figures)');
  const before = heapMB();
  for (let i = 0; i < 1000; i++) simulate(i % 2 ? 'tomato' : 'salmon', { seed: i });
  const after = heapMB();
  console.log(`heap before 1,000 runs ${before.toFixed(1)} MB, after ${after.toFixed(1)} MB (growth ${(after - before).toFixed(1)} MB: flat means nothing is retained)`);
}

main();
