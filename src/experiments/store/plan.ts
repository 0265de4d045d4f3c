/**
 * A sweep plan: a model, its design points (override records), replicates per point, the seed of
 * every run and the shards the runs are split into. A plan is a pure function of its inputs, so
 * writing it twice gives the same file, and the seed of run (point, replicate) never depends on
 * how many points, replicates, shards or workers there are.
 */
import * as fs from 'fs';
import * as path from 'path';
import { designPoints, designSeed, designSeeder, type Design } from '../designs';
import type { ModelDefinition, Overrides, ParamValue, ParamValues, ParameterSpec } from '../../engine/model';
import { PLAN_FILE, RESULT_KEYS } from './files';
import { writeFileAtomic } from '../../io/atomic';

/** A model a sweep can run: the contract, plus `resolve` when the model API provides it. */
export type SweepModel = ModelDefinition & { resolve?(overrides: Overrides, scenario?: string): ParamValues; fingerprint?: string };

export interface PlanOptions {
  /** Runs per design point (default 1). */
  replicates?: number;
  /** Seed every run's seed derives from (default 0). */
  seed?: number;
  /** Shards the runs are split into: units of work for a worker thread or a SLURM task (default: 8, or about 10,000 runs each, at most 1,000). */
  shards?: number;
  /** The design's name, for the manifest ("grid", "lhs", "sobol", ...). */
  design?: string;
  /** A scenario of the model whose settings every point starts from (needs the model's `resolve`). */
  scenario?: string;
}

export interface SweepPlan {
  format: 'clusterlab-sweep-plan/1';
  model: { name: string; fingerprint: string | null; module: { path: string; exportName: string } | null; years: [number, number]; metrics: string[] };
  design: string;
  scenario: string | null;
  /** The overrides of each design point, as given. */
  points: Record<string, ParamValue>[];
  /** Complete validated parameter values of each point (what runs receive). */
  params: Record<string, ParamValue>[];
  replicates: number;
  seed: number;
  shards: number;
}

export const MAX_RUNS = 50_000_000;

/**
 * The seed of replicate `replicate` of design point `point` in a sweep seeded with `master`: the
 * designs' rule (designSeed), so a design run as a sweep gets the seeds it gets anywhere else.
 */
export function sweepSeed(master: number, point: number, replicate: number): number {
  return designSeed(master, point, replicate);
}

/** sweepSeed(master, point, replicate) as a function of `replicate` (the prefix of the point is hashed once). */
export function sweepSeeder(master: number, point: number): (replicate: number) => number {
  return designSeeder(master, point);
}

export function runCount(plan: Pick<SweepPlan, 'points' | 'replicates'>): number {
  return plan.points.length * plan.replicates;
}

/** Run index r is replicate r % replicates of point floor(r / replicates). */
export function runPoint(plan: Pick<SweepPlan, 'replicates'>, run: number): [point: number, replicate: number] {
  return [Math.floor(run / plan.replicates), run % plan.replicates];
}

/** The runs of shard k: a contiguous block [start, end). */
export function shardRange(plan: Pick<SweepPlan, 'points' | 'replicates' | 'shards'>, k: number): [number, number] {
  const n = runCount(plan);
  return [Math.floor((k * n) / plan.shards), Math.floor(((k + 1) * n) / plan.shards)];
}

function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`sweep: ${name} must be an integer in ${min}..${max}, got ${value}`);
}

function checkValue(spec: ParameterSpec, value: unknown, where: string): ParamValue {
  const fail = (allowed: string) => {
    throw new RangeError(`sweep: ${where}: '${spec.path}' must be ${allowed}, got ${JSON.stringify(value)}`);
  };
  if (spec.kind === 'boolean') {
    if (value === 'true' || value === 'false') return value === 'true';
    return typeof value === 'boolean' ? value : fail('true or false');
  }
  if (spec.kind === 'choice') return typeof value === 'string' && spec.choices?.includes(value) ? value : fail(`one of ${spec.choices?.join(', ')}`);
  const x = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  const range = `${spec.min ?? '-inf'}..${spec.max ?? 'inf'}`;
  if (typeof x !== 'number' || !Number.isFinite(x)) return fail(`a number in ${range}`);
  if (spec.kind !== 'number' && !Number.isInteger(x)) return fail(`an integer in ${range}`);
  if ((spec.min !== undefined && x < spec.min) || (spec.max !== undefined && x > spec.max)) return fail(`in ${range}`);
  return x;
}

/**
 * The complete parameter values of a design point: the model's own `resolve` when it has one,
 * else its defaults with the overrides checked against the schema (path, kind, range).
 */
export function resolvePoint(model: SweepModel, overrides: Record<string, unknown>, index: number, scenario?: string): Record<string, ParamValue> {
  const where = `design point ${index}`;
  if (scenario !== undefined && !model.resolve) throw new RangeError(`sweep: model '${model.name}' has no scenarios to start from`);
  if (model.resolve) {
    try {
      return { ...model.resolve(overrides, scenario) };
    } catch (e) {
      throw new RangeError(`sweep: ${where}: ${(e as Error).message}`);
    }
  }
  const specs = new Map(model.parameters.map((p) => [p.path, p]));
  const out: Record<string, ParamValue> = {};
  for (const p of model.parameters) out[p.path] = p.default;
  for (const [key, value] of Object.entries(overrides)) {
    const spec = specs.get(key);
    if (!spec) throw new RangeError(`sweep: ${where}: unknown parameter '${key}' of model '${model.name}'; parameters: ${[...specs.keys()].join(', ')}`);
    out[key] = checkValue(spec, value, where);
  }
  return out;
}

/** A design as a sweep takes it: a list of override records, or a Design (factorial, LHS, Sobol, Saltelli, Morris). */
export type SweepDesign = readonly Record<string, unknown>[] | Design;

function isDesign(d: unknown): d is Design {
  return typeof d === 'object' && d !== null && !Array.isArray(d) && (d as Design).unit instanceof Float64Array && Array.isArray((d as Design).factors);
}

/**
 * Metrics name the results' columns after the key columns (RESULT_KEYS) (one per metric), so they must differ from the key columns
 * and from each other regardless of case (SQL names, DuckDB's among them, ignore case).
 */
function checkMetricNames(model: SweepModel): void {
  const seen = new Map<string, string>(RESULT_KEYS.map((k) => [k, `the key column '${k}'`]));
  for (const { name } of model.metrics) {
    const clash = seen.get(name.toLowerCase());
    if (clash)
      throw new RangeError(`sweep: model '${model.name}': metric '${name}' would name the same results column as ${clash} (names are compared ignoring case)`);
    seen.set(name.toLowerCase(), `metric '${name}'`);
  }
}

/** The plan of a sweep of `model` over a design. Throws a RangeError naming the bad field. */
export function createPlan(model: SweepModel, design: SweepDesign, options: PlanOptions = {}): SweepPlan {
  const points: readonly Record<string, unknown>[] = isDesign(design) ? designPoints(design) : design;
  if (isDesign(design) && options.design === undefined) options = { ...options, design: design.kind };
  if (!Array.isArray(points) || points.length === 0) throw new RangeError('sweep: the design must list at least one point');
  points.forEach((p, i) => {
    if (p === null || typeof p !== 'object' || Array.isArray(p))
      throw new RangeError(`sweep: design point ${i} must be an object of parameter overrides, got ${JSON.stringify(p)}`);
  });
  const replicates = options.replicates ?? 1;
  checkInteger('replicates', replicates, 1, 1_000_000);
  const seed = options.seed ?? 0;
  checkInteger('seed', seed, 0, 2 ** 32 - 1);
  const runs = points.length * replicates;
  if (runs > MAX_RUNS) throw new RangeError(`sweep: points x replicates must be at most ${MAX_RUNS}, got ${runs}`);
  const shards = options.shards ?? Math.min(runs, 1000, Math.max(8, Math.ceil(runs / 10_000)));
  checkInteger('shards', shards, 1, Math.min(runs, 100_000));
  checkMetricNames(model);
  const params = points.map((p, i) => resolvePoint(model, p, i, options.scenario));
  return {
    format: 'clusterlab-sweep-plan/1',
    model: {
      name: model.name,
      fingerprint: model.fingerprint ?? null,
      module: model.module ? { path: model.module.path, exportName: model.module.exportName } : null,
      years: [model.years[0], model.years[1]],
      metrics: model.metrics.map((m) => m.name),
    },
    design: options.design ?? 'points',
    scenario: options.scenario ?? null,
    points: points.map((p) => ({ ...(p as Record<string, ParamValue>) })),
    params,
    replicates,
    seed,
    shards,
  };
}

export function writePlan(dir: string, plan: SweepPlan): void {
  fs.mkdirSync(dir, { recursive: true });
  writeFileAtomic(path.join(dir, PLAN_FILE), JSON.stringify(plan, null, 1) + '\n');
}

export function readPlan(dir: string): SweepPlan {
  const file = path.join(dir, PLAN_FILE);
  if (!fs.existsSync(file)) throw new RangeError(`sweep: ${dir} holds no ${PLAN_FILE} (make one with \`clusterlab sweep plan\`)`);
  let plan: SweepPlan;
  try {
    plan = JSON.parse(fs.readFileSync(file, 'utf8')) as SweepPlan;
  } catch (e) {
    throw new RangeError(`sweep: ${file} is not JSON (${(e as Error).message}); plan the sweep again with \`clusterlab sweep plan\``);
  }
  if (plan?.format !== 'clusterlab-sweep-plan/1') throw new RangeError(`sweep: ${file} is not a clusterlab sweep plan (format '${plan?.format}')`);
  return plan;
}
