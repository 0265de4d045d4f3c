import { spawnSync } from 'child_process';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import {
  defineModel,
  derive,
  ensemble,
  ensembleParallel,
  getModel,
  models,
  PRACTICE_COUNT,
  registerModel,
  show,
  simulate,
  targets,
} from '../../dist/src/index';
import { mimeBundle } from '../../dist/kernel/format';
import { TIMESERIES_MIME } from '../../dist/src/views';

const salmon = getModel('salmon');
const tomato = getModel('tomato');
const BIN = path.resolve(__dirname, '../../bin/clusterlab.js');
const last = (e: any, metric: string) => e.summary.filter((r: any) => r.metric === metric).at(-1)!;

/** A model as a user writes it in a cell: logistic growth with seeded noise. */
function cellModel(name = 'logistic') {
  return defineModel({
    name,
    description: 'Logistic growth of a population with seeded noise.',
    years: [2000, 2010],
    parameters: [
      { path: 'growth.rate', kind: 'number', min: 0, max: 2, default: 0.5, unit: 'per year', meaning: 'Growth rate.', source: 'assumption' },
      { path: 'growth.capacity', kind: 'integer', min: 1, max: 1e6, default: 1000, unit: 'people', meaning: 'Carrying capacity.', source: 'assumption' },
      { path: 'noise', kind: 'choice', choices: ['none', 'small'], default: 'small', unit: '', meaning: 'Noise level.', source: 'assumption' },
    ],
    metrics: [{ name: 'population', label: 'Population of the valley', unit: 'people' }],
    run(params: any, seed: number) {
      const { engine } = require('../../dist/src/index');
      const rng = engine.createRng(seed);
      const rec = new engine.Recorder({ startYear: 2000, endYear: 2010, metrics: ['population'] });
      let n = 10;
      for (let y = 2000; y <= 2010; y++) {
        const shock = params.noise === 'small' ? rng.normal(0, 0.05) : 0;
        n += params['growth.rate'] * n * (1 - n / params['growth.capacity']) * (1 + shock);
        rec.record('population', y, n);
      }
      return { record: rec.toRecord(seed) };
    },
  });
}

/** The university of the tour: trains engineers who close local firms' gaps to best practice. */
function withUniversity(base: any) {
  return derive(base, {
    name: `${base.name}+university`,
    parameters: [
      {
        path: 'university.founded',
        kind: 'year',
        min: 1900,
        max: 2100,
        default: 1980,
        unit: 'calendar year',
        meaning: 'Year the university opens.',
        source: 'assumption',
      },
      {
        path: 'university.training',
        kind: 'number',
        min: 0,
        max: 0.5,
        default: 0.08,
        unit: 'share of the gap a year',
        meaning: 'Share of each practice gap to best practice its engineers close each year in local firms.',
        source: 'assumption',
      },
    ],
    metrics: [{ name: 'engineers', label: 'Engineers trained', unit: 'people' }],
    processes: [
      {
        name: 'university',
        after: 'upgrading',
        run: (w: any, p: any) => {
          const open = w.year >= p['university.founded'];
          const { foreign } = w.firms.cols;
          const K = PRACTICE_COUNT;
          const closed = 1 - p['university.training'];
          if (open) for (let i = 0; i < w.firms.end; i++) if (w.firms.alive[i] && !foreign[i]) for (let k = 0; k < K; k++) w.gap[i * K + k] *= closed;
          w.recorder.record('engineers', w.year, open ? 40 * (w.year - p['university.founded'] + 1) : 0);
        },
      },
    ],
  });
}

describe('the model interface', () => {
  it('registers the built-in models, each with a module worker threads can load', () => {
    const names = models().map((m: any) => m.name);
    for (const n of ['tomato', 'salmon', 'arthur-urn', 'schelling', 'ishigami', 'sobol-g']) {
      expect(names).toContain(n);
      const m = getModel(n);
      expect(m.module?.path).toMatch(/\.js$/);
      expect(require(m.module!.path)[m.module!.exportName]).toBe(m);
      expect(m.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(() => getModel('salmonn')).toThrow(/unknown model 'salmonn'; models: tomato, salmon, foreign-imitation, tomato-foreign-imitation, arthur-urn/);
    // The hand-calibrated values are the schema's defaults, marked as calibrated.
    expect(salmon.defaults()['association.memberCostUSD']).toBe(30000);
    expect(tomato.parameter('association.memberCostUSD').sourceKind).toBe('calibrated');
  });

  it('resolves overrides strictly; errors name the field, the value and the allowed range or choices', () => {
    const m = cellModel();
    expect(m.resolve(['growth.rate=1.5', 'noise=none'])).toMatchObject({ 'growth.rate': 1.5, noise: 'none', 'growth.capacity': 1000 });
    expect(m.resolve({ growth: { capacity: 50 } })['growth.capacity']).toBe(50);
    expect(m.resolve(['growth.rate=.25'])['growth.rate']).toBe(0.25);
    expect(() => m.resolve({ 'growth.rate': 3 })).toThrow("parameter 'growth.rate' = 3 is out of range: must be a number in [0, 2] (per year)");
    expect(() => m.resolve({ 'growth.capacity': 2.5 })).toThrow(/'growth.capacity' = 2.5 .*an integer in \[1, 1000000\]/);
    expect(() => m.resolve({ noise: 'loud' })).toThrow(`parameter 'noise' = "loud" is invalid: must be one of none, small`);
    for (const bad of ['0x1', 'NaN', 'Infinity', '-Infinity', '', '1,5', '0b1']) {
      expect(() => m.resolve([`growth.rate=${bad}`])).toThrow(/'growth.rate' = '.*' is not a number: must be a number in \[0, 2\]/);
    }
    expect(() => m.resolve({ 'growth.rate': NaN })).toThrow(/'growth.rate' = NaN is out of range/);
    expect(() => m.resolve({ 'growth.rate': Infinity })).toThrow(/'growth.rate' = Infinity is out of range/);
    expect(() => m.resolve(['growth.rat=1'])).toThrow(
      "unknown parameter 'growth.rat' for model 'logistic' (did you mean 'growth.rate'?). Parameters under 'growth': growth.rate, growth.capacity.",
    );
    expect(() => m.resolve(['speed=1'])).toThrow('Parameters: growth.rate, growth.capacity, noise.');
    expect(() => simulate('arthur-urn', { set: { 'urn.favoured': 7 } })).toThrow(/'urn.favoured' = 7 is out of range: must be an integer in \[0, 4\]/);
    expect(() =>
      defineModel({
        ...cellModel(),
        name: 'bad',
        parameters: [{ path: 'x', kind: 'number', min: 0, max: 1, default: 2, unit: '', meaning: '', source: '' }],
      } as any),
    ).toThrow(/defineModel\('bad'\): default of parameter 'x' = 2 is out of range/);
  });

  it('refuses seeds that are not finite numbers or strings, in simulate and ensembles', async () => {
    const bad: [unknown, RegExp][] = [
      [{}, /got an object/],
      [null, /got null/],
      [10n, /got the BigInt 10n/],
      [Symbol('s'), /got a Symbol/],
      [NaN, /got NaN/],
      [Infinity, /got Infinity/],
    ];
    for (const [seed, message] of bad) {
      expect(() => simulate('arthur-urn', { seed: seed as any })).toThrow(new RegExp(`seed must be a finite number or a string, ${message.source}`));
      expect(() => ensemble('arthur-urn', { seeds: 2, masterSeed: seed as any })).toThrow(
        new RegExp(`masterSeed must be a finite number or a string, ${message.source}`),
      );
      await expect(ensembleParallel('arthur-urn', { seeds: 2, workers: 2, masterSeed: seed as any })).rejects.toThrow(
        /masterSeed must be a finite number or a string/,
      );
    }
    expect(() => ensemble('arthur-urn', { seeds: [1, {} as any] })).toThrow(/every seed must be a finite number, got seeds\[1\] = \{\}/);
    expect(() => ensemble('arthur-urn', { seeds: null as any })).toThrow(/seeds must be a count of runs or a list of seeds, got null/);
    // Strings stay valid seeds, and distinct ones give distinct runs.
    expect(simulate('arthur-urn', { seed: 'a' }).metric('firms')).not.toEqual(simulate('arthur-urn', { seed: 'b' }).metric('firms'));
  });

  it('runs every built-in model through simulate, ensemble and ensembleParallel; 2 workers equal 1', async () => {
    for (const name of ['tomato', 'salmon', 'arthur-urn', 'schelling', 'ishigami', 'sobol-g']) {
      const m = getModel(name);
      const run = simulate(m, { seed: 5 });
      expect(run.years[0]).toBe(m.years[0]);
      expect(run.metrics).toEqual(m.metrics.map((x: any) => x.name));
      const one = ensemble(name, { seeds: 3, masterSeed: 9 });
      const two = await ensembleParallel(name, { seeds: 3, masterSeed: 9, workers: 2 });
      expect(two.summary).toEqual(one.summary);
      expect(two.provenance).toEqual(one.provenance);
      expect(one.runs[0].values).toEqual(simulate(name, { seed: one.seeds[0] }).record.values);
    }
    // The test functions compute their analytic forms.
    const y = (name: string, set: Record<string, number>) => simulate(name, { set }).at('y', 0);
    expect(y('ishigami', { x1: Math.PI / 2, x2: Math.PI / 2, x3: 1 })).toBeCloseTo(1 + 7 + 0.1, 12);
    expect(y('sobol-g', { x1: 1, x2: 1, x3: 1, x4: 1, x5: 1, x6: 1 })).toBeCloseTo(2 * (3 / 2) * (6.5 / 5.5) * (11 / 10) * (101 / 100) ** 2, 12);
  });

  it('runs a model defined in a cell like a built-in one: simulate, ensembles, show with its own labels', async () => {
    const m = cellModel();
    const a = simulate(m, { seed: 3, set: { noise: 'none' } });
    expect(a.at('population', 2010)).toBeGreaterThan(500);
    expect(a.provenance).toMatchObject({ model: 'logistic', overrides: { noise: 'none' }, seeds: [3], label: 'logistic (noise=none)' });
    const e = ensemble(m, { seeds: 4 });
    expect((await ensembleParallel(m, { seeds: 4, workers: 2 })).summary).toEqual(e.summary); // no module: runs in this thread
    const view: any = show([e, a]);
    expect(view.mimeType).toBe(TIMESERIES_MIME);
    expect(view.payload.panels[0]).toMatchObject({ label: 'Population of the valley', unit: 'people' });
    expect(view.payload.panels[0].series.map((s: any) => s.name)).toEqual(['logistic', 'logistic (noise=none)']);
    expect(() => targets(m, { seeds: 2 })).toThrow(/model 'logistic' has no facts to compare with/);
    // A network of the user's own kinds is counted in the definition's words.
    const towns = defineModel({
      ...cellModel('towns'),
      nodeKinds: [{ kind: 'town', label: 'Market town' }],
      edgeKinds: [{ kind: 'road', label: 'Road' }],
      run: (p: any, seed: number) => ({
        record: m.run(p, seed).record,
        network: () => ({
          years: [2000, 2010],
          nodes: [
            { id: 'a', label: 'A', kind: 'town', born: 2000 },
            { id: 'b', label: 'B', kind: 'town', born: 2004 },
          ],
          edges: [{ source: 'a', target: 'b', kind: 'road', born: 2005 }],
        }),
      }),
    } as any);
    expect(String(show(simulate(towns)))).toContain('ever: 2 nodes (2 market town)\n      1 edges (1 road)');
    // A definition written as a class (methods on the prototype) works too.
    class Constant {
      name = 'constant';
      description = 'Records one value.';
      years: [number, number] = [1, 1];
      parameters = [{ path: 'value', kind: 'number', min: 0, max: 10, default: 3, unit: '', meaning: 'The value.', source: 'assumption' }];
      metrics = [{ name: 'y', label: 'Value', unit: '' }];
      run(params: any, seed: number) {
        const { engine } = require('../../dist/src/index');
        const rec = new engine.Recorder({ startYear: 1, endYear: 1, metrics: ['y'] });
        rec.record('y', 1, params.value);
        return { record: rec.toRecord(seed) };
      }
    }
    expect(simulate(new Constant() as any, { set: ['value=4.5'] }).at('y', 1)).toBe(4.5);
    expect(() => defineModel({ ...new Constant(), run: () => null, parameters: [{ ...new Constant().parameters[0], path: '__proto__' }] } as any)).toThrow(
      /must be dotted identifiers/,
    );
    registerModel(m, { replace: true });
    expect(getModel('logistic')).toBe(m);
    expect(() => registerModel(cellModel())).toThrow(/already registered/);
  });

  it('derives a model with a university process: its parameters validate, it sits in the yearly order, it raises capability', () => {
    const uni = withUniversity(salmon);
    expect(derive('salmon', { name: 's2', processes: [] }).processes).toEqual(salmon.processes);
    expect(uni.processes!.map((p: any) => p.name).slice(5, 8)).toEqual(['upgrading', 'university', 'suppliers']);
    expect(uni.parameter('university.training').max).toBe(0.5);
    expect(() => simulate(uni, { set: { 'university.training': 0.9 } })).toThrow(
      "parameter 'university.training' = 0.9 is out of range: must be a number in [0, 0.5]",
    );
    expect(uni.fingerprint).not.toBe(salmon.fingerprint);
    // Switched off (no training), the derived model reproduces salmon exactly, seed for seed.
    const off = ensemble(uni, { seeds: 6, set: { 'university.training': 0 } });
    const base = ensemble(salmon, { seeds: 6 });
    const rows = (e: any, metric: string) => e.summary.filter((r: any) => r.metric === metric).map(({ scenario, ...r }: any) => r);
    for (const metric of base.metrics) expect(rows(off, metric)).toEqual(rows(base, metric));
    const on = ensemble(uni, { seeds: 6 });
    // Engineers raise capability, and with it exports, while the cluster grows (1990: +0.05 and +15%).
    const at = (e: any, metric: string, year: number) => e.summary.find((r: any) => r.metric === metric && r.year === year).median;
    expect(at(on, 'meanCapability', 1990)).toBeGreaterThan(at(base, 'meanCapability', 1990) + 0.03);
    expect(at(on, 'exportTonnes', 1990)).toBeGreaterThan(at(base, 'exportTonnes', 1990) * 1.08);
    expect(last(on, 'meanCapability').median).toBeGreaterThan(last(base, 'meanCapability').median);
    expect(last(on, 'engineers').median).toBe(40 * (2003 - 1980 + 1));
    // Its scenarios and the paper's facts come along.
    expect(simulate(uni, { scenario: 'no-state', seed: 1 }).provenance.scenario).toBe('no-state');
    expect(targets(uni, { seeds: 4 }).length).toBeGreaterThan(5);
    expect(() => derive(getModel('arthur-urn'), { name: 'x', processes: [] })).toThrow(/does not expose its yearly processes/);
    expect(() => derive(salmon, { name: 'y', processes: [{ name: 'z', after: 'percepton', run: () => {} }] })).toThrow(
      /refers to 'percepton', which is not a process; processes: clock, publicSector/,
    );
  });

  it('carries provenance into CSV, JSON, frames and legends; several ensembles draw in distinct, labelled series', async () => {
    const withAssociation = ensemble('salmon', { seeds: 3 });
    const withoutAssociation = ensemble('salmon', { seeds: 3, set: { 'mechanisms.association': false } });
    const csv = withoutAssociation.toCSV();
    expect(csv).toMatch(
      /^# label: salmon \(mechanisms.association=false\)\n# model: salmon\n# overrides: \{"mechanisms.association":false\}\n# seeds: \d+ \d+ \d+ \(master seed 0\)\n# fingerprint: [0-9a-f]{16}/,
    );
    expect(csv).toContain('\nlabel,scenario,year,metric,median,p05,p95,n\nsalmon (mechanisms.association=false),salmon,1969,');
    const json = JSON.parse(JSON.stringify(withoutAssociation));
    expect(json.provenance).toMatchObject({ model: 'salmon', overrides: { 'mechanisms.association': false }, fingerprint: salmon.fingerprint });
    expect(json.provenance.versions.clusterlab).toMatch(/^\d+\.\d+\.\d+/);
    const frame: any = await withoutAssociation.toFrame();
    expect(frame.columns).toContain('label');
    expect(frame.column('label').values[0]).toBe('salmon (mechanisms.association=false)');
    const run = simulate('salmon/no-state', { seed: 2, label: 'my run' });
    expect(run.toCSV()).toContain('\nlabel,run,seed,year,metric,value\nmy run,0,2,1969,');
    expect((await run.toFrame()).columns).toContain('label');
    const view: any = show([withAssociation, withoutAssociation]);
    expect(view.payload.title).toBe('salmon vs salmon (mechanisms.association=false)');
    for (const panel of view.payload.panels) expect(panel.series.map((s: any) => s.name)).toEqual(['salmon', 'salmon (mechanisms.association=false)']);
    expect(view.payload.panels[0].observed.length).toBeGreaterThan(0);
    // timeseriesView called directly reads the labels a run carries from its definition too.
    const { timeseriesView } = require('../../dist/src/views');
    expect(timeseriesView(run, { metrics: ['firms'] }).payload.panels[0]).toMatchObject({
      label: "Firms in the cluster (farms with the service and input firms, as in the paper's count of 1997)",
      unit: 'firms',
    });
  });

  it('shows a run and an ensemble as a few lines of text and a small HTML table', () => {
    const run = simulate('salmon', { seed: 1 });
    const e = ensemble('tomato', { seeds: 3, set: ['mechanisms.tutelage=false'] });
    for (const x of [run, e]) {
      const bundle = mimeBundle(x);
      const text = String(bundle['text/plain']);
      expect(text.split('\n').length).toBeLessThanOrEqual(5);
      expect(String(bundle['text/html'])).toMatch(/^<div class="clusterlab-summary">.*<table>.*<\/table>/s);
    }
    expect(String(mimeBundle(run)['text/plain'])).toMatch(/^Run "salmon": model salmon, seed 1, 1969-2003\noverrides: none\nin 2003: firms \d+/);
    expect(String(mimeBundle(e)['text/plain'])).toMatch(/^Ensemble "tomato \(mechanisms.tutelage=false\)": model tomato, 3 runs, seeds/);
    expect(require('util').inspect(e).split('\n').length).toBeLessThanOrEqual(5);
  });

  it('runs the urn from the CLI with --set urn.returns=2', () => {
    const r = spawnSync(process.execPath, [BIN, 'simulate', 'arthur-urn', '--seeds', '3', '--set', 'urn.returns=2', '--metric', 'leaderShare'], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('# overrides: {"urn.returns":2}');
    expect(r.stdout).toMatch(/\narthur-urn,2003,leaderShare,0\.9\d*,/);
    const hex = spawnSync(process.execPath, [BIN, 'simulate', 'arthur-urn', '--set', 'urn.returns=0x2'], { encoding: 'utf8' });
    expect(hex.status).toBe(2);
    expect(hex.stderr).toContain("parameter 'urn.returns' = '0x2' is not a number: must be a number in [0, 5]");
  });
});
