import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KernelClient } from '../../dist/kernel/client';
import { resolveDataDir } from '../../dist/kernel/install';

const root = resolve(__dirname, '../..');
const home = mkdtempSync(join(tmpdir(), 'clusterlab-install-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function cli(...args: string[]) {
  return spawnSync(process.execPath, [join(root, 'bin', 'clusterlab.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, JUPYTER_DATA_DIR: join(home, 'user-data') },
  });
}

describe('clusterlab install / uninstall', () => {
  it('writes the kernelspec with logos under a prefix, without Python, and removes it again', () => {
    const prefix = join(home, 'prefix');
    const installed = cli('install', '--prefix', prefix);
    expect(installed.status, installed.stderr).toBe(0);
    const kernelDir = join(prefix, 'share', 'jupyter', 'kernels', 'clusterlab');
    const spec = JSON.parse(readFileSync(join(kernelDir, 'kernel.json'), 'utf8'));
    expect(spec.display_name).toBe('TypeScript (clusterlab)');
    expect(spec.language).toBe('typescript');
    expect(spec.argv).toEqual(['/bin/sh', join(root, 'kernel', 'launcher.sh'), '-f', '{connection_file}']);
    expect(spec.env).toEqual({ CLUSTERLAB_NODE: process.execPath });
    for (const logo of ['logo-32x32.png', 'logo-64x64.png', 'logo-svg.svg']) expect(existsSync(join(kernelDir, logo))).toBe(true);
    const labextension = join(prefix, 'share', 'jupyter', 'labextensions', '@clusterlab', 'labextension');
    const extensionBuilt = existsSync(join(root, 'extension', 'labextension', 'package.json'));
    expect(existsSync(join(labextension, 'package.json'))).toBe(extensionBuilt);

    const removed = cli('uninstall', '--prefix', prefix);
    expect(removed.status, removed.stderr).toBe(0);
    expect(existsSync(kernelDir)).toBe(false);
    expect(existsSync(labextension)).toBe(false);
  });

  it('installs per user by default, into JUPYTER_DATA_DIR', () => {
    expect(cli('install').status).toBe(0);
    expect(existsSync(join(home, 'user-data', 'kernels', 'clusterlab', 'kernel.json'))).toBe(true);
  });

  it('starts the kernel from its kernelspec after the Node.js that installed it is gone, with node from PATH', async () => {
    // Install with a Node.js of its own, then remove it, as an upgrade (nvm, a new package) does.
    const oldNode = join(home, 'old-node', 'bin', 'node');
    mkdirSync(dirname(oldNode), { recursive: true });
    copyFileSync(process.execPath, oldNode);
    chmodSync(oldNode, 0o755);
    const prefix = join(home, 'moved-node');
    const installed = spawnSync(oldNode, [join(root, 'bin', 'clusterlab.js'), 'install', '--prefix', prefix], { encoding: 'utf8' });
    expect(installed.status, installed.stderr).toBe(0);
    rmSync(dirname(dirname(oldNode)), { recursive: true, force: true });
    const spec = JSON.parse(readFileSync(join(prefix, 'share', 'jupyter', 'kernels', 'clusterlab', 'kernel.json'), 'utf8'));
    expect(spec.env.CLUSTERLAB_NODE).toBe(oldNode);
    const env = { ...process.env, ...spec.env, JUPYTER_DATA_DIR: join(home, 'user-data'), PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH}` };
    const kernel = await KernelClient.start({ argv: spec.argv, env, cwd: home });
    try {
      const info = await kernel.request('kernel_info_request');
      expect(info.content.banner).toContain(process.versions.node);
    } finally {
      await kernel.shutdown();
    }
    const none = spawnSync(spec.argv[0], [spec.argv[1], '-f', 'x.json'], { env: { CLUSTERLAB_NODE: oldNode, PATH: '/nonexistent' }, encoding: 'utf8' });
    expect(none.status).toBe(127);
    expect(none.stderr).toContain(`no Node.js to run it: '${oldNode}' is not an executable and there is no node on PATH`);
  }, 120_000);

  it('resolves each location option and refuses two at once', () => {
    expect(resolveDataDir({ prefix: '/opt/x' }, {})).toBe('/opt/x/share/jupyter');
    expect(resolveDataDir({ sysPrefix: true }, { VIRTUAL_ENV: '/venv' })).toBe('/venv/share/jupyter');
    expect(resolveDataDir({ dataDir: '/d' }, {})).toBe('/d');
    expect(resolveDataDir({ user: true }, { JUPYTER_DATA_DIR: '/j' })).toBe('/j');
    expect(() => resolveDataDir({ user: true, prefix: '/p' }, {})).toThrow(/choose one install location/);
    const bad = cli('install', '--bogus');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("unknown option '--bogus'");
  });
});
