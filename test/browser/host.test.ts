/**
 * The JupyterLab 4 test host itself: built from npm packages, served by Debian's jupyter_server,
 * it starts with the core plugins of @jupyterlab/core-meta and our federated labextension.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipUnless } from '../support/requirements';
import { openBrowser, CHROMIUM, type BrowserSession } from './support/browser';
import { ensureBrowserAssets } from './support/host';
import { openLab } from './support/jupyterlab';
import { startLab, type RunningServer } from './support/lab';

const skip = skipUnless({ executables: [CHROMIUM], python: ['jupyterlab_server', 'jupyter_server'] });

describe.skipIf(skip)('JupyterLab 4 test host', () => {
  let server: RunningServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    await ensureBrowserAssets();
    server = await startLab();
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('starts JupyterLab 4 with the core plugins and the clusterlab renderers', async () => {
    await openLab(browser.page, server);
    const info = await browser.page.evaluate(() => {
      const app = (globalThis as any).jupyterapp;
      return {
        version: app.version,
        hasNotebookPlugin: app.hasPlugin('@jupyterlab/notebook-extension:tracker'),
        pluginCount: app.listPlugins().length,
        clusterlabPlugins: app.listPlugins().filter((id: string) => id.startsWith('@clusterlab/')),
      };
    });
    expect(info.version).toMatch(/^4\.6\./);
    expect(info.hasNotebookPlugin).toBe(true);
    expect(info.pluginCount).toBeGreaterThan(100);
    expect(info.clusterlabPlugins).toEqual(expect.arrayContaining(['@clusterlab/labextension:network', '@clusterlab/labextension:timeseries']));
    // The launcher is the first thing a user sees: it lists our kernel.
    await browser.page.locator('.jp-LauncherCard[title*="clusterlab"], .jp-LauncherCard:has-text("clusterlab")').first().waitFor();
    await browser.screenshot('jupyterlab-host-launcher');
    expect(browser.unexpectedErrors()).toEqual([]);
  });
});
