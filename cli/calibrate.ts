/**
 * `clusterlab calibrate <model> --method abc`: approximate Bayesian computation on any model with
 * facts. Without hand-configured ABC options it runs the calibration pipeline (screening, ABC
 * posterior, validation by time and kind; cli/calibratePipeline.ts); with them, ABC of the chosen
 * parameters against the chosen targets (cli/calibrateAbc.ts).
 */
import { ABC_HELP, runAbc } from './calibrateAbc';
import { PIPELINE_HELP, runPipeline } from './calibratePipeline';
import { guarded, parseArgs, single, UsageError } from './modelArgs';

const HELP = `usage: clusterlab calibrate <model> [--method abc] [options]

With none of the hand-configured ABC options below: the calibration pipeline.

${PIPELINE_HELP}

With ABC options: approximate Bayesian computation of chosen parameters.

${ABC_HELP}`;

/** Options of the hand-configured ABC (cli/calibrateAbc.ts); without any, the pipeline runs. */
const ABC_OPTIONS = ['algorithm', 'params', 'target', 'particles', 'generations', 'samples', 'accept', 'replicates', 'set'];
const PIPELINE_OPTIONS = ['budget', 'workers', 'runs-per-draw', 'trajectories', 'max-kept', 'include', 'fit-on', 'seed-set', 'sampler', 'settings-of'];

export async function run(args: string[]): Promise<number> {
  return guarded('calibrate', HELP, async () => {
    const p = parseArgs(args, ['method', 'seed', 'out', 'format', ...ABC_OPTIONS, ...PIPELINE_OPTIONS], ['help', 'write', 'regression']);
    if (p.flags.has('help')) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    const method = single(p, 'method') ?? 'abc';
    if (method !== 'abc') throw new UsageError(`--method must be abc (approximate Bayesian computation), got '${method}'`);
    const handConfigured = ABC_OPTIONS.some((o) => p.options.has(o));
    const pipeline = PIPELINE_OPTIONS.some((o) => p.options.has(o)) || p.flags.has('write') || p.flags.has('regression');
    if (handConfigured && pipeline)
      throw new UsageError(
        `${PIPELINE_OPTIONS.map((o) => `--${o}`).join(', ')}, --regression and --write belong to the pipeline; --${ABC_OPTIONS.find((o) => p.options.has(o))} to hand-configured ABC: use one or the other`,
      );
    return handConfigured ? runAbc(p) : runPipeline(p);
  });
}
