/**
 * `--posterior FILE` (repeatable) for the tools that integrate over a posterior: a calibration
 * written with `calibrate ... --out FILE` stands in for the committed one of the model it was made
 * for, which must be among `names`.
 */
import type { ParameterSource } from '../src/calibration/store';
import type { Model } from '../src/engine/define';
import { type ParsedArgs, UsageError } from './modelArgs';

export async function posteriorSources(p: ParsedArgs, names: readonly string[], getModel: (name: string) => Model): Promise<Record<string, ParameterSource>> {
  const { fileSource, readCalibrationFile } = await import('../src/calibration/store');
  const sources: Record<string, ParameterSource> = {};
  for (const file of p.options.get('posterior') ?? []) {
    try {
      const modelName = readCalibrationFile(file).model;
      if (!names.includes(modelName)) throw new RangeError(`posterior file ${file} calibrates '${modelName}', which is not among ${names.join(', ')}`);
      if (sources[modelName]) throw new RangeError(`two posterior files for '${modelName}'`);
      sources[modelName] = fileSource(getModel(modelName), file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(
        e instanceof SyntaxError ? `posterior file ${file}: not JSON` : code === 'ENOENT' ? `posterior file ${file} does not exist` : (e as Error).message,
      );
    }
  }
  return sources;
}
