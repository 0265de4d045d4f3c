/**
 * `clusterlab hypotheses [--model tomato|salmon]`: H1-H6 of the model brief across posterior
 * draws and seeds (src/hypotheses), each with its effect, interval, share of draws supporting it
 * and a verdict by the stated rule.
 */
import * as os from 'node:os';
import { drawOptions, formatOption, guarded, parseArgs, single, UsageError } from './modelArgs';
import { posteriorSourceLists } from './posteriorOption';
import { progressBar } from './progress';

const HELP = `usage: clusterlab hypotheses [--model tomato|salmon] [--draws N] [--seeds M] [--seed S] [--workers W]
         [--posterior FILE ...] [--vary path[=low:high] ...] [--format table|json|csv]

Each hypothesis of the model brief (H1-H6) for each cluster model (or the one named): the two arms
compared, the measure, the paired effect (the same posterior draw and seed in both arms) as a mean
with its 5-95% interval over N draws (default 20) x M seeds (default 5), the share of draws whose
seed-averaged effect has the predicted sign, and the verdict: supported when at least 90% of draws
support it and the interval excludes 0 on that side, contradicted when at most 10% do and the
interval excludes 0 on the other side, otherwise inconclusive.
Draws come from src/data/posteriors/<model>.json when its fingerprint matches the model; otherwise
the defaults are used and the header says so. --posterior FILE (repeatable) uses a calibration
written with \`calibrate <model> --out FILE\` (the pipeline, not hand-configured ABC) for the model
it was made for. Several files of one model (for instance the committed one and the same settings
at other calibration seeds, \`calibrate <model> --settings-of FILE --seed 2 --out F\`) judge the
hypotheses under each, then line them up: each hypothesis's effect and verdict under every
calibration and whether the verdicts agree. --vary (with --model) draws a parameter the calibration leaves at one value once
per posterior draw, uniformly over its explored range or over low:high, the same in both arms and
every seed of that draw, so the verdicts carry its uncertainty too. --format json: an array with one result per model (one entry with --model).
--format csv: one row per hypothesis, model and calibration (column posterior: its file, empty at
the defaults), under '# ' lines saying where each model's draws came from.`;

export async function run(args: string[]): Promise<number> {
  return guarded('hypotheses', HELP, async () => {
    const p = parseArgs(args, ['model', 'draws', 'seeds', 'seed', 'workers', 'format', 'posterior', 'vary'], ['help']);
    if (p.flags.has('help')) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    if (p.positional.length > 0) throw new UsageError(`unexpected argument '${p.positional[0]}' (name a model with --model)`);
    const format = formatOption(p, ['table', 'json', 'csv']);
    const { draws, seeds, workers, seed } = drawOptions(p, os.cpus().length);
    await import('../src/models');
    const { hypotheses, hypothesesText, modelsWithHypotheses, verdictsAcross, verdictsAcrossText } = await import('../src/hypotheses');
    const { getModel } = await import('../src/engine/registry');
    const { WorkerPool } = await import('../src/experiments/pool');
    const named = single(p, 'model');
    const names = named ? [named] : modelsWithHypotheses();
    if (named && !modelsWithHypotheses().includes(named)) throw new UsageError(`--model must be one of ${modelsWithHypotheses().join(', ')}, got '${named}'`);
    const vary = p.options.get('vary') ?? [];
    if (vary.length > 0 && !named) throw new UsageError('--vary needs --model: parameters belong to one model');
    const sources = await posteriorSourceLists(p, names, getModel);
    const pool = workers > 1 ? new WorkerPool(workers) : undefined;
    const results: import('../src/hypotheses').HypothesesResult[] = [];
    try {
      for (const name of names) {
        // The committed posterior (or the defaults) unless files were named for this model.
        for (const source of sources[name] ?? [undefined]) {
          const bar = progressBar();
          try {
            results.push(
              await hypotheses(getModel(name), {
                draws,
                seeds,
                seed,
                workers,
                pool,
                source,
                vary,
                progress: (s, d, t) => bar.update(`${name} ${s}`, d, t),
              }),
            );
          } finally {
            bar.finish();
          }
        }
      }
    } finally {
      await pool?.close();
    }
    // An array whatever the number of models, so that a script reads one shape.
    if (format === 'json') process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    else if (format === 'csv') {
      const { csvTable } = await import('../src/simulation/summary');
      const cols = [
        'model',
        'id',
        'measure',
        'baseline',
        'alternative',
        'predicts',
        'baselineMedian',
        'alternativeMedian',
        'estimate',
        'p05',
        'p95',
        'pairs',
        'supportShare',
        'verdict',
        'note',
        'statement',
        'posterior',
      ] as const;
      const comments = results.map((r) => `# ${r.model} (fingerprint ${r.fingerprint}): ${r.sourceNote}; ${r.draws} draws x ${r.seeds} seeds`);
      const rows = results.flatMap((r) => r.rows.map((row) => ({ ...row, model: r.model, posterior: r.posterior ?? '' })));
      process.stdout.write(`${csvTable(comments, cols, rows)}\n`);
    } else {
      const across = names.filter((name) => (sources[name]?.length ?? 0) > 1).map((name) => verdictsAcross(results.filter((r) => r.model === name)));
      process.stdout.write(`${[...results.map(hypothesesText), ...across.map(verdictsAcrossText)].join('\n\n')}\n`);
    }
    return 0;
  });
}
