/**
 * `clusterlab calibrate <model> --method abc`: approximate Bayesian computation against the
 * model's observed values (the paper's calibration facts for tomato and salmon) or targets given
 * with --target; posterior summary, posterior predictive check, and the draws written to a JSON
 * file (atomically) with the model's fingerprint, the seed and the tolerance schedule.
 */
import * as path from 'node:path';
import { checkOutPath, fmt, formatOption, listOption, optionalWhole, type ParsedArgs, seedOption, single, UsageError } from './modelArgs';
import { progressBar } from './progress';

export const ABC_HELP = `usage: clusterlab calibrate <model|model/scenario> --method abc [--algorithm smc|rejection]
         [--params a,b=low:high,...] [--target m@year=value~scale ...] [--particles N] [--generations G]
         [--samples N] [--accept F] [--replicates R] [--seed S] [--set path=value ...] [--out FILE]
         [--format table|json|csv]

Approximate Bayesian computation: the parameters' posterior given the targets, with uniform priors
over each parameter's range (--params as in sensitivity; default: the parameters the model marks to
explore, as each parameter's schema gives it).
  smc        population Monte Carlo (Beaumont et al. 2009): N particles (default 200), up to G
             populations (default 5) with tolerances shrinking to the median distance.
  rejection  N prior draws (default 2000), the closest fraction F kept (default 0.05), adjusted by
             local-linear regression (Beaumont et al. 2002).
Targets default to the model's calibration values (the paper's facts, distance in tolerances);
--target m@year=value~scale (repeatable) sets one's own, e.g. --target y@0=5~0.5.
--replicates runs per simulation, statistics their medians (default 1).
The draws go to --out (default out/abc/<model>-seed<S>.json), written to a temporary file and renamed.`;

function parseTarget(text: string): { outcome: string; observed: number; scale: number } {
  const m = /^(.+)=(-?[\d.eE+-]+)~([\d.eE+-]+)$/.exec(text);
  if (!m || !Number.isFinite(Number(m[2])) || !(Number(m[3]) > 0)) {
    throw new UsageError(`--target must be metric@year=value~scale with scale > 0 (or metric:reducer=value~scale), got '${text}'`);
  }
  return { outcome: m[1], observed: Number(m[2]), scale: Number(m[3]) };
}

export async function runAbc(p: ParsedArgs): Promise<number> {
  if (p.positional.length !== 1)
    throw new UsageError(p.positional.length === 0 ? 'missing <model>' : `expected one model or scenario, got ${p.positional.join(' ')}`);
  const format = formatOption(p, ['table', 'json', 'csv']);
  const algorithm = single(p, 'algorithm') ?? 'smc';
  if (algorithm !== 'smc' && algorithm !== 'rejection') throw new UsageError(`--algorithm must be smc or rejection, got '${algorithm}'`);
  const int = (name: string, min: number, max: number) => optionalWhole(p, name, min, max);
  const acceptText = single(p, 'accept');
  const accept = acceptText === undefined ? undefined : Number(acceptText);
  if (accept !== undefined && !(accept > 0 && accept <= 1)) throw new UsageError(`--accept must be a fraction in (0, 1], got '${acceptText}'`);
  const seed = seedOption(p);
  const outText = single(p, 'out');
  if (outText !== undefined) checkOutPath('--out', outText, 'file');

  const { resolveTarget } = await import('../src/simulation/simulate');
  const { calibrateModel } = await import('../src/experiments/modelAnalysis');
  const { posteriorRecord, writePosteriorFile } = await import('../src/experiments/posteriorFile');
  const { model, scenario } = resolveTarget(p.positional[0]);
  const base = model.resolve(p.options.get('set') ?? [], scenario);

  const params = listOption(p, 'params');
  let targets: { outcome: string | import('../src/experiments/outcome').CustomOutcome; observed: number; scale: number; name?: string }[] = (
    p.options.get('target') ?? []
  ).map(parseTarget);
  if (targets.length === 0) {
    const { isComparable, runValue, toleranceScale } = await import('../src/simulation/targets');
    const facts = (model.observed ?? []).filter((f) => f.role === 'calibration' && f.tolerance && isComparable(f, model));
    if (facts.length === 0) throw new UsageError(`model '${model.name}' has no calibration values to fit; give targets with --target metric@year=value~scale`);
    targets = facts.map((f) => ({ name: f.id, outcome: { label: f.id, value: (r) => runValue(f, r, model) }, observed: f.value, scale: toleranceScale(f) }));
  }
  const bar = progressBar();
  let cal: import('../src/experiments/modelAnalysis').ModelCalibration;
  try {
    cal = calibrateModel(model, {
      targets,
      params,
      method: algorithm,
      base,
      seed,
      replicates: int('replicates', 1, 1000),
      particles: int('particles', 10, 1_000_000),
      generations: int('generations', 1, 100),
      samples: int('samples', 10, 10_000_000),
      acceptFraction: accept,
      progress: (stage, done, total) => bar.update(stage, done, total),
    });
  } catch (e) {
    // The library's advice names its own options (acceptFraction, regression); say the command's.
    if (e instanceof RangeError && e.message.includes('(samples x acceptFraction)'))
      throw new UsageError(e.message.replace(/^abc: /, '').replace(/; keep more .*$/, '; raise --samples or --accept so that more draws are kept'));
    throw e;
  } finally {
    bar.finish();
  }
  const label = scenario ? `${model.name}-${scenario}` : model.name;
  const out = path.resolve(outText ?? path.join('out', 'abc', `${label.replace(/[^\w.-]+/g, '_')}-seed${String(seed)}.json`));
  const record = posteriorRecord(cal.posterior, { model: model.name, scenario, fingerprint: model.fingerprint, targets: cal.targets });
  writePosteriorFile(out, record);

  if (format === 'json') {
    process.stdout.write(
      `${JSON.stringify({ model: model.name, scenario, fingerprint: model.fingerprint, seed, method: cal.posterior.method, file: out, tolerances: record.tolerances, acceptance: cal.posterior.acceptance, simulations: cal.posterior.simulations, posterior: cal.summary, predictive: cal.predictive })}\n`,
    );
    return 0;
  }
  const head = `# ABC (${cal.posterior.method}) of ${label}, fingerprint ${model.fingerprint}, seed ${String(seed)}: ${cal.posterior.weights.length} draws from ${cal.posterior.simulations} simulations; tolerances ${record.tolerances.map((t) => (t === null ? 'prior' : fmt(t))).join(' > ')}; draws in ${out}`;
  const coverage = `# posterior predictive check: ${fmt(cal.predictive.coverage * 100)}% of targets inside the 5-95% predictive interval`;
  if (format === 'csv') {
    // One table, so that a CSV reader gets one header and a constant column count: the posterior's
    // rows and the predictive check's, told apart by 'table', each leaving the other's columns empty.
    // Numbers at full precision, as json gives them.
    const { csvTable } = await import('../src/simulation/summary');
    const cols = ['table', 'name', 'mean', 'sd', 'p05', 'median', 'p95', 'observed', 'scale', 'covered', 'withinScale'] as const;
    const rows = [
      ...cal.summary.map((r) => ({
        table: 'posterior',
        name: r.parameter,
        mean: r.mean,
        sd: r.sd,
        p05: r.p05,
        median: r.median,
        p95: r.p95,
      })),
      ...cal.predictive.rows.map((r) => ({
        table: 'predictive',
        name: r.statistic,
        p05: r.p05,
        median: r.median,
        p95: r.p95,
        observed: r.observed,
        scale: r.scale,
        covered: r.covered,
        withinScale: r.withinScale,
      })),
    ];
    process.stdout.write(`${csvTable([head, coverage], cols, rows)}\n`);
    return 0;
  }
  const table = (cols: string[], rows: string[][]) => {
    const widths = cols.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
    const line = (xs: readonly string[]) => xs.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
    return [line(cols), ...rows.map(line)].join('\n');
  };
  const post = table(
    ['parameter', 'mean', 'sd', 'p05', 'median', 'p95'],
    cal.summary.map((r) => [r.parameter, fmt(r.mean), fmt(r.sd), fmt(r.p05), fmt(r.median), fmt(r.p95)]),
  );
  const check = table(
    ['target', 'observed', 'scale', 'median', 'p05', 'p95', 'covered', 'withinScale'],
    cal.predictive.rows.map((r) => [
      r.statistic,
      fmt(r.observed),
      fmt(r.scale),
      fmt(r.median),
      fmt(r.p05),
      fmt(r.p95),
      r.covered ? 'yes' : 'no',
      fmt(r.withinScale),
    ]),
  );
  process.stdout.write([head, post, coverage, check].join('\n') + '\n');
  return 0;
}
