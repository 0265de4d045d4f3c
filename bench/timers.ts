/**
 * What a cell's guarded timer callback costs (kernel/timers.ts): each one runs inside a `vm`
 * call with `breakOnSigint`, for which Node starts and stops its SIGINT watchdog (a thread).
 *   chain   CALLBACKS setImmediate callbacks, each scheduling the next (one per loop turn)
 *   batch   CALLBACKS setImmediate callbacks queued at once (all run in one loop turn)
 *   timeout CALLBACKS/100 setTimeout(0) callbacks chained (each waits at least 1 ms anyway)
 * Plain (Node's) and guarded are measured in alternation, ROUNDS times; medians in ms, per-callback
 * cost in µs, ratio guarded / plain. Run: npm run build && node dist/bench/timers.js
 */
import { createGuardedTimers } from '../kernel/timers';

const CALLBACKS = Number(process.env.TIMERS_BENCH_CALLBACKS ?? 100_000);
const ROUNDS = Number(process.env.TIMERS_BENCH_ROUNDS ?? 5);

type Timers = { setImmediate: typeof setImmediate; setTimeout: typeof setTimeout };
const plain: Timers = { setImmediate, setTimeout };
const guarded: Timers = createGuardedTimers(() => {
  throw new Error('bench callbacks are never interrupted');
});

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function chain(timers: Timers, n: number): Promise<number> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let left = n;
    const step = () => (--left > 0 ? timers.setImmediate(step) : resolve(performance.now() - t0));
    timers.setImmediate(step);
  });
}

function batch(timers: Timers, n: number): Promise<number> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let left = n;
    const step = () => {
      if (--left === 0) resolve(performance.now() - t0);
    };
    for (let i = 0; i < n; i++) timers.setImmediate(step);
  });
}

function timeouts(timers: Timers, n: number): Promise<number> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let left = n;
    const step = () => (--left > 0 ? timers.setTimeout(step, 0) : resolve(performance.now() - t0));
    timers.setTimeout(step, 0);
  });
}

async function main(): Promise<void> {
  const cases: [string, (t: Timers, n: number) => Promise<number>, number][] = [
    ['setImmediate chain', chain, CALLBACKS],
    ['setImmediate batch', batch, CALLBACKS],
    ['setTimeout(0) chain', timeouts, Math.max(1, Math.round(CALLBACKS / 100))],
  ];
  console.log(`guarded timer callbacks against Node's (${ROUNDS} rounds, medians; load ${(await import('node:os')).loadavg()[0].toFixed(1)})`);
  for (const [name, run, n] of cases) {
    await run(plain, Math.min(n, 1000)); // warm both paths
    await run(guarded, Math.min(n, 1000));
    const times = { plain: [] as number[], guarded: [] as number[] };
    for (let r = 0; r < ROUNDS; r++) {
      times.plain.push(await run(plain, n));
      times.guarded.push(await run(guarded, n));
    }
    const p = median(times.plain);
    const g = median(times.guarded);
    const perCallback = ((g - p) * 1000) / n;
    console.log(
      `${name.padEnd(20)} ${String(n).padStart(7)} callbacks: plain ${p.toFixed(1)} ms, guarded ${g.toFixed(1)} ms, ` +
        `+${perCallback.toFixed(1)} µs per callback, ratio ${(g / p).toFixed(2)}`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
