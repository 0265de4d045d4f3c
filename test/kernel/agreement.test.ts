/**
 * Our converter against stock tslab's, cell by cell, both feeding tslab's executor (each in a
 * process of its own): the same values, the same errors, except where tslab is wrong.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CELLS = [
  'let a = 1',
  'a',
  'a = 5; a',
  'function g(x: number) { return x + a; }',
  'g(1)',
  'interface I { n: number }',
  'const i: I = { n: 2 }; i.n',
  'type I = string',
  'const s: I = "str"; s',
  'i.n',
  'class K { static c = 3 }',
  'K.c',
  'type K = number',
  'K.c',
  'enum E { X = 2 }',
  'E.X',
  'let E = 4',
  'E',
  'const [p, ...q] = [1, 2, 3]; q',
  'p',
  'var v = 1; var v = 2; v',
  'v',
  'for (let k = 0; k < 3; k++) {}',
  'k',
  'label: for (;;) { break label; }',
  'undefined',
  'null',
  '"x"; 1; ',
  '(() => 1)()',
  'await 3',
  'const w = await Promise.resolve(4); w',
  'w + 1',
  'import * as path from "path"',
  'path.sep',
  'import { join } from "path"',
  'join("a", "b")',
  'const join = 3; join',
  'namespace N { export const z = 1 }',
  'N.z',
  'function ov(a: string): string; function ov(a: number): number; function ov(a: any) { return a; }',
  'ov(2)',
  'abstract class Ab { abstract f(): number }',
  'class Co extends Ab { f() { return 7 } }',
  'new Co().f()',
  'let un: number | undefined',
  'un',
  'un = 3; un! + 1',
  'throw new Error("bad")',
  'let a = "again"; a',
  'a.length',
  'const bad: number = "x"',
  'const bad2 = undefinedThing + 1',
  'function* gen() { yield 1; yield 2; }',
  '[...gen()]',
  'let fn2 = (x: number) => x * 2',
  'fn2(4)',
  'fn2 = (x) => x * 3; fn2(4)',
  'import type { ParsedPath } from "path"',
  'const pp: ParsedPath = { root: "r", dir: "", base: "", ext: "", name: "" }; pp.root',
  'type Pair<T> = [T, T]',
  'const pr: Pair<number> = [1, 2]; pr',
  'const pr2: Pair<string> = ["a", 1]',
  'let counter = 0; function inc() { counter++; return counter; }',
  'inc(); inc()',
  'counter',
  'let obj2 = { k: 1 }',
  'obj2.k = 2; obj2',
  '({ ...obj2, j: 3 })',
  'const { k } = obj2; k',
  'k + 1',
  'class P { #secret = 1; get s() { return this.#secret; } }',
  'new P().s',
  '1;\n// trailing comment',
  '/* block */ 42',
  '`tmpl ${1 + 1}`',
  'let m: Map<string, number> = new Map()',
  'm.set("a", 1); m.size',
  'const big = 2n ** 70n; big',
  'const enum CE { A = 1 }',
  'CE.A',
  'function later(a = a0) { return a; } const a0 = 3',
  'later()',
];
/** Cells stock tslab gets wrong, and what they should give. */
const TSLAB_WRONG: Record<string, string> = {
  // An earlier variable in shorthand property notation: tslab leaves it unqualified.
  'const b = { a }; b': '{"ok":true,"value":{"a":"again"}}',
  // tslab does not see `for await` as top-level await.
  'for await (const z of [Promise.resolve(1)]) {}': '{"ok":true}',
};

const folder = mkdtempSync(join(tmpdir(), 'clusterlab-agreement-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function run(which: 'ours' | 'tslab', cells: string[]): string[] {
  const r = spawnSync(process.execPath, [join(__dirname, 'fixtures', 'run-cells.js'), which, folder], {
    input: JSON.stringify(cells),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`${which}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe('our converter and stock tslab', () => {
  it('give the same values and errors for the same cells, and ours is right where tslab is not', () => {
    const cells = [...CELLS, ...Object.keys(TSLAB_WRONG)];
    const ours = run('ours', cells);
    const tslab = run('tslab', cells);
    for (let i = 0; i < CELLS.length; i++) expect({ cell: CELLS[i], outcome: ours[i] }).toEqual({ cell: CELLS[i], outcome: tslab[i] });
    Object.entries(TSLAB_WRONG).forEach(([cell, right], j) => {
      const i = CELLS.length + j;
      expect({ cell, outcome: ours[i] }).toEqual({ cell, outcome: right });
      expect(tslab[i]).not.toBe(right);
    });
    // The comparison means something: values, type errors and runtime errors all occur.
    expect(ours.filter((o) => o.includes('"value"')).length).toBeGreaterThan(30);
    expect(ours.filter((o) => /"error":"\d+:\d+ /.test(o)).length).toBeGreaterThanOrEqual(3);
    expect(ours).toContain('{"ok":false,"error":"bad"}');
  }, 180_000);
});
