/**
 * The kernel's Jupyter widgets in a real JupyterLab 4 with @jupyter-widgets/jupyterlab-manager 5
 * and @jupyter-widgets/controls 5 (bundled into the test host): the explorer re-runs when a
 * slider moves, and its time series and network change when a mechanism is switched off, the
 * widgets come back after a page reload (jupyter.widget.control), two tabs on one kernel stay in
 * sync (echo_update), an error in a handler shows in the notebook (interact's output, and the
 * cell that displayed a plain Button), and a custom ES-module widget (anywidget's front-end) works;
 * the network and time-series views as ES-module widgets draw inside layouts (a NetworkView in a
 * VBox on its WebGL canvas; the explorer's figure with hover values and band toggles, its network
 * tab redrawn after a re-run).
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipUnless } from '../support/requirements';
import { CHROMIUM, openBrowser, type BrowserSession } from './support/browser';
import { notebook } from './support/fixtures';
import { ensureBrowserAssets } from './support/host';
import { cellSummaries, openLab, openNotebook, runAllCells } from './support/jupyterlab';
import { startLab, type RunningServer } from './support/lab';
import { networkInk } from './support/widgets';

const skip = skipUnless({ executables: [CHROMIUM], python: ['jupyterlab_server', 'jupyter_server'] });

const NOTEBOOK = notebook(
  [
    ["const ex = explore('salmon', { seeds: 4 }); await ex.settled(); ex", []],
    ['interact(({ n }) => { if (n > 7) throw new RangeError(`n = ${n} is too big for this handler`); return `n is ${n}`; }, { n: [0, 10] })', []],
    ["const explode = new Button({ description: 'explode' }); explode.onClick(() => { throw new Error('boom from the click handler'); }); explode", []],
    [
      [
        "const doubled = new Label({ value: 'doubled: 0' });",
        'const counter = new AnyWidget({',
        '  esm: `export default { render({ model, el }) {',
        "    const button = document.createElement('button');",
        "    button.className = 'esm-counter';",
        "    const show = () => { button.textContent = 'count is ' + model.get('count'); };",
        "    show(); model.on('change:count', show);",
        "    button.onclick = () => { model.set('count', model.get('count') + 1); model.save_changes(); };",
        '    el.appendChild(button);',
        '  } }`,',
        '  traits: { count: 0 },',
        '});',
        "counter.observe('count', (c) => { doubled.value = `doubled: ${2 * (c.new as number)}`; });",
        'new VBox([counter, doubled])',
      ].join('\n'),
      [],
    ],
    ["new VBox([new IntSlider({ description: 'beside' }), new NetworkView(simulate('salmon', { seed: 3 }))])", []],
  ],
  '# Widgets from the clusterlab kernel',
);

/** The code cell (from 0) of the NetworkView in a VBox. */
const NETWORK_VIEW_CELL = 4;

/** The explorer's time-series figure (a TimeSeriesView: the library's SVG under a hover layer). */
function figure(page: Page): Locator {
  return page.locator('.cl-timeseries-esm .cl-timeseries-chart svg[aria-label*="salmon"]').first();
}

/** The network view in the output of code cell `index`. */
function networkIn(page: Page, index: number): Locator {
  return page.locator('.jp-CodeCell').nth(index).locator('.cl-network').first();
}

/** The explorer's tab of that title. */
function tab(page: Page, title: string): Locator {
  return page.locator('.jp-CodeCell').first().locator('.lm-TabBar-tab', { hasText: title }).first();
}

async function figureText(page: Page): Promise<string> {
  return (await figure(page).evaluate((svg) => svg.outerHTML)) ?? '';
}

/** The checkbox of a mechanism, by its description. */
function checkbox(page: Page, name: string): Locator {
  return page.locator(`.widget-checkbox input[type=checkbox][title="${name}"]`);
}

/** Sets a slider through its readout (what a user types there), as jupyterlab-manager sends it. */
/** Saves the notebook, so another tab or a reloaded page opens it with its outputs (the widget views). */
async function save(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const panel = (globalThis as any).jupyterapp.shell.currentWidget;
    await panel.context.save();
  });
}

async function typeIntoReadout(page: Page, description: string, value: string): Promise<void> {
  const slider = page.locator('.widget-slider', { has: page.locator(`.widget-label:text-is("${description}")`) }).first();
  const readout = slider.locator('.widget-readout');
  await readout.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

describe.skipIf(skip)('Jupyter widgets from the clusterlab kernel in JupyterLab 4', () => {
  let server: RunningServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    await ensureBrowserAssets();
    server = await startLab({ notebooks: { 'widgets.ipynb': NOTEBOOK } });
    browser = await openBrowser();
    await openLab(browser.page, server);
    await openNotebook(browser.page, 'widgets.ipynb');
    const cells = await runAllCells(browser.page, 180_000);
    expect(cells.flatMap((c) => c.errors)).toEqual([]);
    await figure(browser.page).waitFor({ timeout: 60_000 });
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('re-runs the ensemble and redraws when a slider moves', async () => {
    const { page } = browser;
    const before = await figureText(page);
    await typeIntoReadout(page, 'first seed', '7');
    await expect.poll(() => figureText(page), { timeout: 60_000 }).not.toBe(before);
    await expect.poll(() => page.locator('.widget-html-content code').first().textContent(), { timeout: 30_000 }).toContain('masterSeed: 7');
  });

  it('redraws the time series and the network when a mechanism is switched off', async () => {
    const { page } = browser;
    const before = await figureText(page);
    expect(before).not.toContain('explored');
    // The network of the first run is drawn when its tab is open, and redrawn on each re-run.
    await tab(page, 'Network').click();
    const network = networkIn(page, 0);
    const count = network.locator('.cl-network-count');
    const search = network.locator('input[type=search].cl-network-search');
    const matches = network.locator('.cl-network-matches');
    try {
      await expect.poll(() => network.locator('.cl-network-title').textContent(), { timeout: 60_000 }).toMatch(/^salmon, seed /);
      const countBefore = await count.textContent();
      // APSTC, the salmon farmers' association (Perez-Aleman 2005, 3.1), is a node of the network.
      await search.fill('APSTC');
      await expect.poll(() => matches.textContent()).toBe('1 found');
      await checkbox(page, 'association').click();
      await expect.poll(() => figureText(page), { timeout: 60_000 }).toContain('explored');
      expect(await figureText(page)).toContain('default salmon');
      await expect.poll(() => page.locator('.widget-html-content code').first().textContent()).toContain("'mechanisms.association': false");
      // Without the association the first run's network has no association node, and other ties.
      await expect.poll(() => count.textContent(), { timeout: 60_000 }).not.toBe(countBefore);
      await expect.poll(() => matches.textContent(), { timeout: 30_000 }).toBe('0 found');
    } finally {
      // Back to the time series, which the later tests read.
      await search.fill('');
      await tab(page, 'Time series').click();
      await figure(page).waitFor({ timeout: 30_000 });
    }
  });

  it('shows an error of a handler in the notebook, and the kernel goes on', async () => {
    const { page } = browser;
    await typeIntoReadout(page, 'n', '9');
    const output = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]', { hasText: 'n = 9 is too big' });
    await output.first().waitFor({ timeout: 30_000 });
    await typeIntoReadout(page, 'n', '3');
    // interact's own output, in its cell (later cells show Output widgets too).
    const cell = page.locator('.jp-CodeCell', { hasText: 'is too big for this handler' });
    await expect.poll(() => cell.locator('.widget-output').last().textContent(), { timeout: 30_000 }).toContain('n is 3');
  });

  it('shows the error of a Button click handler in the cell that displayed the button', async () => {
    const { page } = browser;
    const cell = page.locator('.jp-CodeCell', { has: page.locator('button.widget-button', { hasText: 'explode' }) });
    await cell.locator('button.widget-button', { hasText: 'explode' }).click();
    await cell.locator('.jp-OutputArea-output', { hasText: 'Error: boom from the click handler' }).first().waitFor({ timeout: 30_000 });
  });

  it('renders a custom ES-module widget (anywidget) whose changes reach the kernel', async () => {
    const { page } = browser;
    const button = page.locator('button.esm-counter');
    await expect.poll(() => button.textContent(), { timeout: 30_000 }).toBe('count is 0');
    await button.click();
    await button.click();
    await expect.poll(() => button.textContent()).toBe('count is 2');
    await expect
      .poll(
        () =>
          page
            .locator('.widget-label', { hasText: /^doubled: / })
            .last()
            .textContent(),
        { timeout: 30_000 },
      )
      .toBe('doubled: 4');
  });

  it('draws a NetworkView inside a VBox on its WebGL canvas, with its year slider', async () => {
    const { page } = browser;
    const network = networkIn(page, NETWORK_VIEW_CELL);
    const ink = await networkInk(page, network);
    expect(ink.hits.length).toBeGreaterThan(0);
    expect(await network.locator('input.cl-network-year').getAttribute('max')).toMatch(/^\d{4}$/);
    await expect.poll(() => network.locator('.cl-network-title').textContent()).toContain('seed 3');
  });

  it('gives back the WebGL context of a NetworkView whose output goes away (the cell run again)', async () => {
    const { page } = browser;
    await networkInk(page, networkIn(page, NETWORK_VIEW_CELL));
    await page.evaluate((cell) => {
      const g = globalThis as any;
      const canvas = g.document.querySelectorAll('.jp-CodeCell')[cell].querySelector('.cl-network-stage canvas');
      g.__oldNetwork = { canvas, gl: canvas.getContext('webgl2') || canvas.getContext('webgl') };
    }, NETWORK_VIEW_CELL);
    expect(await page.evaluate(() => (globalThis as any).__oldNetwork.gl.isContextLost())).toBe(false);
    await page.evaluate(async (cell) => {
      const app = (globalThis as any).jupyterapp;
      const notebook = app.shell.currentWidget.content;
      // The markdown cell comes first.
      notebook.activeCellIndex = cell + 1;
      await app.commands.execute('notebook:run-cell');
    }, NETWORK_VIEW_CELL);
    await expect.poll(() => page.evaluate(() => (globalThis as any).__oldNetwork.canvas.isConnected), { timeout: 60_000 }).toBe(false);
    // At once, by the view's cleanup: a widget merely out of view gives its context back only after 5 s.
    await expect.poll(() => page.evaluate(() => (globalThis as any).__oldNetwork.gl.isContextLost()), { timeout: 2_000 }).toBe(true);
    const ink = await networkInk(page, networkIn(page, NETWORK_VIEW_CELL));
    expect(ink.hits.length).toBeGreaterThan(0);
  });

  it("shows the explorer's values on hover and hides a band on request", async () => {
    const { page } = browser;
    const chart = page.locator('.cl-timeseries-esm').first();
    const svg = figure(page);
    // The chart is taller than the window: its top (the first panel) is brought into view.
    await svg.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const box = (await svg.boundingBox())!;
    // The first panel's middle (the chart's viewBox is 720 wide, the panel 30 to 190 from the top).
    await page.mouse.move(box.x + box.width * 0.55, box.y + (box.width / 720) * 110);
    const tooltip = chart.locator('.cl-timeseries-tooltip');
    await tooltip.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await tooltip.textContent()).toContain('default salmon');
    await page.mouse.move(0, 0);
    await tooltip.waitFor({ state: 'hidden' });
    const bands = () => figure(page).locator('polygon').count();
    const before = await bands();
    const toggle = chart.locator('input.cl-timeseries-band').first();
    await toggle.uncheck();
    await expect.poll(bands).toBeLessThan(before);
    await toggle.check();
    await expect.poll(bands).toBe(before);
  });

  it("draws the explorer's network when its tab opens, and a new one after a re-run", { timeout: 180_000 }, async () => {
    const { page } = browser;
    await tab(page, 'Network').click();
    const network = networkIn(page, 0);
    await expect.poll(() => network.locator('.cl-network-title').textContent(), { timeout: 60_000 }).toMatch(/^salmon, seed /);
    const title = await network.locator('.cl-network-title').textContent();
    const before = await networkInk(page, network);
    expect(before.hits.length).toBeGreaterThan(0);
    await typeIntoReadout(page, 'first seed', '11');
    await expect.poll(() => network.locator('.cl-network-title').textContent(), { timeout: 60_000 }).not.toBe(title);
    await expect.poll(async () => (await networkInk(page, network)).inked, { timeout: 30_000 }).not.toBe(before.inked);
    await tab(page, 'Time series').click();
    await figure(page).waitFor({ timeout: 30_000 });
  });

  it('keeps two tabs on one kernel in sync', { timeout: 240_000 }, async () => {
    await save(browser.page);
    const second = await browser.context.newPage();
    try {
      // A workspace of its own: a second tab on the default one would be redirected by JupyterLab.
      await second.goto(`${server.baseUrl}lab/workspaces/second-tab?token=${server.token}`);
      await second.waitForFunction(() => Boolean((globalThis as any).jupyterapp), null, { timeout: 90_000 });
      await second.evaluate(async () => {
        const app = (globalThis as any).jupyterapp;
        await app.started;
        await app.restored;
      });
      await openNotebook(second, 'widgets.ipynb');
      await figure(second).waitFor({ timeout: 60_000 });
      await expect.poll(() => checkbox(second, 'association').isChecked(), { timeout: 30_000 }).toBe(false);
      await checkbox(browser.page, 'association').click();
      await expect.poll(() => checkbox(second, 'association').isChecked(), { timeout: 30_000 }).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('brings the widgets back after a page reload, with their current values', { timeout: 240_000 }, async () => {
    const { page } = browser;
    const association = await checkbox(page, 'association').isChecked();
    await checkbox(page, 'tutelage').click();
    await expect.poll(() => page.locator('.widget-html-content code').first().textContent(), { timeout: 30_000 }).toContain("'mechanisms.tutelage': false");
    await save(page);
    await page.reload();
    await openLab(page, server);
    await openNotebook(page, 'widgets.ipynb');
    await figure(page).waitFor({ timeout: 60_000 });
    expect(await checkbox(page, 'tutelage').isChecked()).toBe(false);
    expect(await checkbox(page, 'association').isChecked()).toBe(association);
    await expect.poll(() => figureText(page)).toContain('explored');
    const cells = await cellSummaries(page);
    expect(cells.filter((c) => c.type === 'code').every((c) => c.outputTypes.length > 0)).toBe(true);
    expect(browser.unexpectedErrors()).toEqual([]);
  });
});
