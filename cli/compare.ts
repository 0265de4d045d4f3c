/**
 * `clusterlab compare <model> <model> [...]`: two accounts of one case (salmon and its rival
 * foreign-imitation, tomato and tomato-foreign-imitation) on equal terms (src/hypotheses/rival.ts): fit by role, distance in
 * tolerances with intervals over posterior draws and seeds, and the patterns stated in advance.
 */
import * as os from 'node:os';
import { drawOptions, formatOption, guarded, parseArgs, UsageError } from './modelArgs';
import { posteriorSources } from './posteriorOption';
import { progressBar } from './progress';

const HELP = `usage: clusterlab compare <model> <model> [--draws N] [--seeds M] [--seed S] [--workers W]
         [--posterior FILE ...] [--format table|json|csv]

Compares two accounts of the same case, e.g. \`clusterlab compare salmon foreign-imitation\` or
\`clusterlab compare tomato tomato-foreign-imitation\`. Each
model runs at N draws (default 20) of its own posterior (src/data/posteriors/<model>.json when its
fingerprint matches, else its defaults, said in the header) x M seeds (default 5), the same seeds
for both. Printed: each fact with its role (calibration, held out by kind, held out by time: under
the posterior fitted on facts up to 1990), each model's median and 5-95% interval and whether it is
within tolerance; per group of facts the number within tolerance and the distance in tolerances
(root mean square of capped misses per run) with its interval, and the share of paired runs where
the first model is closer; then the patterns stated in advance from the paper for the case (pattern-oriented
modelling, Grimm et al. 2005; salmon from Section 3.2, tomato from 3.1), with the share of each
model's runs that produce each. --posterior FILE (repeatable) uses a calibration written with
\`calibrate <model> --out FILE\` (the pipeline, not hand-configured ABC) for the model it was made
for.

--format csv: one row per compared quantity under \`# \` lines (models, fingerprints, parameter
sources, rules); the column \`table\` tells facts (id, role, value: the paper's) from distances
(role: the group of facts, scope, facts: their number, firstCloser: share of paired runs where the
first model is closer) and patterns (id, measure, producedOnlyBy: the model that alone produces it,
statement, evidence, note). Per model <m>: <m>_median, <m>_p05, <m>_p95 (the fact's value, or the
distance), <m>_pass (the fact within tolerance), <m>_passed (facts within tolerance in a distance's
group), <m>_share (share of runs producing a pattern). Shares are fractions, as in json.`;

export async function run(args: string[]): Promise<number> {
  return guarded('compare', HELP, async () => {
    const p = parseArgs(args, ['draws', 'seeds', 'seed', 'workers', 'format', 'posterior'], ['help']);
    if (p.flags.has('help')) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    if (p.positional.length < 2) throw new UsageError(`name two models to compare, e.g. salmon foreign-imitation (got ${p.positional.length})`);
    const format = formatOption(p, ['table', 'json', 'csv']);
    const { draws, seeds, workers, seed } = drawOptions(p, os.cpus().length);
    await import('../src/models');
    const { compareModels, comparisonText } = await import('../src/hypotheses');
    const { getModel, hasModel, models } = await import('../src/engine/registry');
    for (const name of p.positional)
      if (!hasModel(name))
        throw new UsageError(
          `unknown model '${name}'; models: ${models()
            .map((m) => m.name)
            .join(', ')}`,
        );
    if (new Set(p.positional).size < p.positional.length) throw new UsageError(`name different models to compare, got ${p.positional.join(' ')}`);
    for (const name of p.positional)
      if (!(getModel(name).observed ?? []).some((f) => f.tolerance))
        throw new UsageError(
          `model '${name}' has no facts to compare with (no 'observed' values with tolerances); compare accounts of one case, e.g. salmon foreign-imitation`,
        );
    const sources = await posteriorSources(p, p.positional, getModel);
    const { WorkerPool } = await import('../src/experiments/pool');
    const pool = workers > 1 ? new WorkerPool(workers) : undefined;
    const bar = progressBar();
    let result: import('../src/hypotheses').ComparisonResult;
    try {
      result = await compareModels(
        p.positional.map((n) => getModel(n)),
        { draws, seeds, seed, workers, pool, sources, progress: (s, d, t) => bar.update(s, d, t) },
      );
    } finally {
      bar.finish();
      await pool?.close();
    }
    if (format === 'json') process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else if (format === 'csv') process.stdout.write(`${await comparisonCsv(result)}\n`);
    else process.stdout.write(`${comparisonText(result)}\n`);
    return 0;
  });
}

/**
 * The comparison as one CSV table (see HELP): a row per fact, distance and pattern, each leaving
 * the others' columns empty; numbers in full and booleans as true/false, as json has them.
 */
async function comparisonCsv(result: import('../src/hypotheses').ComparisonResult): Promise<string> {
  const { csvTable } = await import('../src/simulation/summary');
  const m = result.models;
  const perModel = ['median', 'p05', 'p95', 'pass', 'passed', 'share'] as const;
  const cols = [
    'table',
    'id',
    'role',
    'scope',
    'facts',
    'value',
    'measure',
    ...m.flatMap((x) => perModel.map((c) => `${x}_${c}`)),
    'firstCloser',
    'producedOnlyBy',
    'statement',
    'evidence',
    'note',
  ];
  const byModel = (values: Partial<Record<(typeof perModel)[number], readonly unknown[]>>) =>
    Object.fromEntries(m.flatMap((x, k) => perModel.map((c) => [`${x}_${c}`, values[c]?.[k]])));
  const rows: Record<string, unknown>[] = [
    ...result.facts.map((f) => ({ table: 'fact', id: f.id, role: f.role, value: f.value, ...byModel(f) })),
    ...result.distances.map((d) => ({
      table: 'distance',
      role: d.group,
      scope: d.scope,
      facts: d.facts,
      ...byModel(d),
      firstCloser: d.firstCloser,
    })),
    ...result.patterns.map((p) => ({
      table: 'pattern',
      id: p.id,
      measure: p.measure,
      ...byModel({ share: p.share }),
      producedOnlyBy: p.distinguishes >= 0 ? m[p.distinguishes] : '',
      statement: p.statement,
      evidence: p.evidence,
      note: p.note,
    })),
  ];
  const comments = [
    `# ${m.join(' against ')}: ${result.draws} posterior draws x ${result.seeds} seeds each, the same seeds in each`,
    ...m.map((x, k) => `# ${x} (fingerprint ${result.fingerprints[k]}): ${result.sourceNotes[k]}`),
    '# facts held out by time: under the posterior fitted on facts up to the split year',
    `# distance: root mean square of capped misses in tolerances per run, median and 5-95% over draws x seeds; firstCloser: share of paired runs where ${m[0]} is closer`,
    `# patterns: ${result.rule}`,
  ];
  return csvTable(comments, cols, rows);
}
