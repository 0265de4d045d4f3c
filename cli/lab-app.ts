/**
 * clusterlab's own JupyterLab 4: the app in lab/host, built from npm packages alone (the core
 * plugins `@jupyterlab/core-meta` lists, our bootstrap, an rspack bundle), served by Debian's
 * jupyter_server and jupyterlab_server through lab/server.py. `clusterlab lab` serves it where no
 * JupyterLab 4 is installed (PyPI may be out of reach), and the browser tests test in it.
 *
 * The app keeps its own node_modules (about 550 MB) out of the root workspace, so that `npm ci`
 * stays small: they are installed from its committed lock on first use, and its bundle is rebuilt
 * only when its inputs change. Several processes may ask at once, hence the lock folder.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The project root, found from here whether run compiled (dist/cli) or from the sources (tests). */
function findProjectRoot(start: string): string {
  for (let dir = start; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'clusterlab') return dir;
  }
  throw new Error(`no clusterlab package.json above ${start}`);
}

export const projectRoot = findProjectRoot(__dirname);
export const appDir = path.join(projectRoot, 'lab', 'host');
export const appBuildDir = path.join(appDir, 'build');
export const appServerScript = path.join(projectRoot, 'lab', 'server.py');
/**
 * The Python with jupyter_server and jupyterlab_server: Debian's (python3-jupyter-server,
 * python3-jupyterlab-server), or the one CLUSTERLAB_PYTHON names.
 */
export const DEBIAN_PYTHON = process.env.CLUSTERLAB_PYTHON || '/usr/bin/python3';

const lockDir = path.join(appDir, '.build-lock');
const STALE_LOCK_MS = 10 * 60_000;

/** Runs `work` while holding a lock folder shared by every process of this checkout. */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A holder that died long ago (a killed run) must not block every later one.
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > STALE_LOCK_MS) rmSync(lockDir, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

async function step(log: (line: string) => void, what: string, command: string, args: string[]): Promise<void> {
  log(`${what} (${command} ${args.join(' ')})...`);
  try {
    await run(command, args, { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${what} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

/** The newest modification time of the files under `target` (a file or a folder). */
function newestChange(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((newest, name) => Math.max(newest, newestChange(path.join(target, name))), stat.mtimeMs);
}

/** The labextension, built when missing (a fresh clone) or older than its sources. */
async function ensureExtensionBuilt(log: (line: string) => void): Promise<void> {
  const built = path.join(projectRoot, 'extension', 'labextension', 'package.json');
  const sources = ['src', 'style', 'package.json'].map((name) => path.join(projectRoot, 'extension', name));
  // The extension bundles the shared view modules (payloads, colours, sizes, the SVG figure).
  sources.push(path.join(projectRoot, 'src', 'views'));
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestChange))) return;
  await step(log, 'building the labextension', 'npm', ['run', 'build:extension']);
}

async function ensureAppBuilt(log: (line: string) => void): Promise<void> {
  // Installed from the committed lock when missing, or when the lock changed since (an update
  // added a package): npm's own record of the install is then older than the lock.
  const installed = path.join(appDir, 'node_modules', '.package-lock.json');
  if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(path.join(appDir, 'package-lock.json')).mtimeMs) {
    await step(log, 'installing the JupyterLab 4 app (once, about a minute)', 'npm', ['ci', '--prefix', appDir, '--no-audit', '--no-fund']);
  }
  await step(log, 'bundling the JupyterLab 4 app', process.execPath, [path.join(appDir, 'build.js')]);
}

/** Makes sure the labextension and the app are built; returns the app's build folder. */
export async function ensureLabApp(log: (line: string) => void = (line) => console.log(line)): Promise<string> {
  await withBuildLock(async () => {
    await ensureExtensionBuilt(log);
    await ensureAppBuilt(log);
  });
  return appBuildDir;
}

/**
 * The argv (after the Python interpreter) that serves the built app: a `LabServerApp` of
 * Debian's jupyterlab_server on jupyter_server, bound to 127.0.0.1 with the given token.
 */
export function labAppServerArgs(options: { port: number; token: string; rootDir: string; stateDir: string; openBrowser?: boolean }): string[] {
  return [
    appServerScript,
    '--host-build',
    appBuildDir,
    '--state-dir',
    options.stateDir,
    '--ServerApp.ip=127.0.0.1',
    `--ServerApp.port=${options.port}`,
    '--ServerApp.port_retries=0',
    `--ServerApp.token=${options.token}`,
    `--ServerApp.open_browser=${options.openBrowser ? 'True' : 'False'}`,
    // Jupyter refuses root unless told; this machine's users often are root (containers, CI).
    ...(process.getuid?.() === 0 ? ['--ServerApp.allow_root=True'] : []),
    `--ServerApp.root_dir=${options.rootDir}`,
  ];
}

/** Whether Debian's jupyter_server and jupyterlab_server can be imported, or why not. */
export async function debianJupyterServer(): Promise<{ ok: true } | { ok: false; why: string }> {
  if (!existsSync(DEBIAN_PYTHON)) return { ok: false, why: `${DEBIAN_PYTHON} not found` };
  try {
    await run(DEBIAN_PYTHON, ['-c', 'import jupyter_server, jupyterlab_server']);
    return { ok: true };
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    return { ok: false, why: (e.stderr || e.message).trim().split('\n').pop()! };
  }
}
