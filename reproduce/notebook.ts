/**
 * The parts of nbformat 4 that the runner reads and writes. Notebooks are read and written as
 * plain JSON in Jupyter's own layout (one-space indent, multiline strings split into lines), so
 * that a notebook saved by the runner diffs cleanly against one saved by JupyterLab.
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../src/io/atomic';

export type MultilineString = string | string[];
export type MimeBundle = Record<string, unknown>;

export interface StreamOutput {
  output_type: 'stream';
  name: 'stdout' | 'stderr';
  text: MultilineString;
}
export interface DisplayDataOutput {
  output_type: 'display_data';
  data: MimeBundle;
  metadata: Record<string, unknown>;
}
export interface ExecuteResultOutput {
  output_type: 'execute_result';
  execution_count: number | null;
  data: MimeBundle;
  metadata: Record<string, unknown>;
}
export interface ErrorOutput {
  output_type: 'error';
  ename: string;
  evalue: string;
  traceback: string[];
}
export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

export interface MarkdownCell {
  cell_type: 'markdown' | 'raw';
  id?: string;
  metadata: Record<string, unknown>;
  source: MultilineString;
  attachments?: Record<string, MimeBundle>;
}
export interface CodeCell {
  cell_type: 'code';
  id?: string;
  metadata: Record<string, unknown>;
  source: MultilineString;
  execution_count: number | null;
  outputs: Output[];
}
export type Cell = MarkdownCell | CodeCell;

export interface Notebook {
  cells: Cell[];
  metadata: Record<string, any>;
  nbformat: number;
  nbformat_minor: number;
}

export function joinText(text: MultilineString | undefined): string {
  return Array.isArray(text) ? text.join('') : (text ?? '');
}

/** Splits text into lines that keep their '\n', the way nbformat stores multiline strings. */
export function splitLines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

/** Mime types whose values are JSON structures rather than text. */
export function isJsonMime(mime: string): boolean {
  return mime === 'application/json' || mime.endsWith('+json');
}

/** Mime types nbformat stores as one opaque string (base64 images). */
function isBinaryMime(mime: string): boolean {
  return mime.startsWith('image/') && mime !== 'image/svg+xml';
}

/** A bundle in nbformat's stored layout: text split into lines, JSON kept as structure. */
export function storedBundle(data: MimeBundle): MimeBundle {
  const out: MimeBundle = {};
  for (const mime of Object.keys(data).sort()) {
    const value = data[mime];
    out[mime] = typeof value === 'string' && !isJsonMime(mime) && !isBinaryMime(mime) ? splitLines(value) : value;
  }
  return out;
}

/** A notebook that cannot be run as it is: names the file and, where it can, the cell and field. */
export class NotebookFormatError extends Error {
  override name = 'NotebookFormatError';
}

function isMultiline(value: unknown): value is MultilineString {
  return typeof value === 'string' || (Array.isArray(value) && value.every((line) => typeof line === 'string'));
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list with a non-string item';
  return value === null ? 'null' : typeof value;
}

/**
 * Checks what the runner and the site rely on (nbformat 4's cells, their types, sources and
 * outputs) and throws NotebookFormatError naming the first cell and field that is wrong.
 */
export function validateNotebook(value: unknown, path: string): asserts value is Notebook {
  const nb = value as Partial<Notebook> | null;
  if (typeof nb !== 'object' || nb === null || Array.isArray(nb)) throw new NotebookFormatError(`${path}: expected a JSON object, got ${describeValue(nb)}`);
  if (nb.nbformat !== 4 || !Array.isArray(nb.cells)) {
    throw new NotebookFormatError(`${path}: expected an nbformat 4 notebook with a cells array, got nbformat ${nb.nbformat}`);
  }
  nb.cells.forEach((cell: unknown, index) => {
    const where = `${path}, cell ${index + 1}`;
    if (typeof cell !== 'object' || cell === null || Array.isArray(cell))
      throw new NotebookFormatError(`${where}: expected an object, got ${describeValue(cell)}`);
    const c = cell as Partial<CodeCell> & { cell_type?: unknown };
    if (c.cell_type !== 'code' && c.cell_type !== 'markdown' && c.cell_type !== 'raw') {
      throw new NotebookFormatError(`${where}: cell_type must be 'code', 'markdown' or 'raw', got ${JSON.stringify(c.cell_type) ?? 'nothing'}`);
    }
    if (!isMultiline(c.source)) throw new NotebookFormatError(`${where}: source must be a string or a list of strings, got ${describeValue(c.source)}`);
    if (c.id !== undefined && typeof c.id !== 'string') throw new NotebookFormatError(`${where}: id must be a string, got ${describeValue(c.id)}`);
    if (c.cell_type === 'code' && c.outputs !== undefined) {
      if (!Array.isArray(c.outputs)) throw new NotebookFormatError(`${where}: outputs must be a list, got ${describeValue(c.outputs)}`);
      c.outputs.forEach((output, k) => validateOutput(output, `${where}, output ${k + 1}`));
    }
  });
}

/** The fields of an output that comparing and rendering read. */
function validateOutput(value: unknown, where: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new NotebookFormatError(`${where}: expected an object, got ${describeValue(value)}`);
  const o = value as Record<string, unknown>;
  const wrong = (field: string, expected: string) => new NotebookFormatError(`${where}: ${field} must be ${expected}, got ${describeValue(o[field])}`);
  switch (o.output_type) {
    case 'stream':
      if (o.name !== 'stdout' && o.name !== 'stderr') throw wrong('name', "'stdout' or 'stderr'");
      if (!isMultiline(o.text)) throw wrong('text', 'a string or a list of strings');
      return;
    case 'display_data':
    case 'execute_result':
      if (typeof o.data !== 'object' || o.data === null || Array.isArray(o.data)) throw wrong('data', 'an object of MIME types');
      return;
    case 'error':
      if (typeof o.ename !== 'string') throw wrong('ename', 'a string');
      if (typeof o.evalue !== 'string') throw wrong('evalue', 'a string');
      if (!Array.isArray(o.traceback)) throw wrong('traceback', 'a list of strings');
      return;
    default:
      throw new NotebookFormatError(
        `${where}: output_type must be 'stream', 'display_data', 'execute_result' or 'error', got ${JSON.stringify(o.output_type) ?? 'nothing'}`,
      );
  }
}

export function readNotebook(path: string): Notebook {
  let nb: unknown;
  try {
    nb = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new NotebookFormatError(`cannot read notebook ${path}: ${(error as Error).message}`);
  }
  validateNotebook(nb, path);
  // Fields nbformat requires of code cells but hand-written notebooks leave out.
  for (const cell of nb.cells) {
    if (cell.cell_type !== 'code') continue;
    cell.outputs ??= [];
    cell.execution_count ??= null;
  }
  return nb;
}

export function writeNotebook(path: string, nb: Notebook): void {
  writeFileAtomic(path, JSON.stringify(nb, null, 1) + '\n');
}

/** A copy of the notebook with every code cell's outputs and execution count cleared. */
export function clearOutputs(nb: Notebook): Notebook {
  return {
    ...nb,
    cells: nb.cells.map((cell) => (cell.cell_type === 'code' ? { ...cell, execution_count: null, outputs: [] } : cell)),
  };
}

/** A short, stable name for a cell in messages: its id when it has one, else its position. */
export function cellName(cell: Cell, index: number): string {
  return cell.id ? `cell ${index + 1} (${cell.id})` : `cell ${index + 1}`;
}
