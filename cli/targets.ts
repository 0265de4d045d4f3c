/**
 * `clusterlab targets <model>`: each fact of the paper beside the model's posterior predictive
 * median and interval (draws x seeds) when a posterior file matches the model, else its defaults.
 */
import * as os from 'node:os';
import { fmt, formatOption, guarded, parseArgs, parseSeeds, single, UsageError } from './modelArgs';
import { progressBar } from './progress';

const HELP = `usage: clusterlab targets <model|model/scenario> [--seeds N] [--set path=value ...] [--vary path[=low:high] ...]
         [--defaults | --posterior FILE] [--workers W] [--strict] [--format table|json|csv | --json]

Runs N seeded replications (default 100), run i at posterior draw i (src/data/posteriors/<model>.json,
when its fingerprint matches the model; otherwise the defaults, and the header says so), and prints
each calibration and held-out fact of the paper (Perez-Aleman 2005) beside the median, its 5-95%
interval, the tolerance, pass or fail (of the median), the share of single runs within tolerance
and the fact's role in the fit: calibration (fitted, up to
1990), held out by time (fitted by the full posterior; the validation fit on facts up to 1990
predicted it: its out-of-sample median and pass are shown) or held out by kind (never fitted).
--vary draws a parameter the calibration leaves at one value afresh in every run, uniformly over
its explored range or over low:high (an integer one over the whole numbers in it), so the intervals
show what the facts do not pin down. --json is --format json. --defaults ignores the posterior; --posterior FILE judges a calibration
written with \`calibrate <model> --out FILE\` (the pipeline, not hand-configured ABC) instead of the
committed one. Exits 0 even when facts fail; with --strict a failed calibration fact makes the exit
code 1.`;

/** The cases whose misses docs/calibration.md explains, and where. */
const CASES_WITH_NOTES = new Set(['tomato', 'salmon']);
const MISSES_EXPLAINED =
  "why they miss: docs/calibration.md, 'Where the fit stands'; what was tried: 'What stays unexplained, and why' and the sections after it";

export async function run(args: string[]): Promise<number> {
  return guarded('targets', HELP, async () => {
    const p = parseArgs(args, ['seeds', 'set', 'vary', 'format', 'workers', 'posterior'], ['help', 'strict', 'json', 'defaults']);
    if (p.flags.has('help')) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    if (p.positional.length !== 1)
      throw new UsageError(p.positional.length === 0 ? 'missing <model>' : `expected one model or scenario, got ${p.positional.join(' ')}`);
    const seeds = parseSeeds(single(p, 'seeds'), 100);
    if (seeds < 2) throw new UsageError(`--seeds must be at least 2, got ${seeds}`);
    const format = formatOption(p, ['table', 'json', 'csv'], true);
    const workersText = single(p, 'workers');
    const workers = workersText === undefined ? Math.min(2, os.cpus().length) : Number(workersText);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new UsageError(`--workers must be a whole number in [1, 64], got '${workersText}'`);
    const { resolveTarget } = await import('../src/simulation/simulate');
    const { posteriorTargets } = await import('../src/calibration/targets');
    const { model, scenario } = resolveTarget(p.positional[0]);
    const vary = p.options.get('vary') ?? [];
    const posteriorFile = single(p, 'posterior');
    if (posteriorFile !== undefined && p.flags.has('defaults')) throw new UsageError('--posterior and --defaults exclude each other');
    const { fileSource } = await import('../src/calibration/store');
    const source = posteriorFile === undefined ? undefined : fileSource(model, posteriorFile);
    const bar = progressBar();
    let result: import('../src/calibration/targets').PosteriorTargets;
    try {
      result = await posteriorTargets(model, {
        seeds,
        scenario,
        set: p.options.get('set') ?? [],
        vary,
        workers,
        useDefaults: p.flags.has('defaults'),
        source,
        progress: (d, t) => bar.update('runs', d, t),
      });
    } finally {
      bar.finish();
    }
    const rows = result.rows;
    const header = [
      `# model: ${model.name}${scenario ? `/${scenario}` : ''} (fingerprint ${result.fingerprint})`,
      `# parameters: ${result.sourceNote}`,
      `# runs: ${result.runs}${result.source === 'posterior' ? ' (run i at posterior draw i and seed i)' : ' seeds'}`,
    ];
    if (format === 'json') {
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    } else if (format === 'csv') {
      const { csvTable } = await import('../src/simulation/summary');
      const head = [
        'id',
        'metric',
        'year',
        'value',
        'unit',
        'median',
        'p05',
        'p95',
        'n',
        'tolerance',
        'pass',
        'runsWithin',
        'role',
        'byTimeMedian',
        'byTimePass',
        'section',
      ] as const;
      process.stdout.write(`${csvTable(header, head, rows)}\n`);
    } else {
      const { textTable } = await import('../src/calibration/report');
      const { targetColumns } = await import('../src/calibration/targets');
      const { cols, rows: cells } = targetColumns(result);
      const table = textTable(cols, cells);
      const lines = [...header, table];
      const count = (role: string) => rows.filter((r) => r.role === role);
      lines.push(`calibration facts: ${count('calibration').filter((r) => r.pass).length} of ${count('calibration').length} within tolerance`);
      const byTime = count('heldOutByTime');
      if (byTime.length > 0) {
        const predicted = byTime.filter((r) => r.byTimePass !== undefined);
        lines.push(
          `held out by time: ${byTime.filter((r) => r.pass).length} of ${byTime.length} within tolerance when fitted` +
            (predicted.length > 0 ? `; ${predicted.filter((r) => r.byTimePass).length} of ${predicted.length} predicted by the fit on facts up to 1990` : ''),
        );
      }
      const byKind = count('heldOutByKind');
      if (byKind.length > 0) lines.push(`held out by kind: ${byKind.filter((r) => r.pass).length} of ${byKind.length} within tolerance`);
      const single = result.singleRuns;
      lines.push(
        `single runs: ${single.meetingAllCalibration} of ${result.runs} meet all ${single.calibrationFacts} calibration facts together (at most ${single.mostCalibrationMet} in one run); ` +
          `at most ${single.mostMet} of ${rows.length} facts in one run`,
      );
      const misses = rows.filter((r) => !r.pass);
      lines.push(
        misses.length === 0
          ? 'misses: none'
          : `misses: ${misses.map((r) => `${r.id} (paper ${fmt(r.value)}, model${Number.isNaN(r.median) ? ': not produced' : ` ${fmt(r.median)}`})`).join('; ')}`,
      );
      // The committed fit of a case: where its misses are explained (not for scenarios, or other parameters or files).
      const committedFit =
        CASES_WITH_NOTES.has(model.name) && !scenario && !p.options.has('set') && vary.length === 0 && !posteriorFile && !p.flags.has('defaults');
      if (misses.length > 0 && committedFit) lines.push(MISSES_EXPLAINED);
      if (result.unscored.length > 0) lines.push(`not scored: ${result.unscored.map((u) => `${u.id} (${u.role})`).join(', ')}`);
      lines.push('(Perez-Aleman 2005, Sections 3.1-3.2)');
      process.stdout.write(lines.join('\n') + '\n');
    }
    const failedCalibration = rows.some((r) => r.role !== 'heldOutByKind' && !r.pass);
    return p.flags.has('strict') && failedCalibration ? 1 : 0;
  });
}
