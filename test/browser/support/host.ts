/**
 * Builds the JupyterLab 4 test host (test/browser/host) once: installs its own node_modules from
 * its committed lock when they are missing, then bundles it (build.js skips the bundling when its
 * inputs are unchanged). Kept out of the root workspace so root `npm ci` stays small.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

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

/**
 * The labextension under test. A fresh clone (CI) has none, so it is built here; locally an
 * existing build is used as it is (rebuild with `npm run build:extension` after changing it).
 */
export function ensureExtensionBuilt(log: (line: string) => void = () => {}): void {
  if (existsSync(join(repoRoot, 'extension', 'labextension', 'package.json'))) return;
  log('building the labextension (npm run build:extension)...');
  execFileSync('npm', ['run', 'build:extension'], { cwd: repoRoot, stdio: 'inherit' });
}

export function ensureHostBuilt(log: (line: string) => void = () => {}): string {
  if (!existsSync(join(hostDir, 'node_modules', '@rspack', 'core', 'package.json'))) {
    log('installing the JupyterLab test host (npm ci --prefix test/browser/host)...');
    execFileSync('npm', ['ci', '--prefix', hostDir, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  }
  execFileSync(process.execPath, [join(hostDir, 'build.js')], { stdio: 'inherit' });
  return hostBuildDir;
}
