/**
 * `clusterlab <command>`: one module per command, loaded only when called, so that listing
 * scenarios does not load the kernel's ZeroMQ bindings or danfojs.
 */
export interface Command {
  summary: string;
  /** Resolves to the process exit code. */
  load(): Promise<{ run(args: string[]): Promise<number> }>;
}

export const commands: Record<string, Command> = {
  kernel: { summary: 'run the Jupyter kernel (-f CONNECTION_FILE; Jupyter starts it)', load: () => import('./kernel') },
  install: { summary: 'install the Jupyter kernelspec and the JupyterLab extension', load: () => import('./install') },
  uninstall: { summary: 'remove the kernelspec and the JupyterLab extension', load: () => import('./uninstall') },
  reproduce: { summary: 'execute every notebook headlessly, write out/ (notebooks, static site), print the scorecard', load: () => import('./reproduce') },
  scenarios: { summary: 'list the scenarios (cases, counterfactuals, baselines) and, with --parameters, the parameters', load: () => import('./scenarios') },
  simulate: { summary: 'run an ensemble of a scenario and print tidy rows scenario,year,metric,median,p05,p95,n', load: () => import('./simulate') },
  targets: {
    summary: "compare a model's runs over its posterior (or defaults) with the paper's facts (tolerance, pass/fail, role in the fit)",
    load: () => import('./targets'),
  },
  calibrate: {
    summary: 'the calibration pipeline of a model with facts (screening, ABC posterior, validation by time and kind), or ABC of chosen parameters',
    load: () => import('./calibrate'),
  },
  hypotheses: {
    summary: 'hypotheses H1-H6 across posterior draws and seeds: effect, interval, share of draws supporting, verdict',
    load: () => import('./hypotheses'),
  },
  compare: {
    summary:
      'two accounts of one case on equal terms (salmon against the foreign-imitation rival, tomato against tomato-foreign-imitation): fit by role, distance with intervals, patterns only one produces',
    load: () => import('./compare'),
  },
  variance: {
    summary: "for each fact, how much of the spread of a model's runs the calibrated parameters explain and how much is chance, over priors and posterior",
    load: () => import('./variance'),
  },
  sensitivity: { summary: "Morris or Sobol sensitivity of a model's outcome to its parameters, with bootstrap intervals", load: () => import('./sensitivity') },
  figure: { summary: "save a scenario's network or time series as SVG, PNG or HTML (--out FILE)", load: () => import('./figure') },
  sweep: { summary: 'parameter sweeps with a results store: plan, run, submit (SLURM), status, resume, collect', load: () => import('./sweep') },
  lab: { summary: 'install the kernel and extension into .jupyter/ and open the notebooks in JupyterLab 4', load: () => import('./lab') },
};

function usage(): string {
  const names = Object.keys(commands).sort();
  const width = Math.max(...names.map((n) => n.length));
  return [
    'usage: clusterlab <command> [options]',
    '',
    'commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${commands[n].summary}`),
    '',
    'Run `clusterlab <command> --help` for the options of one command.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  // A reader that stops early (`clusterlab scenarios | head`) closes the pipe: stop quietly, as
  // Unix tools do, rather than die on an unhandled EPIPE with Node's stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(0);
  });
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    // Asked for, the usage is the output; missing a command, it is an error message.
    (name ? process.stdout : process.stderr).write(usage() + '\n');
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`clusterlab: unknown command '${name}'\n\n${usage()}\n`);
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest);
}
