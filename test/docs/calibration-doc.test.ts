/**
 * docs/calibration.md's "Where the fit stands" describes the committed posterior files. A new
 * calibration that is committed without that section being brought up to date fails here: the
 * table of files must name each file's fingerprint and settings. Its headline count is checked
 * in test/cluster/fit.test.ts, against the same runs as the fit's guard.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, whereTheFitStands } from './whereTheFitStands';

describe('docs/calibration.md: where the fit stands', () => {
  it('names every committed posterior file with its fingerprint and settings', () => {
    const section = whereTheFitStands();
    const dir = path.join(projectRoot, 'src/data/posteriors');
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
});
