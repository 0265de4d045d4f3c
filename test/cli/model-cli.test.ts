import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve(__dirname, '../../bin/clusterlab.js');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The command's output piped into `head -1`, which closes the pipe after one line. */
function headOne(...args: string[]) {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('sh', ['-c', `${quoted} | head -1`], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('clusterlab model commands', () => {
  it('scenarios lists cases, counterfactuals and baselines; --parameters adds the schema', () => {
    const r = cli('scenarios');
    expect(r.code).toBe(0);
    for (const name of ['tomato', 'salmon/no-state', 'arthur-urn', 'foreign-imitation']) expect(r.out).toContain(name);
    const p = cli('scenarios', '--parameters');
    expect(p.out).toMatch(/mechanisms\.association {2}true\|false on\/off; default tomato true, salmon true/);
    expect(p.out).toContain('Perez-Aleman 2005, 3.1');
  });

  it('simulate prints tidy csv rows scenario,year,metric,median,p05,p95,n', () => {
    const r = cli('simulate', 'tomato', '--seeds', '3', '--set', 'mechanisms.association=false', '--metric', 'processors');
    expect(r.code).toBe(0);
    // The provenance heads the csv as '# ' lines; the rows follow.
    const comments = r.out.split('\n').filter((l) => l.startsWith('# '));
    expect(comments.join('\n')).toContain('# label: tomato (mechanisms.association=false)');
    expect(comments.join('\n')).toMatch(/# overrides: \{"mechanisms.association":false\}/);
    expect(comments.join('\n')).toMatch(/# fingerprint: [0-9a-f]{16}, clusterlab /);
    const lines = r.out
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('#'));
    expect(lines[0]).toBe('scenario,year,metric,median,p05,p95,n');
    expect(lines.length).toBe(1 + 36);
    expect(lines[1]).toMatch(/^tomato,1965,processors,[\d.]+,[\d.]+,[\d.]+,3$/);
    const json = JSON.parse(cli('simulate', 'salmon', '--seeds', '2', '--format', 'json', '--metric', 'firms').out);
    expect(json.rows[0]).toMatchObject({ scenario: 'salmon', year: 1969, metric: 'firms', n: 2 });
    expect(json.provenance).toMatchObject({ model: 'salmon', label: 'salmon', overrides: {}, masterSeed: 0 });
    expect(json.provenance.seeds).toHaveLength(2);
    expect(cli('simulate', 'salmon', '--seeds', '2', '--format', 'table', '--metric', 'firms').out).toMatch(
      /^# label: salmon\n[\s\S]*\nscenario +year +metric/,
    );
  });

  it('names the problem on bad input and exits 2', () => {
    const bad = cli('simulate', 'tomatoe');
    expect(bad.code).toBe(2);
    // A near miss is named first: the lists after it run to dozens of names.
    expect(bad.err).toContain("unknown scenario 'tomatoe' (did you mean 'tomato'?); scenarios: tomato,");
    expect(cli('simulate', 'salmon/no-stat').err).toContain("unknown scenario 'salmon/no-stat' (did you mean 'salmon/no-state'?)");
    expect(cli('simulate', 'zzz').err).toContain("unknown scenario 'zzz'; scenarios: tomato,");
    const path = cli('simulate', 'tomato', '--set', 'mechanisms.asociation=false');
    expect(path.code).toBe(2);
    expect(path.err).toContain("unknown parameter 'mechanisms.asociation' for model 'tomato' (did you mean 'mechanisms.association'?).");
    expect(cli('sensitivity', 'salmon', '--method', 'morris', '--params', 'entry.demonstation').err).toContain(
      "unknown parameter 'entry.demonstation' of model 'salmon' (did you mean 'entry.demonstration'?); parameters:",
    );
    const value = cli('simulate', 'tomato', '--set', 'perception.selfSigma=7');
    expect(value.code).toBe(2);
    expect(value.err).toContain("parameter 'perception.selfSigma' = 7 is out of range: must be a number in [0.001, 1]");
    const noEq = cli('simulate', 'tomato', '--set', 'perception.selfSigma');
    expect(noEq.err).toContain('--set expects path=value');
    for (const s of ['0', '-3', 'many', '2.5']) {
      const seeds = cli('simulate', 'tomato', '--seeds', s);
      expect(seeds.code).toBe(2);
      expect(seeds.err).toContain(`--seeds must be a whole number of runs in [1, 100000], got '${s}'`);
    }
    expect(cli('simulate', 'tomato', '--format', 'xml').err).toContain('--format must be csv, json or table');
    expect(cli('simulate', 'tomato', '--bogus').err).toContain("unknown option '--bogus'");
    expect(cli('targets', 'arthur-urn', '--seeds', '2').err).toContain('has no facts to compare with');
  });

  it('targets prints each fact beside the model, and --strict fails on a missed calibration fact', () => {
    const r = cli('targets', 'salmon', '--seeds', '4');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^# parameters: /m);
    expect(r.out).toMatch(/^fact +role +year +paper +median +p05-p95 +tolerance +result +runs within +by-time fit$/m);
    expect(r.out).toContain('salmon-firms-1997');
    expect(r.out).toMatch(/calibration facts: \d+ of \d+ within tolerance/);
    // Without public experiments the cluster misses its calibration facts: --strict says so.
    const strict = cli('targets', 'salmon/no-state', '--seeds', '4', '--strict');
    expect(strict.out).toContain('FAIL');
    expect(strict.code).toBe(1);
  });

  it('stops quietly when the reader closes the pipe (| head), with no EPIPE stack trace', () => {
    const r = headOne('scenarios', '--parameters', '--format', 'csv');
    expect(r.out).toBe('model,path,kind,min,max,choices,default,unit,meaning,source\n');
    expect(r.err).toBe('');
  });

  it('takes -h for --help, refuses other one-dash options, and sends usage errors to stderr', () => {
    const h = cli('simulate', '-h');
    expect(h.code).toBe(0);
    expect(h.out).toMatch(/^usage: clusterlab simulate/);
    // The usage line lists every option the command takes, --events among them.
    expect(h.out.split('\n')[0]).toContain('[--events]');
    const n = cli('simulate', 'tomato', '-n', '3');
    expect(n.code).toBe(2);
    expect(n.err).toContain("unknown option '-n'");
    for (const args of [[], ['sweep']]) {
      const r = cli(...args);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/^usage: clusterlab/);
    }
  });

  it('refuses a parameter set twice in every command, as sweep does, instead of taking the last value', () => {
    for (const args of [
      ['simulate', 'salmon', '--set', 'market.requirement=0.5', '--set', 'market.requirement=0.6'],
      ['targets', 'tomato', '--set', 'market.requirement = 0.5', '--set', 'market.requirement=0.6'],
      ['figure', 'salmon', '--set', 'market.requirement=0.5', '--set', 'market.requirement=0.6', '--out', path.join(os.tmpdir(), 'never.png')],
    ]) {
      const r = cli(...args);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--set market.requirement given twice; give it once');
    }
  });

  it('a usage error is the message, the usage line and where the options are, not the whole help above which it scrolls away', () => {
    for (const args of [
      ['calibrate', 'tomato', '--budget', '10'],
      ['sweep', 'plan', 'arthur-urn', '--grid', 'urn.returns', '--out', path.join(os.tmpdir(), 'never-planned')],
      ['simulate', 'salmon', '--seeds', '0'],
    ]) {
      const r = cli(...args);
      expect(r.code).toBe(2);
      const lines = r.err.trimEnd().split('\n');
      expect(lines[0]).toMatch(new RegExp(`^clusterlab ${args[0]}: --`));
      expect(lines[1]).toMatch(new RegExp(`^usage: clusterlab ${args[0]} `));
      expect(lines[lines.length - 1]).toBe(`Run \`clusterlab ${args[0]} --help\` for every option.`);
      expect(lines.length).toBeLessThanOrEqual(5);
    }
  });

  it('refuses options that the chosen mode would ignore', () => {
    const events = cli('simulate', 'tomato', '--events', '--format', 'json');
    expect(events.code).toBe(2);
    expect(events.err).toContain('--events prints the event log of one run (seed 1) as text; it does not take --format');
    // A label heads the csv as a '# ' line: a line break would make its rest a data row.
    expect(cli('simulate', 'tomato', '--seeds', '2', '--label', 'a\nb').err).toContain('--label must be one line');
    for (const args of [['scenarios'], ['targets', 'tomato', '--seeds', '2']]) {
      const r = cli(...args, '--json', '--format', 'csv');
      expect(r.code).toBe(2);
      expect(r.err).toContain('--json is --format json; it cannot go with --format csv');
    }
  });

  it('figure: a missing folder, a model without a network and --seed with the time series are usage errors', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'figure-'));
    const missing = cli('figure', 'salmon', '--out', path.join(dir, 'none', 'f.svg'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^clusterlab figure: --out: folder .*none does not exist/);
    fs.writeFileSync(path.join(dir, 'file'), '');
    const underFile = cli('figure', 'salmon', '--out', path.join(dir, 'file', 'f.svg'));
    expect(underFile.code).toBe(2);
    expect(underFile.err).toMatch(/^clusterlab figure: --out \S+f\.svg: \S+file is a file, not a folder\n/);
    fs.mkdirSync(path.join(dir, 'folder.png'));
    const folder = cli('figure', 'salmon', '--out', path.join(dir, 'folder.png'));
    expect(folder.code).toBe(2);
    expect(folder.err).toMatch(/^clusterlab figure: --out \S+folder\.png is a folder; give a file name\n/);
    fs.rmSync(path.join(dir, 'file'));
    fs.rmdirSync(path.join(dir, 'folder.png'));
    const urn = cli('figure', 'arthur-urn', '--out', path.join(dir, 'u.svg'));
    expect(urn.code).toBe(2);
    expect(urn.err).toMatch(/^clusterlab figure: model 'arthur-urn' records no network; use --view timeseries/);
    const seed = cli('figure', 'salmon', '--out', path.join(dir, 't.svg'), '--view', 'timeseries', '--seeds', '2', '--seed', '3');
    expect(seed.code).toBe(2);
    expect(seed.err).toContain('--seed applies to --view network');
    // --scale is named as the option, not as the library's argument.
    expect(cli('figure', 'salmon', '--out', path.join(dir, 'f.png'), '--scale', '0').err).toMatch(
      /^clusterlab figure: --scale must be a number in \(0, 8\], got '0'/,
    );
    expect(cli('figure', 'salmon', '--out', path.join(dir, 'f.svg'), '--scale', '2').err).toMatch(/^clusterlab figure: --scale applies to .png output only/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('install and uninstall: bad location options are usage errors (exit 2), before anything is touched', () => {
    const cases: [string[], string][] = [
      [['install', '--bogus'], "clusterlab install: unknown option '--bogus'"],
      [['install', '--prefix', '--user'], "clusterlab install: --prefix needs a directory, got '--user'"],
      [['uninstall', '--user', '--data-dir', '/nowhere'], 'clusterlab uninstall: choose one install location'],
    ];
    for (const [args, message] of cases) {
      const r = cli(...args);
      expect(r.code).toBe(2);
      expect(r.err.startsWith(message)).toBe(true);
      expect(r.out).toBe('');
    }
  });
});
