/**
 * The model's public API: `simulate` one seeded run, `ensemble` many (per-year median and 5-95%
 * band), the scenario list and the parameter schema. Ensembles use the engine's per-replication
 * seeds, so replication i is the same run however many runs or worker threads there are.
 */
import { ensembleSeeds, runEnsemble, runEnsembleSync, type EnsembleResult } from '../experiments/ensemble';
import type { RunRecord } from '../engine/recorder';
import type { Seed } from '../engine/rng';
import type { SummaryRow } from '../experiments/quantiles';
import { checkUrnParams, runUrn, urnDefaults, urnParameterSpecs, type UrnParams } from '../baselines/arthurUrn';
import { runWorld } from './cluster';
import { networkHistory } from './network';
import { flattenOverrides, parameterSpecs, getParameter, type Overrides, type ParamSpec } from './parameters';
import { Run } from './run';
import { caseParams, getScenario, scenarioList, scenarioParams, type Scenario } from './scenarios';

export interface SimulateOptions {
  seed?: Seed;
  /** Parameter overrides by dotted path: `{ 'mechanisms.association': false }` or `['path=value']`. */
  set?: Overrides;
}

export interface EnsembleOptions {
  /** Number of runs, or the seed of each run. */
  seeds: number | readonly number[];
  set?: Overrides;
  /** Seed the run seeds derive from when `seeds` is a count (default 0). */
  masterSeed?: Seed;
  /** `ensemble` runs in this thread (1); use `ensembleParallel` for worker threads. */
  workers?: number;
}

export interface Ensemble {
  scenario: string;
  seeds: number[];
  years: number[];
  metrics: string[];
  /** One row per metric and year: median, 5th and 95th percentile across runs, runs counted. */
  summary: (SummaryRow & { scenario: string })[];
  /** Every run in replication order. */
  runs: RunRecord[];
}

function resolve(scenario: string | Scenario): Scenario {
  if (typeof scenario === 'string') return getScenario(scenario);
  if (!scenario || typeof scenario.name !== 'string') throw new TypeError('scenario must be a scenario name or a Scenario object from scenarios()');
  return scenario;
}

function urnParams(set?: Overrides): UrnParams {
  const p = urnDefaults();
  for (const [path, value] of flattenOverrides(set)) {
    const spec = urnParameterSpecs.find((s) => s.path === path);
    if (!spec) throw new RangeError(`unknown parameter '${path}' for the Arthur urn; parameters: ${urnParameterSpecs.map((s) => s.path).join(', ')}`);
    (p.urn as unknown as Record<string, unknown>)[path.split('.')[1]] = typeof value === 'string' ? Number(value) : value;
  }
  checkUrnParams(p);
  return p;
}

/** One replication as a transferable record: what worker threads run (see `replicate`). */
export function runScenarioRecord(scenario: string | Scenario, seed: Seed, set?: Overrides): RunRecord {
  const s = resolve(scenario);
  if (s.case === 'urn') return runUrn(urnParams(set), seed, s.years);
  return runWorld(s.case, scenarioParams(s, set), seed).recorder.toRecord(seed);
}

/** Entry point for the engine's worker threads: `replicate({scenario, set}, seed, index)`. */
export function replicate(args: { scenario: string; set?: Overrides }, seed: number): RunRecord {
  return runScenarioRecord(args.scenario, seed, args.set);
}

/** One seeded run of a scenario. */
export function simulate(scenario: string | Scenario, options: SimulateOptions = {}): Run {
  const s = resolve(scenario);
  const seed = options.seed ?? 1;
  if (typeof seed === 'number' && !Number.isFinite(seed)) throw new RangeError(`seed must be a finite number or a string, got ${seed}`);
  if (s.case === 'urn') {
    const record = runUrn(urnParams(options.set), seed, s.years);
    return new Run(s.name, record, () => ({ years: s.years, nodes: [], edges: [] }));
  }
  const world = runWorld(s.case, scenarioParams(s, options.set), seed);
  let cached: ReturnType<typeof networkHistory> | undefined;
  return new Run(s.name, world.recorder.toRecord(seed), () => (cached ??= networkHistory(world)));
}

function toEnsemble(s: Scenario, result: EnsembleResult): Ensemble {
  return {
    scenario: s.name,
    seeds: result.seeds,
    years: result.years,
    metrics: result.metrics,
    summary: result.summary.map((r) => ({ scenario: s.name, ...r })),
    runs: result.runs,
  };
}

function checkSet(s: Scenario, set?: Overrides): void {
  // Fail on bad overrides before running anything.
  if (s.case === 'urn') urnParams(set);
  else scenarioParams(s, set);
}

/** Many seeded runs in this thread, summarised per year. */
export function ensemble(scenario: string | Scenario, options: EnsembleOptions): Ensemble {
  const s = resolve(scenario);
  if (options.workers !== undefined && options.workers !== 1) {
    throw new RangeError(`ensemble runs in this thread (workers must be 1, got ${options.workers}); for worker threads use await ensembleParallel(scenario, { seeds, workers })`);
  }
  checkSet(s, options.set);
  ensembleSeeds(options.seeds, options.masterSeed);
  const result = runEnsembleSync((seed) => runScenarioRecord(s, seed, options.set), options);
  return toEnsemble(s, result);
}

/** The same ensemble on `workers` threads; identical result for any number of workers. */
export async function ensembleParallel(scenario: string, options: EnsembleOptions & { workers: number }): Promise<Ensemble> {
  const s = resolve(scenario);
  checkSet(s, options.set);
  const result = await runEnsemble({ module: __filename, exportName: 'replicate', args: { scenario: s.name, set: options.set } }, options);
  return toEnsemble(s, result);
}

/** The scenarios: cases, counterfactuals and baselines, with their overrides. */
export function scenarios(): Scenario[] {
  return scenarioList();
}

export interface ParameterInfo extends ParamSpec {
  /** Calibrated default of each case (the urn's parameters have only `urn`). */
  defaults: { tomato?: number | boolean; salmon?: number | boolean; urn?: number };
}

function buildParameters(): Record<string, ParameterInfo> {
  const tomato = caseParams('tomato');
  const salmon = caseParams('salmon');
  const out: Record<string, ParameterInfo> = {};
  for (const spec of parameterSpecs) {
    out[spec.path] = { ...spec, defaults: { tomato: getParameter(tomato, spec.path), salmon: getParameter(salmon, spec.path) } };
  }
  const urn = urnDefaults().urn as unknown as Record<string, number>;
  for (const spec of urnParameterSpecs) out[spec.path] = { ...spec, defaults: { urn: urn[spec.path.split('.')[1]] } };
  return out;
}

/** The parameter schema keyed by dotted path: range, unit, meaning, paper section, defaults per case. */
export const parameters: Record<string, ParameterInfo> = buildParameters();
