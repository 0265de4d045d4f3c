/**
 * The client's connection files: in Jupyter's runtime dir, readable by their owner only, and
 * gone however the process that started the kernel ends (close, exit, SIGINT, SIGTERM).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runtimeDir } from '../../dist/kernel/client';

const root = resolve(__dirname, '../..');
const home = mkdtempSync(join(tmpdir(), 'clusterlab-client-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** A kernel process that is gone, or a zombie nobody reaped yet, no longer runs. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * Starts a process that starts a kernel with KernelClient, then ends as `how` says: by a signal
 * sent here, or by `process.exit()` without closing the client.
 */
async function startAndEnd(how: 'SIGINT' | 'SIGTERM' | 'exit', runtime: string) {
  const script = `
    const { KernelClient } = require(${JSON.stringify(join(root, 'dist', 'kernel', 'client.js'))});
    KernelClient.start({ cwd: ${JSON.stringify(home)} }).then((client) => {
      const mode = require('node:fs').statSync(client.connectionFile).mode & 0o777;
      console.log(JSON.stringify({ file: client.connectionFile, pid: client.pid, mode }));
      if (${JSON.stringify(how)} === 'exit') process.exit(5);
      setInterval(() => undefined, 1000);
    });`;
  const child = spawn(process.execPath, ['-e', script], {
    env: { ...process.env, JUPYTER_RUNTIME_DIR: runtime, JUPYTER_DATA_DIR: join(home, 'data') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const started = await new Promise<{ file: string; pid: number; mode: number }>((ok, fail) => {
    child.stdout.setEncoding('utf8');
    child.stdout.once('data', (line: string) => ok(JSON.parse(line)));
    child.once('exit', (code) => fail(new Error(`the driver exited with ${code} before its kernel started`)));
  });
  const ended = new Promise<{ code: number | null; signal: string | null }>((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  if (how !== 'exit') child.kill(how);
  const status = await ended;
  // The kernel process is killed synchronously by the handler; give the OS a moment to reap it.
  for (let i = 0; i < 50 && running(started.pid); i++) await new Promise((r) => setTimeout(r, 100));
  return { ...started, status };
}

describe('connection files', () => {
  it('live in the Jupyter runtime dir as jupyter_core finds it', () => {
    expect(runtimeDir({ JUPYTER_RUNTIME_DIR: '/r' })).toBe('/r');
    expect(runtimeDir({ JUPYTER_DATA_DIR: '/d' })).toBe('/d/runtime');
    expect(runtimeDir({ XDG_DATA_HOME: '/x', HOME: '/h' })).toBe(process.platform === 'darwin' ? expect.any(String) : '/x/jupyter/runtime');
  });

  for (const how of ['SIGINT', 'SIGTERM', 'exit'] as const) {
    it(`are private to their owner and removed, with the kernel ended, when the process ends by ${how}`, async () => {
      const runtime = join(home, `runtime-${how}`);
      // The driver read the file's mode while its kernel ran: the file existed then.
      const { file, pid, mode, status } = await startAndEnd(how, runtime);
      expect(dirname(file)).toBe(runtime);
      expect(mode).toBe(0o600);
      expect(statSync(runtime).mode & 0o777).toBe(0o700);
      expect(status).toEqual(how === 'exit' ? { code: 5, signal: null } : { code: null, signal: how });
      expect(existsSync(file)).toBe(false);
      expect(readdirSync(runtime)).toEqual([]);
      expect(running(pid)).toBe(false);
    }, 120_000);
  }
});
