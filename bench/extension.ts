/**
 * Extension and views benchmark.
 *
 * Node side: the stable layout (src/views/layout.ts) for networks of 1,000 and 10,000 nodes against
 * an all-pairs Fruchterman-Reingold baseline (bench/extension-baseline.ts), and the whole
 * networkView (layout, static SVG, text) with the sizes of what it produces.
 *
 * Browser side (when Debian's Chromium is installed): the same renderers through the static-site
 * bundle, headless with software WebGL (no GPU): time from rendering the output to the first
 * drawn frame, and frames per second while scrubbing the year slider; and the time series of an
 * ensemble of 200 runs over 40 years, plotly's lazy load included.
 *
 *   npm run build && node dist/bench/extension.js [--no-node] [--no-browser]
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stableLayout } from '../src/views/layout';
import { networkView } from '../src/views/network';
import { timeseriesView } from '../src/views/timeseries';
import { NETWORK_MIME, TIMESERIES_MIME } from '../src/views/payloads';
import { buildSiteBundle, embedOutput } from '../reproduce/site-bundle';
import { syntheticHistory } from './extension-fixtures';
import { allPairsLayout } from './extension-baseline';
import { writeFileAtomic } from '../src/io/atomic';

const CHROMIUM = '/usr/bin/chromium';
const BASELINE_ITERATIONS = 50;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function time(fn: () => unknown): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function nodeSide(): void {
  console.log(`Views (node ${process.version}), median of 3 runs`);
  console.log('nodes   edges   layout ms  all-pairs FR ms (50 steps)  FR/layout  networkView ms  payload KB  html KB');
  for (const size of [1_000, 10_000]) {
    const h = syntheticHistory(size, { seed: 1 });
    stableLayout(h.nodes, h.edges, { seed: 1 }); // warm-up: let the JIT compile the hot loops first
    const layout = median([0, 1, 2].map(() => time(() => stableLayout(h.nodes, h.edges, { seed: 1 }))));
    // At 10,000 nodes the O(n^2) baseline would take minutes: time one step and scale it.
    const baselineSteps = size <= 1_000 ? BASELINE_ITERATIONS : 1;
    const baseline =
      median([0, 1, 2].slice(0, size <= 1_000 ? 3 : 1).map(() => time(() => allPairsLayout(h.nodes, h.edges, baselineSteps)))) *
      (BASELINE_ITERATIONS / baselineSteps);
    let view = networkView(h);
    // A fresh history object each time: networkView reuses the layout of a history it has seen.
    const whole = median([0, 1, 2].map(() => time(() => (view = networkView({ ...h })))));
    const payloadKB = Buffer.byteLength(JSON.stringify(view.payload)) / 1024;
    const htmlKB = Buffer.byteLength(view.html) / 1024;
    console.log(
      [
        String(size).padStart(5),
        String(h.edges.length).padStart(7),
        layout.toFixed(0).padStart(11),
        (baseline.toFixed(0) + (baselineSteps === 1 ? ' (est. from 1 step)' : '')).padStart(28),
        (baseline / layout).toFixed(1).padStart(10),
        whole.toFixed(0).padStart(15),
        payloadKB.toFixed(0).padStart(11),
        htmlKB.toFixed(0).padStart(8),
      ].join(''),
    );
  }
}

async function browserSide(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`\nbrowser part skipped: ${CHROMIUM} is not installed`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterlab-bench-'));
  await buildSiteBundle(dir);
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1100, height: 900 },
    args: ['--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    console.log('\nRenderers in headless Chromium (static-site bundle, software WebGL), median of 3 loads');
    console.log('output                                  first frame ms  year change JS ms  scrub fps  redraw-only fps (rasterizer ceiling)');
    for (const size of [1_000, 10_000]) {
      const view = networkView(syntheticHistory(size, { seed: 1 }));
      writeFileAtomic(path.join(dir, 'index.html'), page_(embedOutput(NETWORK_MIME, view.payload)));
      const paints: number[] = [];
      const scrubs: { js: number; fps: number; ceiling: number }[] = [];
      for (let k = 0; k < 3; k++) {
        await page.goto('file://' + path.join(dir, 'index.html'));
        paints.push(await page.evaluate(measureFirstFrame));
        scrubs.push(await page.evaluate(measureScrub));
      }
      console.log(
        `network ${String(size).padStart(6)} nodes, ${String(view.payload.edges.length).padStart(6)} edges` +
          `${median(paints).toFixed(0).padStart(18)}${median(scrubs.map((s) => s.js))
            .toFixed(1)
            .padStart(19)}` +
          `${median(scrubs.map((s) => s.fps))
            .toFixed(1)
            .padStart(11)}${median(scrubs.map((s) => s.ceiling))
            .toFixed(1)
            .padStart(17)}`,
      );
    }
    const rows = Array.from({ length: 200 }, (_, run) =>
      Array.from({ length: 40 }, (_, y) =>
        ['firms', 'exports'].map((metric) => ({
          run,
          seed: run,
          year: 1965 + y,
          metric,
          value: (y + 1) * (1 + (run % 17) / 20) * (metric === 'firms' ? 1 : 100),
        })),
      ).flat(),
    ).flat();
    const series = timeseriesView(rows, { title: '200 runs x 40 years' });
    writeFileAtomic(path.join(dir, 'index.html'), page_(embedOutput(TIMESERIES_MIME, series.payload)));
    const plots: number[] = [];
    for (let k = 0; k < 3; k++) {
      await page.goto('file://' + path.join(dir, 'index.html'));
      plots.push(await page.evaluate(measureFirstFrame));
    }
    console.log(
      `time series, 200 runs x 40 years x 2 metrics ${median(plots).toFixed(0).padStart(10)}   (plotly parsed with the bundle here; loaded lazily in JupyterLab)`,
    );
    console.log('year change JS: the widget updating the year uniform, the counts and the slider;');
    console.log('fps figures include drawing, which here is software WebGL (SwiftShader) on a shared CPU.');
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function page_(body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"></head><body><script src="clusterlab-views.js"></script>${body}</body></html>`;
}

// These two run inside the page (compiled without DOM types, hence `globalThis as any`).
async function measureFirstFrame(): Promise<number> {
  const page = globalThis as any;
  const frame = () => new Promise((resolve) => page.requestAnimationFrame(resolve));
  const start = performance.now();
  page.widgets = await page.clusterlab.renderAll();
  // The network and plotly draw in animation frames: wait for two to be sure the first is painted.
  await frame();
  await frame();
  return performance.now() - start;
}

async function measureScrub(): Promise<{ js: number; fps: number; ceiling: number }> {
  const page = globalThis as any;
  const frame = () => new Promise((resolve) => page.requestAnimationFrame(resolve));
  const slider = page.document.querySelector('input.cl-network-year');
  const first = Number(slider.min);
  const span = Number(slider.max) - first + 1;
  const steps = 30;
  await frame();
  let js = 0;
  let start = performance.now();
  for (let k = 0; k < steps; k++) {
    slider.value = String(first + (k % span));
    const t = performance.now();
    slider.dispatchEvent(new page.Event('input'));
    js += performance.now() - t;
    await frame();
  }
  await frame();
  const fps = (steps + 1) / ((performance.now() - start) / 1000);
  // Frames that only redraw the unchanged picture (the renderer, reached through the widget's
  // private field: this is a measuring instrument): what the rasterizer allows at best.
  const renderer = page.widgets[0].renderer;
  start = performance.now();
  for (let k = 0; k < 10; k++) {
    renderer.render();
    await frame();
  }
  const ceiling = 10 / ((performance.now() - start) / 1000);
  return { js: js / steps, fps, ceiling };
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-node')) nodeSide();
  if (!process.argv.includes('--no-browser')) await browserSide();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
