/**
 * The same hypotheses judged over several calibrations of one model (for instance the committed
 * posterior and the same settings at other calibration seeds): each hypothesis's effect and
 * verdict under each, and whether the verdict is the same under all. A calibration's seed decides
 * which parameters its screening keeps and which draws it accepts, so a verdict that changes with
 * it is a property of that calibration, not a finding of the model.
 */
import { displayAsTable, textTable } from '../calibration/report';
import { fmt } from '../simulation/summary';
import type { HypothesesResult, Verdict } from './evaluate';

export interface VerdictAcrossRow {
  id: string;
  measure: string;
  /** Mean paired effect under each calibration, in the order given. */
  estimates: number[];
  verdicts: Verdict[];
  /** Whether every calibration gives the same verdict. */
  same: boolean;
}

export interface VerdictsAcross {
  model: string;
  /** Where each calibration's draws came from: its file, or the defaults. */
  calibrations: string[];
  rows: VerdictAcrossRow[];
  /** Hypotheses with the same verdict under every calibration. */
  sameCount: number;
}

/** Lines up results of `hypotheses` for one model, one per calibration, hypothesis by hypothesis. */
export function verdictsAcross(results: readonly HypothesesResult[]): VerdictsAcross {
  if (results.length < 2) throw new RangeError(`verdictsAcross: needs the results of at least two calibrations, got ${results.length}`);
  const model = results[0].model;
  const other = results.find((r) => r.model !== model || r.fingerprint !== results[0].fingerprint);
  if (other)
    throw new RangeError(
      `verdictsAcross: every result must be of one model as built now; got '${model}' and '${other.model}' (fingerprints ${results[0].fingerprint}, ${other.fingerprint})`,
    );
  const ids = results[0].rows.map((r) => r.id);
  const rows = ids.map((id, i) => {
    const each = results.map((r) => r.rows.find((row) => row.id === id));
    const missing = each.findIndex((row) => !row);
    if (missing >= 0) throw new RangeError(`verdictsAcross: hypothesis ${id} is missing from the result of ${results[missing].posterior ?? 'the defaults'}`);
    const found = each as NonNullable<(typeof each)[number]>[];
    const verdicts = found.map((row) => row.verdict);
    return { id, measure: results[0].rows[i].measure, estimates: found.map((row) => row.estimate), verdicts, same: verdicts.every((v) => v === verdicts[0]) };
  });
  const across: VerdictsAcross = {
    model,
    calibrations: results.map((r) => r.posterior ?? 'defaults'),
    rows,
    sameCount: rows.filter((r) => r.same).length,
  };
  return displayAsTable(
    across,
    () => verdictsAcrossText(across),
    () => ({ caption: verdictsAcrossCaption(across), ...acrossColumns(across) }),
  );
}

function verdictsAcrossCaption(a: VerdictsAcross): string {
  return `${a.model} over ${a.calibrations.length} calibrations (${a.calibrations.map((c, k) => `${k + 1}: ${c}`).join(', ')}): ${a.sameCount} of ${a.rows.length} verdicts the same under every one`;
}

function acrossColumns(a: VerdictsAcross): { cols: string[]; rows: string[][] } {
  const numbers = a.calibrations.map((_, k) => k + 1).join(' / ');
  // The measures are in each calibration's own table; left out here to keep the rows short.
  return {
    cols: ['id', `effect, calibration ${numbers}`, `verdict, calibration ${numbers}`, 'the same?'],
    rows: a.rows.map((r) => [r.id, r.estimates.map(fmt).join(' / '), r.verdicts.join(' / '), r.same ? 'yes' : 'no']),
  };
}

/** The comparison as a text table under a header naming the calibrations. */
export function verdictsAcrossText(a: VerdictsAcross): string {
  const { cols, rows } = acrossColumns(a);
  return [`# ${verdictsAcrossCaption(a)}`, textTable(cols, rows)].join('\n');
}
