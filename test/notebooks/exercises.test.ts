/**
 * The exercises' check cells judge answers, not just their absence: the committed notebook (no
 * answers) says every task is unanswered, and the same notebook with a student's correct answers
 * filled in, executed on the clusterlab kernel, says every task is correct.
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinText, readNotebook, type Notebook } from '../../dist/reproduce/notebook';
import { executeNotebook } from '../../dist/reproduce/runner';
import { startClusterlabKernel } from '../../dist/reproduce/kernel-session';

const NOTEBOOKS = resolve(__dirname, '..', '..', 'notebooks');

/** A student's answers, keyed by the declaration each answer cell starts from. */
const ANSWERS: Record<string, string> = {
  'const suppliersPerProcessor1995':
    "const suppliersPerProcessor1995: number | undefined = facts.find((f) => f.id === 'tomato-suppliers-1995')!.value / facts.find((f) => f.id === 'tomato-processors-1995')!.value;",
  'const associationYear': "const associationYear: number | undefined = simulate('tomato', { seed: 3 }).events.find((e) => e.kind === 'association')?.year;",
  'const fewerWithoutTutelage': [
    'let fewer = 0;',
    'for (let seed = 1; seed <= 30; seed++) {',
    "  if (simulate('tomato', { seed, set: { 'mechanisms.tutelage': false } }).at('processors', 2000) < simulate('tomato', { seed }).at('processors', 2000)) fewer++;",
    '}',
    'const fewerWithoutTutelage: number | undefined = fewer;',
  ].join('\n'),
  'const firstYearAbove100':
    "const firstYearAbove100: number | undefined = ensemble('salmon', { seeds: 50 }).summary.find((s) => s.metric === 'firms' && s.median > 100)?.year;",
  'let urnShare': [
    'let urnShare: ((seed: number) => number) | undefined = (seed: number) => {',
    '  const rng = engine.createRng(seed);',
    '  let a = 1, b = 1;',
    '  for (let i = 0; i < 1000; i++) { if (rng.uniform() < (a * a) / (a * a + b * b)) a++; else b++; }',
    '  return a / (a + b);',
    '};',
    'const lockedInRuns: number | undefined = Array.from({ length: 100 }, (_, i) => urnShare!(i + 1)).filter((s) => s > 0.9 || s < 0.1).length;',
  ].join('\n'),
};

function checkLines(nb: Notebook): string[] {
  return nb.cells.flatMap((cell) =>
    cell.cell_type !== 'code'
      ? []
      : cell.outputs.flatMap((o) =>
          o.output_type === 'stream'
            ? joinText(o.text)
                .split('\n')
                .filter((l) => /^Task \d/.test(l))
            : [],
        ),
  );
}

describe('06-exercises check cells', () => {
  const committed = readNotebook(join(NOTEBOOKS, '06-exercises.ipynb'));

  it('report every task as not answered in the committed notebook', () => {
    const lines = checkLines(committed);
    expect(lines.length).toBe(6);
    for (const line of lines) expect(line).toMatch(/^Task \d( \((function|count)\))?: not answered yet\. Hint: /);
  });

  it('accept correct answers', async () => {
    const answered: Notebook = JSON.parse(JSON.stringify(committed));
    let filled = 0;
    for (const cell of answered.cells) {
      if (cell.cell_type !== 'code') continue;
      const source = joinText(cell.source);
      const key = Object.keys(ANSWERS).find((k) => source.split('\n').some((line) => line.startsWith(k)));
      if (key) {
        cell.source = ANSWERS[key];
        filled++;
      }
    }
    expect(filled).toBe(Object.keys(ANSWERS).length);
    const executed = await executeNotebook(answered, { name: '06-exercises (answered)', cwd: NOTEBOOKS, startKernel: startClusterlabKernel });
    expect(checkLines(executed)).toEqual([
      'Task 1: correct.',
      'Task 2: correct.',
      'Task 3: correct.',
      'Task 4: correct.',
      'Task 5 (function): correct.',
      'Task 5 (count): correct.',
    ]);
  }, 300_000);
});
