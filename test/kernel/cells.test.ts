/**
 * Cells in this process (our converter feeding tslab's executor), without the wire protocol:
 * what carries from cell to cell, what a failed cell leaves behind, values, tracebacks, modules.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CellOutcome, Cells } from '../../dist/kernel/cells';
import { buildPrelude } from '../../dist/kernel/prelude';

const folder = mkdtempSync(join(tmpdir(), 'clusterlab-cells-'));
let cells: Cells;
let count = 0;
const run = (code: string) => cells.execute(code, ++count);
const value = async (code: string) => {
  const outcome = await run(code);
  if (outcome.status !== 'ok') throw new Error(`${code}\n${outcome.traceback.join('\n')}`);
  return outcome.hasValue ? outcome.value : undefined;
};
const failure = async (code: string) => {
  const outcome: CellOutcome = await run(code);
  if (outcome.status !== 'error') throw new Error(`expected ${code} to fail`);
  return outcome;
};

beforeAll(() => {
  const none = () => undefined;
  cells = new Cells(folder, () => buildPrelude({ display: none, show: none, input: none, comms: {}, dfd: null, importESM: none }));
  cells.ensure();
}, 120_000);
afterAll(() => {
  cells.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('cells', () => {
  it('carry declarations forward; a redeclared name takes its new type', async () => {
    expect(await value('const share: number = 0.25;\nlet firms = 4;')).toBeUndefined();
    expect(await value('firms += 1;\nfirms * share')).toBe(1.25);
    expect(await value('firms')).toBe(5);
    expect(await value('const share = "a quarter";\nshare.toUpperCase()')).toBe('A QUARTER');
    expect((await failure('share.toFixed(2)')).evalue).toMatch(/^cell:1:7 - Property 'toFixed' does not exist on type '"a quarter"'/);
    expect(await value('function grow(n: number): number { return n * 2; }\ninterface Region { name: string }')).toBeUndefined();
    expect(await value('const r: Region = { name: "Bío Bío" };\ngrow(firms) + r.name.length')).toBe(17);
    expect(await value('interface Region { size: number }\nconst Region = "also a value";\nconst big: Region = { size: 3 };\n[big.size, Region]')).toEqual([
      3,
      'also a value',
    ]);
    await value('class Firm { constructor(readonly name: string) {} }');
    await value('type Firm = { employees: number };\nconst f: Firm = { employees: 12 };');
    expect(await value('[new Firm("Agrosuper").name, f.employees]')).toEqual(['Agrosuper', 12]);
  });

  it('keep many declarations, older ones redeclarable', async () => {
    for (let i = 0; i < 40; i++) await value(`const level${i}: number = ${i};`);
    await value('const level3 = "three";');
    expect(await value('[level0 + level39, level3.length, level20]')).toEqual([39, 5, 20]);
    expect((await failure('level3.toFixed()')).evalue).toMatch(/Property 'toFixed' does not exist/);
  });

  it('keep closures over earlier variables live, and imports and awaited values', async () => {
    await value('let clicks = 0;\nfunction click(): number { return ++clicks; }');
    expect(await value('click(); click()')).toBe(2);
    expect(await value('clicks')).toBe(2);
    await value('import * as path from "node:path";\nconst joined = await Promise.resolve(path.join("a", "b"));');
    expect(await value('[path.basename("/x/y.ts"), joined]')).toEqual(['y.ts', 'a/b']);
    expect(await value('const { lo, hi: [top] } = { lo: 1, hi: [9] };\nclass Cluster { size() { return top - lo; } }')).toBeUndefined();
    expect(await value('new Cluster().size()')).toBe(8);
    expect(await value('typeof simulate')).toBe('function');
  });

  it('carry what a cell exports itself, global declarations, and report an unfinished cell at its end', async () => {
    await value('export const exported: number = 4;\ndeclare global { var shared: string }\nglobalThis.shared = "g";');
    expect(await value('[exported * 2, shared.toUpperCase()]')).toEqual([8, 'G']);
    expect((await failure('const unfinished = 1 +')).evalue).toBe('cell:1:23 - Expression expected.');
  });

  it('leave nothing behind when they fail to type-check or throw', async () => {
    const typeError = await failure('const unused = 1;\nconst bad: string = 5;');
    expect(typeError.evalue).toMatch(/^cell:2:7 - Type 'number' is not assignable to type 'string'/);
    expect((await failure('unused')).evalue).toMatch(/Cannot find name 'unused'/);
    await failure('const before = 1;\nthrow new Error("boom");');
    expect((await failure('before')).evalue).toMatch(/Cannot find name 'before'/);
  });

  it('show the last expression, even before type-only declarations, and nothing after a declaration', async () => {
    expect(await value('6 * 7;\ninterface Later { x: number }\ntype Alias = Later;')).toBe(42);
    expect(await value('const quiet = 1;')).toBeUndefined();
    expect(await value('for await (const v of [Promise.resolve(3)]) v;\nawait Promise.resolve("done")')).toBe('done');
  });

  it('import modules next to the notebook, recompiled when the file changes, and in-memory modules', async () => {
    const helper = join(folder, 'helper.ts');
    writeFileSync(helper, 'export const version: number = 1;\n');
    expect(await value('import { version } from "./helper";\nversion')).toBe(1);
    writeFileSync(helper, 'export const version: string = "two";\n');
    utimesSync(helper, new Date(), new Date(Date.now() + 5000));
    expect(await value('import { version as v2 } from "./helper";\nv2.toUpperCase()')).toBe('TWO');
    expect(await value('/** @module geo */\nexport const km: number = 1000;')).toBeUndefined();
    expect(await value('import { km } from "./geo";\nkm / 10')).toBe(100);
  });

  it('inspect and complete against the earlier cells, with their doc comments', async () => {
    await value('/** Doubles a count of firms. */\nfunction doubleFirms(n: number): number { return 2 * n; }');
    expect(cells.inspect('doubleFirms(2)', 3)).toMatch(/function doubleFirms\(n: number\): number[\s\S]*Doubles a count of firms\./);
    expect(cells.complete('doubleFi', 8)).toEqual({ start: 0, end: 8, matches: ['doubleFirms'] });
    expect(cells.complete('Math.ab', 7).matches).toEqual(['abs']);
    await value('const añoBase = 1990;');
    expect(cells.complete('añoB + 1', 4)).toEqual({ start: 0, end: 4, matches: ['añoBase'] });
  });
});
