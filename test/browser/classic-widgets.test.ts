/**
 * A notebook with Jupyter widgets, executed on the clusterlab kernel, opened in the classic
 * notebook (Debian's 6.4, no widget manager): the reader sees the controls' descriptions and
 * values from the kernel's text/html fallback, not an empty box.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipUnless } from '../support/requirements';
import { CHROMIUM, openBrowser, type BrowserSession } from './support/browser';
import { startClassicNotebook, type RunningServer } from './support/lab';
import { executeNotebook } from '../../dist/reproduce/runner';
import { startClusterlabKernel } from '../../dist/reproduce/kernel-session';
import type { Notebook } from '../../dist/reproduce/notebook';

const skip = skipUnless({ executables: [CHROMIUM], python: ['notebook', 'nbformat'] });

const SOURCE =
  "new VBox([new Checkbox({ description: 'association', value: true }), new FloatSlider({ description: 'knowledge gain', value: 0.25, max: 0.5 }), new Dropdown({ description: 'case', options: ['tomato', 'salmon'], value: 'salmon' })])";

describe.skipIf(skip)('kernel widgets in the classic notebook (no widget manager)', () => {
  let server: RunningServer;
  let browser: BrowserSession;
  const home = mkdtempSync(join(tmpdir(), 'clusterlab-classic-widgets-'));

  beforeAll(async () => {
    const input: Notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'clusterlab', display_name: 'TypeScript (clusterlab)', language: 'typescript' } },
      cells: [{ cell_type: 'code', id: 'w', metadata: {}, source: SOURCE, execution_count: null, outputs: [] }],
    };
    const executed = await executeNotebook(input, { name: 'widgets', cwd: home, startKernel: startClusterlabKernel });
    server = await startClassicNotebook({ notebooks: { 'widgets.ipynb': JSON.stringify(executed) }, trusted: ['widgets.ipynb'] });
    browser = await openBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it("shows the controls' values", async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}notebooks/widgets.ipynb?token=${server.token}`);
    const output = page.locator('.output_area .output_html').first();
    await output.waitFor({ timeout: 60_000 });
    const text = await output.innerText();
    expect(text).toContain('association: true');
    expect(text).toContain('knowledge gain: 0.25');
    expect(text).toContain('case: salmon');
    await browser.screenshot('classic-notebook-widget-fallback');
  });
});
