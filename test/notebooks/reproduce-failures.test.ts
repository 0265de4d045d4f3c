/**
 * `clusterlab reproduce` when notebooks go wrong: a cell that ends the kernel, a file that is not
 * JSON, a cell whose source is a number. Each is reported by notebook and cell, the other notebooks
 * still run on a new kernel, and the run ends non-zero instead of hanging. The run's kernels keep
 * no input history in the user's data folder.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCommand, type CommandResult } from '../support/run-command';

const code = (id: string, source: unknown) => ({ cell_type: 'code', id, metadata: {}, source, execution_count: null, outputs: [] });
const notebook = (cells: object[]) =>
  JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'clusterlab', display_name: 'TypeScript (clusterlab)', language: 'typescript' } },
    cells,
  });

describe('clusterlab reproduce with a dying kernel and unreadable notebooks', () => {
  const home = mkdtempSync(join(tmpdir(), 'clusterlab-runner-failures-'));
  const dir = join(home, 'notebooks');
  const share = join(home, 'share');
  let result: CommandResult;

  beforeAll(async () => {
    mkdirSync(dir);
    writeFileSync(join(dir, '01-dies.ipynb'), notebook([code('fine', 'const a: number = 1;'), code('exit', 'process.exit(1);'), code('never', 'a')]));
    writeFileSync(join(dir, '01b-killed.ipynb'), notebook([code('kill', "process.kill(process.pid, 'SIGKILL');")]));
    writeFileSync(join(dir, '02-not-json.ipynb'), '{ "nbformat": 4, "cells": [');
    writeFileSync(join(dir, '03-number-source.ipynb'), notebook([{ cell_type: 'markdown', metadata: {}, source: '# ok' }, code('odd', 42)]));
    writeFileSync(join(dir, '04-fine.ipynb'), notebook([code('hello', "console.log('still running')")]));
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_DATA_HOME: share };
    delete env.JUPYTER_DATA_DIR;
    delete env.CLUSTERLAB_HISTORY_FILE;
    // Before the runner noticed dead kernels this run waited an hour on the dead kernel's reply.
    result = await runCommand(
      process.execPath,
      [join(ROOT, 'bin', 'clusterlab.js'), 'reproduce', '--notebooks', dir, '--no-site', '--no-scorecard', '--out', join(home, 'out')],
      env,
      150_000,
    );
  }, 180_000);
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('says the kernel died, in which notebook and cell, and goes on with a new kernel', () => {
    expect(result.stderr).toMatch(/the kernel died \((exit code 1|signal SIG[A-Z]+)\) in notebook 01-dies, cell 2 \(exit\)/);
    expect(result.stderr).toContain('the kernel died (signal SIGKILL) in notebook 01b-killed, cell 1 (kill)');
    expect(result.stdout).not.toContain('cell 3 (never)');
    expect(result.stdout).toContain('04-fine: done');
    expect(result.code).toBe(1);
  });

  it('names an unreadable notebook and the cell at fault, and runs the others', () => {
    expect(result.stderr).toMatch(/cannot read notebook \S*02-not-json\.ipynb: .*JSON/);
    expect(result.stderr).toContain('03-number-source.ipynb, cell 2: source must be a string or a list of strings, got number');
    expect(result.stderr).toContain('4 notebook(s) failed');
  });

  it("keeps the notebooks' cells out of the user's input history", () => {
    expect(existsSync(join(share, 'clusterlab', 'history.jsonl'))).toBe(false);
  });
});
