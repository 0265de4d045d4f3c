/**
 * Reading the network as a figure in JupyterLab 4: the salmon case (the model's own run), its
 * institutions named, the view fitted to the year shown and back with the Fit button, and the
 * figure downloaded as SVG and PNG.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_COLOURS as KIND_COLOURS } from '../../dist/src/views/colours';
import { skipUnless } from '../support/requirements';
import { CHROMIUM, openBrowser, type BrowserSession } from './support/browser';
import { displayData, notebook } from './support/fixtures';
import { ensureBrowserAssets, repoRoot } from './support/host';
import { openLab, openNotebook } from './support/jupyterlab';
import { startLab, type RunningServer } from './support/lab';
import type { Locator, Page } from 'playwright-core';
import { inkOf, inkOfPng } from './support/pixels';
import { reveal } from './support/widgets';

const skip = skipUnless({ executables: [CHROMIUM], python: ['jupyterlab_server', 'jupyter_server'] });

const MIMEBUNDLE = Symbol.for('jupyter.mimebundle');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = () => require(join(repoRoot, 'dist', 'src', 'index.js'));

// Every node kind's colour: the fitted box holds service firms, the institute and multinationals
// too, so their ink counts in how far the drawing spreads.
const EVERY_NODE_COLOUR = Object.values(KIND_COLOURS);

/**
 * How much of the stage the drawn nodes span: the larger of their horizontal and vertical extent
 * as a share of the stage's width and height (a fitted network fills one of the two).
 */
async function spread(page: Page, network: Locator): Promise<number> {
  const stage = network.locator('.cl-network-stage');
  await reveal(stage);
  const box = (await stage.boundingBox())!;
  const { hits } = await inkOf(page, stage, EVERY_NODE_COLOUR, 2000);
  const extent = (values: number[]) => Math.max(...values) - Math.min(...values);
  return Math.max(extent(hits.map((h) => h.x)) / box.width, extent(hits.map((h) => h.y)) / box.height);
}

describe.skipIf(skip)('the network as a figure in JupyterLab 4', () => {
  let server: RunningServer;
  let browser: BrowserSession;
  let bundle: Record<string, unknown>;
  let labels: { state: string; association: string };

  beforeAll(async () => {
    await ensureBrowserAssets();
    const { simulate, networkView } = lib();
    const history = simulate('salmon', { seed: 1 }).networkHistory();
    bundle = networkView(history, { title: 'Salmon, seed 1' })[MIMEBUNDLE]();
    const find = (kind: string) => history.nodes.find((n: { kind: string }) => n.kind === kind).label;
    labels = { state: find('state'), association: find('association') };
    // Two firms a year apart in size: the grower (a local firm) passes the steady one (foreign).
    const twoFirms = networkView(
      {
        years: [1980, 1990],
        sizeLabel: 'capacity (t)',
        nodes: [
          { id: 's', label: 'State', kind: 'state', born: 1980 },
          { id: 'g', label: 'Grower', kind: 'localFirm', born: 1980, sizes: [100, 200, 400, 800, 1600, 3200, 6400, 12800, 12800, 12800, 12800], size: 12800 },
          { id: 'f', label: 'Steady', kind: 'foreignFirm', born: 1980, sizes: new Array(11).fill(3000), size: 3000 },
        ],
        edges: [],
      },
      { title: 'Two firms', year: 1981 },
    )[MIMEBUNDLE]();
    server = await startLab({
      notebooks: {
        'figures.ipynb': notebook([
          ['show(simulate("salmon"))', [displayData(bundle)]],
          ['show(twoFirms)', [displayData(twoFirms)]],
        ]),
      },
    });
    browser = await openBrowser();
    // Record what the label canvas writes: labels are pixels, not DOM text.
    await browser.page.addInitScript(() => {
      const g = globalThis as any;
      g.__labels = [];
      const fillText = g.CanvasRenderingContext2D.prototype.fillText;
      g.CanvasRenderingContext2D.prototype.fillText = function (text: string, ...rest: unknown[]) {
        g.__labels.push(String(text));
        return fillText.call(this, text, ...rest);
      };
    });
    await openLab(browser.page, server);
    await openNotebook(browser.page, 'figures.ipynb');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('names the state agency and the association in the last year', async () => {
    const { page } = browser;
    await page.locator('.cl-network-count').first().waitFor();
    await expect
      .poll(() => page.evaluate(() => (globalThis as any).__labels as string[]), { timeout: 15_000 })
      .toEqual(expect.arrayContaining([labels.state, labels.association]));
    await browser.screenshotOf(page.locator('.cl-network').first(), 'lab-network-salmon-2003');
  });

  it('fits the view to the year shown, and the Fit button brings it back after a zoom', async () => {
    const { page } = browser;
    const network = page.locator('.cl-network').first();
    const stage = network.locator('.cl-network-stage');
    const slider = network.locator('input[type=range].cl-network-year');
    await slider.fill('1985');
    await expect.poll(() => network.locator('.cl-network-count').textContent()).toMatch(/ in 1985$/);
    // The few nodes of 1985 fill the stage rather than sit in the middle of the whole history's box
    // (the view follows the year once scrubbing pauses).
    await expect.poll(() => spread(page, network), { timeout: 10_000 }).toBeGreaterThan(0.6);
    const fitted = await spread(page, network);
    await browser.screenshotOf(network, 'lab-network-salmon-1985');
    // Zoom out (Ctrl+wheel), then Fit.
    const box = (await stage.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.down('Control');
    for (let k = 0; k < 4; k++) await page.mouse.wheel(0, 300);
    await page.keyboard.up('Control');
    await page.waitForTimeout(600);
    const zoomedOut = await spread(page, network);
    expect(zoomedOut).toBeLessThan(fitted * 0.7);
    await network.locator('.cl-network-fit').click();
    await page.waitForTimeout(600);
    expect(await spread(page, network)).toBeCloseTo(fitted, 1);
  });

  it('downloads the year shown as an SVG figure and the view as a PNG', async () => {
    const { page } = browser;
    const network = page.locator('.cl-network').first();
    await reveal(network);
    const [svgDownload] = await Promise.all([page.waitForEvent('download'), network.locator('.cl-network-export', { hasText: 'SVG' }).click()]);
    expect(svgDownload.suggestedFilename()).toBe('salmon-seed-1-1985.svg');
    const svg = readFileSync((await svgDownload.path())!, 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('Salmon, seed 1 · 1985');
    const [pngDownload] = await Promise.all([page.waitForEvent('download'), network.locator('.cl-network-export', { hasText: 'PNG' }).click()]);
    expect(pngDownload.suggestedFilename()).toBe('salmon-seed-1-1985.png');
    const picture = await inkOfPng(page, readFileSync((await pngDownload.path())!).toString('base64'));
    expect(picture.inked).toBeGreaterThan(500);
  });

  it('draws a firm at its size in the year shown: larger once it has grown', async () => {
    const { page } = browser;
    const network = page.locator('.cl-network').nth(1);
    const stage = network.locator('.cl-network-stage');
    const slider = network.locator('input[type=range].cl-network-year');
    await reveal(stage);
    // Pixels of each firm's colour (no edges, so nothing else is drawn in them).
    const area = async () => {
      const { hits } = await inkOf(page, stage, ['#1f77b4', '#ff7f0e'], 1_000_000);
      return { grower: hits.filter((h) => h.colour === '#1f77b4').length, steady: hits.filter((h) => h.colour === '#ff7f0e').length };
    };
    await expect.poll(async () => (await area()).grower, { timeout: 15_000 }).toBeGreaterThan(0);
    const early = await area();
    expect(early.steady).toBeGreaterThan(early.grower);
    await slider.fill('1989');
    await expect.poll(() => network.locator('.cl-network-count').textContent()).toMatch(/ in 1989$/);
    await expect.poll(async () => (await area()).grower, { timeout: 15_000 }).toBeGreaterThan(4 * early.grower);
    const late = await area();
    expect(late.grower).toBeGreaterThan(late.steady);
    // The steady firm keeps its size (same view: the same nodes show in both years).
    expect(late.steady).toBeGreaterThan(0.8 * early.steady);
    expect(late.steady).toBeLessThan(1.25 * early.steady);
    await browser.screenshotOf(network, 'lab-network-two-firms-1989');
  });

  it('keeps the picture the kernel made in the output', async () => {
    const png = await browser.page.evaluate(() => (globalThis as any).jupyterapp.shell.currentWidget.content.widgets[0].model.outputs.get(0).data['image/png']);
    expect(png).toBe(bundle['image/png']);
  });
});
