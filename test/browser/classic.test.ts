/**
 * The classic notebook (Debian's jupyter-notebook 6.4) knows nothing of our MIME types: it shows
 * the static fallbacks every clusterlab output carries. The network's text/html is a PNG made in
 * Node (an <img>, which the sanitiser of an untrusted notebook keeps), so trusted and untrusted
 * readers both see the picture; the time series' is an inline SVG, which an untrusted notebook
 * strips to its text. Labels from data stay text in both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipUnless } from '../support/requirements';
import { CHROMIUM, openBrowser, type BrowserSession } from './support/browser';
import { displayData, networkBundle, notebook, syntheticEnsemble, syntheticHistory, timeSeriesBundle } from './support/fixtures';
import { inkOfPng } from './support/pixels';
import { startClassicNotebook, type RunningServer } from './support/lab';

const skip = skipUnless({ executables: [CHROMIUM], python: ['notebook', 'nbformat'] });

const HOSTILE = '<img src=x onerror=alert(1)>';

describe.skipIf(skip)('clusterlab outputs in the classic notebook', () => {
  let server: RunningServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    const history = syntheticHistory({ nodes: 150, seed: 'classic-test' });
    const ensemble = syntheticEnsemble({ runs: 50, years: 30, seed: 'classic-test' });
    const text = notebook([
      ['show(network)', [displayData(networkBundle(history, { title: `Cluster ${HOSTILE}` }))]],
      ['show(ensemble)', [displayData(timeSeriesBundle(ensemble, { title: 'Ensemble of 50 runs' }))]],
    ]);
    server = await startClassicNotebook({
      notebooks: { 'trusted.ipynb': text, 'untrusted.ipynb': text },
      trusted: ['trusted.ipynb'],
    });
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openClassic(name: string) {
    const { page } = browser;
    await page.goto(`${server.baseUrl}notebooks/${name}?token=${server.token}`);
    await page.waitForFunction(() => (globalThis as any).Jupyter?.notebook?.get_cells?.().length === 2, null, { timeout: 60_000 });
    const outputs = page.locator('.output_area .output_html');
    await expect.poll(() => outputs.count(), { timeout: 30_000 }).toBe(2);
    return outputs;
  }

  /** The network output's picture: shown at a readable size, with hundreds of drawn pixels. */
  async function expectNetworkPicture(outputs: Awaited<ReturnType<typeof openClassic>>) {
    const img = outputs.first().locator('img').first();
    await img.waitFor();
    const box = (await img.boundingBox())!;
    expect(box.width).toBeGreaterThan(200);
    expect(box.height).toBeGreaterThan(100);
    const src = (await img.getAttribute('src'))!;
    expect(src).toMatch(/^data:image\/png;base64,/);
    expect((await inkOfPng(browser.page, src.split(',')[1])).inked).toBeGreaterThan(2000);
    expect(await img.getAttribute('alt')).toContain(HOSTILE);
  }

  it('shows the network of a trusted notebook as its PNG and the time series as its SVG, labels escaped', async () => {
    const outputs = await openClassic('trusted.ipynb');
    await expectNetworkPicture(outputs);
    for (let i = 1; i < 2; i++) {
      const svg = outputs.nth(i).locator('svg').first();
      await svg.waitFor();
      const box = (await svg.boundingBox())!;
      expect(box.width).toBeGreaterThan(200);
      expect(box.height).toBeGreaterThan(100);
      expect(await outputs.nth(i).locator('svg circle, svg path, svg line, svg polyline, svg rect').count()).toBeGreaterThan(10);
    }
    expect(await browser.page.locator('img[src="x"]').count()).toBe(0);
    await browser.screenshot('classic-notebook-fallbacks');
    await outputs.nth(1).scrollIntoViewIfNeeded();
    await browser.screenshot('classic-notebook-fallbacks-timeseries');
  });

  it('shows the network picture of an untrusted notebook, and the time series’ text, with nothing made from labels', async () => {
    const outputs = await openClassic('untrusted.ipynb');
    await expectNetworkPicture(outputs);
    // Not the wall of node names the stripped SVG used to leave.
    expect((await outputs.first().textContent())!.trim()).toBe('');
    await browser.screenshot('classic-notebook-untrusted');
    expect(await outputs.nth(1).textContent()).toContain('Ensemble of 50 runs');
    expect(await browser.page.locator('img[src="x"]').count()).toBe(0);
  });

  it('has no console errors beyond the known harmless 404s', () => {
    expect(browser.unexpectedErrors()).toEqual([]);
  });
});
