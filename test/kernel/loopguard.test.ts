/**
 * Loop guards (kernel/loopguard.ts): every loop written in a cell checks the interrupt flag, so a
 * busy loop after an `await` or in a promise callback stops on an interrupt, where no SIGINT
 * reaches it. In process: what the transform emits and that user positions do not move. Through
 * the wire protocol: interrupts of such loops in a kernel.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CellOutcome, Cells } from '../../dist/kernel/cells';
import { kernelForBlock } from '../support/kernel';
import { clearInterrupt, createInterruptFlag, installLoopGuard, requestInterrupt } from '../../dist/kernel/loopguard';
import { buildPrelude } from '../../dist/kernel/prelude';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('loop guards in cells run in this process', () => {
  const folder = mkdtempSync(join(tmpdir(), 'clusterlab-loopguard-'));
  const flag = createInterruptFlag();
  let cells: Cells;
  let count = 0;
  const run = (code: string): Promise<CellOutcome> => cells.execute(code, ++count);

  beforeAll(() => {
    const none = () => undefined;
    cells = new Cells(folder, () => buildPrelude({ display: none, show: none, input: none, comms: {}, dfd: null, importESM: none }));
    cells.ensure();
    installLoopGuard(flag);
  }, 120_000);
  afterAll(() => {
    cells.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('keep loop semantics: labels, continue, break, single-statement bodies, every loop kind', async () => {
    const code = [
      'let seen: string[] = [];',
      'outer: for (let a = 0; a < 3; a++) for (const b of [1, 2, 3]) { if (b === 2) continue outer; if (a === 2) break outer; seen.push(`${a}${b}`); }',
      'let n = 0;',
      'while (n < 5) n++;',
      'do n += 10; while (n < 30)',
      'for (const k in { x: 1, y: 2 }) seen.push(k);',
      'const fns: (() => number)[] = [];',
      'for (let i = 0; i < 3; i++) fns.push(() => i);',
      '[seen.join(","), n, fns.map((f) => f()).join("")]',
    ].join('\n');
    const outcome = await run(code);
    expect(outcome).toEqual({ status: 'ok', hasValue: true, value: ['01,11,x,y', 35, '012'] });
  });

  it('throw Interrupted from a loop while the flag is set, and run again once cleared', async () => {
    requestInterrupt(flag);
    try {
      const outcome = await run('function spin(): number {\n  let i = 0;\n  for (;;) i++;\n}\nspin()');
      expect(outcome.status).toBe('error');
      if (outcome.status !== 'error') return;
      expect(outcome.ename).toBe('Interrupted');
      expect(outcome.evalue).toBe('a loop in a cell was stopped by an interrupt');
    } finally {
      clearInterrupt(flag);
    }
    expect(await run('let s = 0;\nfor (let i = 0; i < 1000; i++) s += i;\ns')).toEqual({ status: 'ok', hasValue: true, value: 499500 });
  });
});

describe('interrupting guarded loops in the kernel', () => {
  const shared = kernelForBlock('clusterlab-loopguard-kernel-');

  // Stack frames are mapped to cell positions only in the kernel (vitest rewrites stacks here).
  it('leave the lines and columns of user code where they were', async () => {
    const r = await shared.kernel.execute(
      'let total = 0;\nfor (let i = 0; i < 3; i++) total += i;\nwhile (total < 10) { total++; }\n  throw new RangeError(`total ${total}`);',
    );
    expect(r.error?.traceback.slice(0, 2)).toEqual(['RangeError: total 10', '    at <cell>:4:9']);
  }, 60_000);

  it('stops a busy loop after an await in the cell, pointing at the loop; the kernel answers 1+1 after', async () => {
    const code = 'await new Promise(r => setTimeout(r, 10)); let i = 0; while (true) { i++; }';
    const started = shared.kernel.execute(code);
    await sleep(800);
    expect(await shared.kernel.heartbeat(2000)).toBe(true);
    expect((await shared.kernel.interrupt()).content.status).toBe('ok');
    const r = await started;
    expect(r.status).toBe('error');
    expect(r.error?.ename).toBe('Interrupted');
    expect(r.error?.traceback[1]).toBe(`    at <cell>:1:${code.indexOf('while') + 1}`);
    expect((await shared.kernel.execute('1+1')).result).toEqual({ 'text/plain': '2' });
  }, 60_000);

  it('stops a busy loop in a .then callback of a finished cell', async () => {
    const started = await shared.kernel.execute('let spins = 0;\nnew Promise((r) => setTimeout(r, 10)).then(() => { while (true) spins++; });\n"started"');
    expect(started.result).toEqual({ 'text/plain': "'started'" });
    await sleep(800);
    expect((await shared.kernel.interrupt()).content.status).toBe('ok');
    const after = await shared.kernel.execute('spins > 0', { timeoutMs: 10_000 });
    expect(after.result).toEqual({ 'text/plain': 'true' });
    expect((await shared.kernel.execute('1+1')).result).toEqual({ 'text/plain': '2' });
  }, 60_000);

  it('an interrupt while nothing runs does not stop the loops of the next cell', async () => {
    expect((await shared.kernel.interrupt()).content.status).toBe('ok');
    const r = await shared.kernel.execute('await null;\nlet s = 0;\nfor (let i = 0; i < 1000; i++) s += i;\ns');
    expect(r.error).toBeNull();
    expect(r.result).toEqual({ 'text/plain': '499500' });
  }, 60_000);
});
