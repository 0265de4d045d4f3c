/**
 * Cells' timer callbacks run under Node's SIGINT watchdog (kernel/timers.ts): a busy loop in one
 * is interrupted from the control channel, also when the cell that started it has finished, and
 * ordinary timers keep Node's API and behaviour. One kernel process for the file.
 */
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { kernelForBlock } from '../support/kernel';
import type { Message } from '../../dist/kernel/wire';
import { createGuardedTimers } from '../../dist/kernel/timers';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('guarded timers in this process', () => {
  const timers = createGuardedTimers(() => undefined);

  it('return Node Timeout and Immediate objects that clear, ref and refresh as usual', async () => {
    const fired: string[] = [];
    const t = timers.setTimeout((a: string, b: string) => fired.push(a + b), 5, 'x', 'y');
    expect(t.hasRef()).toBe(true);
    expect(t.unref().hasRef()).toBe(false);
    expect(t.ref().refresh()).toBe(t);
    expect(typeof +t).toBe('number');
    const cleared = timers.setTimeout(() => fired.push('cleared'), 1);
    clearTimeout(+cleared);
    const i = timers.setImmediate(function (this: unknown, v: number) {
      fired.push(`immediate ${v} ${this === i}`);
    }, 7);
    let ticks = 0;
    const every = timers.setInterval(() => {
      if (++ticks === 3) clearInterval(every);
    }, 1);
    await sleep(50);
    expect(fired.sort()).toEqual(['immediate 7 true', 'xy']);
    expect(ticks).toBe(3);
  });

  it('keep util.promisify, queue microtasks, and refuse a callback that is not a function', async () => {
    expect(await promisify(timers.setTimeout)(1, 'value')).toBe('value');
    expect(await promisify(timers.setImmediate)('now')).toBe('now');
    const order: number[] = [];
    timers.queueMicrotask(() => order.push(1));
    await Promise.resolve();
    expect(order).toEqual([1]);
    expect(() => timers.setTimeout('not a function' as never, 1)).toThrow(/callback/);
  });
});

describe('interrupting timer callbacks in the kernel', () => {
  const shared = kernelForBlock('clusterlab-timers-');
  const streamText = (messages: Message[], name: string) =>
    messages
      .filter((m) => m.header.msg_type === 'stream' && m.content.name === name)
      .map((m) => m.content.text)
      .join('');

  it('stops a busy loop in a setTimeout callback; the next cell runs', async () => {
    // Built by `Function`, the loop is not compiled from the cell and has no loop guard: SIGINT stops it.
    const started = shared.kernel.execute('const spin = new Function("for (;;) {}") as () => void;\nsetTimeout(() => spin(), 10);');
    await sleep(800);
    expect(await shared.kernel.heartbeat(2000)).toBe(true);
    expect((await shared.kernel.interrupt()).content.status).toBe('ok');
    expect((await started).status).toBe('ok');
    expect((await shared.kernel.execute('1+1')).result).toEqual({ 'text/plain': '2' });
    expect(streamText(shared.kernel.iopubLog, 'stderr')).toContain('Interrupted: a setTimeout callback was stopped');
  }, 60_000);

  // The callback takes the interrupt; a cell sent while it spun, still unread, is not interrupted too.
  it('keeps a cell sent while a timer callback spun when the interrupt stops the callback', async () => {
    await shared.kernel.execute('const spinAgain = new Function("for (;;) {}") as () => void;\nsetTimeout(() => spinAgain(), 10);');
    await sleep(500);
    const next = shared.kernel.execute('2+2');
    await sleep(200);
    expect((await shared.kernel.interrupt()).content.status).toBe('ok');
    expect((await next).result).toEqual({ 'text/plain': '4' });
  }, 60_000);

  it('stops a spinning setInterval of a finished cell, clears it, and answers the next cell', async () => {
    const started = await shared.kernel.execute('let ticks = 0;\nsetInterval(() => { ticks++; for (;;) {} }, 20);\n"started"');
    expect(started.result).toEqual({ 'text/plain': "'started'" });
    await sleep(800);
    expect((await shared.kernel.interrupt()).content.status).toBe('ok');
    expect((await shared.kernel.execute('1+1')).result).toEqual({ 'text/plain': '2' });
    expect(streamText(shared.kernel.iopubLog, 'stderr')).toContain('Interrupted: a setInterval callback was stopped and its interval cleared');
    // Were the interval still set, it would spin again and this cell would never be answered.
    await sleep(300);
    expect((await shared.kernel.execute('ticks', { timeoutMs: 10_000 })).result).toEqual({ 'text/plain': '1' });
  }, 60_000);

  it('reports an error thrown in a timer on stderr with the cell frame, as before', async () => {
    const r = await shared.kernel.execute(
      'setTimeout(() => {\n  throw new RangeError("late");\n}, 5);\nawait new Promise((resolve) => setTimeout(resolve, 100));',
    );
    expect(r.stderr).toContain('uncaught exception: RangeError: late');
    expect(r.stderr).toContain('<cell>:2:');
    expect(r.stderr).not.toContain('guarded-callback');
  });

  it('runs ordinary timers, which display; the kernel keeps the global timers', async () => {
    const r = await shared.kernel.execute(
      'let n = 0;\nconst every = setInterval(() => { if (++n === 2) { clearInterval(every); display.html("<b>late</b>"); } }, 5);\n' +
        'setImmediate((word: string) => console.log(word), "soon");\n' +
        'await new Promise((resolve) => setTimeout(resolve, 200));\n' +
        '[n, setTimeout === globalThis.setTimeout, typeof (await import("node:timers/promises")).setTimeout]',
    );
    expect(r.status).toBe('ok');
    expect(r.outputs.find((m) => m.header.msg_type === 'display_data')?.content.data['text/html']).toBe('<b>late</b>');
    expect(r.stdout).toBe('soon\n');
    expect(r.result).toEqual({ 'text/plain': "[ 2, false, 'function' ]" });
  }, 60_000);
});
