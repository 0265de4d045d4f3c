/**
 * `clusterlab lab` installs the kernel and extension into a project-local Jupyter data folder and
 * opens JupyterLab 4; with an older or missing JupyterLab it says what to install. A stand-in
 * `jupyter` on PATH plays JupyterLab, so the test never starts a real server.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBrowserAssets } from '../browser/support/host';
import { ROOT, runCommand } from '../support/run-command';

function lab(args: string[], env: NodeJS.ProcessEnv) {
  return runCommand(process.execPath, [join(ROOT, 'bin', 'clusterlab.js'), 'lab', ...args], env, 120_000);
}

/** A `jupyter` that reports `version` for `jupyter lab --version` and otherwise records how it was called. */
function fakeJupyter(dir: string, version: string): void {
  const script = join(dir, 'jupyter');
  writeFileSync(
    script,
    `#!/bin/sh\nif [ "$2" = "--version" ]; then echo ${version}; exit 0; fi\necho "$@" > "${join(dir, 'called.txt')}"\necho "$JUPYTER_PATH" >> "${join(dir, 'called.txt')}"\n`,
  );
  chmodSync(script, 0o755);
}

describe('clusterlab lab', () => {
  let home: string;
  beforeAll(async () => {
    // The built labextension, made under the browser tests' lock so parallel files never build it twice.
    await ensureBrowserAssets(() => undefined);
    home = mkdtempSync(join(tmpdir(), 'clusterlab-lab-'));
  }, 900_000);
  afterAll(() => home && rmSync(home, { recursive: true, force: true }));

  it('installs the kernel and extension and opens JupyterLab 4 on the notebooks with that folder on JUPYTER_PATH', async () => {
    const bin = mkdtempSync(join(home, 'bin4-'));
    fakeJupyter(bin, '4.2.5');
    const dataDir = join(home, 'data4');
    const result = await lab(['--dir', dataDir, '--no-browser'], { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}` });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const kernel = JSON.parse(readFileSync(join(dataDir, 'kernels', 'clusterlab', 'kernel.json'), 'utf8'));
    expect(kernel.language).toBe('typescript');
    expect(existsSync(join(dataDir, 'labextensions', '@clusterlab', 'labextension', 'package.json'))).toBe(true);
    const [args, jupyterPath] = readFileSync(join(bin, 'called.txt'), 'utf8').trim().split('\n');
    expect(args).toBe(`lab --ServerApp.root_dir=${join(ROOT, 'notebooks')} --no-browser`);
    expect(jupyterPath.split(delimiter)[0]).toBe(dataDir);
  });

  it('says what to install when JupyterLab is older than 4 and no Jupyter server can serve its own, and how to read the static site meanwhile', async () => {
    const bin = mkdtempSync(join(home, 'bin3-'));
    fakeJupyter(bin, '3.6.3');
    const noServer = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}`, CLUSTERLAB_PYTHON: join(home, 'no-python') };
    const result = await lab(['--dir', join(home, 'data3')], noServer);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('JupyterLab 3.6.3 is installed, but');
    expect(result.stdout).toContain(`cannot load: ${join(home, 'no-python')} not found`);
    expect(result.stdout).toContain('apt-get install python3-jupyter-server python3-jupyterlab-server');
    expect(result.stdout).toContain("pip install 'jupyterlab>=4,<5'");
    expect(result.stdout).toContain('out/site/index.html');
    expect(existsSync(join(bin, 'called.txt'))).toBe(false);
  });

  it('with --install-only prints the command instead of starting anything', async () => {
    const result = await lab(['--dir', join(home, 'only'), '--install-only'], process.env);
    expect(result.code).toBe(0);
    expect(existsSync(join(home, 'only', 'kernels', 'clusterlab', 'kernel.json'))).toBe(true);
    expect(result.stdout).toContain(`JUPYTER_PATH=${join(home, 'only')}`);
    expect(result.stdout).toContain('jupyter lab --ServerApp.root_dir=');
  });
});
