/**
 * The explorer's response (kernel/widgets-explore.ts), measured as a frontend sees it, against a
 * real kernel process:
 *   change -> figure   from the comm `update` of a slider (as jupyterlab-manager sends it when
 *                      the handle is released) to the comm `update` that carries the new figure,
 *                      for a 20-seed ensemble of each case on 2 worker threads;
 *   baselines          the same ensemble in this process with `ensemble()` (one thread) and with
 *                      `ensembleParallel` (2 workers, a fresh pool per call), before any drawing
 *                      or messaging; the ratio is change->figure over the one-thread ensemble;
 *   heartbeat, interrupt   round trips while the slider moves every 40 ms (re-runs cancelled
 *                      and started again all the time).
 * Medians and maxima in ms over ROUNDS changes. Run: npm run build && node dist/bench/widgets.js
 */
import { loadavg } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { KernelClient } from '../kernel/client';
import type { Message } from '../kernel/wire';
import { ensemble, ensembleParallel } from '../src/simulation/simulate';
import '../src/models'; // registers the built-in models

const ROUNDS = Number(process.env.WIDGETS_BENCH_ROUNDS ?? 10);
const SEEDS = 20;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x: number) => x.toFixed(0).padStart(6);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function text(kernel: KernelClient, code: string): Promise<string> {
  const result = await kernel.execute(code);
  if (result.status !== 'ok') throw new Error(`${result.error?.ename}: ${result.error?.evalue}`);
  return String(result.result?.['text/plain']).replace(/^'|'$/g, '');
}

/** The figure is an HTML widget (its `value`) or a TimeSeriesView (its `payload`). */
const figureChanged = (state: Record<string, unknown>) => 'value' in state || 'payload' in state;

function figureUpdateAfter(kernel: KernelClient, from: number, figureId: string): Message | undefined {
  for (let i = from; i < kernel.iopubLog.length; i++) {
    const m = kernel.iopubLog[i];
    if (m.header.msg_type === 'comm_msg' && m.content.comm_id === figureId && m.content.data.method === 'update' && figureChanged(m.content.data.state))
      return m;
  }
  return undefined;
}

async function benchCase(kernel: KernelClient, scenario: string, parameter: string, values: [number, number]) {
  const name = `ex_${scenario}`;
  await text(kernel, `const ${name} = explore('${scenario}', { seeds: ${SEEDS}, workers: 2 }); await ${name}.settled(); 0`);
  const figureId = await text(kernel, `${name}.figure.model_id`);
  const sliderId = await text(kernel, `${name}.controls['${parameter}'].model_id`);
  const times: number[] = [];
  for (let round = 0; round < ROUNDS + 1; round++) {
    const from = kernel.iopubLog.length;
    const t0 = performance.now();
    await kernel.send(
      'shell',
      'comm_msg',
      { comm_id: sliderId, data: { method: 'update', state: { value: values[round % 2] }, buffer_paths: [] } },
      { waitReply: false },
    );
    await waitFor(() => figureUpdateAfter(kernel, from, figureId));
    if (round > 0) times.push(performance.now() - t0); // the first round warms the worker threads
    await text(kernel, `await ${name}.settled(); 0`);
  }

  // Responsiveness while the slider keeps moving (each change cancels the run in progress).
  const beats: number[] = [];
  const interrupts: number[] = [];
  let moving = true;
  const mover = (async () => {
    for (let k = 0; moving; k++) {
      await kernel.send(
        'shell',
        'comm_msg',
        { comm_id: sliderId, data: { method: 'update', state: { value: values[k % 2] }, buffer_paths: [] } },
        { waitReply: false },
      );
      await sleep(40);
    }
  })();
  for (let k = 0; k < ROUNDS; k++) {
    await sleep(35);
    let t = performance.now();
    if (!(await kernel.heartbeat(2000))) throw new Error('no heartbeat');
    beats.push(performance.now() - t);
    t = performance.now();
    await kernel.interrupt(2000);
    interrupts.push(performance.now() - t);
  }
  moving = false;
  await mover;
  await text(kernel, `await ${name}.settled(); await ${name}.dispose(); 0`);

  const base: number[] = [];
  const parallel: number[] = [];
  for (let k = 0; k < 3; k++) {
    let t = performance.now();
    ensemble(scenario, { seeds: SEEDS, set: { [parameter]: values[k % 2] } });
    base.push(performance.now() - t);
    t = performance.now();
    await ensembleParallel(scenario, { seeds: SEEDS, workers: 2, set: { [parameter]: values[k % 2] } });
    parallel.push(performance.now() - t);
  }
  return { times, beats, interrupts, base, parallel };
}

async function main(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'clusterlab-bench-widgets-'));
  const kernel = await KernelClient.start({ cwd: home, env: { ...process.env, JUPYTER_DATA_DIR: join(home, 'data') } });
  try {
    await kernel.execute('0', { timeoutMs: 180_000 });
    console.log(`explorer response, ${SEEDS}-seed ensembles, 2 worker threads, ${ROUNDS} changes each; load ${loadavg()[0].toFixed(1)}`);
    console.log('case      change->figure median   max | ensemble() 1 thread | ensembleParallel 2 | ratio | heartbeat med/max | interrupt med/max');
    const cases: [string, string, [number, number]][] = [
      ['salmon', 'state.knowhowGain', [0.05, 0.2]],
      ['tomato', 'state.knowhowGain', [0.05, 0.2]],
    ];
    for (const [scenario, parameter, values] of cases) {
      const r = await benchCase(kernel, scenario, parameter, values);
      const m = median(r.times);
      const b = median(r.base);
      console.log(
        `${scenario.padEnd(8)}  ${fmt(m)} ms ${fmt(Math.max(...r.times))} ms |       ${fmt(b)} ms |      ${fmt(median(r.parallel))} ms | ${(m / b).toFixed(2)} | ${fmt(median(r.beats))} /${fmt(Math.max(...r.beats))} ms | ${fmt(median(r.interrupts))} /${fmt(Math.max(...r.interrupts))} ms`,
      );
    }
  } finally {
    await kernel.shutdown();
    rmSync(home, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
