/**
 * Page-side helpers for the JupyterLab 4 test host. The app exposes itself as window.jupyterapp
 * (page config exposeAppInBrowser), so tests wait on its promises and kernel status, never on
 * fixed sleeps. Code inside page.evaluate runs in the browser: it reaches the app untyped.
 */
import type { Page } from 'playwright-core';
import type { RunningServer } from './lab';

/** Loads /lab and waits until JupyterLab has started and restored its layout. */
export async function openLab(page: Page, server: RunningServer, timeoutMs = 90_000): Promise<void> {
  await page.goto(`${server.baseUrl}lab?token=${server.token}`);
  await page.waitForFunction(() => Boolean((globalThis as any).jupyterapp), null, { timeout: timeoutMs });
  await page.evaluate(async () => {
    const app = (globalThis as any).jupyterapp;
    await app.started;
    await app.restored;
  });
}

/** Opens a notebook, waits for its kernel to be idle, returns the number of cells. */
export async function openNotebook(page: Page, path: string, timeoutMs = 60_000): Promise<number> {
  await page.evaluate(async (notebookPath) => {
    const app = (globalThis as any).jupyterapp;
    const panel = await app.commands.execute('docmanager:open', { path: notebookPath, factory: 'Notebook' });
    await panel.context.ready;
    await panel.sessionContext.ready;
  }, path);
  await waitForKernelIdle(page, timeoutMs);
  return page.evaluate(() => (globalThis as any).jupyterapp.shell.currentWidget.content.widgets.length);
}

/** Kernel status of the current notebook ('idle', 'busy', 'starting', ...), or 'none'. */
export function kernelStatus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const widget = (globalThis as any).jupyterapp.shell.currentWidget;
    return widget?.sessionContext?.session?.kernel?.status ?? 'none';
  });
}

export async function waitForKernelIdle(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction(() => (globalThis as any).jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel?.status === 'idle', null, {
    timeout: timeoutMs,
    polling: 100,
  });
}

export interface CellSummary {
  type: string;
  executionCount: number | null;
  outputTypes: string[];
  errors: string[];
}

/** Runs every cell of the current notebook and resolves when the last one has finished. */
export async function runAllCells(page: Page, timeoutMs = 120_000): Promise<CellSummary[]> {
  const ran = await page.evaluate(async () => {
    const app = (globalThis as any).jupyterapp;
    return app.commands.execute('notebook:run-all-cells');
  });
  if (ran === false) throw new Error('notebook:run-all-cells reported a failed cell');
  await waitForKernelIdle(page, timeoutMs);
  return cellSummaries(page);
}

export function cellSummaries(page: Page): Promise<CellSummary[]> {
  return page.evaluate(() => {
    const notebook = (globalThis as any).jupyterapp.shell.currentWidget.content;
    return notebook.widgets.map((cell: any) => {
      const outputs = cell.model.type === 'code' ? cell.model.outputs.toJSON() : [];
      return {
        type: cell.model.type,
        executionCount: cell.model.type === 'code' ? cell.model.executionCount : null,
        outputTypes: outputs.map((o: any) => o.output_type),
        errors: outputs.filter((o: any) => o.output_type === 'error').map((o: any) => `${o.ename}: ${o.evalue}`),
      };
    });
  });
}
