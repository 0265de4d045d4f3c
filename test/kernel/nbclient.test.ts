/** A notebook executed end to end by Debian's nbclient on the installed clusterlab kernelspec. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installKernelspec } from '../../dist/kernel/install';
import { skipUnless } from '../support/requirements';

const skip = skipUnless({ python: ['nbclient', 'nbformat'] });

const RUN_NOTEBOOK = `
import sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, kernel_name="clusterlab", timeout=180, startup_timeout=120).execute()
nbformat.write(nb, sys.argv[2])
`;

/** nbformat stores multi-line strings as lists of lines; join them back. */
function joinLines(value: unknown): unknown {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? value.join('') : value.map(joinLines);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, joinLines(v)]));
  return value;
}

const cell = (source: string) => ({ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source });

describe.skipIf(skip)('nbclient runs a notebook on the clusterlab kernel', () => {
  const home = mkdtempSync(join(tmpdir(), 'clusterlab-nbclient-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('executes every cell and records results, displays and streams', () => {
    installKernelspec({ dataDir: join(home, 'data'), labextension: false });
    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'clusterlab', display_name: 'TypeScript (clusterlab)', language: 'typescript' } },
      cells: [
        cell('const seeds: number[] = [1, 2, 3];\nseeds.length'),
        cell('display.markdown("**Chilean salmon**")'),
        cell('console.log(`seeds: ${seeds.join(",")}`)'),
        cell('import * as tslab from "tslab";\ntslab.display.html("<b>tslab style</b>")'),
        cell('typeof simulate'),
      ].map((c, i) => ({ ...c, id: `cell-${i}` })),
    };
    const input = join(home, 'in.ipynb');
    const output = join(home, 'out.ipynb');
    writeFileSync(input, JSON.stringify(notebook));
    const run = spawnSync('/usr/bin/python3', ['-c', RUN_NOTEBOOK, input, output], {
      cwd: home,
      encoding: 'utf8',
      timeout: 240_000,
      env: { ...process.env, JUPYTER_PATH: join(home, 'data'), JUPYTER_DATA_DIR: join(home, 'data'), JUPYTER_RUNTIME_DIR: join(home, 'runtime') },
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const cells = (joinLines(JSON.parse(readFileSync(output, 'utf8'))) as { cells: any[] }).cells;
    expect(cells.map((c: { execution_count: number }) => c.execution_count)).toEqual([1, 2, 3, 4, 5]);
    expect(cells[0].outputs).toEqual([{ output_type: 'execute_result', execution_count: 1, data: { 'text/plain': '3' }, metadata: {} }]);
    expect(cells[1].outputs[0]).toMatchObject({ output_type: 'display_data', data: { 'text/markdown': '**Chilean salmon**' } });
    expect(cells[2].outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: 'seeds: 1,2,3\n' }]);
    expect(cells[3].outputs[0].data).toEqual({ 'text/html': '<b>tslab style</b>' });
    expect(cells[4].outputs[0].data).toEqual({ 'text/plain': "'function'" });
  }, 300_000);
});
