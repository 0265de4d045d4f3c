/**
 * Starts Debian's jupyter_server with clusterlab's JupyterLab 4 app (lab/server.py) on a free
 * port of 127.0.0.1, in fresh Jupyter data/config/runtime folders holding our kernelspec and our
 * labextension, and stops it with everything it started.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labAppServerArgs } from '../../../cli/lab-app';
import { repoRoot } from './host';

const PYTHON = '/usr/bin/python3';
export const labextensionBuild = join(repoRoot, 'extension', 'labextension');

export interface JupyterDirs {
  root: string;
  data: string;
  config: string;
  runtime: string;
  notebooks: string;
}

export interface RunningServer {
  /** Base URL without the token, e.g. http://127.0.0.1:41234/ */
  baseUrl: string;
  token: string;
  dirs: JupyterDirs;
  /** Everything the server printed, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

export function makeJupyterDirs(prefix = 'clusterlab-browser-'): JupyterDirs {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const dirs = {
    root,
    data: join(root, 'data'),
    config: join(root, 'config'),
    runtime: join(root, 'runtime'),
    notebooks: join(root, 'notebooks'),
  };
  for (const dir of [dirs.data, dirs.config, dirs.runtime, dirs.notebooks]) mkdirSync(dir, { recursive: true });
  return dirs;
}

interface Installer {
  installKernelspec(options: { dataDir: string; labextension: boolean }): { labextension: string | null; messages: string[] };
}

/**
 * Installs clusterlab into a Jupyter data dir the way `npx clusterlab install --data-dir DIR`
 * does (the kernel's own installer, compiled in dist/): the kernelspec and, for JupyterLab, the
 * built labextension.
 */
export function installClusterlab(dataDir: string, options: { labextension: boolean }): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const installer = require(join(repoRoot, 'dist', 'kernel', 'install.js')) as Installer;
  const result = installer.installKernelspec({ dataDir, labextension: options.labextension });
  if (options.labextension && !result.labextension) {
    throw new Error(`the labextension was not installed: ${result.messages.join('; ')} (is ${labextensionBuild} built?)`);
  }
}

export function jupyterEnv(dirs: JupyterDirs): NodeJS.ProcessEnv {
  return {
    ...process.env,
    JUPYTER_DATA_DIR: dirs.data,
    JUPYTER_CONFIG_DIR: dirs.config,
    JUPYTER_RUNTIME_DIR: dirs.runtime,
    // Keep the user's own Jupyter paths (and a pip-installed Jupyter) out of the picture.
    JUPYTER_PLATFORM_DIRS: '0',
    PYTHONNOUSERSITE: '1',
    HOME: dirs.root,
  };
}

async function waitForServer(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`jupyter server exited with ${exited}:\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`jupyter server did not answer ${url} within ${timeoutMs} ms:\n${output()}`);
}

function stopper(child: ChildProcess, dirs: JupyterDirs, keepDirs: boolean): () => Promise<void> {
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      // SIGINT twice is jupyter_server's way to shut down kernels and exit without asking.
      child.kill('SIGINT');
      setTimeout(() => child.exitCode === null && child.kill('SIGINT'), 300).unref();
      const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
      await exited;
      clearTimeout(timer);
    }
    if (!keepDirs) rmSync(dirs.root, { recursive: true, force: true });
  };
}

/** Spawns a Jupyter server process (argv built for a free port and a fresh token) and waits for its REST API. */
async function serve(
  argv: (port: number, token: string) => string[],
  dirs: JupyterDirs,
  options: { keepDirs?: boolean; timeoutMs?: number },
): Promise<RunningServer> {
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const child = spawn(PYTHON, argv(port, token), {
    cwd: dirs.notebooks,
    env: jupyterEnv(dirs),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}/`;
  const stop = stopper(child, dirs, options.keepDirs ?? false);
  try {
    await waitForServer(`${baseUrl}api/status?token=${token}`, child, () => output, options.timeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, token, dirs, log: () => output, stop };
}

export interface LabOptions {
  /** Files to place in the notebook folder: name -> contents. */
  notebooks?: Record<string, string>;
  /** Of those, the ones to mark trusted before the server starts. */
  trusted?: string[];
  keepDirs?: boolean;
}

/**
 * Marks a notebook trusted, as `jupyter trust` does (signature in the data dir's database), so
 * the classic notebook renders its HTML outputs as the user who ran them would see them.
 */
export function trustNotebook(dirs: JupyterDirs, name: string): void {
  execFileSync(PYTHON, ['-c', 'from nbformat.sign import TrustNotebookApp; TrustNotebookApp.launch_instance()', join(dirs.notebooks, name)], {
    env: jupyterEnv(dirs),
    stdio: 'pipe',
  });
}

function placeNotebooks(dirs: JupyterDirs, notebooks: Record<string, string> = {}): void {
  for (const [name, text] of Object.entries(notebooks)) writeFileSync(join(dirs.notebooks, name), text);
}

/** JupyterLab 4 (our host build) with the clusterlab kernel and labextension installed. */
export async function startLab(options: LabOptions = {}): Promise<RunningServer> {
  const dirs = makeJupyterDirs();
  installClusterlab(dirs.data, { labextension: true });
  placeNotebooks(dirs, options.notebooks);
  const state = join(dirs.root, 'lab-state');
  return serve((port, token) => labAppServerArgs({ port, token, rootDir: dirs.notebooks, stateDir: state }), dirs, options);
}

/** The classic notebook (Debian's jupyter-notebook 6.4) with the clusterlab kernel. */
export async function startClassicNotebook(options: LabOptions = {}): Promise<RunningServer> {
  const dirs = makeJupyterDirs('clusterlab-classic-');
  installClusterlab(dirs.data, { labextension: false });
  placeNotebooks(dirs, options.notebooks);
  for (const name of options.trusted ?? []) trustNotebook(dirs, name);
  return serve(
    (port, token) => [
      '-m',
      'notebook',
      '--no-browser',
      '--ip=127.0.0.1',
      `--port=${port}`,
      '--port-retries=0',
      `--NotebookApp.token=${token}`,
      '--allow-root',
      `--notebook-dir=${dirs.notebooks}`,
    ],
    dirs,
    options,
  );
}
