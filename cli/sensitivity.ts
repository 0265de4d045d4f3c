/** `clusterlab sensitivity <model|scenario>`: Morris or Sobol indices of one outcome. */
import { fmt, formatOption, guarded, listOption, optionalWhole, parseArgs, seedOption, single, UsageError } from './modelArgs';
import { progressBar } from './progress';

const HELP = `usage: clusterlab sensitivity <model|model/scenario> --method morris|sobol [--params a,b=low:high,...]
         [--metric m[@year] | m:reducer] [--samples N] [--replicates R] [--seed S] [--set path=value ...]
         [--resamples B] [--levels P] [--candidates M] [--common-seeds] [--format table|json|csv]

Global sensitivity of one outcome of any model to its parameters, with bootstrap intervals.
  morris  elementary effects (Morris 1991) on N trajectories (default 10): mu* ranks importance,
          sigma shows non-linearity or interactions; N (k + 1) runs.
  sobol   first-order S1 (Saltelli 2010) and total ST (Jansen 1999) indices from a Saltelli design
          with N base samples (a power of two, default 256); N (k + 2) runs.
--params  parameters to vary (default: those the model marks to explore), each over its explore
          range or [min, max], or over low:high as in entry.demonstration=0.1:2.
--metric  the outcome: a metric in a year (exportTonnes@2000), or over the run: m:final, m:max,
          m:min, m:mean, m:sum, m:firstYearAbove=0 (the first year above 0, e.g. take-off).
          Default: the model's first metric, final value.
--replicates  seeded runs per design point, averaged (default 1); seeds derive from (point, replicate).
--set     fixes other parameters (as in simulate); the scenario's values apply first.
--levels  Morris grid levels, even (default 4); --candidates M draws M trajectories and keeps the
          N most spread out (Campolongo et al. 2007).
--common-seeds  every design point runs with the same seeds (common random numbers), so that
          differences between points are the parameters' doing, not the seeds'.
--resamples  bootstrap resamples for the 95% intervals (default 200).
Examples: clusterlab sensitivity ishigami --method sobol --samples 1024
          clusterlab sensitivity salmon --method morris --params entry.demonstration,market.requirement --metric exportTonnes@2000`;

export async function run(args: string[]): Promise<number> {
  return guarded('sensitivity', HELP, async () => {
    const p = parseArgs(
      args,
      ['method', 'params', 'metric', 'samples', 'replicates', 'seed', 'set', 'format', 'resamples', 'levels', 'candidates'],
      ['help', 'common-seeds'],
    );
    if (p.flags.has('help')) {
      process.stdout.write(`${HELP}\n`);
      return 0;
    }
    if (p.positional.length !== 1)
      throw new UsageError(p.positional.length === 0 ? 'missing <model>' : `expected one model or scenario, got ${p.positional.join(' ')}`);
    const method = single(p, 'method');
    if (method === undefined) throw new UsageError('missing --method: morris or sobol');
    if (method !== 'morris' && method !== 'sobol') throw new UsageError(`--method must be morris or sobol, got '${method}'`);
    const format = formatOption(p, ['table', 'json', 'csv']);
    const int = (name: string, min: number, max: number) => optionalWhole(p, name, min, max);
    const samples = int('samples', 2, 1 << 24);
    const replicates = int('replicates', 1, 10000);
    const resamples = int('resamples', 0, 100000);
    const levels = int('levels', 2, 100);
    const candidates = int('candidates', 2, 1000);
    if (method === 'sobol' && samples !== undefined && (samples & (samples - 1)) !== 0) {
      const lower = 2 ** Math.floor(Math.log2(samples));
      throw new UsageError(
        `--samples must be a power of two for --method sobol (Sobol points keep their balance only then), got ${samples}; try ${lower} or ${lower * 2}`,
      );
    }
    if (method === 'sobol' && (levels !== undefined || candidates !== undefined))
      throw new UsageError('--levels and --candidates apply to --method morris only');
    if (levels !== undefined && levels % 2 !== 0) throw new UsageError(`--levels must be an even whole number in [2, 100], got '${levels}'`);
    // Morris keeps --samples trajectories (default 10) out of the candidates drawn.
    const trajectories = samples ?? 10;
    if (candidates !== undefined && candidates < trajectories)
      throw new UsageError(`--candidates must be a whole number in [${trajectories}, 1000] (at least --samples, ${trajectories}), got '${candidates}'`);
    const seed = seedOption(p);
    const params = listOption(p, 'params');
    const { resolveTarget } = await import('../src/simulation/simulate');
    const { modelSensitivity } = await import('../src/experiments/modelAnalysis');
    const { model, scenario } = resolveTarget(p.positional[0]);
    const base = model.resolve(p.options.get('set') ?? [], scenario);
    const metric = single(p, 'metric') ?? model.metrics[0].name;
    const bar = progressBar();
    let result: import('../src/experiments/sensitivity').SensitivityResult;
    try {
      result = modelSensitivity(model, {
        method,
        params,
        outcome: metric,
        samples,
        levels,
        candidates,
        commonRandomNumbers: p.flags.has('common-seeds'),
        replicates,
        resamples,
        seed,
        base,
        label: scenario ? `${model.name}/${scenario}` : model.name,
        progress: (done, total) => bar.update(`${method} runs`, done, total),
      });
    } finally {
      bar.finish();
    }
    const head = `# ${result.method} sensitivity of ${result.outcome}, model ${model.name}${scenario ? `, scenario ${scenario}` : ''}, fingerprint ${model.fingerprint}, seed ${String(seed)}, ${result.evaluations} points x ${replicates ?? 1} replicates, ${result.resamples} bootstrap resamples (${Math.round(result.confidence * 100)}% intervals)`;
    if (format === 'json') {
      process.stdout.write(
        `${JSON.stringify({ model: model.name, scenario, fingerprint: model.fingerprint, seed, replicates: replicates ?? 1, ...result })}\n`,
      );
      return 0;
    }
    const cols =
      result.method === 'sobol'
        ? ['parameter', 'S1', 'S1Low', 'S1High', 'ST', 'STLow', 'STHigh']
        : ['parameter', 'muStar', 'muStarLow', 'muStarHigh', 'mu', 'sigma'];
    const cells = result.rows.map((r) => cols.map((c) => (c === 'parameter' ? r.parameter : fmt((r as unknown as Record<string, number>)[c]))));
    if (format === 'csv') {
      // Full precision, as json gives it: the table's four digits are for reading, not for analysis.
      const { csvTable } = await import('../src/simulation/summary');
      process.stdout.write(`${csvTable([head], cols, result.rows as unknown as Record<string, unknown>[])}\n`);
      return 0;
    }
    const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
    const line = (xs: readonly string[]) => xs.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
    process.stdout.write([head, line(cols), ...cells.map(line)].join('\n') + '\n');
    return 0;
  });
}
