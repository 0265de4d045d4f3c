/**
 * Reading what is on screen. WebGL canvases cannot be read back after they are composited, so
 * an element is photographed (a real screenshot) and the PNG decoded in the page itself, where a
 * 2D canvas gives the pixels: no image library needed on the Node side.
 */
import type { Locator, Page } from 'playwright-core';

export interface InkReport {
  width: number;
  height: number;
  /** Pixels that differ clearly from the most common colour (the background). */
  inked: number;
  /** Positions (element-relative CSS pixels) whose colour is within `tolerance` of a wanted colour. */
  hits: { x: number; y: number; colour: string }[];
}

/**
 * Screenshots `element` and counts the pixels that are not background, and finds pixels of the
 * given colours (hex, e.g. '#d62728'), at most `maxHits` of them spread over the element.
 */
export async function inkOf(page: Page, element: Locator, colours: string[] = [], maxHits = 50): Promise<InkReport> {
  const png = (await element.screenshot()).toString('base64');
  const box = await element.boundingBox();
  return inkOfPng(page, png, { colours, maxHits, cssWidth: box?.width ?? 0 });
}

/**
 * The same reading of a PNG given as base64 (a screenshot, or an `image/png` an output stores);
 * `cssWidth` converts hit positions to CSS pixels (0: image pixels).
 */
export async function inkOfPng(
  page: Page,
  png: string,
  { colours = [], maxHits = 50, cssWidth = 0 }: { colours?: string[]; maxHits?: number; cssWidth?: number } = {},
): Promise<InkReport> {
  return page.evaluate(
    async ({ png, colours, maxHits, cssWidth }) => {
      const g = globalThis as any;
      const img = new g.Image();
      img.src = `data:image/png;base64,${png}`;
      await img.decode();
      const canvas = g.document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const { data } = ctx.getImageData(0, 0, img.width, img.height);
      const counts = new Map<number, number>();
      for (let i = 0; i < data.length; i += 4) {
        const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      let background = 0;
      let most = -1;
      for (const [key, count] of counts) if (count > most) [background, most] = [key, count];
      const bg = [(background >> 16) & 255, (background >> 8) & 255, background & 255];
      const wanted = colours.map((hex: string) => [1, 3, 5].map((o) => parseInt(hex.slice(o, o + 2), 16)));
      const scale = cssWidth ? img.width / cssWidth : 1;
      let inked = 0;
      const matches: [number, number][] = [];
      for (let p = 0, i = 0; i < data.length; i += 4, p++) {
        const d = Math.abs(data[i] - bg[0]) + Math.abs(data[i + 1] - bg[1]) + Math.abs(data[i + 2] - bg[2]);
        if (d > 60) inked++;
        const c = wanted.findIndex((w: number[]) => Math.abs(data[i] - w[0]) + Math.abs(data[i + 1] - w[1]) + Math.abs(data[i + 2] - w[2]) < 24);
        if (c >= 0) matches.push([p, c]);
      }
      // Spread the reported hits over all matching pixels rather than taking the first rows.
      const step = Math.max(1, Math.floor(matches.length / maxHits));
      const hits = [];
      for (let k = 0; k < matches.length && hits.length < maxHits; k += step) {
        const [p, c] = matches[k];
        hits.push({ x: (p % img.width) / scale, y: Math.floor(p / img.width) / scale, colour: colours[c] });
      }
      return { width: img.width, height: img.height, inked, hits };
    },
    { png, colours, maxHits, cssWidth },
  );
}
