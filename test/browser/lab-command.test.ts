/**
 * `npx clusterlab lab` where no JupyterLab 4 is installed (as on a machine without PyPI): it
 * serves clusterlab's own JupyterLab 4 app on Debian's jupyter_server, with the kernel and the
 * extension installed, says so, and a browser gets a working JupyterLab that lists our kernel
 * and opens a notebook of the project on it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipUnless } from '../support/requirements';
import { ROOT } from '../support/run-command';
import { CHROMIUM, openBrowser, type BrowserSession } from './support/browser';
import { ensureBrowserAssets } from './support/host';
import { openLab, openNotebook } from './support/jupyterlab';
import { freePort, type RunningServer } from './support/lab';

const skip = skipUnless({ executables: [CHROMIUM], python: ['jupyterlab_server', 'jupyter_server'] });

describe.skipIf(skip)('clusterlab lab without JupyterLab installed', () => {
  let home: string;
  let command: ChildProcess;
  let output = '';
  let url: URL;
  let browser: BrowserSession;

  // JupyterLab makes a checkpoints folder beside a notebook it opens; the test removes what it made.
  const checkpoints = join(ROOT, 'notebooks', '.ipynb_checkpoints');
  const hadCheckpoints = existsSync(checkpoints);

  beforeAll(async () => {
    await ensureBrowserAssets();
    home = mkdtempSync(join(tmpdir(), 'clusterlab-lab-command-'));
    const port = await freePort();
    // An empty PATH folder first and HOME elsewhere: no `jupyter lab` is found, as on a fresh machine.
    const env = {
      ...process.env,
      PATH: `${home}:/usr/bin:/bin`,
      HOME: home,
      JUPYTER_CONFIG_DIR: join(home, 'config'),
      JUPYTER_RUNTIME_DIR: join(home, 'runtime'),
    };
    command = spawn(process.execPath, [join(ROOT, 'bin', 'clusterlab.js'), 'lab', '--dir', join(home, 'data'), '--no-browser', '--port', String(port)], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    command.stdout!.on('data', (chunk) => (output += chunk));
    command.stderr!.on('data', (chunk) => (output += chunk));
    const deadline = Date.now() + 120_000;
    let match: RegExpMatchArray | null = null;
    while (!(match = output.match(/open (http:\/\/127\.0\.0\.1:\d+\/lab\?token=[0-9a-f]+)/)) && Date.now() < deadline) {
      if (command.exitCode !== null) throw new Error(`clusterlab lab exited (${command.exitCode}):\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    if (!match) throw new Error(`clusterlab lab printed no address in 120 s:\n${output}`);
    url = new URL(match[1]);
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    if (command && command.exitCode === null) {
      const exited = new Promise((r) => command.once('exit', r));
      command.kill('SIGINT');
      const timer = setTimeout(() => command.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (home) rmSync(home, { recursive: true, force: true });
    if (!hadCheckpoints) rmSync(checkpoints, { recursive: true, force: true });
  });

  it('says that it serves its own JupyterLab 4 on Debian’s jupyter_server', () => {
    expect(output).toContain('JupyterLab 4 is not installed, so clusterlab serves its own JupyterLab 4');
    expect(output).toMatch(/kernelspec/i);
  });

  it('serves the clusterlab kernel and opens a project notebook on it in the browser', async () => {
    const token = url.searchParams.get('token')!;
    const specs = await (await fetch(`${url.origin}/api/kernelspecs?token=${token}`)).json();
    expect(Object.keys(specs.kernelspecs)).toContain('clusterlab');
    const server = { baseUrl: `${url.origin}/`, token } as RunningServer;
    await openLab(browser.page, server);
    const plugins = await browser.page.evaluate(() => (globalThis as any).jupyterapp.listPlugins().filter((id: string) => id.startsWith('@clusterlab/')));
    expect(plugins).toContain('@clusterlab/labextension:network');
    const cells = await openNotebook(browser.page, '06-exercises.ipynb');
    expect(cells).toBeGreaterThan(3);
    const kernelName = await browser.page.evaluate(() => (globalThis as any).jupyterapp.shell.currentWidget.sessionContext.session.kernel.name);
    expect(kernelName).toBe('clusterlab');
    await browser.screenshot('clusterlab-lab-command');
  });

  it('stops on Ctrl-C', async () => {
    const exited = new Promise<number | null>((r) => command.once('exit', (code) => r(code)));
    command.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
