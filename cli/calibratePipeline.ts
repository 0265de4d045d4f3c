/**
 * `clusterlab calibrate <model> --method abc [--budget N] [--runs-per-draw R] [--seed S] [--workers W] [--write]`:
 * the calibration pipeline (src/calibration/pipeline.ts) on a model with observed facts, with
 * its own timing; --write stores src/data/posteriors/<model>.json (atomically).
 */
import * as os from 'node:os';
import { checkOutPath, fmt, formatOption, listOption, optionalWhole, type ParsedArgs, seedOf, seedOption, single, UsageError, wholeOption } from './modelArgs';
import { progressBar } from './progress';

export const PIPELINE_HELP = `usage: clusterlab calibrate <model> --method abc [--budget N] [--runs-per-draw R] [--seed S] [--workers W]
         [--trajectories T] [--max-kept C] [--include a,b=low:high,...] [--sampler rejection|apmc] [--regression]
         [--fit-on calibration|all] [--settings-of FILE] [--write | --out FILE | --seed-set S1,S2,...]
         [--format table|json|csv]

The calibration pipeline for a model with observed facts (tomato, salmon): Morris screening of every
parameter with an explore range on a loss over the calibration facts (T trajectories, default 12); a stated rule keeps those that
matter (mu* at least 0.1 of the largest, at most C parameters, default 8), and --include adds
parameters calibrated whatever their mu* (each over its explore range, its [min, max] when it has
none, or low:high); rejection ABC over them (N prior simulations, default 8000, in N/R draws of R seeded runs
each, default R = 10, a draw's statistics being the medians over its runs, as targets judges a fact
by its median; the 200 closest draws kept as simulated, or, with --regression, moved by Beaumont
et al.'s 2002 local-linear regression adjustment). --sampler apmc refines instead: adaptive
population Monte Carlo (Lenormand et al. 2013) from 400 prior draws, keeping the closest half each
generation and proposing as many around them, until fewer than 5% of the new draws beat the
tolerance or N runs are spent (per fit);
posterior predictive check against every fact; validation by time (fit on facts up to 1990,
predict the later ones) and by kind (facts the paper's roles hold out). --fit-on all fits every
fact at once instead, so nothing is held out by kind: it tells how many facts the model can meet
together (if it misses a fact even then, the miss is the model's, not the design's). --write stores the draws
with the model's fingerprint, seed and settings in src/data/posteriors/<model>.json, which targets
and hypotheses then use. Timing goes to stderr.

--format csv: one table under \`# \` lines (model, fingerprint, seed, settings, each fit's facts and
draws, where the file went). Its column \`table\` tells the rows apart: screening (name, low, high,
muStar, mu, sigma, selected), identification (name, low and high of the prior, p05, median, p95,
widthRatio, verdict) and check (name = the fact's id, metric, role, year, value, tolerance, median,
p05, p95, n, pass, covered), the last two for each fit (\`fit\`: fit or validationByTime); each row
leaves the others' columns empty.

--settings-of FILE takes the settings a calibration file records (its budget, runs per draw,
trajectories, cap, --include, sampler, regression, --fit-on and seed) in place of the defaults;
options given beside it override them. \`calibrate salmon --settings-of
src/data/posteriors/salmon.json --out F\` makes the committed file again (the same bytes while the
model is unchanged); with --seed-set it judges the committed settings over other seeds; naming
another model's file calibrates a rival on the same terms.

--seed-set 1,2,3 judges the settings rather than storing a posterior: it calibrates once per seed
and judges each posterior as targets does (facts within tolerance of the median over 100 runs at
its draws), then prints each seed's count, the parameters its screening kept and its misses, with
the mean and spread over the seeds (docs/calibration.md, "Calibration over seeds"); as csv, a row
per seed (seed, passed, facts, kept, misses; lists space-separated) with the mean, spread and
settings in the \`# \` lines.`;

export async function runPipeline(p: ParsedArgs): Promise<number> {
  if (p.positional.length !== 1) throw new UsageError(p.positional.length === 0 ? 'missing <model>' : `expected one model, got ${p.positional.join(' ')}`);
  const format = formatOption(p, ['table', 'json', 'csv']);
  const settingsFile = single(p, 'settings-of');
  const stored = settingsFile === undefined ? undefined : await storedSettings(settingsFile);
  const budget = wholeSetting(p, 'budget', stored);
  const replicates = wholeSetting(p, 'runs-per-draw', stored);
  // The ABC step needs at least 50 draws; say so by the options' names, not the library's.
  const maxReplicates = Math.floor(budget / 50);
  if (replicates > maxReplicates) {
    const given = p.options.has('runs-per-draw') ? String(replicates) : `${replicates} (${stored ? `from ${settingsFile}` : 'the default'})`;
    throw new UsageError(`--runs-per-draw must be a whole number in [1, ${maxReplicates}] with --budget ${budget} (at least 50 draws), got ${given}`);
  }
  const trajectories = wholeSetting(p, 'trajectories', stored);
  const maxKept = wholeSetting(p, 'max-kept', stored);
  const include = listOption(p, 'include') ?? stored?.include;
  const fitOn = single(p, 'fit-on') ?? stored?.fitOn ?? 'calibration';
  if (fitOn !== 'calibration' && fitOn !== 'all') throw new UsageError(`--fit-on must be calibration or all, got '${fitOn}'`);
  const workers = wholeOption(p, 'workers', Math.min(2, os.cpus().length), 1, 64);
  const seed = p.options.has('seed') || !stored ? seedOption(p) : seedOf(stored.seed);
  const sampler = single(p, 'sampler') ?? stored?.sampler ?? 'rejection';
  if (sampler !== 'rejection' && sampler !== 'apmc') throw new UsageError(`--sampler must be rejection or apmc, got '${sampler}'`);
  const regression = p.flags.has('regression') || (stored?.regression === true && sampler === 'rejection');
  if (sampler === 'apmc' && p.flags.has('regression')) throw new UsageError('--regression goes with --sampler rejection, not apmc');
  if (stored)
    process.stderr.write(
      `# settings of ${settingsFile} (a calibration of ${stored.model}${p.options.has('seed') || p.options.has('seed-set') ? '' : `, seed ${stored.seed}`}), options given here overriding them\n`,
    );
  const { getModel } = await import('../src/engine/registry');
  await import('../src/models');
  const kept = Math.min(200, Math.floor(budget / replicates / 4));
  const seedSet = listOption(p, 'seed-set');
  if (seedSet) {
    if (p.flags.has('write') || p.options.has('out') || p.options.has('seed'))
      throw new UsageError('--seed-set judges settings over several calibrations and stores none: leave out --write, --out and --seed');
    return runSeedSet(
      getModel(p.positional[0]),
      seedSet,
      { budget, replicates, trajectories, maxKept, include, fitOn, workers, kept, sampler, regression },
      format,
    );
  }
  if (p.flags.has('write') && p.options.has('out'))
    throw new UsageError('--write stores the calibration in src/data/posteriors/; --out FILE writes it elsewhere: give one of them');
  const outText = single(p, 'out');
  if (outText !== undefined) checkOutPath('--out', outText, 'file');
  const { calibratePipeline } = await import('../src/calibration/pipeline');
  const { calibrationPath, writeCalibrationFile } = await import('../src/calibration/store');
  const { calibrationReportText } = await import('../src/calibration/report');
  const { calibrationCsv, writtenComment } = await import('../src/calibration/csv');
  const model = getModel(p.positional[0]);
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
      maxKept,
      include,
      fitOn,
      seed,
      workers,
      kept,
      sampler,
      regression,
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
  const out = p.flags.has('write') ? calibrationPath(model.name) : outText;
  if (out) writeCalibrationFile(out, record);
  if (format === 'json') process.stdout.write(`${JSON.stringify({ ...record, file: out ?? null })}\n`);
  else if (format === 'csv') process.stdout.write(`${calibrationCsv(record, out)}\n`);
  else process.stdout.write(`${calibrationReportText(record)}\n\n${writtenComment(out)}\n`);
  process.stderr.write(`# timing: ${fmt(seconds)} s on ${workers} worker(s): ${stages.map((s) => `${s.stage} ${fmt(s.seconds)} s`).join(', ')}\n`);
  return 0;
}

/** `--seed-set`: the same settings calibrated once per seed, each judged over 100 runs. */
async function runSeedSet(
  model: import('../src/engine/define').Model,
  seedSet: string[],
  settings: Required<
    Pick<
      import('../src/calibration/pipeline').PipelineOptions,
      'budget' | 'replicates' | 'trajectories' | 'maxKept' | 'workers' | 'kept' | 'sampler' | 'regression'
    >
  > &
    Pick<import('../src/calibration/pipeline').PipelineOptions, 'include' | 'fitOn'>,
  format: 'table' | 'json' | 'csv',
): Promise<number> {
  const { calibrateOverSeeds, seedSetText } = await import('../src/calibration/overSeeds');
  const { seedSetCsv } = await import('../src/calibration/csv');
  const seeds = seedSet.map(seedOf);
  const bar = progressBar();
  const started = Date.now();
  let result: import('../src/calibration/overSeeds').SeedSetResult;
  try {
    result = await calibrateOverSeeds(model, seeds, {
      ...settings,
      progress: (stage, done, total) => bar.update(stage, done, total),
    });
  } finally {
    bar.finish();
  }
  if (format === 'json') {
    const slim = { ...result, seeds: result.seeds.map(({ record: _record, ...fit }) => fit) };
    process.stdout.write(`${JSON.stringify(slim, null, 2)}\n`);
  } else process.stdout.write(`${format === 'csv' ? seedSetCsv(result) : seedSetText(result)}\n`);
  process.stderr.write(`# timing: ${fmt((Date.now() - started) / 1000)} s for ${seeds.length} calibrations on ${settings.workers} worker(s)\n`);
  return 0;
}

/** The pipeline's whole-number options: the field a calibration file records each under, its range and default. */
const WHOLE_SETTINGS = {
  budget: { field: 'budget', min: 50, max: 1_000_000, fallback: 8000 },
  'runs-per-draw': { field: 'replicates', min: 1, max: 100, fallback: 10 },
  trajectories: { field: 'trajectories', min: 2, max: 1000, fallback: 12 },
  'max-kept': { field: 'maxKept', min: 1, max: 100, fallback: 8 },
} as const;
type WholeOptionName = keyof typeof WHOLE_SETTINGS;

interface StoredSettings {
  model: string;
  seed: string;
  whole: Record<WholeOptionName, number>;
  include?: string[];
  fitOn?: 'all';
  sampler?: string;
  regression: boolean;
}

/** An option as given, else the calibration file's value, else the default. */
function wholeSetting(p: ParsedArgs, option: WholeOptionName, stored: StoredSettings | undefined): number {
  const { min, max, fallback } = WHOLE_SETTINGS[option];
  return optionalWhole(p, option, min, max) ?? stored?.whole[option] ?? fallback;
}

/** The settings a calibration file records, each checked against the range its option takes. */
async function storedSettings(file: string): Promise<StoredSettings> {
  const { namedCalibrationFile } = await import('../src/calibration/store');
  const record = namedCalibrationFile(file);
  const s = (record.settings ?? {}) as unknown as Record<string, unknown>;
  const whole = {} as Record<WholeOptionName, number>;
  for (const [option, { field, min, max }] of Object.entries(WHOLE_SETTINGS) as [WholeOptionName, (typeof WHOLE_SETTINGS)[WholeOptionName]][]) {
    const value = s[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      throw new UsageError(
        `--settings-of ${file}: settings.${field} must be a whole number in [${min}, ${max}] (as --${option}), got ${JSON.stringify(value)}`,
      );
    whole[option] = value;
  }
  const settings = record.settings;
  return {
    model: record.model,
    seed: String(record.seed),
    whole,
    include: settings.include,
    fitOn: settings.fitOn,
    sampler: settings.sampler,
    // Files made before the adjustment was optional always asked for it.
    regression: settings.regression ?? true,
  };
}
