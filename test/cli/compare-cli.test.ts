import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asCell, readCsv, rowObjects } from '../support/csv';

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
    // The rival has no association: a fact it does not produce is said in words, not as NaN.
    expect(table.out).toMatch(/^salmon-apstc-founded .* not produced +NO$/m);
    expect(table.out).not.toContain('NaN');
    expect(cli('compare', 'salmon').err).toMatch(/name two models to compare/);
    expect(cli('compare', 'salmon', 'salmonella').err).toMatch(/unknown model 'salmonella'; models: /);
    expect(cli('compare', 'salmon', 'foreign-imitation', '--format', 'xml').err).toMatch(/--format must be table, json or csv, got 'xml'/);
  }, 240_000);

  it('csv: one row per fact, distance and pattern, with the numbers json gives', () => {
    const args = ['compare', 'salmon', 'foreign-imitation', '--draws', '1', '--seeds', '2', '--workers', '1'];
    const json = cli(...args, '--format', 'json');
    expect(json.code, json.err).toBe(0);
    const res = JSON.parse(json.out);
    const csv = cli(...args, '--format', 'csv');
    expect(csv.code, csv.err).toBe(0);
    const table = readCsv(csv.out);
    expect(table.comments[0]).toBe('# salmon against foreign-imitation: 1 posterior draws x 2 seeds each, the same seeds in each');
    expect(table.comments).toContain(`# salmon (fingerprint ${res.fingerprints[0]}): ${res.sourceNotes[0]}`);
    expect(table.comments).toContain(`# foreign-imitation (fingerprint ${res.fingerprints[1]}): ${res.sourceNotes[1]}`);
    expect(new Set(table.header).size).toBe(table.header.length);
    for (const row of table.rows) expect(row).toHaveLength(table.header.length);
    const rows = rowObjects(table);
    const perModel = (cols: string[]) => res.models.flatMap((m: string) => cols.map((c) => `${m}_${c}`));
    const pick = (r: Record<string, string>, cols: string[]) => cols.map((c) => r[c]);
    const byModel = (x: Record<string, unknown[]>, keys: string[]) => res.models.flatMap((_: string, k: number) => keys.map((key) => x[key][k]));

    const factCols = ['id', 'role', 'value', ...perModel(['median', 'p05', 'p95', 'pass'])];
    expect(rows.filter((r) => r.table === 'fact').map((r) => pick(r, factCols))).toEqual(
      res.facts.map((f: Record<string, unknown> & Record<string, unknown[]>) =>
        [f.id, f.role, f.value, ...byModel(f, ['median', 'p05', 'p95', 'pass'])].map(asCell),
      ),
    );
    const distanceCols = ['role', 'scope', 'facts', ...perModel(['median', 'p05', 'p95', 'passed']), 'firstCloser'];
    expect(rows.filter((r) => r.table === 'distance').map((r) => pick(r, distanceCols))).toEqual(
      res.distances.map((d: Record<string, unknown> & Record<string, unknown[]>) =>
        [d.group, d.scope, d.facts, ...byModel(d, ['median', 'p05', 'p95', 'passed']), d.firstCloser].map(asCell),
      ),
    );
    const patternCols = ['id', 'measure', ...perModel(['share']), 'producedOnlyBy', 'statement', 'evidence', 'note'];
    expect(rows.filter((r) => r.table === 'pattern').map((r) => pick(r, patternCols))).toEqual(
      res.patterns.map((p: Record<string, unknown> & { share: number[]; distinguishes: number }) =>
        [p.id, p.measure, ...p.share, p.distinguishes >= 0 ? res.models[p.distinguishes] : '', p.statement, p.evidence, p.note].map(asCell),
      ),
    );
    expect(rows).toHaveLength(res.facts.length + res.distances.length + res.patterns.length);
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
