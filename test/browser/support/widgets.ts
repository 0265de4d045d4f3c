/** What the tests read from the clusterlab widgets (DOM hooks documented in extension/src/index.ts). */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { inkOf } from './pixels';

/** The node colours of extension/src/palette.ts, to find nodes among the pixels. */
export const NODE_COLOURS = ['#d62728', '#9467bd', '#1f77b4', '#ff7f0e', '#8c564b', '#2ca02c'];
const SUPPLIER_COLOUR = '#2ca02c';

export interface PlotTrace {
  name: string;
  fill: string | null;
  mode: string | null;
  points: number;
}

/** Traces and annotations of a plotly figure (the element plotly drew into keeps them). */
export function plotFigure(plot: Locator): Promise<{ traces: PlotTrace[]; annotations: string[] }> {
  return plot.evaluate((el: any) => ({
    traces: el.data.map((t: any) => ({ name: String(t.name ?? ''), fill: t.fill ?? null, mode: t.mode ?? null, points: t.x?.length ?? 0 })),
    annotations: (el.layout.annotations ?? []).map((a: any) => String(a.text)),
  }));
}

export const isBand = (t: PlotTrace) => t.fill === 'tonexty';
export const isMarkers = (t: PlotTrace) => t.mode === 'markers';

/**
 * Scrolls an output into view and waits until it shows. JupyterLab 4 skips rendering cells far
 * outside the window (notebook windowing), so an output further down counts as hidden until then.
 */
export async function reveal(element: Locator, timeout = 30_000): Promise<Locator> {
  await element.waitFor({ state: 'attached', timeout });
  await element.evaluate((el: any) => el.scrollIntoView({ block: 'center' }));
  await element.waitFor({ state: 'visible', timeout });
  return element;
}

/** Scrolls every scrolling ancestor of an output to its end, taking the output out of view. */
export async function scrollAway(element: Locator): Promise<void> {
  await element.evaluate((el: any) => {
    for (let p = el.parentElement; p; p = p.parentElement)
      if (p.scrollHeight > p.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(p).overflowY)) p.scrollTop = p.scrollHeight;
  });
}

/**
 * Pixels of the network stage that are drawn, and where nodes are. The mouse is moved off the
 * widget first: scrolling fires mouse moves where the pointer rests, and a hovered node fades the
 * rest of the network, so a pointer left over the stage by an earlier step would change the picture.
 */
export async function networkInk(page: Page, network: Locator) {
  const stage = network.locator('.cl-network-stage');
  await page.mouse.move(0, 0);
  await reveal(stage);
  await stage.locator('canvas').first().waitFor();
  // Given back out of view, the widget draws again once it is seen.
  await expect.poll(() => stage.getAttribute('data-gpu')).not.toBe('released');
  await network.locator('.cl-network-tooltip').waitFor({ state: 'hidden' });
  return inkOf(page, stage, NODE_COLOURS, 40);
}

/**
 * Moves the mouse over node-coloured pixels until the tooltip shows; returns its text or null.
 * The larger nodes (institutions, lead firms, buyers) are tried first: suppliers are a few pixels
 * wide and crowd the picture.
 */
export async function hoverANode(page: Page, network: Locator): Promise<string | null> {
  const stage = network.locator('.cl-network-stage');
  const tooltip = network.locator('.cl-network-tooltip');
  await reveal(stage);
  const box = (await stage.boundingBox())!;
  const large = NODE_COLOURS.filter((c) => c !== SUPPLIER_COLOUR);
  for (const colours of [large, [SUPPLIER_COLOUR]]) {
    const { hits } = await inkOf(page, stage, colours, 25);
    for (const hit of hits) {
      await page.mouse.move(box.x + hit.x, box.y + hit.y);
      try {
        await tooltip.waitFor({ state: 'visible', timeout: 600 });
        return tooltip.textContent();
      } catch {
        // not over a node: try the next coloured pixel
      }
    }
  }
  return null;
}
