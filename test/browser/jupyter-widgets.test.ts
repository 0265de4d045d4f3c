/**
 * The kernel's Jupyter widgets in a real JupyterLab 4 with @jupyter-widgets/jupyterlab-manager 5
 * and @jupyter-widgets/controls 5 (bundled into the test host): the explorer re-runs when a
 * slider moves, and its time series and network change when a mechanism is switched off, the
 * widgets come back after a page reload (jupyter.widget.control), two tabs on one kernel stay in
 * sync (echo_update), an error in a handler shows in the notebook (interact's output, and the
 * cell that displayed a plain Button), and a custom ES-module widget (anywidget's front-end) works.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipUnless } from '../support/requirements';
import { CHROMIUM, openBrowser, type BrowserSession } from './support/browser';
import { notebook } from './support/fixtures';
import { ensureBrowserAssets } from './support/host';
import { cellSummaries, openLab, openNotebook, runAllCells } from './support/jupyterlab';
import { startLab, type RunningServer } from './support/lab';

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
  ],
  '# Widgets from the clusterlab kernel',
);

/** The explorer's time-series figure (an HTML widget holding the SVG). */
function figure(page: Page): Locator {
  return page.locator('.widget-html-content svg[aria-label*="salmon"]').first();
}

async function figureText(page: Page): Promise<string> {
  return (await figure(page).evaluate((svg) => svg.outerHTML)) ?? '';
}

/** The explorer's network of the first run (an HTML widget holding the SVG, titled with its seed). */
function network(page: Page): Locator {
  return page.locator('.widget-html-content svg[aria-label*="seed"]').first();
}

async function networkText(page: Page): Promise<string> {
  return (await network(page).evaluate((svg) => svg.outerHTML)) ?? '';
}

/** A tab of the explorer's views, by its title. */
function viewTab(page: Page, title: string): Locator {
  return page.locator('.widget-tab .lm-TabBar-tab', { hasText: title }).first();
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
    await viewTab(page, 'Network (first run)').click();
    try {
      await network(page).waitFor({ timeout: 60_000 });
      const networkBefore = await networkText(page);
      // APSTC, the salmon farmers' association (Perez-Aleman 2005, 3.1), is a labelled node.
      expect(networkBefore).toContain('>APSTC</text>');
      await checkbox(page, 'association').click();
      await expect.poll(() => figureText(page), { timeout: 60_000 }).toContain('explored');
      expect(await figureText(page)).toContain('calibrated salmon');
      await expect.poll(() => page.locator('.widget-html-content code').first().textContent()).toContain("'mechanisms.association': false");
      // Without the association the first run's network has no association node, and other ties.
      await expect.poll(() => networkText(page), { timeout: 60_000 }).not.toBe(networkBefore);
      const networkAfter = await networkText(page);
      expect(networkAfter).not.toContain('>APSTC</text>');
      expect(networkAfter.match(/<circle/g)?.length).not.toBe(networkBefore.match(/<circle/g)?.length);
    } finally {
      // Back to the time series, which the later tests read.
      await viewTab(page, 'Time series').click();
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
