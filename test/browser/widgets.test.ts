/**
 * The network and time-series renderers in a real JupyterLab 4, drawing outputs saved in a
 * notebook (as a user sees them on opening a committed notebook): the network draws, its slider
 * changes what is shown, hovering a node explains it, the time series has bands and markers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipUnless } from '../support/requirements';
import type { Page } from 'playwright-core';
import { CHROMIUM, openBrowser, type BrowserSession } from './support/browser';
import { displayData, networkBundle, type History, notebook, syntheticEnsemble, syntheticHistory, timeSeriesBundle } from './support/fixtures';
import { ensureBrowserAssets } from './support/host';
import { openLab, openNotebook } from './support/jupyterlab';
import { startLab, type RunningServer } from './support/lab';
import { inkOfPng } from './support/pixels';
import { hoverANode, isBand, isMarkers, networkInk, plotFigure, reveal, scrollAway } from './support/widgets';

const skip = skipUnless({ executables: [CHROMIUM], python: ['jupyterlab_server', 'jupyter_server'] });

const HISTORY = syntheticHistory({ nodes: 400, seed: 'widgets-test' });

/** The network as a live run would have sent it in `year`: the nodes so far, nothing of the future. */
function historyUpTo(history: History, year: number): History {
  const count = history.nodes.findIndex((n) => n.born > year);
  const nodes = history.nodes.slice(0, count < 0 ? history.nodes.length : count).map((n) => ({ ...n, died: n.died != null && n.died <= year ? n.died : null }));
  const ids = new Set(nodes.map((n) => n.id));
  const edges = history.edges
    .filter((e) => ids.has(e.source) && ids.has(e.target) && e.born <= year)
    .map((e) => ({ ...e, ended: e.ended != null && e.ended <= year ? e.ended : null }));
  return { years: [history.years[0], year], nodes, edges };
}

function withoutPng(bundle: Record<string, unknown>): Record<string, unknown> {
  const { 'image/png': _png, ...rest } = bundle;
  return rest;
}

/** The network cell's output model, the way the kernel's messages reach it. */
const NETWORK_CELL = 1;

/** The picture the network cell's output holds (image/png, base64), or null while it has none. */
function storedNetworkPng(page: Page): Promise<string | null> {
  return page.evaluate((index) => {
    const png = (globalThis as any).jupyterapp.shell.currentWidget.content.widgets[index].model.outputs.get(0).data['image/png'];
    return typeof png === 'string' ? png : null;
  }, NETWORK_CELL);
}

function savedOutputsNotebook(): string {
  const history = HISTORY;
  const ensemble = syntheticEnsemble({ runs: 200, years: 40, seed: 'widgets-test' });
  return notebook(
    [
      // Without the kernel's PNG, as an output from elsewhere: the widget stores its own picture.
      ['show(network)', [displayData(withoutPng(networkBundle(history, { title: 'A synthetic cluster, 1980-2020', year: 2000 })))]],
      ['show(ensemble)', [displayData(timeSeriesBundle(ensemble, { title: 'A synthetic ensemble of 200 runs' }))]],
      // Room to scroll the network out of view.
      ['notes', [displayData({ 'text/plain': Array.from({ length: 200 }, (_, i) => `note ${i + 1}`).join('\n') })]],
    ],
    '# Saved widget outputs\nRendered from the saved outputs, without running anything.',
  );
}

/** Relative luminance (0 black .. 1 white) of a CSS colour as plotly reports it: #rrggbb or rgb(). */
function luminance(colour: string): number {
  const hex = /^#([0-9a-f]{6})$/i.exec(colour);
  const rgb = hex ? [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16)) : (colour.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
  if (rgb.length !== 3) throw new Error(`not a colour: ${colour}`);
  const [r, g, b] = rgb.map((c) => c / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe.skipIf(skip)('clusterlab widgets in JupyterLab 4 (saved outputs)', () => {
  let server: RunningServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    await ensureBrowserAssets();
    server = await startLab({ notebooks: { 'widgets.ipynb': savedOutputsNotebook() } });
    browser = await openBrowser();
    await openLab(browser.page, server);
    await openNotebook(browser.page, 'widgets.ipynb');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('draws the network on its canvas', async () => {
    const { page } = browser;
    await page.locator('.cl-network-count').first().waitFor();
    const ink = await networkInk(page, page.locator('.cl-network').first());
    // Hundreds of nodes and edges: a good share of the stage is drawn, in the node colours.
    expect(ink.inked).toBeGreaterThan(2000);
    expect(ink.hits.length).toBeGreaterThan(10);
    await browser.screenshot('lab-network-2000');
  });

  it('changes the visible count when the year slider moves', async () => {
    const { page } = browser;
    const count = page.locator('.cl-network-count').first();
    const slider = page.locator('input[type=range].cl-network-year').first();
    expect(await count.textContent()).toMatch(/^\d+ nodes?, \d+ edges? in 2000$/);
    await slider.fill('1985');
    await expect.poll(() => count.textContent()).toMatch(/ in 1985$/);
    const early = Number((await count.textContent())!.split(' ')[0]);
    await slider.fill('2020');
    await expect.poll(() => count.textContent()).toMatch(/ in 2020$/);
    const late = Number((await count.textContent())!.split(' ')[0]);
    expect(late).toBeGreaterThan(early);
    await browser.screenshot('lab-network-2020');
  });

  it('shows a node’s details on hover', async () => {
    const text = await hoverANode(browser.page, browser.page.locator('.cl-network').first());
    expect(text).toMatch(/\w{3,}/);
    await browser.screenshot('lab-network-tooltip');
  });

  it('draws the time series with 5-95% bands, the paper’s markers and event annotations', async () => {
    const plot = await reveal(browser.page.locator('.cl-timeseries .js-plotly-plot').first());
    const figure = await plotFigure(plot);
    const bands = figure.traces.filter(isBand);
    const markers = figure.traces.filter(isMarkers);
    expect(bands.length).toBeGreaterThanOrEqual(2);
    expect(bands.every((t) => t.points === 40)).toBe(true);
    expect(markers.some((t) => /Perez-Aleman 2005/.test(t.name))).toBe(true);
    expect(figure.annotations.join(' ')).toMatch(/association founded/);
    // Plotly draws SVG paths for the band areas.
    expect(await plot.locator('path.js-fill').count()).toBeGreaterThanOrEqual(2);
    await browser.screenshot('lab-timeseries');
  });

  it('reads in the dark theme: text and plot colours follow JupyterLab’s theme', async () => {
    const { page } = browser;
    const plot = await reveal(page.locator('.cl-timeseries .js-plotly-plot').first());
    const fontColour = () => plot.evaluate((el: any) => String(el._fullLayout.font.color));
    const light = await fontColour();
    await page.evaluate(() => (globalThis as any).jupyterapp.commands.execute('apputils:change-theme', { theme: 'JupyterLab Dark' }));
    try {
      await page.waitForFunction(() => (globalThis as any).document.body.dataset.jpThemeLight === 'false');
      await expect.poll(fontColour, { timeout: 15_000 }).not.toBe(light);
      expect(luminance(await fontColour())).toBeGreaterThan(0.5);
      expect(luminance(light)).toBeLessThan(0.5);
      const network = page.locator('.cl-network').first();
      // The theme change refits the stage and stores a new picture, after which JupyterLab renders
      // the output again: the canvas is drawn anew a frame or more later, so read it until it is.
      await expect.poll(async () => (await networkInk(page, network)).hits.length, { timeout: 15_000 }).toBeGreaterThan(10);
      await browser.screenshotOf(network, 'lab-network-dark');
      await browser.screenshotOf(page.locator('.cl-timeseries').first(), 'lab-timeseries-dark');
    } finally {
      // The later tests read the light theme's colours, whatever happened here.
      await page.evaluate(() => (globalThis as any).jupyterapp.commands.execute('apputils:change-theme', { theme: 'JupyterLab Light' }));
      await page.waitForFunction(() => (globalThis as any).document.body.dataset.jpThemeLight === 'true');
    }
  });

  it('stores a picture of the network in the output, for viewers without the extension', async () => {
    const { page } = browser;
    await expect.poll(() => storedNetworkPng(page), { timeout: 15_000 }).not.toBeNull();
    const png = (await storedNetworkPng(page))!;
    const stageWidth = await page
      .locator('.cl-network-stage')
      .first()
      .evaluate((el: any) => el.clientWidth as number);
    const picture = await inkOfPng(page, png);
    expect(picture.width).toBe(stageWidth);
    expect(picture.height).toBeGreaterThan(200);
    // Nodes and edges, on an opaque background (its colour is the most common one).
    expect(picture.inked).toBeGreaterThan(2000);
    // The widget still draws the network (the output's preferred type is unchanged).
    expect(await browser.page.locator('.cl-network').count()).toBe(1);

    // A new picture is stored for the year shown; JupyterLab then renders the output again, and
    // the reader's year stays, the last one included (a live run's update would move to its end).
    const network = page.locator('.cl-network').first();
    const slider = network.locator('input[type=range].cl-network-year');
    const count = network.locator('.cl-network-count');
    // In view, as when a reader moves the slider (out of view the widget gives back its canvas).
    const stage = await reveal(network.locator('.cl-network-stage'));
    await expect.poll(() => stage.getAttribute('data-gpu')).toBe('held');
    for (const year of ['2015', '2020']) {
      const previous = await storedNetworkPng(page);
      await slider.fill(year);
      await expect.poll(() => storedNetworkPng(page), { timeout: 15_000 }).not.toBe(previous);
      await page.waitForTimeout(300);
      expect(await count.textContent()).toMatch(new RegExp(` in ${year}$`));
      expect(await slider.inputValue()).toBe(year);
    }
  });

  it('lets a plain wheel scroll the notebook past an unfocused network; Ctrl+wheel zooms it', async () => {
    const { page } = browser;
    const network = page.locator('.cl-network').first();
    const stage = network.locator('.cl-network-stage');
    const hint = network.locator('.cl-network-hint');
    // Something else has focus, as when a reader scrolls through the notebook.
    await page
      .locator('.jp-Notebook')
      .first()
      .evaluate((el: any) => el.focus());
    await stage.evaluate((el: any) => el.scrollIntoView({ block: 'start' }));
    // Back in view the widget may still be redrawing (it rebuilds what it gave back out of view):
    // compare pictures once each has stopped changing.
    const settledInk = async () => {
      let last = await networkInk(page, network);
      for (let i = 0; i < 50; i++) {
        await page.waitForTimeout(100);
        const now = await networkInk(page, network);
        if (now.inked === last.inked && JSON.stringify(now.hits) === JSON.stringify(last.hits)) return now;
        last = now;
      }
      return last;
    };
    const before = await settledInk();
    const box = (await stage.boundingBox())!;
    const scrollTop = () =>
      stage.evaluate((el: any) => {
        for (let p = el.parentElement; p; p = p.parentElement)
          if (p.scrollHeight > p.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(p).overflowY)) return p.scrollTop;
        throw new Error('no scrolling ancestor');
      });
    const top = await scrollTop();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 300);
    await expect.poll(scrollTop).toBeGreaterThan(top);
    await expect.poll(() => hint.isVisible()).toBe(true);
    await expect.poll(() => hint.isVisible(), { timeout: 5000 }).toBe(false);
    // The same picture: the zoom did not change.
    const after = await settledInk();
    expect(after.inked).toBe(before.inked);
    expect(after.hits).toEqual(before.hits);

    await stage.evaluate((el: any) => el.scrollIntoView({ block: 'start' }));
    const box2 = (await stage.boundingBox())!;
    await page.mouse.move(box2.x + box2.width / 2, box2.y + box2.height / 2);
    const top2 = await scrollTop();
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -300);
    await page.keyboard.up('Control');
    await page.waitForTimeout(600);
    expect(await scrollTop()).toBe(top2);
    expect(await hint.isVisible()).toBe(false);
    // Zoomed in: the picture changed.
    const zoomed = await networkInk(page, network);
    expect(zoomed.hits).not.toEqual(before.hits);
    // A click engages the plain wheel; it zooms back out.
    await stage.evaluate((el: any) => el.scrollIntoView({ block: 'start' }));
    const box3 = (await stage.boundingBox())!;
    const top3 = await scrollTop();
    await page.mouse.click(box3.x + box3.width / 2, box3.y + box3.height / 2);
    await page.mouse.wheel(0, 300);
    await page.waitForTimeout(600);
    expect(await scrollTop()).toBe(top3);
    expect(await hint.isVisible()).toBe(false);
    // Back at the first zoom: about the first picture again.
    const unzoomed = await networkInk(page, network);
    expect(Math.abs(unzoomed.inked - before.inked)).toBeLessThan(before.inked * 0.02);
    await browser.screenshotOf(network, 'lab-network-wheel');
  });

  it('gives back its WebGL context out of view and draws the same picture when scrolled back', async () => {
    const { page } = browser;
    const network = page.locator('.cl-network').first();
    const stage = network.locator('.cl-network-stage');
    const slider = network.locator('input[type=range].cl-network-year');
    const count = network.locator('.cl-network-count');
    const search = network.locator('input[type=search].cl-network-search');
    await slider.fill('1995');
    await search.fill('a');
    await expect.poll(() => count.textContent()).toMatch(/ in 1995$/);
    const found = await network.locator('.cl-network-matches').textContent();
    expect(found).toMatch(/^[1-9]\d* found$/);
    // Year, search and the zoom of the previous test make a picture unlike the first one.
    await page.waitForTimeout(1000);
    const before = await networkInk(page, network);
    expect(await stage.getAttribute('data-gpu')).toBe('held');
    await scrollAway(stage);
    await expect.poll(() => stage.getAttribute('data-gpu'), { timeout: 20_000 }).toBe('released');
    expect(await stage.locator('canvas').count()).toBe(0);
    const after = await networkInk(page, network);
    expect(await stage.getAttribute('data-gpu')).toBe('held');
    expect(await count.textContent()).toMatch(/ in 1995$/);
    expect(await network.locator('.cl-network-matches').textContent()).toBe(found);
    expect(Math.abs(after.inked - before.inked)).toBeLessThanOrEqual(before.inked * 0.01);
    const same = after.hits.filter((h, i) => before.hits[i] && h.x === before.hits[i].x && h.y === before.hits[i].y).length;
    expect(same).toBeGreaterThanOrEqual(before.hits.length * 0.9);
    await search.fill('');
    await expect.poll(() => network.locator('.cl-network-matches').textContent()).toBe('');
  });

  it('stores the picture of a year chosen while out of view, once it draws again in view', async () => {
    const { page } = browser;
    const network = page.locator('.cl-network').first();
    const stage = network.locator('.cl-network-stage');
    const slider = network.locator('input[type=range].cl-network-year');
    await reveal(stage);
    await expect.poll(() => stage.getAttribute('data-gpu')).toBe('held');
    const year = (await slider.inputValue()) === '2005' ? '2010' : '2005';
    // Settled and stored for the year shown, then scrolled away until the canvas is given back.
    await page.waitForTimeout(2000);
    const previous = await storedNetworkPng(page);
    expect(previous).not.toBeNull();
    await scrollAway(stage);
    await expect.poll(() => stage.getAttribute('data-gpu'), { timeout: 20_000 }).toBe('released');
    // The year moves with nothing drawn (as a script or a slow frame can do it): the stored picture is stale.
    await slider.evaluate((el: any, y: string) => {
      el.value = y;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, year);
    await reveal(stage);
    await expect.poll(() => stage.getAttribute('data-gpu'), { timeout: 20_000 }).toBe('held');
    await expect.poll(() => storedNetworkPng(page), { timeout: 15_000 }).not.toBe(previous);
    expect(await slider.inputValue()).toBe(year);
  });

  it('stores a new picture when the search highlights nodes, and again when it is cleared', async () => {
    const { page } = browser;
    const network = page.locator('.cl-network').first();
    const stage = network.locator('.cl-network-stage');
    const search = network.locator('input[type=search].cl-network-search');
    await reveal(stage);
    await expect.poll(() => stage.getAttribute('data-gpu')).toBe('held');
    await page.waitForTimeout(2000);
    const plain = await storedNetworkPng(page);
    expect(plain).not.toBeNull();
    await search.fill('a');
    await expect.poll(() => network.locator('.cl-network-matches').textContent()).toMatch(/^[1-9]\d* found$/);
    await expect.poll(() => storedNetworkPng(page), { timeout: 15_000 }).not.toBe(plain);
    const highlighted = await storedNetworkPng(page);
    await search.fill('');
    await expect.poll(() => storedNetworkPng(page), { timeout: 15_000 }).not.toBe(highlighted);
  });

  it('goes on storing its pictures in a notebook saved and opened again', async () => {
    const { page } = browser;
    // Saved and closed, so that opening it again reads the file, as on another day.
    const saved = await page.evaluate(async (index) => {
      const app = (globalThis as any).jupyterapp;
      const panel = app.shell.currentWidget;
      await panel.context.save();
      const output = panel.content.widgets[index].model.outputs.get(0).toJSON();
      panel.dispose();
      const file = await app.serviceManager.contents.get('widgets.ipynb', { content: true });
      return { live: output.metadata, file: file.content.cells[index].outputs[0].metadata };
    }, NETWORK_CELL);
    expect(saved.live['clusterlab/widget-picture']).toBe(true);
    expect(saved.file['clusterlab/widget-picture']).toBe(true);
    await openNotebook(page, 'widgets.ipynb');
    const network = page.locator('.cl-network').first();
    const stage = network.locator('.cl-network-stage');
    const slider = network.locator('input[type=range].cl-network-year');
    await reveal(stage);
    await expect.poll(() => stage.getAttribute('data-gpu')).toBe('held');
    await page.waitForTimeout(2000);
    const previous = await storedNetworkPng(page);
    expect(previous).not.toBeNull();
    const year = (await slider.inputValue()) === '1990' ? '2010' : '1990';
    await slider.fill(year);
    await expect.poll(() => storedNetworkPng(page), { timeout: 15_000 }).not.toBe(previous);
    expect(await network.locator('.cl-network-count').textContent()).toMatch(new RegExp(` in ${year}$`));
  });

  it('updates a growing network in place (a live run), keeping its canvas', async () => {
    const { page } = browser;
    const network = page.locator('.cl-network').first();
    const count = network.locator('.cl-network-count');
    const slider = network.locator('input[type=range].cl-network-year');
    const setOutput = (bundle: Record<string, unknown>) =>
      page.evaluate(
        ({ index, bundle }) => {
          const cell = (globalThis as any).jupyterapp.shell.currentWidget.content.widgets[index];
          // What an update_display_data message does to the output it names.
          cell.model.outputs.set(0, { output_type: 'display_data', data: bundle, metadata: {} });
        },
        { index: NETWORK_CELL, bundle },
      );
    await setOutput(networkBundle(historyUpTo(HISTORY, 2000), { title: 'A live run' }));
    await expect.poll(() => slider.getAttribute('max')).toBe('2000');
    await expect.poll(() => count.textContent()).toMatch(/ in 2000$/);
    const before = Number((await count.textContent())!.split(' ')[0]);
    // Watch for any canvas leaving the page while the update is drawn.
    await page.evaluate(() => {
      const g = globalThis as any;
      const canvas = g.document.querySelector('.cl-network-stage canvas');
      canvas.__kept = true;
      g.__removedCanvases = 0;
      g.__watch = new g.MutationObserver((records: any[]) => {
        for (const r of records) for (const n of r.removedNodes) if (n.nodeName === 'CANVAS' || n.querySelector?.('canvas')) g.__removedCanvases++;
      });
      g.__watch.observe(g.document.querySelector('.jp-Notebook'), { childList: true, subtree: true });
    });
    await setOutput(networkBundle(historyUpTo(HISTORY, 2010), { title: 'A live run' }));
    // It was showing the run's last year: it follows the run to its new last year.
    await expect.poll(() => slider.getAttribute('max')).toBe('2010');
    await expect.poll(() => count.textContent()).toMatch(/ in 2010$/);
    expect(Number((await count.textContent())!.split(' ')[0])).toBeGreaterThan(before);
    // A user looking at an earlier year stays there while the run goes on.
    await slider.fill('1990');
    await expect.poll(() => count.textContent()).toMatch(/ in 1990$/);
    const in1990 = await count.textContent();
    await setOutput(networkBundle(HISTORY, { title: 'A live run' }));
    await expect.poll(() => slider.getAttribute('max')).toBe('2020');
    expect(await count.textContent()).toMatch(/ in 1990$/);
    expect(await slider.inputValue()).toBe('1990');
    await slider.fill('2020');
    await expect.poll(() => count.textContent()).toMatch(/ in 2020$/);
    expect(Number((await count.textContent())!.split(' ')[0])).toBeGreaterThan(Number(in1990!.split(' ')[0]));
    const kept = await page.evaluate(() => {
      const g = globalThis as any;
      g.__watch.disconnect();
      return { same: g.document.querySelector('.cl-network-stage canvas').__kept === true, removed: g.__removedCanvases };
    });
    expect(kept).toEqual({ same: true, removed: 0 });
    const ink = await networkInk(page, network);
    expect(ink.inked).toBeGreaterThan(2000);
    expect(ink.hits.length).toBeGreaterThan(10);
    await browser.screenshotOf(network, 'lab-network-live');
  });

  it('draws again on a new canvas when the browser has taken its WebGL context away', async () => {
    const { page } = browser;
    const network = page.locator('.cl-network').first();
    // What Chromium does to the oldest context once a page holds too many: lost, never given back.
    await page.evaluate(() => {
      const canvas = (globalThis as any).document.querySelector('.cl-network-stage canvas');
      canvas.__old = true;
      const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
      gl.getExtension('WEBGL_lose_context').loseContext();
    });
    await page.waitForFunction(() => {
      const canvas = (globalThis as any).document.querySelector('.cl-network-stage canvas');
      return (canvas.getContext('webgl2') ?? canvas.getContext('webgl')).isContextLost();
    });
    // The next time the stage is laid out (here a narrower window), the widget draws again.
    const size = page.viewportSize()!;
    await page.setViewportSize({ width: size.width - 120, height: size.height });
    await expect.poll(() => page.evaluate(() => (globalThis as any).document.querySelector('.cl-network-stage canvas').__old === true)).toBe(false);
    const ink = await networkInk(page, network);
    expect(ink.inked).toBeGreaterThan(2000);
    expect(ink.hits.length).toBeGreaterThan(10);
    await page.setViewportSize(size);
  });

  it('leaves the console free of errors other than the known harmless 404s', () => {
    expect(browser.unexpectedErrors()).toEqual([]);
  });
});
