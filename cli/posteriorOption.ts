/**
 * `--posterior FILE` (repeatable) for the tools that integrate over a posterior: a calibration
 * written with `calibrate ... --out FILE` stands in for the committed one of the model it was made
 * for, which must be among `names`; `posteriorSourceLists` lets one model have several (hypotheses
 * judged over several calibrations). A bad file throws a RangeError naming it, which `guarded`
 * reports as a usage error.
 */
import type { ParameterSource } from '../src/calibration/store';
import type { Model } from '../src/engine/define';
import { type ParsedArgs, UsageError } from './modelArgs';

export async function posteriorSources(p: ParsedArgs, names: readonly string[], getModel: (name: string) => Model): Promise<Record<string, ParameterSource>> {
  const lists = await posteriorSourceLists(p, names, getModel);
  const sources: Record<string, ParameterSource> = {};
  for (const [name, list] of Object.entries(lists)) {
    if (list.length > 1) throw new UsageError(`two posterior files for '${name}'`);
    sources[name] = list[0];
  }
  return sources;
}

/** Every `--posterior FILE` given, by the model each calibrates (several for one model allowed). */
export async function posteriorSourceLists(
  p: ParsedArgs,
  names: readonly string[],
  getModel: (name: string) => Model,
): Promise<Record<string, ParameterSource[]>> {
  const { fileSource, namedCalibrationFile } = await import('../src/calibration/store');
  const lists: Record<string, ParameterSource[]> = {};
  for (const file of p.options.get('posterior') ?? []) {
    const record = namedCalibrationFile(file);
    if (!names.includes(record.model)) throw new UsageError(`posterior file ${file} calibrates '${record.model}', which is not among ${names.join(', ')}`);
    (lists[record.model] ??= []).push(fileSource(getModel(record.model), file, record));
  }
  return lists;
}
