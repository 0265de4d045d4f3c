/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), in a fresh profile,
 * with every console message and failed request recorded so tests can assert a clean console.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { repoRoot } from './host';

export const CHROMIUM = '/usr/bin/chromium';
export const screenshotDir = join(repoRoot, 'test-results');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ConsoleEntry {
  type: string;
  text: string;
  url: string;
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  console: ConsoleEntry[];
  /** Console errors and page errors, less the 404s of endpoints jupyter_server 1.x lacks. */
  unexpectedErrors(): ConsoleEntry[];
  /** A screenshot of the whole page, saved as test-results/<name>.png. */
  screenshot(name: string): Promise<string>;
  /**
   * A screenshot of one element (a widget) scrolled to the top of its scroll area, as much of it
   * as the window shows, saved as test-results/<name>.png.
   */
  screenshotOf(element: Locator, name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Endpoints JupyterLab 4 asks for that jupyter_server 1.23 / jupyterlab_server 2.16 (without
 * jupyter-lsp) do not have; their 404s are harmless (the frontend falls back), as is the favicon
 * the template does not ship.
 */
const HARMLESS_404 = [/\/api\/me\b/, /\/api\/events\b/, /\/lab\/api\/news\b/, /\/lsp\/status\b/, /\/favicon\.ico\b/];

/**
 * The classic notebook 6.4 always asks for the ipywidgets loader at this path (hard-coded in its
 * page), whether or not widgets are installed: a 404, and then Chromium refuses the HTML error page
 * as a script. Only that script, only for that reason.
 */
const CLASSIC_WIDGETS_LOADER = /\/nbextensions\/widgets\/notebook\/js\/extension\.js(\?v=\d+)?$/;
const REFUSED_CLASSIC_WIDGETS_LOADER =
  /^Refused to execute script from '([^']+)' because its MIME type \('text\/html'\) is not executable, and strict MIME type checking is enabled\.$/;

/**
 * JupyterLab 4.6's debugger plugins ask a kernel for its modules after every execution, even a
 * kernel whose kernelspec says it has no debugger (ours): the promise rejects unhandled with "No
 * active debugger session" from Service.displayModules. Nothing the user sees; upstream's, not ours.
 */
const HARMLESS_PAGE_ERRORS = [/^Error: No active debugger session\s+at Service\.displayModules/];

function isClassicWidgetsLoader(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { pathname, search } = new URL(url);
  return CLASSIC_WIDGETS_LOADER.test(pathname + search);
}

export function isHarmless(entry: ConsoleEntry): boolean {
  if (entry.type === 'pageerror') return HARMLESS_PAGE_ERRORS.some((pattern) => pattern.test(entry.text));
  const refused = REFUSED_CLASSIC_WIDGETS_LOADER.exec(entry.text);
  if (refused) return isClassicWidgetsLoader(refused[1]);
  const notFound = /status of 404|response code: 404/.test(entry.text);
  if (notFound && isClassicWidgetsLoader(entry.url)) return true;
  return notFound && HARMLESS_404.some((pattern) => pattern.test(entry.url) || pattern.test(entry.text));
}

export async function openBrowser(viewport = { width: 1400, height: 1000 }): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'clusterlab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const log: ConsoleEntry[] = [];
  page.on('console', (message) => log.push({ type: message.type(), text: message.text(), url: message.location().url }));
  page.on('pageerror', (error) => log.push({ type: 'pageerror', text: String(error?.stack ?? error), url: '' }));
  mkdirSync(screenshotDir, { recursive: true });
  return {
    context,
    page,
    console: log,
    unexpectedErrors: () => log.filter((e) => (e.type === 'error' || e.type === 'pageerror') && !isHarmless(e)),
    async screenshot(name) {
      const path = join(screenshotDir, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async screenshotOf(element, name) {
      const path = join(screenshotDir, `${name}.png`);
      await element.evaluate((el: any) => el.scrollIntoView({ block: 'start' }));
      const box = (await element.boundingBox())!;
      const top = Math.max(0, box.y);
      const clip = { x: box.x, y: top, width: box.width, height: Math.min(box.y + box.height, viewport.height) - top };
      await page.screenshot({ path, clip });
      return path;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
