/**
 * The kernel's input history file under crashes, concurrency and hostile contents: a torn last
 * line, corrupt lines, kernels started together, absurd session numbers, a 100 MB cell. The last
 * block asks a real kernel over the wire.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { History, IN_MEMORY, MAX_ENTRY_CHARS } from '../../dist/kernel/history';
import { KernelClient } from '../../dist/kernel/client';
import { ROOT } from '../support/run-command';

const home = mkdtempSync(join(tmpdir(), 'clusterlab-history-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
let files = 0;
function freshFile(): string {
  const dir = join(home, `h${++files}`);
  mkdirSync(dir);
  return join(dir, 'history.jsonl');
}
const line = (o: object) => JSON.stringify(o) + '\n';
const silent = () => undefined;

describe('history file', () => {
  it('starts an append on a fresh line after a line torn by a crash, so the torn line spoils only itself', () => {
    const file = freshFile();
    new History(file, silent).append(1, 'const a = 1', null);
    writeFileSync(file, readFileSync(file, 'utf8') + '{"session":1,"line":2,"inp');
    const next = new History(file, silent);
    next.append(1, 'const b = 2', null);
    const again = new History(file, silent);
    expect(again.query({ hist_access_type: 'tail', n: 10 })).toEqual([
      [1, 1, 'const a = 1'],
      [2, 1, 'const b = 2'],
    ]);
  });

  it('reports skipped lines once in the log and in every history_reply', () => {
    const file = freshFile();
    writeFileSync(file, line({ session: 1, line: 1, input: 'ok', output: null }) + 'not json\n' + line({ session: 1, line: 'two', input: 'x' }) + '{"sess\n');
    const log: string[] = [];
    const h = new History(file, (t) => log.push(t));
    const first = h.reply({ hist_access_type: 'tail', n: 5 });
    h.append(1, '1+1', '2');
    const second = h.reply({ hist_access_type: 'search', pattern: '*' });
    expect(log).toHaveLength(1);
    expect(log[0]).toContain('skipped 3 unreadable lines (2, 3, 4; line 2: not JSON');
    expect(first).toEqual({ status: 'ok', history: [[1, 1, 'ok']], warning: log[0] });
    expect(second.warning).toBe(log[0]);
    expect(new History(freshFile(), silent).reply({ hist_access_type: 'tail', n: 1 })).toEqual({ status: 'ok', history: [] });
  });

  it('gives kernels started together distinct sessions', async () => {
    const file = freshFile();
    new History(file, silent).append(1, 'earlier', null);
    // Each process reads the file, waits a little (as a kernel runs its first cell), then writes.
    const script = `
      const { History } = require(${JSON.stringify(join(ROOT, 'dist', 'kernel', 'history.js'))});
      const h = new History(${JSON.stringify(file)}, () => undefined);
      const session = h.session;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
      h.append(1, 'first cell', null);
      process.stdout.write(String(session));`;
    const sessions = await Promise.all(
      [1, 2, 3, 4].map(
        () =>
          new Promise<number>((resolve, reject) => {
            const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
            let out = '';
            child.stdout.on('data', (d) => (out += d));
            child.on('error', reject);
            child.on('exit', () => resolve(Number(out)));
          }),
      ),
    );
    expect([...sessions].sort()).toEqual([2, 3, 4, 5]);
    const ranges = new History(file, silent).query({ hist_access_type: 'search', pattern: 'first cell' }) as number[][];
    expect(ranges.map((r) => r[0]).sort()).toEqual([2, 3, 4, 5]);
  });

  it('refuses absurd session numbers instead of numbering every later session after them', () => {
    const file = freshFile();
    writeFileSync(
      file,
      line({ session: 3, line: 1, input: 'a', output: null }) +
        line({ session: 1e20, line: 1, input: 'b', output: null }) +
        line({ session: -2, line: 1, input: 'c', output: null }),
    );
    const log: string[] = [];
    const h = new History(file, (t) => log.push(t));
    expect(h.session).toBe(4);
    expect(log[0]).toContain('line 2: session 100000000000000000000 is not a whole number from 1 to 1000000000');
    h.append(1, 'd', null);
    expect(new History(file, silent).session).toBe(5);
  });

  it('keeps at most 100 000 characters of a 100 MB cell, saying so', () => {
    const file = freshFile();
    const h = new History(file, silent);
    h.append(1, 'x'.repeat(100_000_000), 'y'.repeat(300_000));
    expect(statSync(file).size).toBeLessThan(3 * MAX_ENTRY_CHARS);
    const [[, , [input, output]]] = new History(file, silent).query({ hist_access_type: 'tail', n: 1, output: true }) as [number, number, string[]][];
    expect(input.startsWith('x'.repeat(MAX_ENTRY_CHARS))).toBe(true);
    expect(input).toContain('[history keeps the first 100000 of 100000000 characters]');
    expect(output).toContain('[history keeps the first 100000 of 300000 characters]');
  });

  it('writes no file at all with CLUSTERLAB_HISTORY_FILE=:memory:', () => {
    const h = new History(IN_MEMORY, silent);
    h.append(1, 'kept in memory', null);
    expect(h.query({ hist_access_type: 'range', session: 0 })).toEqual([[1, 1, 'kept in memory']]);
    expect(() => statSync(IN_MEMORY)).toThrow();
  });
});

describe('history over the wire', () => {
  it('reports corrupt lines in the kernel log once and in history_reply', async () => {
    const file = freshFile();
    new History(file, silent).append(1, 'from before', null);
    writeFileSync(file, readFileSync(file, 'utf8') + '{"torn\n');
    const kernel = await KernelClient.start({ cwd: home, env: { ...process.env, CLUSTERLAB_HISTORY_FILE: file } });
    try {
      await kernel.execute('1 + 1', { timeoutMs: 180_000 });
      const tail = await kernel.request('history_request', { hist_access_type: 'tail', n: 10, output: false, raw: true });
      const range = await kernel.request('history_request', { hist_access_type: 'range', session: 0, output: false, raw: true });
      expect(tail.content.status).toBe('ok');
      expect(tail.content.history).toEqual([
        [1, 1, 'from before'],
        [2, 1, '1 + 1'],
      ]);
      expect(tail.content.warning).toMatch(/skipped 1 unreadable line \(3; line 3: not JSON/);
      expect(range.content.warning).toBe(tail.content.warning);
      expect(kernel.stderr.split('unreadable line').length - 1).toBe(1);
    } finally {
      await kernel.shutdown();
    }
  }, 240_000);
});
