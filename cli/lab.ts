/**
 * `clusterlab lab`: installs the kernel and the JupyterLab extension into a Jupyter data folder
 * inside the project (`.jupyter/`, never the user's own) and opens the notebooks in JupyterLab 4
 * when it is installed. Without JupyterLab 4 it says exactly what to install, and how to read the
 * notebooks meanwhile.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

const HELP = `usage: clusterlab lab [options]

Installs the clusterlab kernel and JupyterLab extension into .jupyter/ in the project, then opens
notebooks/ in JupyterLab 4 (found on PATH as \`jupyter lab\`).

options:
  --install-only   install, print the command that opens JupyterLab, and stop
  --dir DIR        Jupyter data folder to install into (default: .jupyter in the project)
  -h, --help       this help
Any other options are passed to \`jupyter lab\` (e.g. --port 8890 --no-browser).`;

/** The major version of `jupyter lab`, or null when it cannot be run. */
export function jupyterLabVersion(env: NodeJS.ProcessEnv = process.env): string | null {
  const result = spawnSync('jupyter', ['lab', '--version'], { env, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0 || !result.stdout) return null;
  const version = result.stdout.trim().split('\n').pop()!.trim();
  return /^\d+\.\d+/.test(version) ? version : null;
}

export function missingJupyterLabAdvice(found: string | null, dataDir: string): string {
  const why = found ? `JupyterLab ${found} is installed, but clusterlab's extension needs JupyterLab 4.` : 'JupyterLab is not installed (no `jupyter lab` on PATH).';
  return `${why}

To open the notebooks interactively, install JupyterLab 4, for example:
  python3 -m pip install 'jupyterlab>=4,<5'      (in a virtual environment, or with pipx)
then run \`npx clusterlab lab\` again. The kernel and extension are already installed in
  ${dataDir}
and \`npx clusterlab lab\` points JupyterLab at them.

Other clients work with the kernel too (JUPYTER_PATH=${dataDir}):
  Debian/Ubuntu: sudo apt install jupyter-notebook   (the classic notebook: static figures)
                 sudo apt install jupyter-console    (the kernel in a terminal)

Meanwhile, read the executed notebooks as a static site with live figures:
  npm start        then open out/site/index.html in a browser`;
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  let dataDir = path.join(PROJECT_ROOT, '.jupyter');
  let installOnly = false;
  const passThrough: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--install-only') installOnly = true;
    else if (args[i] === '--dir') {
      const value = args[++i];
      if (!value) {
        process.stderr.write('clusterlab lab: --dir needs a folder\n');
        return 2;
      }
      dataDir = path.resolve(value);
    } else passThrough.push(args[i]);
  }

  if (!existsSync(path.join(PROJECT_ROOT, 'extension', 'labextension', 'package.json'))) {
    process.stdout.write('building the JupyterLab extension (npm run build:extension)\n');
    const build = spawnSync('npm', ['run', 'build:extension'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
    if (build.status !== 0) {
      process.stderr.write('clusterlab lab: the extension build failed; the kernel is installed without it\n');
    }
  }
  const { installKernelspec } = await import('../kernel/install');
  const installed = installKernelspec({ dataDir, labextension: true });
  process.stdout.write(`installed into ${dataDir}:\n`);
  for (const line of installed.messages) process.stdout.write(`  ${line}\n`);

  // JUPYTER_PATH adds our folder to the data folders Jupyter searches for kernels and
  // labextensions, leaving the user's own settings and extensions in place.
  const env = { ...process.env, JUPYTER_PATH: [dataDir, process.env.JUPYTER_PATH].filter(Boolean).join(path.delimiter) };
  const notebooks = path.join(PROJECT_ROOT, 'notebooks');
  const command = ['jupyter', 'lab', `--ServerApp.root_dir=${notebooks}`, ...passThrough];
  if (installOnly) {
    process.stdout.write(`open the notebooks with:\n  JUPYTER_PATH=${env.JUPYTER_PATH} ${command.join(' ')}\n`);
    return 0;
  }
  const version = jupyterLabVersion(env);
  if (!version || !version.startsWith('4.')) {
    process.stdout.write('\n' + missingJupyterLabAdvice(version, dataDir) + '\n');
    return 1;
  }
  process.stdout.write(`opening JupyterLab ${version} on ${notebooks}\n`);
  const child = spawn(command[0], command.slice(1), { env, stdio: 'inherit' });
  const stop = () => child.kill('SIGINT');
  process.on('SIGINT', stop);
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      process.off('SIGINT', stop);
      resolve(code ?? 0);
    });
    child.on('error', (error) => {
      process.stderr.write(`clusterlab lab: could not start jupyter lab: ${error.message}\n`);
      resolve(1);
    });
  });
}
