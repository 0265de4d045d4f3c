// The renderers outside JupyterLab: the static-site bundle in Debian's Chromium, driven by
// playwright-core. (The JupyterLab host tests live in test/browser.)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipUnless } from '../support/requirements';
import { buildSiteBundle, embedOutput, SITE_BUNDLE_FILE } from '../../dist/reproduce/site-bundle';
import { networkView, timeseriesView, ViewGroup, GROUP_MIME, NETWORK_MIME, TIMESERIES_MIME } from '../../dist/src/views';
import { syntheticHistory } from '../../dist/bench/extension-fixtures';

const CHROMIUM = '/usr/bin/chromium';
const HOSTILE = '<img src=x onerror=alert(1)>';
const skip = skipUnless({ executables: [CHROMIUM] });

describe.skipIf(skip)('static-site bundle in Chromium', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterlab-site-'));
  const history = syntheticHistory(800, { seed: 11, hostileLabel: HOSTILE });
  const network = networkView(history, { title: 'Synthetic cluster', year: 1985 });
  const years = Array.from({ length: 20 }, (_, i) => 1980 + i);
  const summary = (upTo: number) =>
    years
      .filter((y) => y <= upTo)
      .map((year) => ({ scenario: 'salmon', year, metric: 'firms', median: year - 1979, p05: year - 1985, p95: year - 1975, n: 20 }));
  const observed = [{ metric: 'firms', year: 1985, value: 36, source: 'Perez-Aleman 2005', section: '3.2', description: HOSTILE }];
  const series = timeseriesView(summary(1990), { observed, events: [{ year: 1986, text: 'Association founded' }] });
  let context: any;
  let page: any;
  const problems: string[] = [];
  let dialogs = 0;

  beforeAll(async () => {
    const script = await buildSiteBundle(dir);
    expect(path.basename(script)).toBe(SITE_BUNDLE_FILE);
    fs.writeFileSync(
      path.join(dir, 'index.html'),
      `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>
<script src="${SITE_BUNDLE_FILE}"></script>
${embedOutput(NETWORK_MIME, network.payload, network.html)}
${embedOutput(TIMESERIES_MIME, series.payload, series.html)}
<div id="group">${embedOutput(GROUP_MIME, new ViewGroup([networkView(syntheticHistory(60, { seed: 3 })), series]).payload)}</div>
<div id="empty">${embedOutput(NETWORK_MIME, { version: 1, years: [1990, 1990], nodes: [], edges: [] })}</div>
<div id="broken">${embedOutput(NETWORK_MIME, { version: 1, years: [1990, 1995], nodes: [{ id: 'a', label: 'a', kind: 'state', born: 1990, x: 0, y: 0 }], edges: [{ source: 'a', target: 'nobody', kind: 'supply', born: 1991 }] })}</div>
<div class="cl-output" data-mime="application/x-unknown"><script type="application/json">{}</script><p class="kept">fallback</p></div>
<script>window.rendered = clusterlab.renderAll().then((w) => { window.widgets = w; return w.length; });</script>
</body></html>`,
    );
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1000, height: 1400 },
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m: any) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e: Error) => problems.push(e.message));
    page.on('dialog', (d: any) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto('file://' + path.join(dir, 'index.html'));
    expect(await page.evaluate(() => (window as any).rendered)).toBe(5);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const expectedCount = (year: number) => {
    const alive = new Set(history.nodes.filter((n) => n.born <= year && (n.died == null || year < n.died)).map((n) => n.id));
    const edges = history.edges.filter((e) => e.born <= year && (e.ended == null || year < e.ended) && alive.has(e.source) && alive.has(e.target));
    return `${alive.size} nodes, ${edges.length} edges in ${year}`;
  };

  it('draws the network on a canvas with a legend, at the payload year', async () => {
    expect(await page.locator('.cl-network .cl-network-stage canvas').count()).toBeGreaterThan(0);
    expect(await page.textContent('.cl-network-count')).toBe(expectedCount(1985));
    expect(await page.locator('.cl-legend .cl-legend-item').count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator('.kept').count()).toBe(1);
  });

  it('changes the visible count with the slider and the keyboard', async () => {
    await page.locator('input[type=range].cl-network-year').first().fill('1970');
    expect(await page.textContent('.cl-network-count')).toBe(expectedCount(1970));
    await page.locator('.cl-network').first().focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.textContent('.cl-network-count')).toBe(expectedCount(1971));
    await page.keyboard.press('Space');
    expect(await page.getAttribute('.cl-network-play', 'aria-label')).toBe('Pause');
    await page.waitForFunction(() => !document.querySelector('.cl-network-count')!.textContent!.endsWith('1971'));
    await page.keyboard.press('Space');
    expect(await page.getAttribute('.cl-network-play', 'aria-label')).toBe('Play');
  });

  it('shows a node name in the tooltip as text, never as markup', async () => {
    await page.locator('input[type=range].cl-network-year').first().fill('2000');
    const box = await page.locator('.cl-network-stage').first().boundingBox();
    const id = history.nodes[1].id;
    const at = await page.evaluate((nodeId: string) => (window as any).widgets[0].nodePosition(nodeId), id);
    expect(at).not.toBeNull();
    await page.mouse.move(box.x + at.x, box.y + at.y);
    await page.waitForSelector('.cl-network-tooltip:not([hidden])');
    expect(await page.textContent('.cl-network-tooltip-title')).toBe(HOSTILE);
    expect(await page.locator('.cl-network-tooltip img').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
  });

  it('keeps a tooltip left over a node in step with the year (its ties are the year shown)', async () => {
    const widget = 'window.widgets[0]';
    const setYear = (year: number) => page.evaluate(`${widget}.setYear(${year})`);
    const box = await page.locator('.cl-network-stage').first().boundingBox();
    const id = history.nodes[1].id;
    const hoverFresh = async () => {
      await page.mouse.move(box.x + box.width + 50, box.y - 50); // off the stage: the tooltip hides
      await page.waitForSelector('.cl-network-tooltip[hidden]', { state: 'attached' });
      const at = await page.evaluate((nodeId: string) => (window as any).widgets[0].nodePosition(nodeId), id);
      await page.mouse.move(box.x + at.x, box.y + at.y);
      await page.waitForSelector('.cl-network-tooltip:not([hidden])');
      return page.textContent('.cl-network-tooltip');
    };
    await setYear(2000);
    const in2000 = await hoverFresh();
    let differs = false;
    // Years back from 2000 while the node lives: the tooltip, left where it is, must read as a fresh one.
    for (let year = 1999; year >= history.nodes[1].born && !differs; year--) {
      await setYear(year);
      const followed = await page.textContent('.cl-network-tooltip');
      const fresh = await hoverFresh();
      expect(followed).toBe(fresh);
      differs = fresh !== in2000;
    }
    expect(differs).toBe(true); // some year tells the two apart, or the test could not fail
  });

  /**
   * Scrubs through the years drawing from the summed layers, then draws every item in order instead;
   * with `query` typed into the search first.
   */
  function summedAgainstDirect(query: string) {
    // The widget's renderer, reached through private fields: a measuring instrument, as in the bench.
    return page.evaluate((query: string) => {
      const widget = (window as any).widgets[0];
      const renderer = widget.renderer;
      const gl = renderer.gl;
      const { width, height } = renderer.canvas;
      const read = () => {
        const pixels = new Uint8Array(width * height * 4);
        gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
        return pixels;
      };
      const search = widget.node.querySelector('.cl-network-search');
      search.value = query;
      search.dispatchEvent(new Event('input'));
      const style = renderer.style;
      if (query) {
        // Faded nodes opaque and no edges: faded translucency is applied to the sums as a whole
        // (an approximation of its own), so what remains to compare is exact.
        renderer.style = { ...style, fadedNode: [...style.fadedNode.slice(0, 3), 1] };
        renderer.edgesShown = false;
      }
      renderer.labelsShown = false;
      renderer.camera.zoomAt(width / 2, height / 2, 0.8);
      renderer.invalidateEdges();
      const first = widget.timeline.first;
      const last = widget.timeline.last;
      for (let year = first; year <= last; year++) {
        widget.setYear(year);
        renderer.render();
      }
      for (let year = last; year >= (first + last) / 2; year -= 3) {
        widget.setYear(year);
        renderer.render();
      }
      const summed = read();
      const matchedSteps = renderer.layers.matched?.steps ?? null;
      renderer.canAccumulate = false;
      renderer.render();
      const direct = read();
      renderer.canAccumulate = true;
      const matches = String(widget.node.querySelector('.cl-network-matches').textContent);
      renderer.style = style;
      renderer.edgesShown = true;
      search.value = '';
      search.dispatchEvent(new Event('input'));
      let inked = 0;
      let alphaOff = 0;
      let colourOff = 0;
      for (let p = 0; p < summed.length; p += 4) {
        if (summed[p + 3] > 0 || direct[p + 3] > 0) inked++;
        if (Math.abs(summed[p + 3] - direct[p + 3]) > 4) alphaOff++;
        if ([0, 1, 2].some((c) => Math.abs(summed[p + c] - direct[p + c]) > 16)) colourOff++;
      }
      return { inked, alphaOff, colourOff, steps: renderer.layers.edges.steps, matchedSteps, matches };
    }, query);
  }

  it('draws the same picture from its summed layers, after scrubbing, as by drawing every item in order', async () => {
    const result = await summedAgainstDirect('');
    expect(result.steps).toBeGreaterThan(20);
    expect(result.inked).toBeGreaterThan(2000);
    // Opacity sums exactly; colour differs only where edges of different kinds cross (a weighted
    // mean there, the last one drawn in order).
    expect(result.alphaOff).toBe(0);
    expect(result.colourOff / result.inked).toBeLessThan(0.1);
  });

  it('draws the same picture from its summed layers with a search on (the matches of the bottom class summed too)', async () => {
    const result = await summedAgainstDirect('supplier');
    expect(result.matches).toMatch(/^[1-9]\d+ found$/);
    expect(result.matchedSteps).toBeGreaterThan(20);
    expect(result.inked).toBeGreaterThan(2000);
    expect(result.alphaOff).toBe(0);
    // Colour differs only where a larger node that does not match overlaps a matching one of the
    // bottom class: the composition puts the latter under it (about 0.5% of the pixels here).
    expect(result.colourOff / result.inked).toBeLessThan(0.02);
  });

  it('finds nodes by name', async () => {
    await page.locator('.cl-network-search').first().fill('State');
    const expected = history.nodes.filter((n) => n.label.toLowerCase().includes('state') || n.id.toLowerCase().includes('state')).length;
    expect(expected).toBe(2);
    expect(await page.textContent('.cl-network-matches')).toBe(`${expected} found`);
    await page.locator('.cl-network-search').first().fill('');
    expect(await page.textContent('.cl-network-matches')).toBe('');
  });

  it('draws the time series with a band, the paper marker and the event', async () => {
    await page.waitForSelector('.cl-timeseries .js-plotly-plot');
    const traces = await page.evaluate(() =>
      (document.querySelector('.js-plotly-plot') as any).data.map((t: any) => ({ name: t.name, fill: t.fill, mode: t.mode })),
    );
    expect(traces.some((t: any) => t.fill === 'tonexty')).toBe(true);
    expect(traces.some((t: any) => t.mode === 'markers' && t.name === 'Perez-Aleman 2005')).toBe(true);
    expect(await page.locator('.cl-timeseries').first().locator('.annotation-text', { hasText: 'Association founded' }).count()).toBe(1);
  });

  it('updates in place when re-rendered with more data (a live run)', async () => {
    const next = timeseriesView(summary(1999), { observed, live: { done: false, step: 20, of: 20 } }).payload;
    const result = await page.evaluate(async (payload: unknown) => {
      const plot = document.querySelector('.js-plotly-plot') as any;
      plot.__marker = true;
      const widget = (window as any).widgets[1];
      await widget.renderModel({ trusted: true, data: { 'application/vnd.clusterlab.timeseries+json': payload }, metadata: {}, setData() {} });
      const after = document.querySelector('.js-plotly-plot') as any;
      return { same: after.__marker === true, points: after.data.find((t: any) => t.mode === 'lines' && t.showlegend !== false).x.length };
    }, next);
    expect(result).toEqual({ same: true, points: 20 });
    expect(await page.textContent('.cl-timeseries-status')).toBe('running: step 20 of 20');
  });

  it('stacks the outputs of a group: a network above a time series', async () => {
    await page.waitForSelector('#group .cl-timeseries .js-plotly-plot');
    expect(await page.locator('#group .cl-group > .cl-network').count()).toBe(1);
    expect(await page.locator('#group .cl-group > .cl-timeseries').count()).toBe(1);
    expect(await page.textContent('#group .cl-network-count')).toMatch(/^\d+ nodes, \d+ edges in 2005$/);
  });

  it('draws an empty network without complaint, and names the bad field of a broken one', async () => {
    expect(await page.textContent('#empty .cl-network-count')).toBe('0 nodes, 0 edges in 1990');
    expect(await page.getAttribute('#empty .cl-network-play', 'disabled')).not.toBeNull();
    expect(await page.textContent('#broken pre.cl-error')).toBe('network payload: edges[0].target must be the id of a node in nodes');
    expect(await page.isVisible('#broken .cl-network-toolbar')).toBe(false);
  });

  it('raised no errors and ran no script from data', () => {
    expect(problems).toEqual([]);
    expect(dialogs).toBe(0);
  });
});
