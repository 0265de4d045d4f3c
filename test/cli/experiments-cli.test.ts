import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve(__dirname, '../../bin/clusterlab.js');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('clusterlab sensitivity', () => {
  it('gives the Ishigami indices from the ishigami model, as json', () => {
    const r = cli('sensitivity', 'ishigami', '--method', 'sobol', '--samples', '2048', '--resamples', '50', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const res = JSON.parse(r.out);
    expect(res.model).toBe('ishigami');
    expect(res.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    const exact = { x1: [0.3139, 0.5576], x2: [0.4424, 0.4424], x3: [0, 0.2437] } as Record<string, number[]>;
    for (const row of res.rows) {
      expect(Math.abs(row.S1 - exact[row.parameter][0])).toBeLessThan(0.05);
      expect(Math.abs(row.ST - exact[row.parameter][1])).toBeLessThan(0.05);
    }
  });

  it('ranks the Sobol G inputs with Morris, as a csv headed by its provenance', () => {
    const r = cli('sensitivity', 'sobol-g', '--method', 'morris', '--samples', '30', '--format', 'csv', '--seed', '4');
    expect(r.code).toBe(0);
    const [head, cols, ...rows] = r.out.trim().split('\n');
    expect(head).toMatch(/^# morris sensitivity of y:final, model sobol-g, fingerprint [0-9a-f]{16}, seed 4, 210 points/);
    expect(cols).toBe('parameter,muStar,muStarLow,muStarHigh,mu,sigma');
    const muStar = rows.map((l) => Number(l.split(',')[1]));
    expect(muStar[0]).toBeGreaterThan(muStar[1]);
    expect(muStar[1]).toBeGreaterThan(muStar[2]);
    expect(muStar[4]).toBeLessThan(muStar[3]);
    // The csv carries the numbers json gives, not the table's four significant digits.
    const json = JSON.parse(cli('sensitivity', 'sobol-g', '--method', 'morris', '--samples', '30', '--format', 'json', '--seed', '4').out);
    expect(rows.map((l) => l.split(',').map((x, i) => (i === 0 ? x : Number(x))))).toEqual(
      json.rows.map((x: Record<string, number>) => [x.parameter, x.muStar, x.muStarLow, x.muStarHigh, x.mu, x.sigma]),
    );
  });

  it('explains bad designs and names what exists', () => {
    const pow = cli('sensitivity', 'ishigami', '--method', 'sobol', '--samples', '1000');
    expect(pow.code).toBe(2);
    expect(pow.err).toMatch(/^clusterlab sensitivity: --samples must be a power of two for --method sobol .* got 1000; try 512 or 1024/);
    const unknown = cli('sensitivity', 'ishigami', '--method', 'morris', '--params', 'x1,x9');
    expect(unknown.err).toMatch(/unknown parameter 'x9' of model 'ishigami'; parameters: x1, x2, x3/);
    expect(cli('sensitivity', 'ishigami', '--method', 'fast').err).toMatch(/--method must be morris or sobol, got 'fast'/);
    // Morris' options are named as the command line spells them, not as the library's arguments.
    expect(cli('sensitivity', 'ishigami', '--method', 'morris', '--levels', '3').err).toMatch(
      /^clusterlab sensitivity: --levels must be an even whole number in \[2, 100\], got '3'\n/,
    );
    expect(cli('sensitivity', 'ishigami', '--method', 'morris', '--samples', '20', '--candidates', '5').err).toMatch(
      /^clusterlab sensitivity: --candidates must be a whole number in \[20, 1000\] \(at least --samples, 20\), got '5'\n/,
    );
    expect(cli('sensitivity', 'ishigami').err).toMatch(/^clusterlab sensitivity: missing --method: morris or sobol/);
    expect(cli('sensitivity', 'ishigami', '--method', 'sobol', '--metric', 'z').err).toMatch(/unknown metric 'z'; metrics: y/);
    const empty = cli('sensitivity', 'ishigami', '--method', 'sobol', '--samples', '4', '--params', ',');
    expect(empty.code).toBe(2);
    expect(empty.err).toContain("--params lists nothing, got ','");
  });
});

describe('clusterlab calibrate --method abc', () => {
  it('writes the posterior draws with fingerprint, seed and tolerances, and checks them against the target', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterlab-abc-cli-'));
    const out = path.join(dir, 'post.json');
    const args = [
      'calibrate',
      'ishigami',
      '--method',
      'abc',
      '--params',
      'x2',
      '--set',
      'x1=0',
      '--target',
      'y@0=3.5~0.3',
      '--particles',
      '100',
      '--generations',
      '3',
      '--seed',
      '7',
      '--out',
      out,
    ];
    const r = cli(...args, '--format', 'json');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out);
    expect(res.predictive.coverage).toBe(1);
    // With x1 = 0, y = 7 sin² x2: y = 3.5 puts |x2| near pi/4 or 3 pi/4.
    const saved = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(saved).toMatchObject({ format: 'clusterlab-abc-posterior', model: 'ishigami', seed: '7', method: 'smc', parameters: ['x2'] });
    expect(saved.fingerprint).toBe(res.fingerprint);
    expect(saved.tolerances[0]).toBeNull();
    expect(saved.tolerances.length).toBe(4);
    for (const [x2] of saved.draws) expect(Math.abs(7 * Math.sin(x2) ** 2 - 3.5)).toBeLessThan(1.5);
    expect(fs.readdirSync(dir)).toEqual(['post.json']);
    // Same seed, same draws; the csv is one table: one header, the same number of columns in every row.
    const csv = cli(...args, '--format', 'csv');
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).draws).toEqual(saved.draws);
    const [header, ...rows] = csv.out
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('#'));
    expect(header).toBe('table,name,mean,sd,p05,median,p95,observed,scale,covered,withinScale');
    expect(rows.map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['posterior,x2', 'predictive,y@0']);
    for (const l of rows) expect(l.split(',')).toHaveLength(11);
    // The numbers json gives, at full precision, and covered as true/false as in the other commands' csv.
    const [posterior, predictive] = rows.map((l) => l.split(','));
    expect(posterior.slice(2, 7).map(Number)).toEqual([
      res.posterior[0].mean,
      res.posterior[0].sd,
      res.posterior[0].p05,
      res.posterior[0].median,
      res.posterior[0].p95,
    ]);
    expect(predictive.slice(4, 11)).toEqual(
      [
        res.predictive.rows[0].p05,
        res.predictive.rows[0].median,
        res.predictive.rows[0].p95,
        res.predictive.rows[0].observed,
        res.predictive.rows[0].scale,
        res.predictive.rows[0].covered,
        res.predictive.rows[0].withinScale,
      ].map(String),
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses malformed targets and options that belong to abc', () => {
    expect(cli('calibrate', 'ishigami', '--method', 'abc', '--params', 'x1', '--target', 'y@0=5').err).toMatch(/--target must be metric@year=value~scale/);
    expect(cli('calibrate', 'ishigami', '--method', 'abc', '--params', 'x1').err).toMatch(/no calibration values to fit; give targets with --target/);
    // --out is checked before the runs, so that a folder or a path under a file loses no work.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abc-out-'));
    const abc = ['calibrate', 'ishigami', '--params', 'x1', '--target', 'y@0=5~0.5', '--algorithm', 'rejection', '--samples', '400'];
    expect(cli(...abc, '--out', dir).err).toMatch(/^clusterlab calibrate: --out \S+ is a folder; give a file name/);
    fs.writeFileSync(path.join(dir, 'file'), '');
    expect(cli(...abc, '--out', path.join(dir, 'file', 'x.json')).err).toMatch(/^clusterlab calibrate: --out \S+: \S+file is a file, not a folder/);
    expect(cli('calibrate', 'tomato', '--budget', '50', '--runs-per-draw', '1', '--out', dir).err).toMatch(/^clusterlab calibrate: --out \S+ is a folder/);
    fs.rmSync(dir, { recursive: true, force: true });
    // The library's advice names the command's options, not its own.
    const few = cli('calibrate', 'tomato', '--algorithm', 'rejection', '--samples', '20', '--out', path.join(os.tmpdir(), 'never-written.json'));
    expect(few.code).toBe(2);
    expect(few.err).toMatch(/the regression adjustment needs at least \d+ accepted draws .*; raise --samples or --accept so that more draws are kept/);
    // The first model's random search is gone: abc is the one method.
    expect(cli('calibrate', 'tomato', '--method', 'search').err).toMatch(/--method must be abc/);
  });
});

describe('clusterlab sweep', () => {
  it('plans, runs and reports in every format, and refuses what an action would ignore', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-cli-')), 'urn');
    const planned = cli('sweep', 'plan', 'arthur-urn', '--grid', 'urn.returns=0.5,1', '--replicates', '2', '--out', dir, '--format', 'json');
    expect(planned.code).toBe(0);
    expect(JSON.parse(planned.out)).toMatchObject({ model: 'arthur-urn', points: 2, replicates: 2, runs: 4 });
    expect(cli('sweep', 'run', dir, '--executor', 'serial').code).toBe(0);
    for (const action of ['status', 'collect']) {
      expect(JSON.parse(cli('sweep', action, dir, '--format', 'json').out)).toMatchObject({ model: 'arthur-urn', failed: 0, missing: 0 });
      const csv = cli('sweep', action, dir, '--format', 'csv').out.trim().split('\n');
      expect(csv).toHaveLength(2);
      expect(csv[1].split(',')).toHaveLength(csv[0].split(',').length);
    }
    const refused: [string[], string][] = [
      [['status', dir, '--grid', 'urn.returns=2'], '--grid does not apply to sweep status; it takes --format'],
      [['status', dir, 'extra'], "unexpected argument 'extra' (usage: sweep status DIR)"],
      [['collect', dir, '--replicates', '3'], '--replicates does not apply to sweep collect'],
      [['run', dir, '--grid', 'urn.returns=2'], 'is planned already; --grid applies when planning'],
      [['run', path.join(dir, 'none')], 'is not a sweep folder (no plan.json); to plan and run a model: sweep run <model> --out DIR'],
      [['resume', dir, '--slurm', '--workers', '2'], '--workers is for running here; it cannot go with --slurm'],
      [['resume', dir, '--partition', 'short'], '--partition goes with --slurm'],
      [['run-shard', dir, '9'], "shard number K must be a whole number in [0, 3], got '9'"],
      [
        ['plan', 'arthur-urn', '--out', `${dir}-2`, '--grid', 'urn.returns=1,2', '--set', 'urn.returns=3'],
        '--set urn.returns and --grid urn.returns both give',
      ],
      [['plan', 'arthur-urn', '--out', `${dir}-2`, '--grid', 'urn.returns=1', '--grid', 'urn.returns=2'], '--grid urn.returns given twice'],
      [['plan', 'arthur-urn', '--out', `${dir}-2`, '--grid', 'urn.returns=1,2,1.0'], '--grid urn.returns lists 1 twice'],
      [['plan', 'arthur-urn', '--out', path.join(dir, 'plan.json')], 'plan.json is a file; give a folder'],
      [['plan', 'arthur-urn', '--out', `${dir}-2`, '--set', 'urn.returns=1', '--set', 'urn.returns=2'], '--set urn.returns given twice'],
    ];
    for (const [args, message] of refused) {
      const r = cli('sweep', ...args);
      expect(r.code).toBe(2);
      expect(r.err).toContain(message);
    }
    // sbatch installed but unable to reach its controller is told apart from no sbatch at all.
    const fake = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-sbatch-'));
    fs.writeFileSync(path.join(fake, 'sbatch'), '#!/bin/sh\necho "sbatch: error: resolve_ctls_from_dns_srv: res_nsearch error" >&2\nexit 1\n', { mode: 0o755 });
    const waiting = `${dir}-waiting`;
    expect(cli('sweep', 'plan', 'arthur-urn', '--grid', 'urn.returns=0.5,1', '--replicates', '2', '--out', waiting).code).toBe(0);
    const withPath = (PATH: string) =>
      spawnSync(process.execPath, [BIN, 'sweep', 'submit', waiting, '--slurm'], { encoding: 'utf8', env: { ...process.env, PATH } });
    const unconfigured = withPath(`${fake}${path.delimiter}${process.env.PATH}`);
    expect(unconfigured.status).not.toBe(0);
    expect(unconfigured.stderr).toContain("sbatch is installed but 'sbatch --version' failed (sbatch: error: resolve_ctls_from_dns_srv");
    const absent = withPath(fs.mkdtempSync(path.join(os.tmpdir(), 'no-sbatch-')));
    expect(absent.status).not.toBe(0);
    expect(absent.stderr).toContain('sbatch was not found');
    fs.writeFileSync(path.join(dir, 'plan.json'), 'garbage');
    const garbled = cli('sweep', 'status', dir);
    expect(garbled.code).toBe(2);
    expect(garbled.err).toMatch(/^clusterlab sweep: .*plan\.json is not JSON \(/);
  });
});
