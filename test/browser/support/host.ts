/**
 * Builds what the browser tests serve, once per machine and change: the labextension (when a
 * fresh clone has none) and the JupyterLab 4 test host (test/browser/host), whose own
 * node_modules are installed from its committed lock when missing and whose bundle build.js
 * skips when its inputs are unchanged. The host stays out of the root workspace so that root
 * `npm ci` stays small. Test files run in parallel processes, hence the lock.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository root, found from here whether run from the sources or compiled into dist/. */
function findRepoRoot(start: string): string {
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'clusterlab') return dir;
  }
  throw new Error(`no clusterlab package.json above ${start}`);
}

export const repoRoot = findRepoRoot(__dirname);
export const hostDir = join(repoRoot, 'test', 'browser', 'host');
export const hostBuildDir = join(hostDir, 'build');
const lockDir = join(hostDir, '.build-lock');
const STALE_LOCK_MS = 10 * 60_000;

/** Runs `work` while holding a lock directory shared by all test processes of this checkout. */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A holder that died long ago (killed run) must not block every later run.
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

async function step(log: (line: string) => void, what: string, command: string, args: string[], cwd = repoRoot): Promise<void> {
  log(`${what} (${command} ${args.join(' ')})...`);
  try {
    await run(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${what} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

/** The newest modification time of the files under `path` (a file or a folder). */
function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs);
}

/**
 * The labextension under test, built when missing (a fresh clone, as in CI) or older than its
 * sources, so that the browser tests never test a stale build.
 */
async function ensureExtensionBuilt(log: (line: string) => void): Promise<void> {
  const built = join(repoRoot, 'extension', 'labextension', 'package.json');
  const sources = ['src', 'style', 'package.json'].map((name) => join(repoRoot, 'extension', name));
  // The extension bundles the shared view modules (payloads, colours, sizes, the SVG figure).
  sources.push(join(repoRoot, 'src', 'views'));
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestChange))) return;
  await step(log, 'building the labextension', 'npm', ['run', 'build:extension']);
}

async function ensureHostBuilt(log: (line: string) => void): Promise<void> {
  if (!existsSync(join(hostDir, 'node_modules', '@rspack', 'core', 'package.json'))) {
    await step(log, 'installing the JupyterLab test host', 'npm', ['ci', '--prefix', hostDir, '--no-audit', '--no-fund']);
  }
  await step(log, 'bundling the JupyterLab test host', process.execPath, [join(hostDir, 'build.js')]);
}

/** Makes sure the labextension and the test host are built; returns the host's build folder. */
export async function ensureBrowserAssets(log: (line: string) => void = (line) => console.log(line)): Promise<string> {
  await withBuildLock(async () => {
    await ensureExtensionBuilt(log);
    await ensureHostBuilt(log);
  });
  return hostBuildDir;
}
