/**
 * The reproduction scorecard that ends `npm start`: every fact of the paper the model can be
 * compared with, beside the median and 5-95% band of runs over the case's committed posterior
 * (the calibrated state of the model, as `npx clusterlab targets <case>` and the notebooks' scorecards
 * judge it), its tolerance and pass or fail. The comparison is the calibration's own
 * `posteriorTargets`; this file only prints.
 */
import { posteriorTargets } from '../src/calibration/targets';
import { getModel } from '../src/models';

/** One printed row: a fact, the runs' median and band, and how the fit uses the fact. */
export interface ScorecardRow {
  id: string;
  year: number;
  value: number;
  model: number;
  p05: number;
  p95: number;
  tolerance: string;
  /** 'calibration', or how the fact is held out ('held out by time', 'held out by kind'). */
  use: string;
  pass: boolean;
  section: string;
}

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

export function scorecardText(rowsByCase: Record<string, ScorecardRow[]>, seeds: number, sources: string[] = []): string {
  const lines: string[] = [`\nReproduction scorecard: the paper's facts against the median of ${seeds} seeded runs`, ...sources];
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
          r.use,
          r.pass ? 'pass' : 'FAIL',
        ]),
      ]),
    );
    passed += rows.filter((r) => r.pass).length;
    total += rows.length;
    const held = rows.filter((r) => r.use !== 'calibration');
    lines.push(`${rows.filter((r) => r.pass).length}/${rows.length} within tolerance (held out: ${held.filter((r) => r.pass).length}/${held.length})`);
  }
  lines.push('', `Overall: ${passed} of ${total} facts within tolerance.`);
  return lines.join('\n') + '\n';
}

/** Computes the scorecard (runs i at posterior draw i and seed i, as `targets`) and returns it as text. */
export async function scorecard(seeds = SCORECARD_SEEDS): Promise<string> {
  const rowsByCase: Record<string, ScorecardRow[]> = {};
  const sources: string[] = [];
  for (const name of SCORECARD_CASES) {
    const result = await posteriorTargets(getModel(name), { seeds });
    sources.push(`${name}: ${result.sourceNote}`);
    rowsByCase[name] = result.rows.map((r) => ({ ...r, model: r.median, use: r.role === 'calibration' ? 'calibration' : r.roleText }));
  }
  return scorecardText(rowsByCase, seeds, sources);
}
