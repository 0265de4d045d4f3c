import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibratePipeline } from '../../dist/src/calibration/pipeline';
import { calibrationReportText } from '../../dist/src/calibration/report';
import { calibrationText, fileSource, parameterSource, readCalibrationFile, writeCalibrationFile } from '../../dist/src/calibration/store';
import { posteriorTargets } from '../../dist/src/calibration/targets';
import { defineModel } from '../../dist/src/engine/define';
import { Recorder } from '../../dist/src/engine/recorder';
import { createRng } from '../../dist/src/engine/rng';
import { getModel } from '../../dist/src/index';

const TRUE = { a: 0.3, b: 0.7 };
const x = (a: number, year: number) => (10 * a * (year - 1980)) / 20;
const y = (b: number, year: number) => (8 * b * (year - 1980)) / 20;

const fact = (id: string, metric: string, year: number, value: number, role: string) => ({
  id,
  metric,
  year,
  value,
  role,
  unit: '',
  source: 'synthetic',
  section: '-',
  description: id,
  tolerance: { kind: 'absolute' as const, value: 0.3 },
});

/** The synthetic model's run: x and y as a and b set them, each year plus normal noise of sd `noise`. */
function noisyRun(noise: number) {
  return (p: Record<string, unknown>, seed: number) => {
    const rng = createRng(seed);
    const rec = new Recorder({ startYear: 1980, endYear: 2000, metrics: ['x', 'y'] });
    for (let year = 1980; year <= 2000; year++) {
      rec.record('x', year, x(p.a as number, year) + rng.normal(0, noise));
      rec.record('y', year, y(p.b as number, year) + rng.normal(0, noise));
    }
    return { record: rec.toRecord(seed) };
  };
}

/** Two parameters that matter (a moves x, b moves y), one that does not (c); facts made from a = 0.3, b = 0.7. */
const syntheticDefinition = {
  name: 'two-parameter-synthetic',
  description: 'x grows at a rate set by a, y at a rate set by b, with small noise; c does nothing',
  years: [1980, 2000] as [number, number],
  parameters: ['a', 'b', 'c'].map((p) => ({
    path: p,
    kind: 'number' as const,
    min: 0,
    max: 1,
    default: 0.5,
    unit: '',
    meaning: p,
    source: 'assumption',
    explore: [0, 1] as [number, number],
  })),
  metrics: [
    { name: 'x', label: 'x', unit: '' },
    { name: 'y', label: 'y', unit: '' },
  ],
  observed: [
    fact('x-1985', 'x', 1985, x(TRUE.a, 1985), 'calibration'),
    fact('y-1988', 'y', 1988, y(TRUE.b, 1988), 'calibration'),
    fact('x-1995', 'x', 1995, x(TRUE.a, 1995), 'calibration'),
    fact('y-1998', 'y', 1998, y(TRUE.b, 1998), 'calibration'),
    fact('x-2000', 'x', 2000, x(TRUE.a, 2000), 'heldOut'),
  ],
  run: noisyRun(0.1),
};
const synthetic = defineModel(syntheticDefinition);

describe('calibration pipeline', () => {
  it('recovers the parameters that made the facts and screens out the one that does nothing', async () => {
    const r = await calibratePipeline(synthetic, { budget: 2000, kept: 60, trajectories: 6, predictive: 40, seed: 3 });
    const selected = r.screening.rows.filter((row) => row.selected).map((row) => row.parameter);
    expect(selected).toEqual(['a', 'b']);
    const byName = Object.fromEntries(r.fit.identification.map((row) => [row.parameter, row]));
    expect(Math.abs(byName.a.median - TRUE.a)).toBeLessThan(0.05);
    expect(Math.abs(byName.b.median - TRUE.b)).toBeLessThan(0.05);
    expect(byName.a.verdict).toBe('identified');
    expect(byName.b.verdict).toBe('identified');
    // Fitted on 1985 and 1988 only, the validation by time still predicts 1995 and 1998.
    expect(r.validationByTime.facts).toEqual(['x-1985', 'y-1988']);
    const heldByTime = r.validationByTime.predictive.filter((c) => c.role === 'heldOutByTime');
    expect(heldByTime.map((c) => c.id)).toEqual(['x-1995', 'y-1998']);
    expect(heldByTime.every((c) => c.pass)).toBe(true);
    expect(r.fit.predictive.find((c) => c.id === 'x-2000')).toMatchObject({ role: 'heldOutByKind', pass: true });
  });

  it('keeps at most maxKept parameters, the largest mu* first, and says so in its rule and settings', async () => {
    const r = await calibratePipeline(synthetic, { budget: 600, kept: 40, trajectories: 6, predictive: 10, seed: 3, maxKept: 1 });
    const selected = r.screening.rows.filter((row) => row.selected);
    expect(selected).toHaveLength(1);
    const largest = Math.max(...r.screening.rows.map((row) => row.muStar));
    expect(selected[0].muStar).toBe(largest);
    expect(r.settings.maxKept).toBe(1);
    expect(r.screening.rule).toContain('at most 1 parameter (the largest)');
    expect(r.fit.posterior.parameters).toEqual([selected[0].parameter]);
    await expect(calibratePipeline(synthetic, { budget: 600, kept: 40, maxKept: 0 })).rejects.toThrow(
      /maxKept \(parameters the screening may keep\) must be an integer in 1\.\.100, got 0/,
    );
  }, 120_000);

  it('calibrates a parameter named in include whatever its mu*, over the range given, and records it', async () => {
    const options = { budget: 600, kept: 40, trajectories: 6, predictive: 10, seed: 3, maxKept: 2 };
    const plain = await calibratePipeline(synthetic, options);
    expect(plain.screening.rows.filter((row) => row.selected).map((row) => row.parameter)).toEqual(['a', 'b']);
    expect('include' in plain.settings).toBe(false);
    const r = await calibratePipeline(synthetic, { ...options, include: ['c=0.2:0.4'] });
    // c does nothing, so the screening alone would leave it out; named, it is calibrated too.
    expect(r.screening.rows.filter((row) => row.selected).map((row) => row.parameter)).toEqual(['a', 'b', 'c']);
    expect(r.screening.rows.find((row) => row.parameter === 'c')).toMatchObject({ low: 0.2, high: 0.4 });
    expect(r.screening.rule).toContain('and c whatever their mu*');
    expect(r.settings.include).toEqual(['c=0.2:0.4']);
    const j = r.fit.posterior.parameters.indexOf('c');
    expect(j).toBeGreaterThanOrEqual(0);
    const cs = r.fit.posterior.draws.map((draw) => draw[j]);
    expect(Math.min(...cs)).toBeGreaterThanOrEqual(0.2);
    expect(Math.max(...cs)).toBeLessThanOrEqual(0.4);
    await expect(calibratePipeline(synthetic, { ...options, include: ['d'] })).rejects.toThrow(/unknown parameter 'd'/);
    await expect(calibratePipeline(synthetic, { ...options, include: ['c', 'c=0.1:0.2'] })).rejects.toThrow(/include names a parameter twice/);
  }, 120_000);

  it('fits every fact with fitOn all, so a parameter only a held-out fact depends on is calibrated, and says so', async () => {
    // z grows at a rate set by c, which no calibration fact depends on; the paper-style role of z's fact is held out.
    const C = 0.9;
    const z = (c: number, year: number) => (10 * c * (year - 1980)) / 20;
    const withZ = defineModel({
      ...syntheticDefinition,
      name: 'synthetic-with-held-out-z',
      metrics: [...syntheticDefinition.metrics, { name: 'z', label: 'z', unit: '' }],
      observed: [...syntheticDefinition.observed, fact('z-1995', 'z', 1995, z(C, 1995), 'heldOut')],
      run: (p: Record<string, unknown>, seed: number) => {
        const rng = createRng(seed);
        const rec = new Recorder({ startYear: 1980, endYear: 2000, metrics: ['x', 'y', 'z'] });
        for (let year = 1980; year <= 2000; year++) {
          rec.record('x', year, x(p.a as number, year) + rng.normal(0, 0.1));
          rec.record('y', year, y(p.b as number, year) + rng.normal(0, 0.1));
          rec.record('z', year, z(p.c as number, year) + rng.normal(0, 0.1));
        }
        return { record: rec.toRecord(seed) };
      },
    });
    const options = { budget: 4000, kept: 40, trajectories: 6, predictive: 20, seed: 5 };
    const held = await calibratePipeline(withZ, options);
    expect('fitOn' in held.settings).toBe(false);
    expect(held.screening.rows.filter((row) => row.selected).map((row) => row.parameter)).toEqual(['a', 'b']);
    expect(held.fit.predictive.find((c) => c.id === 'z-1995')).toMatchObject({ role: 'heldOutByKind', pass: false });
    const all = await calibratePipeline(withZ, { ...options, fitOn: 'all' });
    expect(all.settings.fitOn).toBe('all');
    expect(all.fit.facts).toContain('z-1995');
    expect(all.screening.rows.filter((row) => row.selected).map((row) => row.parameter)).toEqual(['a', 'b', 'c']);
    expect(all.fit.predictive.find((c) => c.id === 'z-1995')).toMatchObject({ role: 'calibration', pass: true });
    const c = all.fit.identification.find((row) => row.parameter === 'c');
    expect(Math.abs(c!.median - C)).toBeLessThan(0.05);
    // The validation by time still predicts what comes after the split year, z's fact among them.
    expect(all.validationByTime.predictive.find((c) => c.id === 'z-1995')?.role).toBe('heldOutByTime');
    expect(calibrationReportText(all)).toContain('fit on every fact (--fit-on all: none held out by kind)');
    expect(calibrationReportText(held)).toContain('fit on every calibration fact');
    await expect(calibratePipeline(withZ, { ...options, fitOn: 'some' as 'all' })).rejects.toThrow(/fitOn must be 'calibration' or 'all', got 'some'/);
  }, 120_000);

  it('keeps the draws as simulated unless asked for the regression adjustment, and records which', async () => {
    const options = { budget: 600, kept: 40, trajectories: 4, predictive: 10, seed: 4 };
    const plain = await calibratePipeline(synthetic, options);
    const adjusted = await calibratePipeline(synthetic, { ...options, regression: true });
    expect([plain.settings.regression, plain.fit.regression, adjusted.settings.regression, adjusted.fit.regression]).toEqual([false, false, true, true]);
    // The same kept draws, moved by the adjustment.
    const a = (r: typeof plain) => Array.from(r.fit.posterior.draws, (d) => d[0]);
    expect(a(adjusted)).not.toEqual(a(plain));
    expect(calibrationReportText(plain)).toContain('plain rejection, the kept draws as simulated');
    expect(calibrationReportText(adjusted)).toContain('regression-adjusted (Beaumont et al. 2002)');
  }, 120_000);

  it('with several runs per draw conditions on their medians: a noisy model is fitted closer, and the setting is stored', async () => {
    // The same synthetic model with seed noise larger than the tolerance (sd 1 against 0.3).
    const noisy = defineModel({
      ...syntheticDefinition,
      name: 'two-parameter-noisy',
      run: noisyRun(1),
    });
    const options = { budget: 6000, kept: 40, trajectories: 4, predictive: 10, seed: 2 };
    const width = (r: Awaited<ReturnType<typeof calibratePipeline>>) => {
      const a = r.fit.identification.find((row) => row.parameter === 'a')!;
      return a.p95 - a.p05;
    };
    const single = await calibratePipeline(noisy, options);
    const medians = await calibratePipeline(noisy, { ...options, replicates: 10 });
    expect(single.settings.replicates).toBe(1);
    expect(medians.settings.replicates).toBe(10);
    expect(medians.fit.posterior.draws.length).toBeLessThanOrEqual(options.kept);
    expect(width(medians)).toBeLessThan(0.7 * width(single));
    await expect(calibratePipeline(noisy, { ...options, replicates: 0 })).rejects.toThrow(
      /replicates \(runs per draw\) must be an integer in 1\.\.budget\/50 \(120\), got 0/,
    );
    await expect(calibratePipeline(noisy, { ...options, replicates: 100 })).rejects.toThrow(/kept draws must be an integer in 10\.\.draws\/2 \(30/);
  }, 120_000);

  it('with the APMC sampler refines the prior sample: a noisy model is fitted closer than by rejection at the same budget', async () => {
    const noisy = defineModel({ ...syntheticDefinition, name: 'two-parameter-noisy', run: noisyRun(1) });
    const options = { budget: 4000, kept: 40, trajectories: 4, predictive: 10, seed: 2, replicates: 5 };
    const rejection = await calibratePipeline(noisy, options);
    const apmc = await calibratePipeline(noisy, { ...options, sampler: 'apmc' });
    expect([rejection.settings.sampler, apmc.settings.sampler, apmc.settings.minAcceptance]).toEqual([undefined, 'apmc', 0.05]);
    const post = apmc.fit.posterior;
    expect(post.method).toBe('apmc');
    expect(post.tolerances.length).toBeGreaterThan(3);
    expect(post.tolerances[post.tolerances.length - 1]).toBeLessThan(rejection.fit.posterior.tolerances[0]!);
    const a = (r: typeof apmc) => r.fit.identification.find((row) => row.parameter === 'a')!;
    expect(a(apmc).p95 - a(apmc).p05).toBeLessThan(0.8 * (a(rejection).p95 - a(rejection).p05));
    expect(Math.abs(a(apmc).median - TRUE.a)).toBeLessThan(0.08);
    expect(calibrationReportText(apmc)).toMatch(/generations of adaptive population Monte Carlo \(Lenormand et al\. 2013\)/);
    await expect(calibratePipeline(noisy, { ...options, sampler: 'apmc', regression: true })).rejects.toThrow(
      /regression adjustment goes with the rejection sampler/,
    );
    await expect(calibratePipeline(noisy, { ...options, sampler: 'smc' as never })).rejects.toThrow(/sampler must be rejection or apmc, got 'smc'/);
  }, 120_000);

  it('is reproducible from its seed: same seed, same bytes, on one worker or two; another seed differs', async () => {
    const tomato = getModel('tomato');
    const options = { budget: 60, kept: 20, trajectories: 2, predictive: 10 };
    const one = calibrationText(await calibratePipeline(tomato, { ...options, seed: 5, workers: 1 }));
    const two = calibrationText(await calibratePipeline(tomato, { ...options, seed: 5, workers: 2 }));
    const other = calibrationText(await calibratePipeline(tomato, { ...options, seed: 6, workers: 2 }));
    expect(two).toBe(one);
    expect(other).not.toBe(one);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterlab-calibration-'));
    const file = path.join(dir, 'tomato.json');
    writeCalibrationFile(file, JSON.parse(one));
    expect(fs.readFileSync(file, 'utf8')).toBe(one);
    expect(fs.readdirSync(dir)).toEqual(['tomato.json']);
    expect(readCalibrationFile(file).fingerprint).toBe(tomato.fingerprint);
    // APMC's generations are batches on the pool: the same bytes on one worker or two.
    const apmc = { budget: 200, kept: 10, trajectories: 2, predictive: 10, seed: 5, sampler: 'apmc' as const };
    const apmcOne = calibrationText(await calibratePipeline(tomato, { ...apmc, workers: 1 }));
    expect(calibrationText(await calibratePipeline(tomato, { ...apmc, workers: 2 }))).toBe(apmcOne);
    expect(JSON.parse(apmcOne).fit.posterior.tolerances.length).toBeGreaterThan(2);
  }, 300_000);

  it('uses a posterior file only while its fingerprint matches the model, and says so', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterlab-posteriors-'));
    const record = await calibratePipeline(synthetic, { budget: 400, kept: 20, trajectories: 4, predictive: 10, seed: 1 });
    writeCalibrationFile(path.join(dir, `${synthetic.name}.json`), record);
    expect(parameterSource(synthetic, dir).kind).toBe('posterior');
    writeCalibrationFile(path.join(dir, `${synthetic.name}.json`), { ...record, fingerprint: '0000000000000000' });
    const stale = parameterSource(synthetic, dir);
    expect(stale.kind).toBe('defaults');
    expect(stale.note).toMatch(
      /fingerprint 0000000000000000.*running the model's defaults \(calibrate again with its settings: clusterlab calibrate \S+ --settings-of \S+ --write\)/,
    );
    expect(parameterSource(synthetic, path.join(dir, 'none')).note).toMatch(/no posterior file/);
  });

  it('uses a posterior file only while the model explores the numbers its screening explored, over the same ranges', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterlab-posteriors-'));
    const file = path.join(dir, `${synthetic.name}.json`);
    const options = { budget: 400, kept: 20, trajectories: 4, predictive: 10, seed: 1 };
    writeCalibrationFile(file, await calibratePipeline(synthetic, options));
    // The same model with c explored over another range, or not at all: explore ranges are the
    // calibration's prior, not part of the fingerprint, so only this check tells the file is stale.
    const withC = (explore?: [number, number]) =>
      defineModel({
        ...syntheticDefinition,
        parameters: syntheticDefinition.parameters.map((p) => (p.path === 'c' ? { ...p, explore } : p)),
      });
    const narrower = withC([0, 0.5]);
    expect(narrower.fingerprint).toBe(synthetic.fingerprint);
    const stale = parameterSource(narrower, dir);
    expect(stale.kind).toBe('defaults');
    expect(stale.note).toMatch(
      /screened over other explore ranges than the model's now \(c is explored over 0-0.5, screened over 0-1\); running the model's defaults/,
    );
    expect(parameterSource(withC(undefined), dir).note).toMatch(/\(c was screened and is no longer explored\)/);
    expect(() => fileSource(narrower, file)).toThrow(
      /other explore ranges than the model's now \(c is explored over 0-0.5, screened over 0-1\) \(calibrate again with its settings: clusterlab calibrate \S+ --settings-of \S+ --out \S+\)/,
    );
    expect(parameterSource(synthetic, dir).kind).toBe('posterior');
    // A parameter named with --include carries its own range, which the model need not explore.
    writeCalibrationFile(file, await calibratePipeline(synthetic, { ...options, include: ['c=0.2:0.4'] }));
    expect(parameterSource(synthetic, dir).kind).toBe('posterior');
    expect(parameterSource(withC(undefined), dir).kind).toBe('posterior');
  });

  it('targets without a posterior file run the defaults and give every fact its role', async () => {
    const t = await posteriorTargets(synthetic, { seeds: 10 });
    expect(t.source).toBe('defaults');
    expect(t.rows.map((r) => [r.id, r.role])).toEqual([
      ['x-1985', 'calibration'],
      ['y-1988', 'calibration'],
      ['x-1995', 'heldOutByTime'],
      ['y-1998', 'heldOutByTime'],
      ['x-2000', 'heldOutByKind'],
    ]);
    // Defaults a = b = 0.5 miss the facts made from a = 0.3 and b = 0.7.
    expect(t.rows.find((r) => r.id === 'x-2000')!.pass).toBe(false);
    const bundle = (t as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for('jupyter.mimebundle')]();
    expect(bundle['text/html']).toMatch(/<td>x-1995<\/td><td>held out by time<\/td>/);
    expect(bundle['text/plain']).toMatch(/^fact +role +year +paper +median/m);
  });
});
