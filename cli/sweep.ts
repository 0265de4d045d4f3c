/** `clusterlab sweep plan|run|submit|status|resume|collect|run-shard`: parameter sweeps with a results store. */
import * as fs from 'fs';
import * as path from 'path';
import { checkOutPath, fmt, formatOption, guarded, optionalWhole, parseArgs, type ParsedArgs, single, UsageError } from './modelArgs';
import type { SweepModel } from '../src/experiments/store/plan';

const HELP = `usage: clusterlab sweep <action> ...

  plan <model>[/<scenario>] --out DIR [design] [--replicates R] [--seed S] [--shards K]
      Writes DIR/plan.json: every design point x R replicates, each run's seed derived from
      (point, replicate). Design: --grid path=v1,v2,... (repeatable; every combination) and/or
      --design FILE.json (a list of override objects, or {"points": [...]}); --set path=value
      (repeatable, a path once) applies to every point that does not give that path itself.
      --module FILE[#EXPORT] loads a model from a CommonJS file (default export name: model)
      instead of the built-in models.
  run DIR | run <model> --out DIR [design ...]   [--executor serial|threads] [--workers N] [--no-progress]
      Runs what is missing here (worker threads by default), then compacts to Parquet. A progress
      bar shows on a terminal (stderr); --no-progress hides it.
  submit DIR --slurm [--partition P] [--time T] [--max-running N] [--sbatch OPTION ...] [--node PATH]
      Writes DIR/slurm/sweep-N.sbatch (an sbatch --array, one task per shard) and submits it;
      --node is the node executable on the compute nodes (default: this one's path).
  status DIR          Runs finished, failed and missing, per the status log (and queued SLURM jobs).
  resume DIR [--slurm ... | --executor ... --workers N --no-progress]
      Runs (or submits) only the shards with missing runs.
  collect DIR [--workers N]
      Compacts a finished sweep to Parquet + manifest.json (N worker threads write the results'
      parts, default the number of cores) and prints its summary.
  run-shard DIR K     Runs shard K (what each SLURM array task does).

Every action but run-shard takes --format table|json|csv (default table); an option an action
does not read is refused. Results: DIR/results/part-*.parquet
(point, replicate, seed, year and a column per metric; one table split in parts), runs.parquet,
points.parquet, timings.parquet, manifest.json; query them with openSweep(DIR).sql('select ...')
(view results: point, replicate, seed, year, metric, value) or any Parquet reader.`;

const VALUED = [
  'out',
  'grid',
  'design',
  'set',
  'replicates',
  'seed',
  'shards',
  'module',
  'executor',
  'workers',
  'format',
  'partition',
  'time',
  'max-running',
  'sbatch',
  'node',
];
const FLAGS = ['help', 'slurm', 'no-progress'];

const PLAN_OPTIONS = ['out', 'grid', 'design', 'set', 'replicates', 'seed', 'shards', 'module'];
const LOCAL_OPTIONS = ['executor', 'workers', 'no-progress'];
const SLURM_OPTIONS = ['slurm', 'partition', 'time', 'max-running', 'sbatch', 'node'];

/** The options each action reads, and how many positionals (the action's own included) it takes. */
const ACTIONS: Record<string, { options: string[]; positionals: number; usage: string }> = {
  plan: { options: [...PLAN_OPTIONS, 'format'], positionals: 2, usage: 'plan <model> --out DIR' },
  run: { options: [...PLAN_OPTIONS, ...LOCAL_OPTIONS, 'format'], positionals: 2, usage: 'run DIR | run <model> --out DIR' },
  submit: { options: [...SLURM_OPTIONS, 'format'], positionals: 2, usage: 'submit DIR --slurm' },
  status: { options: ['format'], positionals: 2, usage: 'status DIR' },
  resume: { options: [...SLURM_OPTIONS, ...LOCAL_OPTIONS, 'format'], positionals: 2, usage: 'resume DIR' },
  collect: { options: ['workers', 'format'], positionals: 2, usage: 'collect DIR' },
  'run-shard': { options: [], positionals: 3, usage: 'run-shard DIR K' },
};

/** Refuses options the action would ignore and arguments beyond its own. */
function checkApplies(p: ParsedArgs, action: string): void {
  const spec = ACTIONS[action];
  const given = [...p.options.keys(), ...[...p.flags].filter((f) => f !== 'help')];
  const stray = given.find((o) => !spec.options.includes(o));
  if (stray) throw new UsageError(`--${stray} does not apply to sweep ${action}; it takes ${spec.options.map((o) => `--${o}`).join(', ') || 'no options'}`);
  if (p.positional.length > spec.positionals) throw new UsageError(`unexpected argument '${p.positional[spec.positionals]}' (usage: sweep ${spec.usage})`);
  if (action === 'resume') {
    const clash = p.flags.has('slurm') ? LOCAL_OPTIONS.find((o) => given.includes(o)) : SLURM_OPTIONS.find((o) => given.includes(o));
    if (clash) throw new UsageError(`--${clash} ${p.flags.has('slurm') ? 'is for running here; it cannot go with --slurm' : 'goes with --slurm'}`);
  }
}

type Cell = string | number | boolean | null;

function print(format: string, rows: Record<string, Cell>[]): void {
  if (format === 'json') {
    process.stdout.write(JSON.stringify(rows.length === 1 ? rows[0] : rows, null, 1) + '\n');
    return;
  }
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const text = (v: Cell | undefined) => (v === null || v === undefined ? '' : typeof v === 'number' ? fmt(v) : String(v));
  if (format === 'csv') {
    const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    process.stdout.write([cols.join(','), ...rows.map((r) => cols.map((c) => esc(text(r[c]))).join(','))].join('\n') + '\n');
    return;
  }
  const cells = rows.map((r) => cols.map((c) => text(r[c])));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const line = (xs: string[]) =>
    xs
      .map((x, i) => x.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  process.stdout.write([line(cols), ...cells.map(line)].join('\n') + '\n');
}

/** A value as written on the command line: number, boolean or string. */
function literal(text: string): unknown {
  if (text === 'true' || text === 'false') return text === 'true';
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

function pathValue(opt: string, text: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`--${opt} takes path=value, got '${text}'`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

/** The design points the options describe. */
function designPoints(p: ParsedArgs): { points: Record<string, unknown>[]; name: string } {
  let points: Record<string, unknown>[] = [{}];
  let name = 'single point';
  const file = single(p, 'design');
  if (file) {
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new UsageError(`--design ${file}: cannot read it as JSON (${(e as Error).message})`);
    }
    const list = Array.isArray(data) ? data : (data as { points?: unknown })?.points;
    if (!Array.isArray(list) || list.length === 0)
      throw new UsageError(`--design ${file}: expected a non-empty JSON list of override objects, or {"points": [...]}`);
    list.forEach((pt, i) => {
      if (pt === null || typeof pt !== 'object' || Array.isArray(pt))
        throw new UsageError(`--design ${file}: point ${i} must be an object of parameter overrides, got ${JSON.stringify(pt)}`);
    });
    points = list as Record<string, unknown>[];
    name = (Array.isArray(data) ? undefined : (data as { design?: string }).design) ?? path.basename(file, '.json');
  }
  const grid = p.options.get('grid') ?? [];
  if (grid.length) name = file ? `${name} x grid` : 'grid';
  for (const g of grid) {
    const [key, list] = pathValue('grid', g);
    const values = list
      .split(',')
      .filter((v) => v !== '')
      .map(literal);
    if (values.length === 0) throw new UsageError(`--grid ${key}: list at least one value, e.g. --grid ${key}=1,2,3`);
    const repeated = values.find((v, i) => values.indexOf(v) !== i);
    if (repeated !== undefined)
      throw new UsageError(`--grid ${key} lists ${String(repeated)} twice; list each value once (--replicates N runs a point N times)`);
    points = points.flatMap((pt) => values.map((v) => ({ ...pt, [key]: v })));
  }
  const gridKeys = grid.map((g) => pathValue('grid', g)[0]);
  const twice = gridKeys.find((k, i) => gridKeys.indexOf(k) !== i);
  if (twice) throw new UsageError(`--grid ${twice} given twice; list all its values in one: --grid ${twice}=v1,v2,...`);
  for (const s of p.options.get('set') ?? []) {
    const [key, value] = pathValue('set', s);
    if (gridKeys.includes(key)) throw new UsageError(`--set ${key} and --grid ${key} both give ${key}; give it once`);
    points = points.map((pt) => ({ [key]: literal(value), ...pt }));
  }
  return { points, name };
}

async function findModel(name: string, modulePath: string | undefined): Promise<{ model: SweepModel; scenario?: string }> {
  if (modulePath) {
    const hash = modulePath.lastIndexOf('#');
    const file = path.resolve(hash > 0 ? modulePath.slice(0, hash) : modulePath);
    const exportName = hash > 0 ? modulePath.slice(hash + 1) : 'model';
    if (!fs.existsSync(file)) throw new UsageError(`--module: no such file ${file}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const model = (require(file) as Record<string, SweepModel | undefined>)[exportName];
    if (!model || typeof model.run !== 'function') throw new UsageError(`--module: ${file} has no model export '${exportName}'`);
    if (model.name !== name) throw new UsageError(`--module: ${file}#${exportName} is model '${model.name}', not '${name}'`);
    return { model: model.module ? model : Object.assign(Object.create(model) as SweepModel, { module: { path: file, exportName } }) };
  }
  const { findTarget } = await import('../src/models');
  return findTarget(name);
}

async function plan(p: ParsedArgs) {
  const { planSweep } = await import('../src/experiments/store');
  const [name] = p.positional.slice(1);
  if (!name) throw new UsageError('missing <model>');
  const out = single(p, 'out');
  if (!out) throw new UsageError('missing --out DIR (the sweep folder)');
  checkOutPath('--out', out, 'folder');
  const { model, scenario } = await findModel(name, single(p, 'module'));
  const { points, name: design } = designPoints(p);
  return planSweep(model, points, {
    dir: out,
    design,
    scenario,
    replicates: optionalWhole(p, 'replicates', 1, 1_000_000),
    seed: optionalWhole(p, 'seed', 0, 2 ** 32 - 1),
    shards: optionalWhole(p, 'shards', 1, 100_000),
  });
}

function dirArg(p: ParsedArgs): string {
  const dir = p.positional[1];
  if (!dir) throw new UsageError(`missing DIR (a sweep folder)`);
  if (!fs.existsSync(path.join(dir, 'plan.json'))) throw new UsageError(`${dir} is not a sweep folder (no plan.json); make one with \`clusterlab sweep plan\``);
  return path.resolve(dir);
}

function slurmOptions(p: ParsedArgs) {
  return {
    partition: single(p, 'partition'),
    time: single(p, 'time'),
    maxRunning: optionalWhole(p, 'max-running', 1, 100_000),
    sbatchArgs: p.options.get('sbatch'),
    node: single(p, 'node'),
  };
}

async function statusRows(dir: string) {
  const store = await import('../src/experiments/store');
  const plan = store.readPlan(dir);
  const { done, failed } = store.sweepCounts(dir, plan);
  const total = store.runCount(plan);
  const unfinished = store.unfinishedShards(dir, plan);
  const manifest = store.readManifest(dir);
  const jobs = store.slurmJobs(dir);
  const queued = jobs.length && store.haveSlurm() ? store.queuedJobs(dir) : [];
  return {
    model: plan.model.name,
    runs: total,
    finished: done,
    ok: done - failed,
    failed,
    missing: total - done,
    shards: plan.shards,
    shards_unfinished: unfinished.length,
    collected: manifest?.complete === true,
    slurm_jobs: jobs.map((j) => j.jobId).join(' '),
    slurm_queued: queued.join(' '),
  };
}

function summaryRow(s: import('../src/experiments/store').SweepSummary): Record<string, Cell> {
  return {
    model: s.model,
    design: s.design,
    points: s.points,
    replicates: s.replicates,
    runs: s.runs,
    ok: s.ok,
    failed: s.failed,
    missing: s.missing,
    rows: s.rows,
    dir: s.dir,
  };
}

async function runLocal(dir: string, p: ParsedArgs, format: string): Promise<number> {
  const { resumeSweep, SweepInterrupted } = await import('../src/experiments/store');
  const executor = single(p, 'executor');
  if (executor !== undefined && executor !== 'serial' && executor !== 'threads')
    throw new UsageError(`--executor must be serial or threads (SLURM: submit --slurm), got '${executor}'`);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const results = await resumeSweep(dir, {
      executor: executor as 'serial' | 'threads' | undefined,
      workers: optionalWhole(p, 'workers', 1, 256),
      progress: p.flags.has('no-progress') ? false : 'auto',
      signal: controller.signal,
    });
    print(format, [summaryRow(results.summary)]);
    for (const f of results.failures.slice(0, 5)) process.stderr.write(`failed: point ${f.point} replicate ${f.replicate} seed ${f.seed}: ${f.error}\n`);
    if (results.failures.length > 5) process.stderr.write(`... ${results.failures.length - 5} more failed runs in runs.parquet and manifest.json\n`);
    return 0;
  } catch (e) {
    if (e instanceof SweepInterrupted) {
      process.stderr.write(e.message + '\n');
      return 130;
    }
    throw e;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

export async function run(args: string[]): Promise<number> {
  return guarded('sweep', HELP, () => actions(args));
}

async function actions(args: string[]): Promise<number> {
  const p = parseArgs(args, VALUED, FLAGS);
  const action = p.positional[0];
  if (p.flags.has('help') || !action) {
    const asked = p.flags.has('help');
    (asked ? process.stdout : process.stderr).write(HELP + '\n');
    return asked ? 0 : 2;
  }
  if (!Object.keys(ACTIONS).includes(action)) throw new UsageError(`unknown action '${action}'; actions: ${Object.keys(ACTIONS).join(', ')}`);
  checkApplies(p, action);
  const format = formatOption(p, ['table', 'json', 'csv']);
  const store = await import('../src/experiments/store');
  switch (action) {
    case 'plan': {
      const { dir, plan: pl } = await plan(p);
      print(format, [
        {
          model: pl.model.name,
          design: pl.design,
          points: pl.points.length,
          replicates: pl.replicates,
          runs: store.runCount(pl),
          shards: pl.shards,
          seed: pl.seed,
          dir,
        },
      ]);
      return 0;
    }
    case 'run': {
      const planned = p.positional.length > 1 && fs.existsSync(path.join(p.positional[1], 'plan.json'));
      const planning = PLAN_OPTIONS.find((o) => p.options.has(o));
      if (planned && planning) throw new UsageError(`${p.positional[1]} is planned already; --${planning} applies when planning (sweep run <model> --out DIR)`);
      if (!planned && p.positional.length > 1 && !planning)
        throw new UsageError(`${p.positional[1]} is not a sweep folder (no plan.json); to plan and run a model: sweep run <model> --out DIR`);
      const dir = planned ? dirArg(p) : (await plan(p)).dir;
      return runLocal(dir, p, format);
    }
    case 'resume': {
      const dir = dirArg(p);
      if (!p.flags.has('slurm')) return runLocal(dir, p, format);
      const queued = store.queuedJobs(dir);
      if (queued.length)
        throw new UsageError(`SLURM jobs of this sweep are still queued or running (${queued.join(', ')}); wait for them or scancel them, then resume`);
      const shards = store.unfinishedShards(dir, store.readPlan(dir));
      if (shards.length === 0) {
        process.stderr.write('nothing to resume: every run finished; run `clusterlab sweep collect`\n');
        return 0;
      }
      const job = store.submitSlurm(dir, shards, slurmOptions(p));
      print(format, [{ job: job.jobId, array: job.array, shards: job.shards, script: job.script }]);
      return 0;
    }
    case 'submit': {
      const dir = dirArg(p);
      if (!p.flags.has('slurm')) throw new UsageError('submit needs an executor: --slurm (the only batch system supported)');
      const shards = store.unfinishedShards(dir, store.readPlan(dir));
      if (shards.length === 0) throw new UsageError('every run of this sweep has finished; nothing to submit (collect it)');
      const job = store.submitSlurm(dir, shards, slurmOptions(p));
      print(format, [{ job: job.jobId, array: job.array, shards: job.shards, script: job.script }]);
      return 0;
    }
    case 'status':
      print(format, [await statusRows(dirArg(p))]);
      return 0;
    case 'collect': {
      const dir = dirArg(p);
      await store.collectSweep(dir, { workers: optionalWhole(p, 'workers', 1, 256) });
      print(format, [summaryRow(store.openSweep(dir).summary)]);
      return 0;
    }
    case 'run-shard': {
      const dir = dirArg(p);
      const pl = store.readPlan(dir);
      const text = p.positional[2];
      if (text === undefined || !/^\d+$/.test(text) || Number(text) >= pl.shards)
        throw new UsageError(`shard number K must be a whole number in [0, ${pl.shards - 1}], got '${text ?? ''}'`);
      const k = Number(text);
      const r = store.runShardSync(dir, pl, store.loadPlanModel(pl), k);
      process.stdout.write(`shard ${k}: ${r.done} runs (${r.failed} failed)\n`);
      return 0;
    }
    default:
      throw new UsageError(`unknown action '${action}'`);
  }
}
