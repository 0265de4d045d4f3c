/**
 * Posterior draws on disk: one JSON file with the draws and everything needed to trust and redo
 * them (model fingerprint, seed, method, tolerance schedule). Written to a temporary file in the
 * same folder and renamed, so an interrupted write never leaves a truncated posterior.
 */
import * as fs from 'node:fs';
import { writeFileAtomic } from '../io/atomic';
import type { Posterior } from './abc';

export const POSTERIOR_FORMAT = 'clusterlab-abc-posterior';

export interface PosteriorFile {
  format: typeof POSTERIOR_FORMAT;
  version: 1;
  model: string;
  scenario?: string;
  /** The model's fingerprint (name, parameter schema, metrics) when the draws were made. */
  fingerprint: string;
  method: Posterior['method'];
  seed: string;
  parameters: string[];
  /** The targets the posterior conditions on. */
  targets: { statistic: string; observed: number; scale: number }[];
  tolerances: (number | null)[];
  acceptance: number[];
  simulations: number;
  /** One row per draw, in `parameters` order. */
  draws: number[][];
  weights: number[];
  distances: number[];
}

export function posteriorRecord(posterior: Posterior, meta: Pick<PosteriorFile, 'model' | 'scenario' | 'fingerprint' | 'targets'>): PosteriorFile {
  const p = posterior.parameters.length;
  const n = posterior.weights.length;
  return {
    format: POSTERIOR_FORMAT,
    version: 1,
    ...meta,
    method: posterior.method,
    seed: posterior.seed,
    parameters: posterior.parameters,
    // JSON has no Infinity: the prior population's tolerance is written as null.
    tolerances: posterior.tolerances.map((t) => (Number.isFinite(t) ? t : null)),
    acceptance: posterior.acceptance,
    simulations: posterior.simulations,
    draws: Array.from({ length: n }, (_, i) => Array.from(posterior.draws.subarray(i * p, (i + 1) * p))),
    weights: Array.from(posterior.weights),
    distances: Array.from(posterior.distances),
  };
}

/** Writes the record atomically (temporary file in the same folder, flushed, then renamed). */
export function writePosteriorFile(file: string, record: PosteriorFile): void {
  writeFileAtomic(file, `${JSON.stringify(record, null, 1)}\n`, { mkdir: true });
}

/** Reads and checks a posterior file. */
export function readPosteriorFile(file: string): PosteriorFile {
  const record = JSON.parse(fs.readFileSync(file, 'utf8')) as PosteriorFile;
  if (record.format !== POSTERIOR_FORMAT || record.version !== 1)
    throw new RangeError(`${file}: not a clusterlab posterior file (format ${String(record.format)}, version ${String(record.version)})`);
  if (!Array.isArray(record.draws) || record.draws.length !== record.weights.length) throw new RangeError(`${file}: draws and weights differ in length`);
  return record;
}
