/**
 * Reading a notebook the runner cannot run: each malformed file is refused with an error that
 * names the file, the cell (and output) and the field at fault, and every notebook of the project
 * passes the same checks.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NotebookFormatError, readNotebook } from '../../dist/reproduce/notebook';
import { ROOT } from '../support/run-command';

const dir = mkdtempSync(join(tmpdir(), 'clusterlab-nbformat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const code = (extra: object = {}) => ({ cell_type: 'code', metadata: {}, source: 'x', execution_count: null, outputs: [], ...extra });

let files = 0;
/** Writes `text` as a notebook of its own and returns how to read it. */
function readBack(text: string): () => unknown {
  const file = join(dir, `${++files}`, 'bad.ipynb');
  mkdirSync(join(dir, `${files}`));
  writeFileSync(file, text);
  return () => readNotebook(file);
}
const withCells = (cells: unknown[]) => readBack(JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells }));

describe('readNotebook', () => {
  it.each([
    ['text that is not JSON', readBack('{ "cells": ['), /cannot read notebook \S*bad\.ipynb: /],
    ['a JSON array', readBack('[]'), /bad\.ipynb: expected a JSON object, got a list/],
    ['nbformat 3', readBack('{"nbformat": 3, "worksheets": []}'), /bad\.ipynb: expected an nbformat 4 notebook with a cells array, got nbformat 3/],
    ['a numeric source', withCells([code(), code({ source: 42 })]), /bad\.ipynb, cell 2: source must be a string or a list of strings, got number/],
    [
      'a source list with a number',
      withCells([{ cell_type: 'markdown', metadata: {}, source: ['a', 1] }]),
      /bad\.ipynb, cell 1: source must be a string or a list of strings, got a list with a non-string item/,
    ],
    [
      'an unknown cell type',
      withCells([{ cell_type: 'heading', metadata: {}, source: '' }]),
      /cell 1: cell_type must be 'code', 'markdown' or 'raw', got "heading"/,
    ],
    ['a cell that is null', withCells([null]), /cell 1: expected an object, got null/],
    ['outputs that are not a list', withCells([code({ outputs: {} })]), /cell 1: outputs must be a list, got object/],
    [
      'a stream without text',
      withCells([code({ outputs: [{ output_type: 'stream', name: 'stdout' }] })]),
      /cell 1, output 1: text must be a string or a list of strings, got undefined/,
    ],
    [
      'display data without data',
      withCells([code({ outputs: [{ output_type: 'display_data', metadata: {} }] })]),
      /cell 1, output 1: data must be an object of MIME types/,
    ],
    [
      'an unknown output type',
      withCells([code({ outputs: [{ output_type: 'pyout' }] })]),
      /output 1: output_type must be 'stream', 'display_data', 'execute_result' or 'error', got "pyout"/,
    ],
  ])('refuses %s, naming what is wrong', (_what, read, message) => {
    expect(read).toThrow(NotebookFormatError);
    expect(read).toThrow(message);
  });

  it('fills in the outputs and execution count a hand-written code cell leaves out', () => {
    const nb = withCells([{ cell_type: 'code', metadata: {}, source: '1' }])() as { cells: { outputs: unknown[]; execution_count: unknown }[] };
    expect(nb.cells[0]).toMatchObject({ outputs: [], execution_count: null });
  });

  it('accepts every notebook of the project', () => {
    const names = readdirSync(join(ROOT, 'notebooks')).filter((f) => f.endsWith('.ipynb'));
    expect(names.length).toBeGreaterThan(3);
    for (const name of names) expect(() => readNotebook(join(ROOT, 'notebooks', name))).not.toThrow();
  });
});
