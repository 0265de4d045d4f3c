/**
 * `clusterlab reproduce --check`, the Node-only runner behind `npm start`: it re-executes every
 * committed notebook on the clusterlab kernel, must find the committed outputs again, shows
 * progress per cell and writes the static site, whose tomato page must come alive in Debian's
 * Chromium (network canvas, plotly time series, no console errors).
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipUnless } from '../support/requirements';
import { ROOT, runCommand as run } from '../support/run-command';
import { CHROMIUM, openBrowser, type BrowserSession } from '../browser/support/browser';

const NOTEBOOKS = join(ROOT, 'notebooks');
const names = readdirSync(NOTEBOOKS)
  .filter((f) => f.endsWith('.ipynb'))
  .sort();

describe('clusterlab reproduce --check', () => {
  let out: string;
  let result: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'clusterlab-reproduce-'));
    result = await run(process.execPath, [join(ROOT, 'bin', 'clusterlab.js'), 'reproduce', '--check', '--no-scorecard', '--out', out], process.env, 900_000);
  }, 900_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('re-executes every notebook on the Node runner and finds the committed outputs', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const name of names) expect(result.stdout).toContain(`${name.replace(/\.ipynb$/, '')}: outputs reproduce the committed notebook`);
  });

  it('shows progress per cell', () => {
    expect(result.stdout).toMatch(/03-tomato {2}\[ *1\/\d+\] cell \d+ \(tomato-\d+\)\s+ok/);
  });

  describe.skipIf(skipUnless({ executables: [CHROMIUM] }))('static site in Chromium', () => {
    let browser: BrowserSession;
    beforeAll(async () => {
      browser = await openBrowser();
    });
    afterAll(async () => browser?.close());

    it('renders the tomato page with live network and time-series widgets and a clean console', async () => {
      const { page } = browser;
      await page.goto(pathToFileURL(join(out, 'site', '03-tomato.html')).href);
      await page.waitForFunction(() => document.querySelectorAll('div.cl-output[data-rendered="true"]').length > 0);
      await page.locator('.cl-output canvas').first().waitFor({ timeout: 60_000 });
      await page.locator('.cl-output .js-plotly-plot').first().waitFor({ timeout: 60_000 });
      const counts = await page.evaluate(() => ({
        outputs: document.querySelectorAll('div.cl-output').length,
        rendered: document.querySelectorAll('div.cl-output[data-rendered="true"]').length,
        headings: document.querySelectorAll('main h1').length,
      }));
      expect(counts.outputs).toBeGreaterThanOrEqual(2);
      expect(counts.rendered).toBe(counts.outputs);
      expect(counts.headings).toBe(1);
      await browser.screenshot('site-03-tomato');
      expect(browser.unexpectedErrors()).toEqual([]);
    });
  });
});

describe('clusterlab reproduce on a failing notebook', () => {
  it('exits non-zero naming the notebook, the cell and the error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clusterlab-failing-'));
    try {
      const cell = (id: string, source: string) => ({ cell_type: 'code', id, metadata: {}, source, execution_count: null, outputs: [] });
      writeFileSync(
        join(dir, 'broken.ipynb'),
        JSON.stringify({
          nbformat: 4,
          nbformat_minor: 5,
          metadata: { kernelspec: { name: 'clusterlab', display_name: 'TypeScript (clusterlab)', language: 'typescript' } },
          cells: [cell('fine', 'const answer: number = 42;'), cell('fails', "throw new RangeError('no cluster today');"), cell('never', 'answer')],
        }),
      );
      const result = await run(
        process.execPath,
        [join(ROOT, 'bin', 'clusterlab.js'), 'reproduce', '--notebooks', dir, '--no-site', '--no-scorecard', '--out', join(dir, 'out')],
        process.env,
        300_000,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('broken, cell 2 (fails): RangeError: no cluster today');
      expect(result.stdout).not.toContain('cell 3 (never)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
