/**
 * The committed notebooks executed by Debian's nbclient, a Jupyter client we did not write, on the
 * installed clusterlab kernel: every notebook runs without error and gives the committed outputs
 * (compared as `clusterlab reproduce --check` does: text and data, not counts or metadata).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipUnless } from '../support/requirements';
import { ROOT, runCommand as run } from '../support/run-command';
import { compareNotebooks } from '../../dist/reproduce/compare';
import { readNotebook } from '../../dist/reproduce/notebook';
import { installKernelspec } from '../../dist/kernel/install';

const NOTEBOOKS = join(ROOT, 'notebooks');
const names = readdirSync(NOTEBOOKS)
  .filter((f) => f.endsWith('.ipynb'))
  .sort();

// Executes each notebook with nbclient in its own folder (as Jupyter does) and saves the result.
const NBCLIENT_SCRIPT = `
import sys, os, nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
src, out = sys.argv[1], sys.argv[2]
failed = 0
for name in sys.argv[3:]:
    nb = nbformat.read(os.path.join(src, name), as_version=4)
    client = NotebookClient(nb, kernel_name='clusterlab', timeout=600, resources={'metadata': {'path': src}})
    try:
        client.execute()
        print(name, 'ok', flush=True)
    except CellExecutionError as error:
        failed += 1
        print(name, 'FAILED', str(error)[-3000:], flush=True)
    nbformat.write(nb, os.path.join(out, name))
sys.exit(1 if failed else 0)
`;

describe.skipIf(skipUnless({ python: ['nbclient', 'nbformat'] }))('notebooks under nbclient', () => {
  let home: string;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'clusterlab-nbclient-'));
    installKernelspec({ dataDir: join(home, 'data'), labextension: false });
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('executes every notebook without error and reproduces the committed outputs', async () => {
    const out = join(home, 'executed');
    mkdirSync(out);
    const script = join(home, 'run.py');
    writeFileSync(script, NBCLIENT_SCRIPT);
    const env = {
      ...process.env,
      JUPYTER_PATH: join(home, 'data'),
      JUPYTER_DATA_DIR: join(home, 'data'),
      JUPYTER_CONFIG_DIR: join(home, 'config'),
      JUPYTER_RUNTIME_DIR: join(home, 'runtime'),
    };
    const result = await run('/usr/bin/python3', [script, NOTEBOOKS, out, ...names], env, 900_000);
    expect(result.stdout + result.stderr).not.toContain('FAILED');
    expect(result.code).toBe(0);
    for (const name of names) {
      const diffs = compareNotebooks(readNotebook(join(NOTEBOOKS, name)), readNotebook(join(out, name)));
      expect({ notebook: name, diffs }).toEqual({ notebook: name, diffs: [] });
    }
  }, 900_000);
});
