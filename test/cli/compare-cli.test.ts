import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve(__dirname, '../../bin/clusterlab.js');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('clusterlab compare', () => {
  it('json and table: fit by role, distances with intervals, patterns with the share of runs per model', () => {
    const r = cli('compare', 'salmon', 'foreign-imitation', '--draws', '1', '--seeds', '2', '--workers', '1', '--format', 'json');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out);
    expect(res.models).toEqual(['salmon', 'foreign-imitation']);
    expect(res.distances.map((d: { group: string }) => d.group)).toEqual([
      'calibration',
      'calibration',
      'heldOutByKind',
      'heldOutByKind',
      'heldOutByTime',
      'heldOutByTime',
    ]);
    expect(res.patterns.length).toBeGreaterThanOrEqual(6);
    for (const p of res.patterns) {
      expect(p.evidence).toMatch(/Perez-Aleman 2005, \d/);
      expect(p.share).toHaveLength(2);
    }
    const table = cli('compare', 'salmon', 'foreign-imitation', '--draws', '1', '--seeds', '1', '--workers', '1');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^## Fit by role/m);
    expect(table.out).toMatch(/^held out by kind +\d+ +\d+ of \d+/m);
    expect(table.out).toMatch(/^P4 +an association exists/m);
    expect(cli('compare', 'salmon').err).toMatch(/name two models to compare/);
    expect(cli('compare', 'salmon', 'salmonella').err).toMatch(/unknown model 'salmonella'; models: /);
    expect(cli('compare', 'salmon', 'foreign-imitation', '--format', 'csv').err).toMatch(/--format must be table or json/);
  }, 240_000);

  it('refuses a model compared with itself and models without facts, before any run', () => {
    const same = cli('compare', 'salmon', 'salmon', '--draws', '1', '--seeds', '1');
    expect(same.code).toBe(2);
    expect(same.err).toMatch(/^clusterlab compare: name different models to compare, got salmon salmon/);
    const noFacts = cli('compare', 'ishigami', 'sobol-g', '--draws', '1', '--seeds', '1');
    expect(noFacts.code).toBe(2);
    expect(noFacts.out).toBe('');
    expect(noFacts.err).toMatch(/^clusterlab compare: model 'ishigami' has no facts to compare with/);
    const rival = cli('compare', 'salmon', 'tomato', '--draws', '1', '--seeds', '1');
    expect(rival.err).toMatch(/^clusterlab compare: 'tomato' does not have the same facts/);
  });
});
