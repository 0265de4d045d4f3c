/** Plain-text tables of a calibration record (the CLI prints them; notebooks can too). */
import { fmt } from '../simulation/summary';
import { FIT_ROLE_TEXT } from './facts';
import type { CalibrationFile, FactCheck, FitResult } from './pipeline';

/** A fact's median as text: NaN there means fewer than half the runs produce the fact (an event that never happens). */
export function medianText(v: number): string {
  return Number.isNaN(v) ? 'not produced' : fmt(v);
}

/** A 5-95% interval as text, empty of numbers when the fact is not produced. */
export function intervalText(low: number, high: number, format: (low: string, high: string) => string): string {
  return Number.isNaN(low) || Number.isNaN(high) ? '-' : format(fmt(low), fmt(high));
}

/** Whether a cell is words ('supported', 'held out by kind') rather than a number, an interval or a share. */
const isWords = (cell: string) => /[A-Za-z]{2,}/.test(cell);

/**
 * Columns padded to a common width: the first, and any whose cells are mostly words, to the left
 * (a long measure right-aligned reads badly); numbers to the right, so that they line up.
 */
export function textTable(cols: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = cols.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const left = cols.map((_, i) => {
    const cells = rows.map((r) => r[i]).filter((x) => x !== '');
    return i === 0 || 2 * cells.filter(isWords).length > cells.length;
  });
  const line = (xs: readonly string[]) =>
    xs
      .map((x, i) => (left[i] ? x.padEnd(widths[i]) : x.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(cols), ...rows.map(line)].join('\n');
}

function checks(rows: readonly FactCheck[]): string {
  return textTable(
    ['fact', 'role', 'paper', 'median', 'p05', 'p95', 'tolerance', 'pass', 'in 90%'],
    rows.map((r) => [
      r.id,
      FIT_ROLE_TEXT[r.role],
      fmt(r.value),
      fmt(r.median),
      fmt(r.p05),
      fmt(r.p95),
      r.tolerance,
      r.pass ? 'yes' : 'NO',
      r.covered ? 'yes' : 'no',
    ]),
  );
}

/**
 * How a fit's posterior was drawn: draws kept, simulations, tolerance, adjustment or generations.
 * @param requested whether the regression adjustment was asked for (files from before the option: it always was)
 */
export function posteriorText(fit: FitResult, requested: boolean): string {
  const post = fit.posterior;
  return post.method === 'apmc'
    ? `${post.draws.length} draws kept after ${post.tolerances.length - 1} generations of adaptive population Monte Carlo (Lenormand et al. 2013), ${post.simulations} draws simulated; tolerance ${fmt(post.tolerances[0] ?? NaN)} in the prior sample, ${fmt(post.tolerances[post.tolerances.length - 1] ?? NaN)} at the end; last acceptance ${fmt(post.acceptance[post.acceptance.length - 1])}`
    : `${post.draws.length} draws kept of ${post.simulations} (tolerance ${fmt(post.tolerances[0] ?? NaN)} in tolerances), ${fit.regression ? 'regression-adjusted (Beaumont et al. 2002)' : requested ? 'plain rejection (regression singular)' : 'plain rejection, the kept draws as simulated'}`;
}

function fitText(title: string, fit: FitResult, requested: boolean): string {
  const passed = (role: string) => {
    const rows = fit.predictive.filter((r) => r.role === role);
    return `${rows.filter((r) => r.pass).length}/${rows.length}`;
  };
  return [
    `## ${title}: conditioned on ${fit.facts.length} facts (${fit.facts.join(', ')})`,
    ...(fit.unproduced?.length ? [`left out, as no prior simulation produces them (each still a miss below): ${fit.unproduced.join(', ')}`] : []),
    posteriorText(fit, requested),
    textTable(
      ['parameter', 'prior', 'p05', 'median', 'p95', 'width ratio', 'the facts'],
      fit.identification.map((r) => [
        r.parameter,
        `${fmt(r.prior[0])}..${fmt(r.prior[1])}`,
        fmt(r.p05),
        fmt(r.median),
        fmt(r.p95),
        fmt(r.widthRatio),
        r.verdict,
      ]),
    ),
    `posterior predictive (median within tolerance): calibration ${passed('calibration')}, held out by time ${passed('heldOutByTime')}, held out by kind ${passed('heldOutByKind')}`,
    checks(fit.predictive),
  ].join('\n');
}

/** What the main fit was conditioned on, as the text and csv reports name it. */
export function fitLabel(record: CalibrationFile): string {
  return record.settings.fitOn === 'all' ? 'fit on every fact (--fit-on all: none held out by kind)' : 'fit on every calibration fact';
}

/** The whole record as text: screening, the fit, the validation by time. */
export function calibrationReportText(record: CalibrationFile): string {
  const s = record.screening;
  return [
    `# calibration of ${record.model} (fingerprint ${record.fingerprint}, seed ${record.seed}, budget ${record.settings.budget} ${record.settings.sampler === 'apmc' ? 'runs per fit' : 'prior simulations'}, ${record.settings.replicates ?? 1} per draw)`,
    `## Morris screening (${record.settings.trajectories} trajectories, ${s.runs} runs) of the loss over ${record.settings.fitOn === 'all' ? 'every fact' : 'calibration facts'}`,
    `rule: ${s.rule}`,
    textTable(
      ['parameter', 'range', 'mu*', 'mu', 'sigma', 'kept'],
      s.rows.map((r) => [r.parameter, `${fmt(r.low)}..${fmt(r.high)}`, fmt(r.muStar), fmt(r.mu), fmt(r.sigma), r.selected ? 'yes' : 'no']),
    ),
    fitText(fitLabel(record), record.fit, record.settings.regression ?? true),
    fitText(`validation by time: fit on facts up to ${record.settings.splitYear}`, record.validationByTime, record.settings.regression ?? true),
  ].join('\n\n');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/**
 * Makes a result display in a notebook as a table (the kernel's `jupyter.mimebundle` hook): text
 * as the CLI prints it, and an HTML table of the same rows. Non-enumerable, so JSON is unchanged.
 */
export function displayAsTable<T extends object>(result: T, text: () => string, table: () => { caption: string; cols: string[]; rows: string[][] }): T {
  Object.defineProperty(result, Symbol.for('jupyter.mimebundle'), {
    enumerable: false,
    value: () => {
      const t = table();
      const head = t.cols.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
      const body = t.rows.map((r) => `<tr>${r.map((x) => `<td>${escapeHtml(x)}</td>`).join('')}</tr>`).join('');
      return {
        'text/plain': text(),
        'text/html': `<div class="clusterlab-table"><p>${escapeHtml(t.caption)}</p><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`,
      };
    },
  });
  return result;
}
