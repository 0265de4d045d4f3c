/**
 * docs/calibration.md's "Where the fit stands" describes the committed posterior files. A new
 * calibration that is committed without that section being brought up to date fails here: the
 * table of files must name each file's fingerprint and settings, and the headline count must be
 * what `npx clusterlab targets <case> --seeds 100` measures over the files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { posteriorTargets } from '../../dist/src/calibration/targets';
import { getModel } from '../../dist/src/index';

const root = path.resolve(__dirname, '../..');
const doc = fs.readFileSync(path.join(root, 'docs/calibration.md'), 'utf8');

function currentSection(): string {
  const start = doc.indexOf('## Where the fit stands');
  const end = doc.indexOf('\n## ', start + 1);
  expect(start, 'docs/calibration.md has a section "Where the fit stands"').toBeGreaterThan(0);
  return doc.slice(start, end);
}

const whole = (text: string) => Number(text.replace(/,/g, ''));

describe('docs/calibration.md: where the fit stands', () => {
  it('names every committed posterior file with its fingerprint and settings', () => {
    const section = currentSection();
    const dir = path.join(root, 'src/data/posteriors');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const record = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      const row = section.split('\n').find((line) => line.startsWith(`| ${file} `));
      expect(row, `a row for ${file}`).toBeDefined();
      const cells = row!
        .split('|')
        .slice(2, -1)
        .map((c) => c.trim());
      const s = record.settings;
      expect(cells, file).toEqual([
        record.fingerprint,
        s.budget.toLocaleString('en'),
        String(s.replicates),
        String(s.trajectories),
        String(s.maxKept),
        String(record.seed),
      ]);
    }
  });

  it('gives the count of facts that targets measures over the committed files', async () => {
    const headline = /\*\*(\d+) of (\d+)\*\*,\s+salmon\s+(\d+)\s+of\s+(\d+)\s+and\s+tomato\s+(\d+)\s+of\s+(\d+)/.exec(currentSection());
    expect(headline, 'the headline "**N of M**, salmon a of b and tomato c of d"').not.toBeNull();
    const [, met, total, salmonMet, salmonTotal, tomatoMet, tomatoTotal] = headline!.map(whole);
    const measured: Record<string, [number, number]> = {};
    for (const name of ['salmon', 'tomato']) {
      const { rows, source } = await posteriorTargets(getModel(name), { seeds: 100, workers: 1 });
      expect(source, `${name} has a posterior for this version of the model`).toBe('posterior');
      measured[name] = [rows.filter((r) => r.pass).length, rows.length];
    }
    expect(measured).toEqual({ salmon: [salmonMet, salmonTotal], tomato: [tomatoMet, tomatoTotal] });
    expect([met, total]).toEqual([salmonMet + tomatoMet, salmonTotal + tomatoTotal]);
  }, 120_000);
});
