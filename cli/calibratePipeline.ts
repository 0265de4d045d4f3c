/**
 * `clusterlab calibrate <model> --method abc [--budget N] [--runs-per-draw R] [--seed S] [--workers W] [--write]`:
 * the calibration pipeline (src/calibration/pipeline.ts) on a model with observed facts, with
 * its own timing; --write stores src/data/posteriors/<model>.json (atomically).
 */
import * as os from 'node:os';
import { fmt, type ParsedArgs, single, UsageError, wholeOption } from './modelArgs';
import { progressBar } from './progress';

export const PIPELINE_HELP = `usage: clusterlab calibrate <model> --method abc [--budget N] [--runs-per-draw R] [--seed S] [--workers W]
         [--trajectories T] [--regression] [--write | --out FILE]
         [--format table|json]

The calibration pipeline for a model with observed facts (tomato, salmon): Morris screening of every
parameter with an explore range on a loss over the calibration facts (T trajectories, default 12); a stated rule keeps those that
matter; rejection ABC over them (N prior simulations, default 8000, in N/R draws of R seeded runs
each, default R = 10, a draw's statistics being the medians over its runs, as targets judges a fact
by its median; the 200 closest draws kept as simulated, or, with --regression, moved by Beaumont
et al.'s 2002 local-linear regression adjustment);
posterior predictive check against every fact; validation by time (fit on facts up to 1990,
predict the later ones) and by kind (facts the paper's roles hold out). --write stores the draws
with the model's fingerprint, seed and settings in src/data/posteriors/<model>.json, which targets
and hypotheses then use. Timing goes to stderr.`;

export async function runPipeline(p: ParsedArgs): Promise<number> {
  if (p.positional.length !== 1) throw new UsageError(p.positional.length === 0 ? 'missing <model>' : `expected one model, got ${p.positional.join(' ')}`);
  const format = single(p, 'format') ?? 'table';
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json, got '${format}'`);
  const budget = wholeOption(p, 'budget', 8000, 50, 1_000_000);
  const replicates = wholeOption(p, 'runs-per-draw', 10, 1, 100);
  const trajectories = wholeOption(p, 'trajectories', 12, 2, 1000);
  const workers = wholeOption(p, 'workers', Math.min(2, os.cpus().length), 1, 64);
  const seedText = single(p, 'seed');
  const seed = seedText === undefined ? 0 : /^\d+$/.test(seedText) ? Number(seedText) : seedText;
  const { getModel } = await import('../src/engine/registry');
  await import('../src/models');
  const { calibratePipeline } = await import('../src/calibration/pipeline');
  const { calibrationPath, writeCalibrationFile } = await import('../src/calibration/store');
  const { calibrationReportText } = await import('../src/calibration/report');
  const model = getModel(p.positional[0]);
  const kept = Math.min(200, Math.floor(budget / replicates / 4));
  const bar = progressBar();
  const started = Date.now();
  const stages: { stage: string; seconds: number }[] = [];
  let stage = '';
  let stageStart = started;
  let record: import('../src/calibration/pipeline').CalibrationFile;
  try {
    record = await calibratePipeline(model, {
      budget,
      replicates,
      trajectories,
      seed,
      workers,
      kept,
      regression: p.flags.has('regression'),
      progress: (s, done, total) => {
        if (s !== stage) {
          if (stage) stages.push({ stage, seconds: (Date.now() - stageStart) / 1000 });
          stage = s;
          stageStart = Date.now();
        }
        bar.update(s, done, total);
      },
    });
  } finally {
    bar.finish();
  }
  if (stage) stages.push({ stage, seconds: (Date.now() - stageStart) / 1000 });
  const seconds = (Date.now() - started) / 1000;
  const out = p.flags.has('write') ? calibrationPath(model.name) : single(p, 'out');
  if (out) writeCalibrationFile(out, record);
  if (format === 'json') process.stdout.write(`${JSON.stringify({ ...record, file: out ?? null })}\n`);
  else
    process.stdout.write(`${calibrationReportText(record)}\n\n${out ? `# written to ${out}` : '# not written (--write stores it in src/data/posteriors/)'}\n`);
  process.stderr.write(`# timing: ${fmt(seconds)} s on ${workers} worker(s): ${stages.map((s) => `${s.stage} ${fmt(s.seconds)} s`).join(', ')}\n`);
  return 0;
}
