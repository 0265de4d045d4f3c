/**
 * `clusterlab calibrate <case>`: the seeded parameter search behind src/model/calibrated.ts, or,
 * with `--method abc`, approximate Bayesian computation on any model (cli/calibrateAbc.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ABC_HELP, runAbc } from './calibrateAbc';
import { writeFileAtomic } from '../src/io/atomic';
import { PIPELINE_HELP, runPipeline } from './calibratePipeline';
import { fmt, guarded, parseArgs, parseSeeds, single, UsageError } from './modelArgs';

const HELP = `usage: clusterlab calibrate <tomato|salmon|both> [--method search] [--samples N] [--seeds K] [--write] [--format table|json|csv]

Seeded random search (three rounds) over the parameters in src/model/calibrate.ts, minimising the
misses of ensemble medians (K seeds per point, default 12) against the paper's calibration facts;
held-out facts are not used. Prints the best point and its fit (--format json: the reports; csv:
case,path,value rows of the best points); --write stores it in
src/model/calibrated.ts (run from the repository root, then rebuild).

With --method abc and none of the ABC options below (or with --budget / --write): the calibration
pipeline.

${PIPELINE_HELP}

With --method abc and ABC options: approximate Bayesian computation of chosen parameters.

${ABC_HELP}`;

/** Options of the hand-configured ABC (cli/calibrateAbc.ts); without any, --method abc runs the pipeline. */
const ABC_OPTIONS = ['algorithm', 'params', 'target', 'particles', 'generations', 'samples', 'accept', 'replicates', 'set'];
const PIPELINE_OPTIONS = ['budget', 'workers'];

export async function run(args: string[]): Promise<number> {
  return guarded('calibrate', HELP, async () => {
    const p = parseArgs(args, ['samples', 'seeds', 'method', 'algorithm', 'params', 'target', 'particles', 'generations', 'accept', 'replicates', 'seed', 'set', 'out', 'format', 'budget', 'workers'], ['help', 'write']);
    if (p.flags.has('help')) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    const method = single(p, 'method') ?? 'search';
    if (method === 'abc') {
      const handConfigured = ABC_OPTIONS.some((o) => p.options.has(o));
      const pipeline = PIPELINE_OPTIONS.some((o) => p.options.has(o)) || p.flags.has('write');
      if (handConfigured && pipeline) throw new UsageError(`--budget, --workers and --write belong to the pipeline; --${ABC_OPTIONS.find((o) => p.options.has(o))} to hand-configured ABC: use one or the other`);
      return handConfigured ? runAbc(p) : runPipeline(p);
    }
    for (const name of PIPELINE_OPTIONS) if (p.options.has(name)) throw new UsageError(`--${name} applies to --method abc only`);
    if (method !== 'search') throw new UsageError(`--method must be search (the random search behind calibrated.ts) or abc, got '${method}'`);
    for (const name of ['algorithm', 'params', 'target', 'particles', 'generations', 'accept', 'replicates', 'seed', 'set', 'out']) {
      if (p.options.has(name)) throw new UsageError(`--${name} applies to --method abc only`);
    }
    const which = p.positional[0];
    if (p.positional.length !== 1 || !['tomato', 'salmon', 'both'].includes(which)) {
      throw new UsageError(`expected one case: tomato, salmon or both, got '${p.positional.join(' ')}' (this search fits the cluster cases' calibrated defaults; other models have no calibration ranges here)`);
    }
    const format = single(p, 'format') ?? 'table';
    if (!['csv', 'json', 'table'].includes(format)) throw new UsageError(`--format must be table, json or csv, got '${format}'`);
    const samples = parseSeeds(single(p, 'samples'), 200, 100000);
    const seeds = parseSeeds(single(p, 'seeds'), 12, 1000);
    const { calibrateCase, calibratedSource } = await import('../src/model/calibrate');
    const { calibrated } = await import('../src/model/calibrated');
    const values = { tomato: { ...calibrated.tomato }, salmon: { ...calibrated.salmon } };
    const cases = which === 'both' ? (['tomato', 'salmon'] as const) : ([which] as ('tomato' | 'salmon')[]);
    const reports = [];
    for (const c of cases) {
      const started = Date.now();
      const report = await calibrateCase(c, { samples, seeds });
      values[c] = report.best;
      reports.push(report);
      if (format !== 'table') continue;
      const lines = [`${c}: loss ${fmt(report.loss)} after ${report.trials} points x ${report.seedsPerPoint} seeds (${((Date.now() - started) / 1000).toFixed(1)} s)`];
      for (const [k, v] of Object.entries(report.best)) lines.push(`  ${k} = ${v}`);
      for (const f of report.facts) lines.push(`  ${f.id}: paper ${fmt(f.value)}, model ${fmt(f.model)} (miss ${fmt((f.model - f.value) / f.scale)} tolerances)`);
      process.stdout.write(lines.join('\n') + '\n');
    }
    if (format === 'json') process.stdout.write(JSON.stringify(reports, null, 2) + '\n');
    if (format === 'csv') {
      const rows = reports.flatMap((r) => Object.entries(r.best).map(([k, v]) => `${r.case},${k},${v}`));
      process.stdout.write(['case,path,value', ...rows].join('\n') + '\n');
    }
    if (p.flags.has('write')) {
      const file = path.resolve('src/model/calibrated.ts');
      if (!fs.existsSync(file)) throw new UsageError(`--write must run from the repository root (no ${file})`);
      writeFileAtomic(file, calibratedSource(values, `Search: ${samples} + 2 x ${Math.ceil(samples / 2)} points, ${seeds} seeds per point.`));
      process.stdout.write(`wrote ${file}; run \`npm run build\` to use it\n`);
    }
    return 0;
  });
}
