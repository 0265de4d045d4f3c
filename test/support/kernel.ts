/**
 * One clusterlab kernel for a describe block (starting TypeScript is the slow part): started in a
 * temporary home with its own Jupyter data folder and warmed before the block's first test, shut
 * down and the home removed after its last.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { KernelClient } from '../../dist/kernel/client';

export function kernelForBlock(prefix: string): { readonly kernel: KernelClient } {
  const home = mkdtempSync(join(tmpdir(), prefix));
  let started: KernelClient | undefined;
  beforeAll(async () => {
    started = await KernelClient.start({ cwd: home, env: { ...process.env, JUPYTER_DATA_DIR: join(home, 'data') } });
    await started.execute('0', { timeoutMs: 180_000 });
  }, 240_000);
  afterAll(async () => {
    await started?.shutdown();
    rmSync(home, { recursive: true, force: true });
  });
  return {
    get kernel(): KernelClient {
      if (!started) throw new Error('the block kernel has not started (beforeAll failed)');
      return started;
    },
  };
}
