/**
 * The reproduction scorecard that ends `npm start`: every fact of the paper the model can be
 * compared with, beside the ensemble's median and 5-95% band, its tolerance and pass or fail.
 * The comparison itself is the model's own `targets` (src/model/targets.ts); this file only prints.
 */
import { targets, type TargetRow } from '../src/simulation/targets';

export const SCORECARD_CASES = ['tomato', 'salmon'] as const;
export const SCORECARD_SEEDS = 100;

function number(x: number): string {
  if (!Number.isFinite(x)) return 'never';
  if (Number.isInteger(x)) return String(x);
  return Math.abs(x) >= 100 ? x.toFixed(0) : String(Number(x.toPrecision(3)));
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c >= 2 && c <= 3 ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function scorecardText(rowsByCase: Record<string, TargetRow[]>, seeds: number): string {
  const lines: string[] = [`\nReproduction scorecard: the paper's facts against the median of ${seeds} seeded runs`];
  let passed = 0;
  let total = 0;
  for (const [name, rows] of Object.entries(rowsByCase)) {
    lines.push('', `${name} (Perez-Aleman 2005, Section ${rows[0]?.section ?? '3'})`);
    lines.push(
      table([
        ['fact', 'year', 'paper', 'model', '5-95% of runs', 'tolerance', 'use', 'result'],
        ...rows.map((r) => [
          r.id,
          String(r.year),
          number(r.value),
          number(r.model),
          Number.isFinite(r.p05) ? `[${number(r.p05)}, ${number(r.p95)}]` : '-',
          r.tolerance,
          r.use === 'heldOut' ? 'held out' : 'calibration',
          r.pass ? 'pass' : 'FAIL',
        ]),
      ]),
    );
    passed += rows.filter((r) => r.pass).length;
    total += rows.length;
    const held = rows.filter((r) => r.use === 'heldOut');
    lines.push(`${rows.filter((r) => r.pass).length}/${rows.length} within tolerance (held out: ${held.filter((r) => r.pass).length}/${held.length})`);
  }
  lines.push('', `Overall: ${passed} of ${total} facts within tolerance.`);
  return lines.join('\n') + '\n';
}

/** Computes the scorecard (a 100-seed ensemble per case) and returns it as text. */
export function scorecard(seeds = SCORECARD_SEEDS): string {
  const rowsByCase: Record<string, TargetRow[]> = {};
  for (const name of SCORECARD_CASES) rowsByCase[name] = targets(name, { seeds });
  return scorecardText(rowsByCase, seeds);
}
