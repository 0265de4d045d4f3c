// show() of a sweep's results: the summary table they display themselves with, in plain Node too.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSweep, type SweepResults } from '../../dist/src/experiments/store';
import { arthurUrn } from '../../dist/src/models';
import { show } from '../../dist/src/views/show';

const MIMEBUNDLE = Symbol.for('jupyter.mimebundle');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterlab-show-sweep-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('show(sweep results)', () => {
  let results: SweepResults;
  beforeAll(async () => {
    results = await runSweep(arthurUrn, [{ 'urn.returns': 1 }, { 'urn.returns': 2 }], {
      replicates: 3,
      seed: 1,
      dir: path.join(root, 'urn'),
      executor: 'serial',
      progress: false,
    });
  });
  afterAll(() => results?.close());

  it('gives plain Node the summary as text', () => {
    const shown = show(results);
    const text = String(shown);
    expect(text).toMatch(/^model {3}arthur-urn\n/);
    expect(text).toContain('design  points: 2 points × 3 replicates (varied: urn.returns)');
    expect(text).toContain('runs    6 ok, 0 failed');
  });

  it('gives a notebook exactly what displaying the results gives (the kernel’s output is unchanged)', () => {
    const own = (results as unknown as Record<symbol, () => Record<string, unknown>>)[MIMEBUNDLE]();
    const bundle = (show(results) as unknown as Record<symbol, () => Record<string, unknown>>)[MIMEBUNDLE]();
    expect(bundle).toEqual(own);
    expect(Object.keys(bundle)).toEqual(Object.keys(own));
    expect(bundle['text/html']).toMatch(/^<table class="clusterlab-sweep"><caption>sweep arthur-urn<\/caption>/);
  });

  it('still refuses what it cannot show, naming what it takes', () => {
    expect(() => show({ dir: 'x', summary: {}, sql: () => 0 })).toThrow(/a sensitivity result or a sweep's results/);
  });
});
