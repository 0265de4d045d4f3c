import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installKernelspec } from '../../dist/kernel/install';
import { skipUnless } from '../support/requirements';

const skip = skipUnless({ python: ['jupyter_kernel_test', 'jupyter_client'] });

describe.skipIf(skip)('jupyter_kernel_test conformance', () => {
  const home = mkdtempSync(join(tmpdir(), 'clusterlab-conformance-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('passes every test of the suite with all optional samples', () => {
    installKernelspec({ dataDir: join(home, 'data'), labextension: false });
    const run = spawnSync('/usr/bin/python3', ['-m', 'unittest', '-v', 'test_conformance'], {
      cwd: __dirname,
      encoding: 'utf8',
      timeout: 240_000,
      env: {
        ...process.env,
        JUPYTER_PATH: join(home, 'data'),
        JUPYTER_DATA_DIR: join(home, 'data'),
        JUPYTER_RUNTIME_DIR: join(home, 'runtime'),
        JUPYTER_CONFIG_DIR: join(home, 'config'),
        JUPYTER_PLATFORM_DIRS: '1',
      },
    });
    const report = `${run.stdout}\n${run.stderr}`;
    expect(run.status, report).toBe(0);
    // 12 tests, none skipped (the pager answers `Math.max?`).
    expect(report).toMatch(/Ran 12 tests/);
    expect(report).toMatch(/^OK$/m);
    expect(report).toMatch(/test_pager .*ok$/m);
  }, 300_000);
});
