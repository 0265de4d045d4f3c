/**
 * The calibration judged over its own seeds. A calibration is one seeded draw of a random
 * procedure (which parameters the screening keeps, which prior draws, which runs); at the cluster
 * models' distance from the facts its fit moves with that seed by as much as with a mechanism
 * (docs/calibration.md, "Calibration over seeds"). So this runs the pipeline once per seed, judges
 * each posterior as `targets` does (facts within tolerance of the median over `runs` runs at its
 * draws), and gives the mean and spread, which is what a choice of settings or mechanisms should
 * be judged by.
 */
import type { Model } from '../engine/define';
import type { Seed } from '../engine/rng';
import { calibratePipeline, type CalibrationFile, type PipelineOptions } from './pipeline';
import { displayAsTable, textTable } from './report';
import { posteriorTargets } from './targets';

export interface SeedFit {
  seed: string;
  /** Facts within tolerance over the posterior's runs, and how many facts were scored. */
  passed: number;
  facts: number;
  /** Parameters the screening kept. */
  kept: string[];
  misses: string[];
  record: CalibrationFile;
}

export interface SeedSetResult {
  model: string;
  fingerprint: string;
  seeds: SeedFit[];
  /** Mean facts within tolerance over the seeds, and the largest minus the smallest. */
  mean: number;
  spread: number;
  runs: number;
  /** 'all' when every fact was fitted (PipelineOptions.fitOn); absent when only the calibration facts were. */
  fitOn?: 'all';
}

export async function calibrateOverSeeds(
  model: Model,
  seeds: readonly Seed[],
  options: Omit<PipelineOptions, 'seed'> & { runs?: number } = {},
): Promise<SeedSetResult> {
  if (seeds.length < 2) throw new RangeError(`calibrate: a seed set needs at least two seeds, got ${seeds.length}`);
  if (new Set(seeds.map(String)).size !== seeds.length) throw new RangeError(`calibrate: the seed set repeats a seed: ${seeds.join(', ')}`);
  const runs = options.runs ?? 100;
  const fits: SeedFit[] = [];
  for (const seed of seeds) {
    const record = await calibratePipeline(model, {
      ...options,
      seed,
      progress: (stage, done, total) => options.progress?.(`seed ${seed}: ${stage}`, done, total),
    });
    const judged = await posteriorTargets(model, {
      seeds: runs,
      workers: options.workers,
      pool: options.pool,
      source: { kind: 'posterior', note: `the calibration with seed ${seed}`, record },
      progress: (done, total) => options.progress?.(`seed ${seed}: targets`, done, total),
    });
    fits.push({
      seed: String(seed),
      passed: judged.rows.filter((r) => r.pass).length,
      facts: judged.rows.length,
      kept: record.screening.rows.filter((r) => r.selected).map((r) => r.parameter),
      misses: judged.rows.filter((r) => !r.pass).map((r) => r.id),
      record,
    });
  }
  const counts = fits.map((f) => f.passed);
  const result: SeedSetResult = {
    model: model.name,
    fingerprint: model.fingerprint,
    seeds: fits,
    mean: counts.reduce((a, b) => a + b, 0) / counts.length,
    spread: Math.max(...counts) - Math.min(...counts),
    runs,
    ...(options.fitOn === 'all' ? { fitOn: 'all' as const } : {}),
  };
  return displayAsTable(
    result,
    () => seedSetText(result),
    () => ({ caption: seedSetCaption(result), ...seedSetColumns(result) }),
  );
}

function seedSetCaption(r: SeedSetResult): string {
  const fitted = r.fitOn === 'all' ? ', each fitted on every fact (--fit-on all)' : '';
  return `${r.model}: facts within tolerance over ${r.runs} runs of each seed's posterior${fitted}; mean ${+r.mean.toFixed(2)}, spread ${r.spread}`;
}

function seedSetColumns(r: SeedSetResult): { cols: string[]; rows: string[][] } {
  return {
    cols: ['seed', 'facts within tolerance', 'parameters kept', 'misses'],
    rows: r.seeds.map((f) => [f.seed, `${f.passed} of ${f.facts}`, f.kept.join(' '), f.misses.join(' ')]),
  };
}

/** The seed set as text: one row per seed, then the mean and spread. */
export function seedSetText(r: SeedSetResult): string {
  const { cols, rows } = seedSetColumns(r);
  return `# ${seedSetCaption(r)}\n${textTable(cols, rows)}`;
}
