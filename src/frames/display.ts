/**
 * Rich display of a DataFrame: an HTML table (escaped) and an aligned text table, as a Jupyter
 * MIME bundle. Works on any object with `columns` and row `values`, so it never loads danfo itself.
 */
import type { DataFrame } from './danfo';

export interface FrameBundle {
  'text/html': string;
  'text/plain': string;
}

export interface FrameDisplayOptions {
  /** Rows shown before eliding the middle (default 40: first 20 and last 20). */
  maxRows?: number;
  /** Significant digits for non-integers (default 6). */
  digits?: number;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

function formatCell(v: unknown, digits: number): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(digits)));
  }
  return String(v);
}

/** Row values of a frame as a list of rows (danfo gives a list of rows, or of values for one column). */
function rowsOf(df: Pick<DataFrame, 'values' | 'columns'>): unknown[][] {
  return (df.values as unknown[]).map((r) => (Array.isArray(r) ? r : [r]));
}

/** The MIME bundle of a frame: `text/html` table and `text/plain` aligned columns. */
export function frameBundle(df: Pick<DataFrame, 'values' | 'columns'>, options: FrameDisplayOptions = {}): FrameBundle {
  const maxRows = options.maxRows ?? 40;
  const digits = options.digits ?? 6;
  if (!Number.isInteger(maxRows) || maxRows < 2) throw new RangeError(`frameBundle: maxRows must be an integer >= 2, got ${maxRows}`);
  const columns = df.columns.map(String);
  const all = rowsOf(df);
  const elided = all.length > maxRows;
  const headCount = elided ? Math.ceil(maxRows / 2) : all.length;
  const shown: { index: number; cells: string[] }[] = [];
  const take = (i: number) => shown.push({ index: i, cells: all[i].map((v) => formatCell(v, digits)) });
  for (let i = 0; i < headCount; i++) take(i);
  const tailStart = elided ? all.length - Math.floor(maxRows / 2) : all.length;
  for (let i = tailStart; i < all.length; i++) take(i);

  const head = `<tr><th></th>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const bodyRow = (r: { index: number; cells: string[] }) => `<tr><th>${r.index}</th>${r.cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
  const gap = elided ? `<tr><th>…</th>${columns.map(() => '<td>…</td>').join('')}</tr>` : '';
  const html =
    `<table class="clusterlab-frame"><thead>${head}</thead><tbody>` +
    shown.slice(0, headCount).map(bodyRow).join('') +
    gap +
    shown.slice(headCount).map(bodyRow).join('') +
    `</tbody></table><p>${all.length} rows × ${columns.length} columns</p>`;

  const indexWidth = String(Math.max(0, all.length - 1)).length;
  const widths = columns.map((c, j) => Math.max(c.length, ...shown.map((r) => (r.cells[j] ?? '').length)));
  const line = (index: string, cells: string[]) => [index.padStart(indexWidth), ...cells.map((c, j) => c.padStart(widths[j]))].join('  ');
  const text = [
    line('', columns),
    ...shown.slice(0, headCount).map((r) => line(String(r.index), r.cells)),
    ...(elided
      ? [
          line(
            '…',
            columns.map(() => '…'),
          ),
        ]
      : []),
    ...shown.slice(headCount).map((r) => line(String(r.index), r.cells)),
    `[${all.length} rows × ${columns.length} columns]`,
  ].join('\n');
  return { 'text/html': html, 'text/plain': text };
}

/** Wraps a frame so that the kernel displays it richly (the `jupyter.mimebundle` protocol). */
export function showFrame(df: Pick<DataFrame, 'values' | 'columns'>, options?: FrameDisplayOptions): { [key: symbol]: () => FrameBundle } {
  return { [Symbol.for('jupyter.mimebundle')]: () => frameBundle(df, options) };
}
