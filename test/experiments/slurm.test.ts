// The SLURM executor against a real one-node SLURM cluster that test/support/slurm/start.sh starts
// (Debian's slurmctld, slurmd, slurm-client and munge; .ci/run installs them). A task is killed
// mid-shard; `sweep resume --slurm` resubmits only the unfinished shards, and the collected result
// is byte-identical to an uninterrupted serial run.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSweep } from '../../dist/src/experiments/store';
import { BIN, allSame, sameBytes, slowDesign, slowOptions, slowPlanArgs, trendModel, until } from '../support/sweep/compare';

const SUPPORT = path.resolve(__dirname, '../support/slurm');
const missing = ['slurmctld', 'slurmd', 'sbatch', 'munged'].filter((b) => spawnSync('sh', ['-c', `command -v ${b}`]).status !== 0);
const isRoot = process.getuid?.() === 0;
const why = missing.length
  ? `SLURM binaries missing (${missing.join(', ')}): apt-get install slurmctld slurmd slurm-client munge`
  : !isRoot
    ? 'the SLURM test starts slurmd and must run as root'
    : '';
if (why) console.warn(`skipping the SLURM sweep test: ${why}`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

describe.skipIf(Boolean(why))('sweeps on SLURM', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterlab-slurm-sweep-'));
  fs.chmodSync(root, 0o755); // munged refuses a socket below a folder others cannot search
  const env: NodeJS.ProcessEnv = { ...process.env, CLUSTERLAB_SLURM_RUN: path.join(root, 'cluster') };
  const reference = path.join(root, 'reference');
  let started = false;

  const sweep = (...args: string[]) => spawnSync(process.execPath, [BIN, 'sweep', ...args], { encoding: 'utf8', env, timeout: 120_000 });
  const queued = (job: string) => {
    const r = spawnSync('squeue', ['-h', '-j', job, '-o', '%i %T'], { encoding: 'utf8', env });
    return r.status === 0 ? r.stdout.trim() : ''; // a purged job id is no longer queued
  };

  beforeAll(async () => {
    env.CLUSTERLAB_SLURM_CTLD_PORT = String(await freePort());
    env.CLUSTERLAB_SLURM_SLURMD_PORT = String(await freePort());
    const t0 = Date.now();
    const line = execFileSync(path.join(SUPPORT, 'start.sh'), { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    started = true;
    env.SLURM_CONF = /export SLURM_CONF=(\S+)/.exec(line)![1];
    console.log(`SLURM cluster started in ${Date.now() - t0} ms`);
    await runSweep(trendModel, slowDesign, { ...slowOptions, shards: 1, dir: reference, executor: 'serial', progress: false });
  }, 300_000);

  afterAll(() => {
    if (started) spawnSync(path.join(SUPPORT, 'stop.sh'), { env, stdio: 'inherit' });
    fs.rmSync(root, { recursive: true, force: true });
  }, 120_000);

  it('submits a job array, survives a killed task, resumes only the missing shard and collects the serial result', async () => {
    const dir = path.join(root, 'sweep');
    expect(sweep(...slowPlanArgs(dir)).status).toBe(0);
    const submit = sweep('submit', dir, '--slurm', '--time', '00:10:00', '--format', 'json');
    expect(submit.status, submit.stderr).toBe(0);
    const job = JSON.parse(submit.stdout);
    expect(job).toMatchObject({ array: '0-2', shards: 3 });
    const script = fs.readFileSync(job.script, 'utf8');
    expect(script).toContain('#SBATCH --array=0-2');
    expect(script).toMatch(/sweep run-shard '.*' "\$SLURM_ARRAY_TASK_ID"/);

    // Kill task 1 with SIGKILL once it is running and has written part of its shard.
    const statusOf1 = path.join(dir, 'status', '1.jsonl');
    await until(
      () => fs.existsSync(statusOf1) && fs.readFileSync(statusOf1, 'utf8').trim().length > 0 && queued(`${job.job}_1`).includes('RUNNING'),
      90_000,
      'task 1 to flush',
    );
    execFileSync('scancel', ['--signal=KILL', '--full', `${job.job}_1`], { env });
    await until(() => queued(job.job) === '', 120_000, 'the array to leave the queue');

    const status = JSON.parse(sweep('status', dir, '--format', 'json').stdout);
    expect(status.finished).toBeGreaterThan(0);
    expect(status.missing).toBeGreaterThan(0);
    expect(status.shards_unfinished).toBe(1);
    expect(sweep('collect', dir).stderr).toMatch(/runs have not finished; run `clusterlab sweep resume/);

    const resume = sweep('resume', dir, '--slurm', '--format', 'json');
    expect(resume.status, resume.stderr).toBe(0);
    const again = JSON.parse(resume.stdout);
    expect(again).toMatchObject({ array: '1', shards: 1 });
    await until(() => queued(again.job) === '', 120_000, 'the resubmitted task');

    const collect = sweep('collect', dir, '--format', 'json');
    expect(collect.status, collect.stderr).toBe(0);
    expect(JSON.parse(collect.stdout)).toMatchObject({ runs: 1200, missing: 0 });
    expect(sameBytes(reference, dir)).toEqual(allSame(reference));
    const logs = fs.readdirSync(path.join(dir, 'slurm')).filter((f) => f.endsWith('.log'));
    expect(logs.length).toBe(4); // three tasks, then the resubmitted one
  }, 300_000);
});
