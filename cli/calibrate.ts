/**
 * `clusterlab calibrate <model>`: approximate Bayesian computation on any model (cli/calibrateAbc.ts).
 * The seeded random search of the first cluster model went with it; `--method abc` is the one method.
 */
import { ABC_HELP, runAbc } from './calibrateAbc';
import { guarded, parseArgs, single, UsageError } from './modelArgs';

const HELP = ABC_HELP;

export async function run(args: string[]): Promise<number> {
  return guarded('calibrate', HELP, async () => {
    const p = parseArgs(args, ['samples', 'format', 'method', 'algorithm', 'params', 'target', 'particles', 'generations', 'accept', 'replicates', 'seed', 'set', 'out'], ['help']);
    if (p.flags.has('help')) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    const method = single(p, 'method') ?? 'abc';
    if (method !== 'abc') throw new UsageError(`--method must be abc (approximate Bayesian computation), got '${method}'`);
    return runAbc(p);
  });
}
