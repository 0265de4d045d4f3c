/**
 * `clusterlab variance <model>`: for each fact, how much of the spread of the model's runs comes
 * from the calibrated parameters and how much from chance, over the calibration's priors and over
 * its posterior.
 */
import * as os from 'node:os';
import { fmt, formatOption, guarded, optionalWhole, parseArgs, seedOption, single, UsageError, wholeOption } from './modelArgs';
import { progressBar } from './progress';

const HELP = `usage: clusterlab variance <model|model/scenario> [--over both|prior|posterior] [--draws D] [--seeds S]
         [--posterior FILE] [--set path=value ...] [--seed S] [--workers W] [--format table|json|csv]

Runs D parameter draws (default 40) x S seeds each (default 10) and splits, for every fact of the
paper the model is compared with, the variance of a run's miss (in tolerances, capped at 10, as the
calibration's distance counts it) into the part that differences between draws explain (the
parameters) and the rest (chance, the seed), with a 90% bootstrap interval over draws. Over the
calibration's uniform priors this says which facts can tell parameter values apart; over its
posterior, what is left to learn. "meets" is the share of runs within tolerance (5-95% over draws).
--format json prints an array with one split per --over (prior first), csv a row per split and
fact under '# ' lines (model, fingerprint, where the draws came from, parameters drawn, seed). Verdicts: share from parameters at least 0.5 "mostly parameters", below 0.2 "mostly chance", else
"both". Needs the model's calibration file (src/data/posteriors/<model>.json, or --posterior FILE).`;

export async function run(args: string[]): Promise<number> {
  return guarded('variance', HELP, async () => {
    const p = parseArgs(args, ['over', 'draws', 'seeds', 'posterior', 'set', 'seed', 'workers', 'format'], ['help']);
    if (p.flags.has('help')) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    if (p.positional.length !== 1)
      throw new UsageError(p.positional.length === 0 ? 'missing <model>' : `expected one model or scenario, got ${p.positional.join(' ')}`);
    const overText = single(p, 'over') ?? 'both';
    if (!['both', 'prior', 'posterior'].includes(overText)) throw new UsageError(`--over must be both, prior or posterior, got '${overText}'`);
    const format = formatOption(p, ['table', 'json', 'csv']);
    const draws = optionalWhole(p, 'draws', 2, 100_000);
    const seedsPerDraw = optionalWhole(p, 'seeds', 2, 10_000);
    const workers = wholeOption(p, 'workers', Math.min(2, os.cpus().length), 1, 64);
    const { resolveTarget } = await import('../src/simulation/simulate');
    const { predictiveVariance } = await import('../src/calibration/variance');
    const { fileSource } = await import('../src/calibration/store');
    const { WorkerPool } = await import('../src/experiments/pool');
    const { model, scenario } = resolveTarget(p.positional[0]);
    const posteriorFile = single(p, 'posterior');
    const source = posteriorFile === undefined ? undefined : fileSource(model, posteriorFile);
    const overs = overText === 'both' ? (['prior', 'posterior'] as const) : ([overText] as ['prior' | 'posterior']);
    const pool = workers > 1 && model.module ? new WorkerPool(workers) : undefined;
    const bar = progressBar();
    const results: import('../src/calibration/variance').VarianceSplit[] = [];
    try {
      for (const over of overs) {
        results.push(
          await predictiveVariance(model, {
            over,
            draws,
            seedsPerDraw,
            seed: seedOption(p),
            scenario,
            set: p.options.get('set') ?? [],
            source,
            workers,
            pool,
            progress: (d, t) => bar.update(`${over} runs`, d, t),
          }),
        );
      }
    } finally {
      bar.finish();
      await pool?.close();
    }
    if (format === 'json') {
      process.stdout.write(JSON.stringify(results, null, 2) + '\n');
      return 0;
    }
    const share = (v: number, [lo, hi]: [number, number]) => `${v.toFixed(2)} (${lo.toFixed(2)}-${hi.toFixed(2)})`;
    const meets = (v: number, [lo, hi]: [number, number]) => `${v.toFixed(2)} (${lo.toFixed(1)}-${hi.toFixed(1)})`;
    const first = results[0];
    // The provenance heads the csv as '# ' lines (pandas: comment='#'), as it heads the table.
    const provenance = [
      `# model: ${model.name}${scenario ? `/${scenario}` : ''} (fingerprint ${first.fingerprint})`,
      ...results.map((r) => `# ${r.over}: ${r.sourceNote}; ${r.draws} draws x ${r.seedsPerDraw} seeds`),
      `# parameters drawn: ${first.parameters.join(', ')} (the others at their values)`,
      `# seed: ${String(seedOption(p))} (draws and runs derive from it)`,
    ];
    if (format === 'csv') {
      const { csvCell } = await import('../src/simulation/summary');
      const head = [
        'over',
        'id',
        'role',
        'year',
        'value',
        'tolerance',
        'meets',
        'meets_p05',
        'meets_p95',
        'median_miss',
        'parametric',
        'parametric_p05',
        'parametric_p95',
        'verdict',
      ];
      const lines = results.flatMap((r) =>
        r.rows.map((x) =>
          [r.over, x.id, x.role, x.year, x.value, x.tolerance, x.meets, ...x.meetsOverDraws, x.medianMiss, x.parametric, ...x.parametricInterval, x.verdict]
            .map(csvCell)
            .join(','),
        ),
      );
      process.stdout.write([...provenance, head.join(','), ...lines].join('\n') + '\n');
      return 0;
    }
    const { textTable } = await import('../src/calibration/report');
    const cols = ['fact', 'role', 'paper', 'tolerance'];
    for (const r of results) cols.push(`${r.over}: meets`, `${r.over}: from parameters`, `${r.over}: verdict`);
    const cells = first.rows.map((x, i) => {
      const row = [x.id, x.roleText, fmt(x.value), x.tolerance];
      for (const r of results)
        row.push(meets(r.rows[i].meets, r.rows[i].meetsOverDraws), share(r.rows[i].parametric, r.rows[i].parametricInterval), r.rows[i].verdict);
      return row;
    });
    const lines = [
      ...provenance,
      textTable(cols, cells),
      "meets: share of runs within tolerance (5-95% over draws); from parameters: share of the variance of a run's miss (in tolerances, capped at 10)",
      'that differences between draws explain, 90% bootstrap interval over draws; the rest is chance. A fact that chance dominates over the',
      'priors can tell a calibration little about the parameters drawn.',
    ];
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  });
}
