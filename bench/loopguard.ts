/**
 * What the loop guards in cells cost (kernel/loopguard.ts): the same source compiled by the
 * cells' TypeScript with and without the guard transform, run as cells run (`vm`, this context),
 * where each iteration also calls the guard (a read of the shared interrupt flag).
 *   for     a tight numeric for loop, ITERATIONS iterations
 *   nested  a while loop inside a for loop over a Float64Array (the guard runs in both)
 * Plain, guarded, and guarded by an atomic read on every call (the design not taken, for
 * comparison) are measured in alternation, ROUNDS times; medians in ms, ns per iteration, ratios
 * against plain. Run: npm run build && node dist/bench/loopguard.js
 */
import { loadavg } from 'node:os';
import { runInThisContext } from 'node:vm';
import type * as TS from '@tslab/typescript-for-tslab';
import { createInterruptFlag, guardLoops, installLoopGuard, LOOP_GUARD } from '../kernel/loopguard';

const ts = require('@tslab/typescript-for-tslab') as typeof TS;
const ITERATIONS = Number(process.env.LOOPGUARD_BENCH_ITERATIONS ?? 50_000_000);
const ROUNDS = Number(process.env.LOOPGUARD_BENCH_ROUNDS ?? 5);

const SOURCES: Record<string, string> = {
  for: `(function (n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += (i * 7) % 13;
  return s;
})`,
  nested: `(function (n: number): number {
  const xs = new Float64Array(1000);
  for (let k = 0; k < xs.length; k++) xs[k] = k % 17;
  let s = 0;
  for (let r = 0; r < n / xs.length; r++) {
    let j = 0;
    while (j < xs.length) s += xs[j++];
  }
  return s;
})`,
};

type Work = (n: number) => number;
type Variant = 'plain' | 'guarded' | 'atomic';
const ATOMIC_GUARD = '__benchAtomicLoopGuard__';

function compile(source: string, variant: Variant): Work {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None },
    transformers: variant === 'plain' ? undefined : { before: [guardLoops(ts)] },
  });
  if ((variant !== 'plain') !== outputText.includes(LOOP_GUARD)) throw new Error(`the guard transform did not run as asked:\n${outputText}`);
  return runInThisContext(variant === 'atomic' ? outputText.split(LOOP_GUARD).join(ATOMIC_GUARD) : outputText) as Work;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function time(work: Work, n: number): { ms: number; value: number } {
  const t0 = performance.now();
  const value = work(n);
  return { ms: performance.now() - t0, value };
}

function main(): void {
  const flag = createInterruptFlag();
  installLoopGuard(flag);
  Object.defineProperty(globalThis, ATOMIC_GUARD, {
    value: () => {
      if (Atomics.load(flag, 0) !== 0) throw new Error('bench loops are never interrupted');
    },
  });
  console.log(`loop guards against plain loops (${ITERATIONS} iterations, ${ROUNDS} rounds, medians; load ${loadavg()[0].toFixed(1)})`);
  const variants: Variant[] = ['plain', 'guarded', 'atomic'];
  for (const [name, source] of Object.entries(SOURCES)) {
    const works = variants.map((v) => compile(source, v));
    // Warm every variant so that all are optimised before timing; they must agree.
    const values = works.map((work) => time(work, 1e6).value);
    if (values.some((v) => v !== values[0])) throw new Error(`${name}: the variants disagree: ${values}`);
    const times = works.map(() => [] as number[]);
    for (let r = 0; r < ROUNDS; r++) works.forEach((work, i) => times[i].push(time(work, ITERATIONS).ms));
    const [p, g, a] = times.map(median);
    const per = (ms: number) => `${((ms * 1e6) / ITERATIONS).toFixed(2)} ns/iteration`;
    console.log(
      `${name.padEnd(7)} plain ${p.toFixed(1)} ms (${per(p)}), guarded ${g.toFixed(1)} ms (${per(g)}), ratio ${(g / p).toFixed(2)}; ` +
        `atomic on every call ${a.toFixed(1)} ms (${per(a)}), ratio ${(a / p).toFixed(2)}`,
    );
  }
}

main();
