/**
 * A calibration record, and a seed set, as one CSV table each: `# ` lines first (what was
 * calibrated, with which settings, where the file went), then one header and a constant number of
 * columns, so that pandas (`comment='#'`) and R (`comment.char = '#'`) read it as one frame.
 * Numbers are written in full and booleans as true/false, so that the cells hold what the json holds.
 */
import { csvTable } from '../simulation/summary';
import type { SeedSetResult } from './overSeeds';
import type { CalibrationFile, FitResult } from './pipeline';
import { fitLabel, posteriorText } from './report';

/**
 * The record's table: its rows told apart by `table` (screening, identification, check) and `fit`
 * (the record's key: fit, validationByTime; empty for the screening), each leaving the others'
 * columns empty. `name` is the parameter, or the fact's id in a check.
 */
export const CALIBRATION_CSV_COLUMNS = [
  'table',
  'fit',
  'name',
  'metric',
  'role',
  'year',
  'value',
  'tolerance',
  'low',
  'high',
  'muStar',
  'mu',
  'sigma',
  'selected',
  'median',
  'p05',
  'p95',
  'n',
  'pass',
  'covered',
  'widthRatio',
  'verdict',
] as const;

type CalibrationColumn = (typeof CALIBRATION_CSV_COLUMNS)[number];
type CsvRow = Partial<Record<CalibrationColumn, unknown>>;

function settingsLine(settings: CalibrationFile['settings']): string {
  return `# settings: ${Object.entries(settings)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')}`;
}

const FIT_KEYS = ['fit', 'validationByTime'] as const;

function fitComments(key: (typeof FIT_KEYS)[number], fit: FitResult, record: CalibrationFile): string[] {
  const requested = record.settings.regression ?? true;
  const what = key === 'fit' ? fitLabel(record) : `validation by time, fit on facts up to ${record.settings.splitYear}`;
  return [
    `# ${key} (${what}): conditioned on ${fit.facts.length} facts (${fit.facts.join(', ')}); ${posteriorText(fit, requested)}`,
    ...(fit.unproduced?.length ? [`# ${key}: left out, as no prior simulation produces them (each still a failed check): ${fit.unproduced.join(', ')}`] : []),
  ];
}

function fitRows(key: (typeof FIT_KEYS)[number], fit: FitResult): CsvRow[] {
  return [
    ...fit.identification.map((r) => ({
      table: 'identification',
      fit: key,
      name: r.parameter,
      low: r.prior[0],
      high: r.prior[1],
      p05: r.p05,
      median: r.median,
      p95: r.p95,
      widthRatio: r.widthRatio,
      verdict: r.verdict,
    })),
    ...fit.predictive.map((r) => ({
      table: 'check',
      fit: key,
      name: r.id,
      metric: r.metric,
      role: r.role,
      year: r.year,
      value: r.value,
      tolerance: r.tolerance,
      median: r.median,
      p05: r.p05,
      p95: r.p95,
      n: r.n,
      pass: r.pass,
      covered: r.covered,
    })),
  ];
}

/** Where the record was written, as the last `# ` line of the CLI's table and CSV. */
export function writtenComment(file: string | undefined): string {
  return file ? `# written to ${file}` : '# not written (--write stores it in src/data/posteriors/)';
}

/**
 * @param file where the record was written (undefined: not written), said in the last `# ` line
 */
export function calibrationCsv(record: CalibrationFile, file: string | undefined): string {
  const s = record.screening;
  const comments = [
    `# calibration of ${record.model} (fingerprint ${record.fingerprint}, seed ${record.seed})`,
    settingsLine(record.settings),
    `# screening: Morris, ${record.settings.trajectories} trajectories, ${s.runs} runs; rule: ${s.rule}`,
    ...FIT_KEYS.flatMap((key) => fitComments(key, record[key], record)),
    writtenComment(file),
  ];
  const rows: CsvRow[] = [
    ...s.rows.map((r) => ({
      table: 'screening',
      name: r.parameter,
      low: r.low,
      high: r.high,
      muStar: r.muStar,
      mu: r.mu,
      sigma: r.sigma,
      selected: r.selected,
    })),
    ...FIT_KEYS.flatMap((key) => fitRows(key, record[key])),
  ];
  return csvTable(comments, CALIBRATION_CSV_COLUMNS, rows);
}

/** The seed set: a row per seed (facts within tolerance, facts scored, parameters kept, misses; lists space-separated). */
export function seedSetCsv(r: SeedSetResult): string {
  const settings = r.seeds[0]?.record?.settings;
  const comments = [
    `# calibration of ${r.model} (fingerprint ${r.fingerprint}) over seeds ${r.seeds.map((f) => f.seed).join(', ')}: facts within tolerance over ${r.runs} runs of each seed's posterior`,
    ...(settings ? [settingsLine(settings)] : []),
    `# mean: ${r.mean}, spread: ${r.spread}`,
  ];
  const rows = r.seeds.map((f) => ({ seed: f.seed, passed: f.passed, facts: f.facts, kept: f.kept.join(' '), misses: f.misses.join(' ') }));
  return csvTable(comments, ['seed', 'passed', 'facts', 'kept', 'misses'], rows);
}
