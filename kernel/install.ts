/**
 * Installing the kernel for Jupyter without Python: a kernelspec is a folder with a
 * `kernel.json` (how to start the kernel) and logos, under `<data dir>/kernels/<name>/`; a
 * prebuilt JupyterLab extension is a folder copied to `<data dir>/labextensions/<package>/`.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { replaceFolderAtomic, writeFileAtomic } from '../src/io/atomic';

export const KERNEL_NAME = 'clusterlab';
export const DISPLAY_NAME = 'TypeScript (clusterlab)';
export const LABEXTENSION_NAME = '@clusterlab/labextension';

const ROOT = join(__dirname, '..', '..');
const LOGOS = ['logo-32x32.png', 'logo-64x64.png', 'logo-svg.svg'];

/** Exactly one way to say where: a data dir, a prefix, the user's dir, or the environment's. */
export interface InstallTarget {
  dataDir?: string;
  prefix?: string;
  user?: boolean;
  sysPrefix?: boolean;
}

export interface InstallOptions extends InstallTarget {
  /** Copy the built JupyterLab extension too (default true; skipped with a message when not built). */
  labextension?: boolean;
}

export interface InstallResult {
  kernelspec: string;
  labextension: string | null;
  /** What was done, one line each, for a command to print. */
  messages: string[];
}

/** Jupyter's per-user data dir, as jupyter_core computes it on Linux and macOS. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.JUPYTER_DATA_DIR) return resolve(env.JUPYTER_DATA_DIR);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Jupyter');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'jupyter');
}

export function resolveDataDir(target: InstallTarget = {}, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = (['dataDir', 'prefix', 'user', 'sysPrefix'] as const).filter((k) => target[k]);
  if (chosen.length > 1) throw new Error(`choose one install location, got ${chosen.join(' and ')}`);
  if (target.dataDir) return resolve(target.dataDir);
  if (target.prefix) return join(resolve(target.prefix), 'share', 'jupyter');
  // Without Python there is no sys.prefix to ask; an active venv or conda env is the environment.
  if (target.sysPrefix) return join(env.VIRTUAL_ENV || env.CONDA_PREFIX || '/usr', 'share', 'jupyter');
  return userDataDir(env);
}

/**
 * The kernelspec runs a small launcher through `/bin/sh` instead of recording this Node.js's
 * absolute path: the launcher prefers that Node.js while it exists and falls back to `node` on
 * PATH, so that the kernel still starts after Node.js was upgraded (nvm, a new Debian package).
 */
export function kernelJson(): object {
  return {
    argv: ['/bin/sh', join(ROOT, 'kernel', 'launcher.sh'), '-f', '{connection_file}'],
    env: { CLUSTERLAB_NODE: process.execPath },
    display_name: DISPLAY_NAME,
    language: 'typescript',
    interrupt_mode: 'message',
    metadata: { debugger: false },
  };
}

export function installKernelspec(options: InstallOptions = {}): InstallResult {
  const { labextension: withExtension = true, ...target } = options;
  const dataDir = resolveDataDir(target);
  const messages: string[] = [];
  const kernelDir = join(dataDir, 'kernels', KERNEL_NAME);
  mkdirSync(kernelDir, { recursive: true });
  writeFileAtomic(join(kernelDir, 'kernel.json'), JSON.stringify(kernelJson(), null, 2) + '\n');
  for (const logo of LOGOS) {
    const source = join(ROOT, 'kernel', logo);
    if (existsSync(source)) writeFileAtomic(join(kernelDir, logo), readFileSync(source));
  }
  messages.push(`kernelspec '${KERNEL_NAME}' (${DISPLAY_NAME}) in ${kernelDir}`);
  let labextension: string | null = null;
  const built = join(ROOT, 'extension', 'labextension');
  if (!withExtension) {
    // Asked for the kernel alone.
  } else if (existsSync(join(built, 'package.json'))) {
    labextension = join(dataDir, 'labextensions', ...LABEXTENSION_NAME.split('/'));
    replaceFolderAtomic(labextension, built);
    messages.push(`JupyterLab extension ${LABEXTENSION_NAME} in ${labextension}`);
  } else {
    messages.push(`JupyterLab extension not built (no ${built}/package.json): run the extension build, then install again`);
  }
  return { kernelspec: kernelDir, labextension, messages };
}

export function uninstallKernelspec(target: InstallTarget = {}): string[] {
  const dataDir = resolveDataDir(target);
  const removed: string[] = [];
  for (const path of [join(dataDir, 'kernels', KERNEL_NAME), join(dataDir, 'labextensions', ...LABEXTENSION_NAME.split('/'))]) {
    if (!existsSync(path)) continue;
    rmSync(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}
