/**
 * Calibration files: one committed JSON file per model, `src/data/posteriors/<model>.json`,
 * written to a temporary file in the same folder and renamed. A file is used only while its
 * fingerprint matches the model's and its screening explored what the model explores now: a
 * changed model falls back to its defaults, saying so.
 */
import * as fs from 'fs';
import { writeFileAtomic } from '../io/atomic';
import * as path from 'path';
import type { Model } from '../engine/define';
import type { ParamValues } from '../engine/model';
import { POSTERIOR_FORMAT } from '../experiments/posteriorFile';
import { CALIBRATION_FORMAT, exploredFactors, resampleDraws, type CalibrationFile } from './pipeline';
import { roundRow, valuesAt } from './runPoints';

/** The package root: the nearest folder above this file with a package.json (works from src/ and dist/src/). */
function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`calibration: no package.json above ${__dirname}`);
    dir = up;
  }
  return dir;
}

export function posteriorDirectory(): string {
  return path.join(packageRoot(), 'src', 'data', 'posteriors');
}

/** `file` relative to the project root when it lies inside it, else as given. */
export function displayPath(file: string): string {
  const relative = path.relative(packageRoot(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

export function calibrationPath(modelName: string, dir = posteriorDirectory()): string {
  return path.join(dir, `${modelName.replace(/[^\w.-]+/g, '_')}.json`);
}

/** The record as text: stable key order (the pipeline builds it in order), one draw per line block. */
export function calibrationText(record: CalibrationFile): string {
  return `${JSON.stringify(record, null, 1)}\n`;
}

export function writeCalibrationFile(file: string, record: CalibrationFile): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileAtomic(file, calibrationText(record));
}

export function readCalibrationFile(file: string): CalibrationFile {
  const record = JSON.parse(fs.readFileSync(file, 'utf8')) as CalibrationFile;
  if (record?.format !== CALIBRATION_FORMAT || record.version !== 1) {
    throw new RangeError(`${file}: not a clusterlab calibration file (format ${String(record?.format)}, version ${String(record?.version)})`);
  }
  const post = record.fit?.posterior;
  if (!post || !Array.isArray(post.draws) || post.draws.length !== post.weights.length)
    throw new RangeError(`${file}: the fit's draws and weights differ in length`);
  return record;
}

/** Where a model's parameter values come from for tools that integrate over the posterior. */
export interface ParameterSource {
  kind: 'posterior' | 'defaults';
  /** Why: the file used, or why none was. */
  note: string;
  file?: string;
  record?: CalibrationFile;
}

/** The model's calibration file when it exists and still describes the model (`staleCalibration`). */
export function parameterSource(model: Model, dir = posteriorDirectory()): ParameterSource {
  const file = calibrationPath(model.name, dir);
  // Named relative to the working folder when inside it, so notes (and notebook outputs) do not
  // depend on where the project is checked out.
  const shown = displayPath(file);
  if (!fs.existsSync(file)) return { kind: 'defaults', note: `no posterior file for '${model.name}' (${shown}); running the model's defaults` };
  const record = readCalibrationFile(file);
  const stale = staleCalibration(model, record);
  if (stale) {
    return {
      kind: 'defaults',
      note: `posterior file ${shown} ${stale}; running the model's defaults (${calibrateAgain(model, shown, '--write')})`,
      file,
    };
  }
  return posteriorOf(record, file, shown);
}

/**
 * Why a calibration file no longer describes `model`, or undefined when it does: it was made for
 * another fingerprint (another version of the model), or its screening explored other numbers or
 * ranges (another prior). Both tools that read posteriors, the committed file's and a named one's,
 * ask this one question.
 */
export function staleCalibration(model: Model, record: CalibrationFile): string | undefined {
  if (record.fingerprint !== model.fingerprint) return `was made for fingerprint ${record.fingerprint}; the model '${model.name}' is now ${model.fingerprint}`;
  const changed = screenedRangesChanged(model, record);
  return changed ? `was screened over other explore ranges than the model's now (${changed})` : undefined;
}

/** The command that makes a stale file again for the model as it is now, with the file's own settings. */
function calibrateAgain(model: Model, shown: string, output: string): string {
  return `calibrate again with its settings: clusterlab calibrate ${model.name} --settings-of ${shown} ${output}`;
}

const sameNumber = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Where the file's screening differs from what a screening of the model would vary now: a number
 * explored now and not then, one explored then and not now, or one over another range. The
 * fingerprint hashes ranges, defaults and units but not explore ranges, which are the calibration's
 * prior, so a posterior drawn from another prior would otherwise pass for this one. Parameters the
 * calibration named with --include carry their own ranges and are not compared. Undefined when
 * nothing differs.
 */
function screenedRangesChanged(model: Model, record: CalibrationFile): string | undefined {
  const included = new Set((record.settings.include ?? []).map((entry) => entry.slice(0, entry.indexOf('='))));
  const screened = new Map(record.screening.rows.map((row) => [row.parameter, row]));
  const now = exploredFactors(model).filter((f) => !included.has(f.path));
  const differences: string[] = [];
  for (const f of now) {
    const row = screened.get(f.path);
    if (!row) differences.push(`${f.path} is explored over ${f.low}-${f.high} and was not screened`);
    else if (!sameNumber(row.low, f.low) || !sameNumber(row.high, f.high))
      differences.push(`${f.path} is explored over ${f.low}-${f.high}, screened over ${row.low}-${row.high}`);
  }
  const explored = new Set(now.map((f) => f.path));
  for (const parameter of screened.keys())
    if (!explored.has(parameter) && !included.has(parameter)) differences.push(`${parameter} was screened and is no longer explored`);
  if (differences.length === 0) return undefined;
  return differences.length === 1 ? differences[0] : `${differences[0]}; ${differences.length - 1} more`;
}

function posteriorOf(record: CalibrationFile, file: string, shown: string): ParameterSource {
  return {
    kind: 'posterior',
    note: `posterior draws of ${shown} (seed ${record.seed}, ${record.fit.posterior.draws.length} draws, fingerprint ${record.fingerprint})${record.settings.fitOn === 'all' ? '; fitted on every fact (--fit-on all), so no fact below is held out of it' : ''}`,
    file,
    record,
  };
}

/**
 * A calibration file the user names (one written by `calibrate ... --out FILE`), read and checked:
 * a missing file, one that is not JSON or not a calibration is refused, naming it.
 */
export function namedCalibrationFile(file: string): CalibrationFile {
  const shown = displayPath(path.resolve(file));
  if (!fs.existsSync(file)) throw new RangeError(`posterior file ${shown} does not exist`);
  try {
    return readCalibrationFile(file);
  } catch (e) {
    // readCalibrationFile's messages start with the file's name, which this one already gives.
    const why = e instanceof SyntaxError ? 'not JSON' : (e as Error).message.replace(`${file}: `, '');
    // The draws of a hand-configured ABC (calibrate with --params or --target) are a different file.
    const hint = why.includes(`format ${POSTERIOR_FORMAT},`)
      ? "; it holds a hand-configured ABC's draws: give the pipeline's file (calibrate <model> --out FILE)"
      : '';
    throw new RangeError(`posterior file ${shown}: ${why}${hint}`);
  }
}

/**
 * A named calibration file as the parameters of the model it was made for: refused, saying why,
 * when it belongs to another model or another version of it.
 */
export function fileSource(model: Model, file: string, record: CalibrationFile = namedCalibrationFile(file)): ParameterSource {
  const shown = displayPath(path.resolve(file));
  if (record.model !== model.name) throw new RangeError(`posterior file ${shown} is a calibration of '${record.model}', not of '${model.name}'`);
  const stale = staleCalibration(model, record);
  if (stale) throw new RangeError(`posterior file ${shown} ${stale} (${calibrateAgain(model, shown, `--out ${shown}`)})`);
  return posteriorOf(record, file, shown);
}

/**
 * `count` parameter value sets: posterior draws picked by weight (systematic resampling, seeded),
 * each on top of `base` (e.g. a scenario's values); or `base` itself `count` times.
 */
export function parameterDraws(model: Model, source: ParameterSource, count: number, base: ParamValues, seed = 0): ParamValues[] {
  if (source.kind === 'defaults' || !source.record) return Array.from({ length: count }, () => base);
  const post = source.record.fit.posterior;
  const picks = resampleDraws(post.weights, count, `${seed}/draws`);
  return picks.map((d) => drawValues(model, base, post.parameters, post.draws[d]));
}

/** `base` with `paths` set to a draw's `row` (rounded where the schema asks for whole numbers), checked by the model. */
export function drawValues(model: Model, base: ParamValues, paths: readonly string[], row: readonly number[]): ParamValues {
  return model.resolve(valuesAt(base, paths, roundRow(model, paths, row)));
}
