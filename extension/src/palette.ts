import { EDGE_KIND_ORDER, NODE_KIND_ORDER } from '../../src/views/colours';
export { edgeColour, edgeName, nodeColour, nodeName } from '../../src/views/colours';
import { nodeRadius } from '../../src/views/sizes';

/**
 * Colours and sizes for node and edge kinds, the same tables as the static SVG fallbacks use
 * (src/views/colours.ts, bundled in). The hues are mid-tone so that they read on both the light and
 * the dark JupyterLab themes; theme-dependent colours (text, grid, background) come from
 * JupyterLab's CSS variables at draw time.
 */

export const NODE_KINDS = NODE_KIND_ORDER;
export const EDGE_KINDS = EDGE_KIND_ORDER;

/**
 * Node radius in pixels at the fitted zoom (src/views/sizes.ts, shared with the static figure):
 * by `size` among the payload's sizes when the node has one, else by kind; smaller when crowded.
 */
export function nodeSize(kind: string, nodeCount: number, size?: number | null, maxSize?: number): number {
  return nodeRadius(kind, nodeCount, size, maxSize);
}
export { isInstitution, maxSizeOf, sizeIn, tierOf } from '../../src/views/sizes';

/** '#rrggbb' with an alpha, as an rgba() string that WebGL and plotly both accept. */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return hex;
  return `rgba(${parseInt(m[1], 16)}, ${parseInt(m[2], 16)}, ${parseInt(m[3], 16)}, ${alpha})`;
}

export interface ThemeColours {
  background: string;
  text: string;
  muted: string;
  grid: string;
  /** Resolved font family (canvas text cannot use CSS variables). */
  font: string;
  dark: boolean;
}

const LIGHT: ThemeColours = { background: '#ffffff', text: '#212121', muted: '#757575', grid: '#e0e0e0', font: 'sans-serif', dark: false };

/**
 * Reads JupyterLab's theme variables from an element (inherits from the page); falls back to a light
 * theme outside JupyterLab, e.g. on the static site.
 */
export function readTheme(el: Element): ThemeColours {
  const style = getComputedStyle(el);
  const pick = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const dark = document.body?.dataset?.jpThemeLight === 'false';
  return {
    background: pick('--jp-layout-color0', LIGHT.background),
    text: pick('--jp-ui-font-color1', LIGHT.text),
    muted: pick('--jp-ui-font-color2', LIGHT.muted),
    grid: pick('--jp-border-color2', LIGHT.grid),
    font: pick('--jp-ui-font-family', LIGHT.font),
    dark,
  };
}
