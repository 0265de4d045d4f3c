import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getModel } from '../../dist/src/index';
import { asCell, readCsv, rowObjects } from '../support/csv';

const BIN = path.resolve(__dirname, '../../bin/clusterlab.js');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Whether the committed posterior file of a model matches the model as built now. */
function posteriorMatches(name: string): boolean {
  const file = path.resolve(__dirname, `../../src/data/posteriors/${name}.json`);
  return fs.existsSync(file) && JSON.parse(fs.readFileSync(file, 'utf8')).fingerprint === getModel(name).fingerprint;
}

describe('clusterlab targets over the posterior', () => {
  it('json: every fact with median, interval, pass and its role in the fit; the parameters said', () => {
    const r = cli('targets', 'tomato', '--seeds', '6', '--format', 'json');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out);
    expect(res.source).toBe(posteriorMatches('tomato') ? 'posterior' : 'defaults');
    expect(res.sourceNote).toMatch(res.source === 'posterior' ? /posterior draws of .*tomato\.json/ : /defaults/);
    const roles = Object.fromEntries(res.rows.map((x: { id: string; role: string }) => [x.id, x.role]));
    expect(roles).toMatchObject({
      'tomato-processors-1985': 'calibration',
      'tomato-processors-1995': 'heldOutByTime',
      'tomato-turning-point': 'calibration',
      'tomato-foreign-1995': 'heldOutByKind',
    });
    for (const row of res.rows) expect(Object.keys(row)).toEqual(expect.arrayContaining(['median', 'p05', 'p95', 'tolerance', 'pass']));
    expect(res.unscored.map((u: { id: string }) => u.id)).toContain('tomato-pilot-start');
  });

  it('csv with provenance lines and table with misses, with --defaults ignoring the posterior', () => {
    const csv = cli('targets', 'salmon', '--seeds', '4', '--format', 'csv', '--defaults');
    expect(csv.code).toBe(0);
    const lines = csv.out.trim().split('\n');
    expect(lines[1]).toMatch(/^# parameters: the model's defaults \(asked for\)/);
    expect(lines[3]).toBe('id,metric,year,value,unit,median,p05,p95,n,tolerance,pass,runsWithin,role,byTimeMedian,byTimePass,section');
    expect(lines.filter((l) => !l.startsWith('#'))).toHaveLength(1 + 19);
    const table = cli('targets', 'salmon', '--seeds', '4');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/held out by kind: \d+ of 9 within tolerance/);
    expect(table.out).toMatch(/^misses: /m);
    expect(table.out).toMatch(/^why they miss: docs\/calibration\.md, 'Where the fit stands'/m);
    expect(csv.out).not.toContain('why they miss'); // --defaults: not the fit the notes explain
    expect(cli('targets', 'salmon', '--seeds', '1').err).toMatch(/--seeds must be at least 2/);
    // Facts the rival without an association never produces are said in words, not as NaN.
    const rival = cli('targets', 'foreign-imitation', '--seeds', '4', '--defaults');
    expect(rival.out).toMatch(/^salmon-apstc-founded .* 1986 +not produced +- +±2 +FAIL/m);
    expect(rival.out).toMatch(/salmon-apstc-founded \(paper 1986, model: not produced\)/);
    expect(rival.out).not.toContain('NaN');
  });

  it('--vary draws a fixed parameter in every run and says so; a bad range names the field and the range', () => {
    const r = cli('targets', 'salmon', '--seeds', '4', '--vary', 'entry.sites=400:600', '--format', 'json');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out);
    expect(res.varied).toEqual([{ path: 'entry.sites', low: 400, high: 600 }]);
    expect(res.sourceNote).toMatch(/drawn uniformly in each run: entry\.sites 400-600$/);
    const table = cli('targets', 'salmon', '--seeds', '4', '--vary', 'entry.sites=400:600');
    expect(table.out).toMatch(/^# parameters: .*drawn uniformly in each run: entry\.sites 400-600$/m);
    expect(table.out).not.toContain('why they miss'); // not the committed fit the notes explain
    const bad = cli('targets', 'salmon', '--seeds', '4', '--vary', 'entry.sites=0:600');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/vary entry\.sites: 0:600 leaves the parameter's range \[1, 100000\]/);
  });
});

describe('clusterlab hypotheses', () => {
  it('--vary draws a fixed parameter per posterior draw and says so; not a calibrated one; it needs --model', () => {
    // An explored parameter the committed tomato calibration kept, and one it left at its default.
    const model = getModel('tomato');
    const calibrated: string[] = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../src/data/posteriors/tomato.json'), 'utf8')).fit.posterior.parameters;
    const fixed = model.parameters.find((p) => p.explore && !calibrated.includes(p.path))!.path;
    const r = cli('hypotheses', '--model', 'tomato', '--draws', '2', '--seeds', '1', '--vary', fixed, '--format', 'json');
    expect(r.code).toBe(0);
    const [res] = JSON.parse(r.out);
    const [low, high] = model.parameter(fixed).explore!;
    expect(res.varied).toEqual([{ path: fixed, low, high }]);
    expect(res.sourceNote).toContain(`drawn uniformly for each draw: ${fixed} `);
    const again = cli('hypotheses', '--model', 'tomato', '--draws', '2', '--seeds', '1', '--vary', calibrated[0]);
    expect(again.code).toBe(2);
    expect(again.err).toContain(`vary ${calibrated[0]}: it is calibrated, so its posterior draws already carry its uncertainty`);
    const bad = cli('hypotheses', '--vary', 'entry.sites=400:600');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--vary needs --model/);
  });

  it('json and table: each hypothesis with measure, estimate, interval, share of draws supporting and verdict', () => {
    const r = cli('hypotheses', '--model', 'tomato', '--draws', '2', '--seeds', '1', '--format', 'json');
    expect(r.code).toBe(0);
    // An array with one entry per model, also when one model is asked for.
    const parsed = JSON.parse(r.out);
    expect(Array.isArray(parsed) && parsed.length).toBe(1);
    const res = parsed[0];
    expect(res.model).toBe('tomato');
    expect(res.rows.map((x: { id: string }) => x.id)).toEqual(['H1', 'H1b', 'H2', 'H2b', 'H2c', 'H2e', 'H2d', 'H3', 'H4', 'H4b', 'H4c', 'H5', 'H5b', 'H5c']);
    for (const row of res.rows) expect(['supported', 'contradicted', 'inconclusive', 'no prediction', 'not tested']).toContain(row.verdict);
    expect(res.rule).toMatch(/supported when at least 90%/);
    const table = cli('hypotheses', '--model', 'salmon', '--draws', '2', '--seeds', '1');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^id +measure +alternative vs baseline +predicts +baseline +alternative +effect +p05 +p95 +draws supporting +verdict$/m);
    expect(table.out).toMatch(/^H6 +mean export share of the 20 largest firms, 1996-2003 +no acquisitions vs baseline +lower/m);
    expect(cli('hypotheses', '--model', 'urn').err).toMatch(/--model must be one of tomato, salmon/);
    expect(cli('hypotheses', '--format', 'xml').err).toMatch(/--format must be table, json or csv, got 'xml'/);
    // A text seed, as simulate, sensitivity and calibrate take one (it was refused as not a whole number).
    const texted = cli('hypotheses', '--model', 'tomato', '--draws', '2', '--seeds', '1', '--seed', 'chile', '--format', 'json');
    expect(texted.code).toBe(0);
    expect(JSON.parse(texted.out)[0].rows).toHaveLength(res.rows.length);
    // csv: one row per hypothesis under the provenance, the same ids as json gives.
    const csv = cli('hypotheses', '--model', 'tomato', '--draws', '2', '--seeds', '1', '--format', 'csv');
    expect(csv.code).toBe(0);
    expect(csv.out).toMatch(/^# tomato \(fingerprint [0-9a-f]{16}\): /);
    const [header, ...rows] = csv.out
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('#'));
    expect(header).toBe(
      'model,id,measure,baseline,alternative,predicts,baselineMedian,alternativeMedian,estimate,p05,p95,pairs,supportShare,verdict,note,statement,posterior',
    );
    expect(rows.map((l) => l.split(',')[1])).toEqual(res.rows.map((x: { id: string }) => x.id));
  }, 240_000);
});

describe('clusterlab calibrate --method abc (pipeline)', () => {
  it('takes the screening trajectories and the ABC step from the command line, and records both', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterlab-calibrate-'));
    const run = (...extra: string[]) => {
      const out = path.join(dir, `tomato${extra.join('')}.json`);
      const r = cli(
        'calibrate',
        'tomato',
        '--method',
        'abc',
        '--budget',
        '100',
        '--runs-per-draw',
        '1',
        '--trajectories',
        '2',
        '--seed',
        '3',
        '--workers',
        '1',
        '--out',
        out,
        ...extra,
      );
      expect(r.code, r.err).toBe(0);
      return JSON.parse(fs.readFileSync(out, 'utf8'));
    };
    const plain = run();
    expect([plain.settings.trajectories, plain.settings.regression, plain.fit.regression]).toEqual([2, false, false]);
    const adjusted = run('--regression');
    expect(adjusted.settings.regression).toBe(true);
    // A calibration written with --out is judged by targets and hypotheses with --posterior.
    const plainFile = path.join(dir, 'tomato.json');
    const judged = cli('targets', 'tomato', '--posterior', plainFile, '--seeds', '10', '--workers', '1', '--format', 'json');
    expect(judged.code, judged.err).toBe(0);
    const judgedJson = JSON.parse(judged.out);
    expect([judgedJson.source, judgedJson.sourceNote]).toEqual(['posterior', expect.stringContaining(`${plainFile} (seed 3, `)]);
    expect(cli('targets', 'salmon', '--posterior', plainFile).err).toMatch(/is a calibration of 'tomato', not of 'salmon'/);
    expect(cli('targets', 'tomato', '--posterior', path.join(dir, 'none.json')).err).toMatch(/none\.json does not exist/);
    expect(cli('targets', 'tomato', '--posterior', plainFile, '--defaults').err).toMatch(/--posterior and --defaults exclude each other/);
    const h = cli('hypotheses', '--model', 'tomato', '--posterior', plainFile, '--draws', '2', '--seeds', '2', '--workers', '1', '--format', 'json');
    expect(h.code, h.err).toBe(0);
    expect(JSON.parse(h.out)[0].sourceNote).toContain(plainFile);
    expect(cli('hypotheses', '--model', 'salmon', '--posterior', plainFile).err).toMatch(/calibrates 'tomato', which is not among salmon/);
    const compared = cli('compare', 'tomato', 'tomato-foreign-imitation', '--posterior', plainFile, '--draws', '2', '--seeds', '2', '--workers', '1');
    expect(compared.code, compared.err).toBe(0);
    expect(compared.out).toContain(`tomato (fingerprint ${judgedJson.fingerprint}): posterior draws of ${plainFile}`);
    const capped = run('--max-kept', '3');
    expect(capped.settings.maxKept).toBe(3);
    expect(capped.screening.rows.filter((row: { selected: boolean }) => row.selected).length).toBeLessThanOrEqual(3);
    expect(plain.settings.maxKept).toBe(8);
    expect(cli('calibrate', 'tomato', '--method', 'abc', '--max-kept', '0').err).toMatch(/--max-kept must be a whole number in \[1, 100\], got '0'/);
    const included = run('--max-kept', '3', '--include', 'association.costUSD=50000:300000');
    expect(included.settings.include).toEqual(['association.costUSD=50000:300000']);
    expect(included.screening.rows.find((row: { parameter: string }) => row.parameter === 'association.costUSD')).toMatchObject({
      selected: true,
      low: 50000,
      high: 300000,
    });
    expect(included.fit.posterior.parameters).toContain('association.costUSD');
    expect(cli('calibrate', 'tomato', '--method', 'abc', '--include', 'association.nosuch').err).toMatch(/unknown parameter 'association\.nosuch'/);
    const everyFact = run('--fit-on', 'all');
    expect([plain.settings.fitOn, everyFact.settings.fitOn]).toEqual([undefined, 'all']);
    expect([plain.fit.facts.includes('tomato-foreign-1995'), everyFact.fit.facts.includes('tomato-foreign-1995')]).toEqual([false, true]);
    const everyFactTargets = cli(
      'targets',
      'tomato',
      '--posterior',
      path.join(dir, 'tomato--fit-onall.json'),
      '--seeds',
      '4',
      '--workers',
      '1',
      '--format',
      'json',
    );
    expect(JSON.parse(everyFactTargets.out).sourceNote).toContain('fitted on every fact (--fit-on all), so no fact below is held out of it');
    expect(cli('calibrate', 'tomato', '--method', 'abc', '--fit-on', 'some').err).toMatch(/--fit-on must be calibration or all, got 'some'/);
    const apmc = run('--sampler', 'apmc');
    expect([plain.settings.sampler, apmc.settings.sampler, apmc.fit.posterior.method]).toEqual([undefined, 'apmc', 'apmc']);
    expect(cli('calibrate', 'tomato', '--method', 'abc', '--sampler', 'smc').err).toMatch(/--sampler must be rejection or apmc, got 'smc'/);
    expect(cli('calibrate', 'tomato', '--method', 'abc', '--sampler', 'apmc', '--regression').err).toMatch(/--regression goes with --sampler rejection/);
    expect(cli('calibrate', 'tomato', '--method', 'abc', '--trajectories', '1').err).toMatch(/--trajectories must be a whole number in \[2, 1000\], got '1'/);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 240_000);

  it('--settings-of makes a calibration again from the settings and seed its file records, options given beside it overriding them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterlab-settings-of-'));
    const first = path.join(dir, 'first.json');
    const made = cli(
      ...['calibrate', 'tomato', '--method', 'abc', '--budget', '120', '--runs-per-draw', '2', '--trajectories', '2', '--max-kept', '3'],
      ...['--include', 'association.costUSD=50000:300000', '--seed', '5', '--workers', '1', '--out', first],
    );
    expect(made.code, made.err).toBe(0);
    const again = path.join(dir, 'again.json');
    const remade = cli('calibrate', 'tomato', '--settings-of', first, '--workers', '2', '--out', again);
    expect(remade.code, remade.err).toBe(0);
    expect(remade.err).toContain(`# settings of ${first} (a calibration of tomato, seed 5)`);
    // The same bytes: settings, seed and every draw, whatever the number of workers.
    expect(fs.readFileSync(again, 'utf8')).toBe(fs.readFileSync(first, 'utf8'));

    // Hypotheses judged under two calibrations of one model, lined up hypothesis by hypothesis.
    const twice = cli('hypotheses', '--model', 'tomato', '--posterior', first, '--posterior', again, '--draws', '2', '--seeds', '1', '--workers', '1');
    expect(twice.code, twice.err).toBe(0);
    expect(twice.out).toMatch(
      new RegExp(
        `^# tomato over 2 calibrations \\(1: ${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, 2: .*again\\.json\\): 14 of 14 verdicts the same under every one$`,
        'm',
      ),
    );
    const twiceCsv = cli(
      'hypotheses',
      '--model',
      'tomato',
      '--posterior',
      first,
      '--posterior',
      again,
      '--draws',
      '2',
      '--seeds',
      '1',
      '--workers',
      '1',
      '--format',
      'csv',
    );
    const csvRows = rowObjects(readCsv(twiceCsv.out));
    expect(csvRows).toHaveLength(28);
    expect([...new Set(csvRows.map((row) => row.posterior))]).toEqual([first, again]);
    // compare takes one calibration per model.
    expect(cli('compare', 'tomato', 'tomato-foreign-imitation', '--posterior', first, '--posterior', again).err).toMatch(/two posterior files for 'tomato'/);

    const otherSeed = path.join(dir, 'seed6.json');
    expect(cli('calibrate', 'tomato', '--settings-of', first, '--seed', '6', '--trajectories', '3', '--workers', '1', '--out', otherSeed).code).toBe(0);
    const overridden = JSON.parse(fs.readFileSync(otherSeed, 'utf8'));
    const original = JSON.parse(fs.readFileSync(first, 'utf8'));
    expect(overridden.seed).toBe('6');
    expect(overridden.settings).toEqual({ ...original.settings, trajectories: 3 });

    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, JSON.stringify({ ...original, settings: { ...original.settings, trajectories: 1 } }));
    expect(cli('calibrate', 'tomato', '--settings-of', broken).err).toMatch(
      /settings\.trajectories must be a whole number in \[2, 1000\] \(as --trajectories\), got 1/,
    );
    expect(cli('calibrate', 'tomato', '--settings-of', path.join(dir, 'none.json')).err).toMatch(/none\.json does not exist/);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 240_000);

  it("judges the same settings over a set of calibration seeds: each seed's fit, the mean and the spread", () => {
    const args = ['calibrate', 'tomato', '--method', 'abc', '--budget', '100', '--runs-per-draw', '1', '--trajectories', '2', '--workers', '1'];
    const r = cli(...args, '--seed-set', '3,4', '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const res = JSON.parse(r.out);
    expect(res.model).toBe('tomato');
    expect(res.seeds.map((s: { seed: string }) => s.seed)).toEqual(['3', '4']);
    const passed = res.seeds.map((s: { passed: number; facts: number; misses: string[] }) => {
      expect(s.facts).toBe(7);
      expect(s.misses).toHaveLength(s.facts - s.passed);
      return s.passed;
    });
    expect(res.mean).toBeCloseTo((passed[0] + passed[1]) / 2, 10);
    expect(res.spread).toBe(Math.abs(passed[0] - passed[1]));
    expect(res.seeds[0].record).toBeUndefined();
    // The two seeds' screenings are drawn apart, so they keep different parameters or score differently.
    expect(JSON.stringify(res.seeds[0])).not.toBe(JSON.stringify({ ...res.seeds[1], seed: '3' }));
    // csv: a row per seed with the json's numbers, the mean and spread in the comment lines.
    const csv = cli(...args, '--seed-set', '3,4', '--format', 'csv');
    expect(csv.code, csv.err).toBe(0);
    const table = readCsv(csv.out);
    expect(table.comments[0]).toBe(
      `# calibration of tomato (fingerprint ${res.fingerprint}) over seeds 3, 4: facts within tolerance over ${res.runs} runs of each seed's posterior`,
    );
    expect(table.comments).toContain(`# mean: ${res.mean}, spread: ${res.spread}`);
    expect(table.comments.some((l) => l.startsWith('# settings: budget=100, replicates=1, trajectories=2,'))).toBe(true);
    expect(table.header).toEqual(['seed', 'passed', 'facts', 'kept', 'misses']);
    expect(table.rows).toEqual(
      res.seeds.map((s: { seed: string; passed: number; facts: number; kept: string[]; misses: string[] }) => [
        s.seed,
        String(s.passed),
        String(s.facts),
        s.kept.join(' '),
        s.misses.join(' '),
      ]),
    );
    // Fitted on every fact, the set says so in json, in its table's caption and in csv's settings line.
    expect(res.fitOn).toBeUndefined();
    const everyFact = cli(...args, '--seed-set', '3,4', '--fit-on', 'all', '--format', 'json');
    expect(JSON.parse(everyFact.out).fitOn).toBe('all');
    const everyFactText = cli(...args, '--seed-set', '3,4', '--fit-on', 'all');
    expect(everyFactText.out).toContain("runs of each seed's posterior, each fitted on every fact (--fit-on all); mean");
    expect(cli(...args, '--seed-set', '3,4', '--fit-on', 'all', '--format', 'csv').out).toMatch(/# settings: .*fitOn=all/);
    expect(cli(...args, '--seed-set', '3,4', '--format', 'xml').err).toMatch(/--format must be table, json or csv, got 'xml'/);
    expect(cli(...args, '--seed-set', '3').err).toMatch(/a seed set needs at least two seeds, got 1/);
    expect(cli(...args, '--seed-set', '3,3').err).toMatch(/the seed set repeats a seed/);
    expect(cli(...args, '--seed-set', '3,4', '--write').err).toMatch(/--seed-set judges settings .* leave out --write/);
  }, 240_000);

  it("csv: the screening, each fit's identification and fact checks in one table, the same numbers as json", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterlab-calibrate-csv-'));
    const args = ['calibrate', 'tomato', '--method', 'abc', '--budget', '100', '--runs-per-draw', '1', '--trajectories', '2', '--seed', '3', '--workers', '1'];
    const json = cli(...args, '--format', 'json');
    expect(json.code, json.err).toBe(0);
    const record = JSON.parse(json.out);
    const out = path.join(dir, 'tomato.json');
    const csv = cli(...args, '--format', 'csv', '--out', out);
    expect(csv.code, csv.err).toBe(0);
    const table = readCsv(csv.out);
    // The comment lines: model, fingerprint, seed, settings, the fits, where the file went.
    for (const line of table.comments) expect(line).toMatch(/^# \S/);
    expect(table.comments[0]).toBe(`# calibration of tomato (fingerprint ${record.fingerprint}, seed 3)`);
    expect(table.comments).toContain(
      `# settings: ${Object.entries(record.settings)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
    );
    expect(table.comments).toContain(`# written to ${out}`);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).fit).toEqual(record.fit);
    // One header, a constant column count.
    expect(new Set(table.header).size).toBe(table.header.length);
    for (const row of table.rows) expect(row).toHaveLength(table.header.length);
    const rows = rowObjects(table);
    const pick = (r: Record<string, string>, cols: string[]) => cols.map((c) => r[c]);
    const screening = rows.filter((r) => r.table === 'screening');
    expect(screening.map((r) => pick(r, ['fit', 'name', 'low', 'high', 'muStar', 'mu', 'sigma', 'selected']))).toEqual(
      record.screening.rows.map((s: Record<string, unknown>) => ['', s.parameter, s.low, s.high, s.muStar, s.mu, s.sigma, s.selected].map(asCell)),
    );
    let count = screening.length;
    for (const fit of ['fit', 'validationByTime']) {
      const ident = rows.filter((r) => r.table === 'identification' && r.fit === fit);
      expect(ident.map((r) => pick(r, ['name', 'low', 'high', 'p05', 'median', 'p95', 'widthRatio', 'verdict']))).toEqual(
        record[fit].identification.map((x: { prior: number[] } & Record<string, unknown>) =>
          [x.parameter, x.prior[0], x.prior[1], x.p05, x.median, x.p95, x.widthRatio, x.verdict].map(asCell),
        ),
      );
      const checks = rows.filter((r) => r.table === 'check' && r.fit === fit);
      const cols = ['metric', 'role', 'year', 'value', 'tolerance', 'median', 'p05', 'p95', 'n', 'pass', 'covered'];
      expect(checks.map((r) => [r.name, ...pick(r, cols)])).toEqual(
        record[fit].predictive.map((x: Record<string, unknown>) => [x.id, ...cols.map((c) => x[c])].map(asCell)),
      );
      expect(ident.length).toBeGreaterThan(0);
      expect(checks.length).toBe(record[fit].predictive.length);
      count += ident.length + checks.length;
    }
    expect(rows).toHaveLength(count);
    // The validation by time's roles differ from the full fit's: the later facts are predicted.
    expect(rows.some((r) => r.table === 'check' && r.fit === 'validationByTime' && r.role === 'heldOutByTime')).toBe(true);
    const unwritten = cli(...args, '--format', 'csv');
    expect(unwritten.code, unwritten.err).toBe(0);
    expect(readCsv(unwritten.out).comments).toContain('# not written (--write stores it in src/data/posteriors/)');
    expect(readCsv(unwritten.out).rows).toEqual(table.rows);
    expect(cli('calibrate', 'tomato', '--method', 'abc', '--format', 'xml').err).toMatch(/--format must be table, json or csv, got 'xml'/);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 240_000);

  it('says once what is wrong with a --posterior file, and what to give instead of ABC draws', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'posterior-cli-'));
    const other = path.join(dir, 'other.json');
    fs.writeFileSync(other, '{"a": 1}');
    const r = cli('targets', 'tomato', '--posterior', other, '--seeds', '2');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^clusterlab targets: posterior file \S*other\.json: not a clusterlab calibration file \(format undefined, version undefined\)\n/);
    const abc = path.join(dir, 'abc.json');
    fs.writeFileSync(abc, '{"format": "clusterlab-abc-posterior", "version": 1, "model": "tomato"}');
    expect(cli('targets', 'tomato', '--posterior', abc, '--seeds', '2').err).toContain(
      "it holds a hand-configured ABC's draws: give the pipeline's file (calibrate <model> --out FILE)",
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a budget out of range and a mix of pipeline and hand-configured options', () => {
    expect(cli('calibrate', 'tomato', '--method', 'abc', '--budget', '10').err).toMatch(/--budget must be a whole number in \[50, 1000000\]/);
    expect(cli('calibrate', 'tomato', '--method', 'abc', '--budget', '100', '--params', 'entry.sites').err).toMatch(/belong to the pipeline/);
    expect(cli('calibrate', 'tomato', '--method', 'search', '--budget', '100').err).toMatch(
      /--method must be abc \(approximate Bayesian computation\), got 'search'/,
    );
    const both = cli('calibrate', 'tomato', '--write', '--out', path.join(os.tmpdir(), 'never-written.json'));
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/^clusterlab calibrate: --write stores the calibration in src\/data\/posteriors\/; --out FILE writes it elsewhere/);
    // The default of 10 runs per draw needs a budget of 500: a smaller budget names the option to lower.
    const small = cli('calibrate', 'salmon', '--budget', '400', '--out', path.join(os.tmpdir(), 'never-written.json'));
    expect(small.code).toBe(2);
    expect(small.err).toMatch(
      /^clusterlab calibrate: --runs-per-draw must be a whole number in \[1, 8\] with --budget 400 \(at least 50 draws\), got 10 \(the default\)/,
    );
    expect(cli('calibrate', 'salmon', '--budget', '400', '--runs-per-draw', '9').err).toMatch(/--runs-per-draw must be .*, got 9\n/);
    // A library error that starts with the command's name says it once.
    expect(cli('calibrate', 'ishigami').err).toMatch(/^clusterlab calibrate: model 'ishigami' has no calibration facts/);
  });
});

describe('clusterlab variance', () => {
  it('csv: the provenance as # lines (model, fingerprint, where each split drew its parameters), then a row per split and fact', () => {
    const r = cli('variance', 'tomato', '--draws', '4', '--seeds', '2', '--workers', '1', '--format', 'csv');
    expect(r.code).toBe(0);
    const csv = readCsv(r.out);
    const comments = csv.comments;
    expect(comments[0]).toMatch(new RegExp(`^# model: tomato \\(fingerprint ${getModel('tomato').fingerprint}\\)$`));
    expect(comments.some((l) => /^# prior: .*; 4 draws x 2 seeds$/.test(l))).toBe(true);
    expect(comments.some((l) => /^# posterior: .*; 4 draws x 2 seeds$/.test(l))).toBe(true);
    expect(comments.some((l) => /^# parameters drawn: /.test(l))).toBe(true);
    expect(comments).toContain('# seed: 0 (draws and runs derive from it)');
    const table = rowObjects(csv);
    expect(table.map((x) => x.over)).toEqual(expect.arrayContaining(['prior', 'posterior']));
    expect(table.find((x) => x.id === 'tomato-turning-point')).toBeDefined();
  });
});
