/**
 * `clusterlab lab`: installs the kernel and the JupyterLab extension into a Jupyter data folder
 * inside the project (`.jupyter/`, never the user's own) and opens the notebooks in JupyterLab 4:
 * the user's own JupyterLab 4 when `jupyter lab` is one, otherwise clusterlab's own JupyterLab 4
 * app (built from npm packages, cli/lab-app.ts) on Debian's jupyter_server, which needs no pip.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { DEBIAN_PYTHON, debianJupyterServer, ensureLabApp, labAppServerArgs, projectRoot } from './lab-app';

const PROJECT_ROOT = projectRoot;

const HELP = `usage: clusterlab lab [options]

Installs the clusterlab kernel and JupyterLab extension into .jupyter/ in the project, then opens
notebooks/ in JupyterLab 4: \`jupyter lab\` when it is JupyterLab 4, otherwise clusterlab's own
JupyterLab 4 (built from npm packages on first use) served by Debian's jupyter_server
(apt-get install python3-jupyter-server python3-jupyterlab-server).

options:
  --install-only   install, print the command that opens JupyterLab, and stop
  --dir DIR        Jupyter data folder to install into (default: .jupyter in the project)
  --own            use clusterlab's own JupyterLab 4 even when \`jupyter lab\` is installed
  --port N         port to serve on (default: a free one)
  --no-browser     do not open a web browser
  -h, --help       this help
Other options are passed to the Jupyter server (e.g. --ServerApp.ip=0.0.0.0).`;

/** The major version of `jupyter lab`, or null when it cannot be run. */
export function jupyterLabVersion(env: NodeJS.ProcessEnv = process.env): string | null {
  const result = spawnSync('jupyter', ['lab', '--version'], { env, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0 || !result.stdout) return null;
  const version = result.stdout.trim().split('\n').pop()!.trim();
  return /^\d+\.\d+/.test(version) ? version : null;
}

export function missingJupyterLabAdvice(found: string | null, dataDir: string, serverProblem?: string): string {
  const why =
    (found ? `JupyterLab ${found} is installed, but clusterlab's extension needs JupyterLab 4.` : 'JupyterLab is not installed (no `jupyter lab` on PATH).') +
    (serverProblem ? `\nclusterlab's own JupyterLab 4 needs Debian's Jupyter server, which ${DEBIAN_PYTHON} cannot load: ${serverProblem}` : '');
  return `${why}

To open the notebooks interactively, either let clusterlab serve its own JupyterLab 4, which
needs Debian's Jupyter server (no pip):
  sudo apt-get install python3-jupyter-server python3-jupyterlab-server
or install JupyterLab 4 yourself, for example:
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

interface LabArgs {
  dataDir: string;
  installOnly: boolean;
  own: boolean;
  port?: number;
  openBrowser: boolean;
  passThrough: string[];
}

function parseArgs(args: string[]): LabArgs | string {
  const parsed: LabArgs = { dataDir: path.join(PROJECT_ROOT, '.jupyter'), installOnly: false, own: false, openBrowser: true, passThrough: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--install-only') parsed.installOnly = true;
    else if (arg === '--own') parsed.own = true;
    else if (arg === '--no-browser') parsed.openBrowser = false;
    else if (arg === '--dir') {
      const value = args[++i];
      if (!value) return '--dir needs a folder';
      parsed.dataDir = path.resolve(value);
    } else if (arg === '--port' || arg.startsWith('--port=')) {
      const value = arg === '--port' ? args[++i] : arg.slice('--port='.length);
      if (!/^\d+$/.test(value ?? '') || Number(value) < 1 || Number(value) > 65535) return `--port must be an integer in 1..65535, got ${value ?? 'nothing'}`;
      parsed.port = Number(value);
    } else parsed.passThrough.push(arg);
  }
  return parsed;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Resolves once the server answers its REST API, rejects if it exits first. */
async function waitForServer(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the Jupyter server exited (${child.exitCode ?? child.signalCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the Jupyter server did not answer within ${timeoutMs / 1000} s`);
}

/**
 * Runs `child` until it exits; Ctrl-C (or SIGTERM) stops it. The server is sent SIGTERM: on one
 * SIGINT jupyter_server asks whether to stop, and without a terminal to answer it goes on.
 */
function untilExit(child: ChildProcess, what: string): Promise<number> {
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
    });
    child.on('error', (error) => {
      process.stderr.write(`clusterlab lab: could not start ${what}: ${error.message}\n`);
      resolve(1);
    });
  });
}

/** clusterlab's own JupyterLab 4 on Debian's jupyter_server. */
async function serveOwnLab(options: LabArgs, env: NodeJS.ProcessEnv, notebooks: string): Promise<number> {
  await ensureLabApp((line) => process.stdout.write(`${line}\n`));
  const port = options.port ?? (await freePort());
  const token = randomBytes(24).toString('hex');
  const stateDir = path.join(options.dataDir, 'lab-state');
  const args = [...labAppServerArgs({ port, token, rootDir: notebooks, stateDir, openBrowser: options.openBrowser }), ...options.passThrough];
  const child = spawn(DEBIAN_PYTHON, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = untilExit(child, "Debian's jupyter_server");
  try {
    await waitForServer(`http://127.0.0.1:${port}/api/status?token=${token}`, child);
  } catch (error) {
    process.stderr.write(`clusterlab lab: ${(error as Error).message}\n`);
    child.kill('SIGKILL');
    await exited;
    return 1;
  }
  process.stdout.write(`\nclusterlab's JupyterLab 4 is serving ${notebooks}\n  open http://127.0.0.1:${port}/lab?token=${token}\n(Ctrl-C stops it)\n`);
  return exited;
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const options = parseArgs(args);
  if (typeof options === 'string') {
    process.stderr.write(`clusterlab lab: ${options}\n`);
    return 2;
  }

  if (!existsSync(path.join(PROJECT_ROOT, 'extension', 'labextension', 'package.json'))) {
    process.stdout.write('building the JupyterLab extension (npm run build:extension)\n');
    const build = spawnSync('npm', ['run', 'build:extension'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
    if (build.status !== 0) {
      process.stderr.write('clusterlab lab: the extension build failed; the kernel is installed without it\n');
    }
  }
  const { installKernelspec } = await import('../kernel/install');
  const installed = installKernelspec({ dataDir: options.dataDir, labextension: true });
  process.stdout.write(`installed into ${options.dataDir}:\n`);
  for (const line of installed.messages) process.stdout.write(`  ${line}\n`);

  // JUPYTER_PATH adds our folder to the data folders Jupyter searches for kernels and
  // labextensions, leaving the user's own settings and extensions in place.
  const env = { ...process.env, JUPYTER_PATH: [options.dataDir, process.env.JUPYTER_PATH].filter(Boolean).join(path.delimiter) };
  const notebooks = path.join(PROJECT_ROOT, 'notebooks');
  const command = [
    'jupyter',
    'lab',
    `--ServerApp.root_dir=${notebooks}`,
    ...(options.port ? [`--port=${options.port}`] : []),
    ...(options.openBrowser ? [] : ['--no-browser']),
    ...options.passThrough,
  ];
  if (options.installOnly) {
    process.stdout.write(
      `open the notebooks with:\n  JUPYTER_PATH=${env.JUPYTER_PATH} ${command.join(' ')}\n  (or \`npx clusterlab lab --own\` for clusterlab's own JupyterLab 4)\n`,
    );
    return 0;
  }
  const version = options.own ? null : jupyterLabVersion(env);
  if (version?.startsWith('4.')) {
    process.stdout.write(`opening JupyterLab ${version} on ${notebooks}\n`);
    return untilExit(spawn(command[0], command.slice(1), { env, stdio: 'inherit' }), 'jupyter lab');
  }
  const server = await debianJupyterServer();
  if (!server.ok) {
    process.stdout.write('\n' + missingJupyterLabAdvice(version, options.dataDir, server.why) + '\n');
    return 1;
  }
  if (!options.own) {
    process.stdout.write(
      `\n${version ? `JupyterLab ${version} is not JupyterLab 4` : 'JupyterLab 4 is not installed'}, so clusterlab serves its own JupyterLab 4 (built from npm packages) on Debian's jupyter_server.\n`,
    );
  }
  return serveOwnLab(options, env, notebooks);
}
