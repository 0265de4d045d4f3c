/**
 * Notebooks run in a real JupyterLab 4 on the clusterlab kernel: every cell runs without error,
 * a streaming cell updates its one output in place (update_display_data) until done, and the
 * curated case notebooks (Sections 3.1 and 3.2) draw their networks and time series.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipUnless } from '../support/requirements';
import { CHROMIUM, openBrowser, type BrowserSession } from './support/browser';
import { ensureBrowserAssets, repoRoot } from './support/host';
import { cellSummaries, openLab, openNotebook, runAllCells, waitForKernelIdle } from './support/jupyterlab';
import { startLab, type RunningServer } from './support/lab';
import { hoverANode, isBand, isMarkers, networkInk, plotFigure, reveal } from './support/widgets';

const skip = skipUnless({ executables: [CHROMIUM], python: ['jupyterlab_server', 'jupyter_server'] });

const FIXTURES = join(__dirname, 'fixtures');
const CASE_NOTEBOOKS = ['03-tomato.ipynb', '04-salmon.ipynb'];

describe.skipIf(skip)('notebooks run on the clusterlab kernel in JupyterLab 4', () => {
  let server: RunningServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    await ensureBrowserAssets();
    const notebooks: Record<string, string> = {
      'live-update.ipynb': readFileSync(join(FIXTURES, 'live-update.ipynb'), 'utf8'),
    };
    for (const name of CASE_NOTEBOOKS) notebooks[name] = readFileSync(join(repoRoot, 'notebooks', name), 'utf8');
    // Copies in a temporary folder: running them must not touch the repository's notebooks.
    server = await startLab({ notebooks });
    browser = await openBrowser();
    await openLab(browser.page, server);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('updates a streaming output in place until the run is done', async () => {
    const { page } = browser;
    await openNotebook(page, 'live-update.ipynb');
    // Start the run without waiting for it, then watch the streaming cell while it runs.
    const running = page.evaluate(() => (globalThis as any).jupyterapp.commands.execute('notebook:run-all-cells'));
    const status = page.locator('.cl-timeseries-status').first();
    await expect.poll(() => status.textContent(), { timeout: 90_000 }).toMatch(/^running: step \d+ of \d+$/);
    const plot = page.locator('.cl-timeseries .js-plotly-plot').first();
    const seen = new Set<number>();
    while ((await status.textContent())?.startsWith('running')) {
      const points = (await plotFigure(plot).catch(() => ({ traces: [] as { points: number }[] }))).traces[0]?.points;
      if (points) seen.add(points);
      await page.waitForTimeout(100);
    }
    expect(await running).not.toBe(false);
    await waitForKernelIdle(page);
    const cells = await cellSummaries(page);
    expect(cells.flatMap((c) => c.errors)).toEqual([]);
    const [, streaming, whole] = cells.filter((c) => c.type === 'code');
    expect(streaming.outputTypes).toEqual(['display_data']);
    const streamingCell = page.locator('.jp-Notebook .jp-CodeCell').nth(1);
    expect(await streamingCell.locator('.cl-timeseries').count()).toBe(1);
    expect(await status.textContent()).toBe('');
    const final = await plotFigure(plot);
    const finalPoints = Math.max(...final.traces.map((t) => t.points));
    // Partial drawings, growing in the one output of the cell, before the complete one (how many
    // the page catches depends on the machine's load: the widget draws only the newest update).
    expect([...seen].filter((points) => points < finalPoints).length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...seen)).toBeLessThanOrEqual(finalPoints);
    expect(final.traces.some(isBand)).toBe(true);
    await browser.screenshot('lab-live-update');

    // show(run): one output holding the run's network and its time series.
    expect(whole.outputTypes).toEqual(['display_data']);
    const wholeCell = page.locator('.jp-Notebook .jp-CodeCell').nth(2);
    const ink = await networkInk(page, wholeCell.locator('.cl-network'));
    expect(ink.inked).toBeGreaterThan(1000);
    await reveal(wholeCell.locator('.cl-timeseries .js-plotly-plot'));
    expect((await plotFigure(wholeCell.locator('.cl-timeseries .js-plotly-plot'))).traces.length).toBeGreaterThan(0);
    await browser.screenshotOf(wholeCell.locator('.jp-OutputArea'), 'lab-show-run');
  }, 180_000);

  for (const name of CASE_NOTEBOOKS) {
    it(`runs ${name} and draws its network and time series`, async () => {
      const { page } = browser;
      await openNotebook(page, name);
      const cells = await runAllCells(page, 240_000);
      expect(cells.flatMap((c) => c.errors)).toEqual([]);
      expect(cells.filter((c) => c.type === 'code').every((c) => c.executionCount !== null)).toBe(true);

      const network = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .cl-network').first();
      const ink = await networkInk(page, network);
      expect(ink.inked).toBeGreaterThan(500);
      expect(await hoverANode(page, network)).toMatch(/\w{3,}/);
      const count = network.locator('.cl-network-count');
      const slider = network.locator('input[type=range].cl-network-year');
      const before = await count.textContent();
      await slider.fill((await slider.getAttribute('max')) as string);
      await expect.poll(() => count.textContent()).not.toBe(before);
      await browser.screenshotOf(network, `lab-${name.replace('.ipynb', '')}-network`);

      const plot = await reveal(page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .cl-timeseries .js-plotly-plot').first());
      const figure = await plotFigure(plot);
      expect(figure.traces.some(isBand)).toBe(true);
      expect(figure.traces.some((t) => isMarkers(t) && /Perez-Aleman 2005/.test(t.name))).toBe(true);
      await browser.screenshotOf(page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .cl-timeseries').first(), `lab-${name.replace('.ipynb', '')}-timeseries`);
    }, 300_000);
  }

  it('leaves the console free of errors other than the known harmless 404s', () => {
    expect(browser.unexpectedErrors()).toEqual([]);
  });
});
