/**
 * SLURM job arrays: one array task per shard, each running `clusterlab sweep run-shard <dir> <k>`
 * on a compute node and writing into the sweep's folder (which must be on a file system the
 * nodes share). The login node follows progress from the status log, so `status`, `resume` and
 * `collect` need nothing from SLURM; squeue is asked only to tell queued jobs apart.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { SLURM_DIR } from './files';
import { appendLine, writeFileAtomic } from '../../io/atomic';
import { readPlan, type SweepPlan } from './plan';

export interface SlurmOptions {
  partition?: string;
  /** Time limit per task, as sbatch takes it (e.g. `01:00:00`). */
  time?: string;
  /** At most this many tasks at once (`--array=...%N`). */
  maxRunning?: number;
  /** More `#SBATCH` lines, e.g. `--account=proj42` or `--mem=2G`. */
  sbatchArgs?: string[];
  /** Node on the compute nodes (default: this Node's path). */
  node?: string;
}

export interface SlurmJob {
  jobId: string;
  array: string;
  shards: number;
  script: string;
}

/** `0-3,7,9-10` for [0,1,2,3,7,9,10]. */
export function arraySpec(shards: readonly number[]): string {
  const sorted = [...shards].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The batch script of an array over `shards` of the sweep in `dir`. */
export function slurmScript(dir: string, plan: SweepPlan, shards: readonly number[], options: SlurmOptions = {}): string {
  if (shards.length === 0) throw new RangeError('sweep: no shards to submit');
  if (options.maxRunning !== undefined && !(Number.isInteger(options.maxRunning) && options.maxRunning >= 1)) {
    throw new RangeError(`sweep: --max-running must be an integer >= 1, got ${options.maxRunning}`);
  }
  if (options.time !== undefined && !/^(\d+-)?\d+(:\d{1,2}){0,2}$/.test(options.time))
    throw new RangeError(`sweep: --time must be a SLURM time such as 30, 01:00:00 or 1-00:00:00, got '${options.time}'`);
  const bin = path.resolve(__dirname, '..', '..', '..', '..', 'bin', 'clusterlab.js');
  const lines = [
    '#!/bin/bash',
    `#SBATCH --job-name=clusterlab-${plan.model.name}`,
    `#SBATCH --array=${arraySpec(shards)}${options.maxRunning ? `%${options.maxRunning}` : ''}`,
    `#SBATCH --output=${path.join(dir, SLURM_DIR, '%A_%a.log')}`,
    '#SBATCH --cpus-per-task=1',
    '#SBATCH --ntasks=1',
  ];
  if (options.partition) lines.push(`#SBATCH --partition=${options.partition}`);
  if (options.time) lines.push(`#SBATCH --time=${options.time}`);
  for (const a of options.sbatchArgs ?? []) {
    if (!a.startsWith('--') || /[\n\r]/.test(a)) throw new RangeError(`sweep: --sbatch takes one sbatch option such as --mem=2G, got '${a}'`);
    lines.push(`#SBATCH ${a}`);
  }
  lines.push(
    '# One array task runs one shard of the sweep; the status log in the sweep folder records what finished.',
    'set -euo pipefail',
    `exec ${shellQuote(options.node ?? process.execPath)} ${shellQuote(bin)} sweep run-shard ${shellQuote(dir)} "$SLURM_ARRAY_TASK_ID"`,
    '',
  );
  return lines.join('\n');
}

function jobsFile(dir: string): string {
  return path.join(dir, SLURM_DIR, 'jobs.jsonl');
}

/** Jobs submitted for this sweep, oldest first. */
export function slurmJobs(dir: string): SlurmJob[] {
  const file = jobsFile(dir);
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((l) => {
      try {
        return l.trim() ? [JSON.parse(l) as SlurmJob] : [];
      } catch {
        return [];
      }
    });
}

export function haveSlurm(): boolean {
  return slurmProblem() === null;
}

/** Why sbatch cannot be used here (not installed, or installed but failing, with its own words), or null. */
function slurmProblem(): string | null {
  const r = spawnSync('sbatch', ['--version'], { encoding: 'utf8' });
  if (r.error) return 'sbatch was not found: submit from a SLURM login node';
  if (r.status === 0) return null;
  const said = `${r.stderr ?? ''}`.trim().split('\n')[0];
  return `sbatch is installed but 'sbatch --version' failed${said ? ` (${said})` : ''}: is SLURM configured and its controller reachable from here?`;
}

/** Job ids of this sweep that squeue still lists (pending, running or completing). */
export function queuedJobs(dir: string): string[] {
  const jobs = slurmJobs(dir);
  if (jobs.length === 0) return [];
  const r = spawnSync('squeue', ['-h', '-o', '%F', '-j', jobs.map((j) => j.jobId).join(',')], { encoding: 'utf8' });
  if (r.status !== 0) return []; // purged job ids make squeue fail: nothing of ours is queued
  return [
    ...new Set(
      r.stdout
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** Writes the batch script and submits it with sbatch; returns the job. */
export function submitSlurm(dir: string, shards: readonly number[], options: SlurmOptions = {}): SlurmJob {
  const plan = readPlan(dir);
  if (!plan.model.module) throw new TypeError(`sweep: model '${plan.model.name}' names no module that SLURM tasks can load`);
  const problem = slurmProblem();
  if (problem) throw new Error(`sweep: ${problem} (or run the sweep here with \`clusterlab sweep run\`)`);
  fs.mkdirSync(path.join(dir, SLURM_DIR), { recursive: true });
  const script = path.join(dir, SLURM_DIR, `sweep-${slurmJobs(dir).length}.sbatch`);
  writeFileAtomic(script, slurmScript(dir, plan, shards, options));
  fs.chmodSync(script, 0o755);
  let jobId: string;
  try {
    jobId = execFileSync('sbatch', ['--parsable', script], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      .trim()
      .split(';')[0];
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`sweep: sbatch failed: ${(err.stderr || err.message).trim()}`);
  }
  const job: SlurmJob = { jobId, array: arraySpec(shards), shards: shards.length, script };
  appendLine(jobsFile(dir), JSON.stringify(job) + '\n');
  return job;
}
