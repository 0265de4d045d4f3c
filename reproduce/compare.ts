/**
 * Compares re-executed outputs with committed ones in the manner of nbval: the text and data of
 * every output must match; execution counts, output metadata, tracebacks (which carry paths) and
 * the way a stream was split into chunks are ignored, as is an `image/png` that a JupyterLab renderer stored beside a widget after
 * drawing it (a headless run never draws), and the random model id of a Jupyter widget's view.
 */
import { cellName, joinText, isJsonMime, type Notebook, type Output } from './notebook';

const WIDGET_VIEW_MIME = 'application/vnd.jupyter.widget-view+json';

export interface Difference {
  cell: string;
  detail: string;
}

/** An output as named text fields: what must match, and nothing else. */
function canonical(output: Output): Record<string, string> {
  switch (output.output_type) {
    case 'stream':
      return { kind: 'stream', name: output.name, text: joinText(output.text) };
    case 'error':
      return { kind: 'error', ename: output.ename, evalue: output.evalue };
    default: {
      // An execute_result and a display_data with the same bundle show the same thing.
      const fields: Record<string, string> = { kind: 'data' };
      for (const mime of Object.keys(output.data).sort()) {
        if (mime === 'image/png') continue;
        let value = output.data[mime];
        // Widget model ids are random per kernel (uuid4, as in ipywidgets): the view is compared without it.
        if (mime === WIDGET_VIEW_MIME && value && typeof value === 'object') value = { ...(value as object), model_id: undefined };
        fields[mime] = isJsonMime(mime) ? stableJson(value) : joinText(value as string | string[]);
      }
      return fields;
    }
  }
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

function firstDifference(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] === lb[i]) continue;
    if (la[i] === undefined || lb[i] === undefined) {
      return `line ${i + 1}: ${la[i] === undefined ? 'added' : 'removed'} ${JSON.stringify((la[i] ?? lb[i]).slice(0, 120))}`;
    }
    // Long lines (JSON payloads) are shown around the first character that differs.
    let at = 0;
    while (la[i][at] === lb[i][at]) at++;
    const from = Math.max(0, at - 40);
    const clip = (s: string) => JSON.stringify((from > 0 ? '...' : '') + s.slice(from, at + 80) + (s.length > at + 80 ? '...' : ''));
    return `line ${i + 1}, column ${at + 1}: committed ${clip(la[i])}, now ${clip(lb[i])}`;
  }
  return 'differs';
}

/** Outputs as fields, with consecutive chunks of one stream merged (clients split them differently). */
function canonicalList(outputs: Output[]): Record<string, string>[] {
  const list: Record<string, string>[] = [];
  for (const output of outputs) {
    const fields = canonical(output);
    const last = list[list.length - 1];
    if (fields.kind === 'stream' && last?.kind === 'stream' && last.name === fields.name) last.text += fields.text;
    else list.push(fields);
  }
  return list;
}

/** Every difference between the committed notebook and its re-execution, cell by cell. */
export function compareNotebooks(committed: Notebook, executed: Notebook): Difference[] {
  const diffs: Difference[] = [];
  if (committed.cells.length !== executed.cells.length) {
    return [{ cell: 'notebook', detail: `committed has ${committed.cells.length} cells, executed has ${executed.cells.length}` }];
  }
  committed.cells.forEach((cell, index) => {
    const run = executed.cells[index];
    if (cell.cell_type !== 'code' || run.cell_type !== 'code') return;
    const name = cellName(cell, index);
    const before = canonicalList(cell.outputs);
    const after = canonicalList(run.outputs);
    if (before.length !== after.length) {
      diffs.push({ cell: name, detail: `committed has ${before.length} outputs, re-execution has ${after.length}` });
      return;
    }
    before.forEach((b, k) => {
      const a = after[k];
      for (const field of [...new Set([...Object.keys(b), ...Object.keys(a)])]) {
        if (b[field] === a[field]) continue;
        const detail =
          b[field] === undefined || a[field] === undefined
            ? `${field} ${b[field] === undefined ? 'appeared' : 'disappeared'}`
            : `${field} ${firstDifference(b[field], a[field])}`;
        diffs.push({ cell: name, detail: `output ${k + 1}: ${detail}` });
      }
    });
  });
  return diffs;
}
