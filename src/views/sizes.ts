/**
 * How big each node is drawn, one rule for the widget (extension/src/palette.ts bundles this file)
 * and the static figures. Institutions (state agencies, associations, research institutes, foreign
 * buyers) form the top tier: drawn above firms, always labelled. A node that carries a size (a
 * firm's capacity) gets an area in proportion to it among the nodes of its payload, so that the
 * concentration of output in a few lead firms (Perez-Aleman 2005, Section 3) shows at a glance.
 */
import { entryOf } from './colours';

/** Kinds drawn above firms and always named. */
export const INSTITUTION_KINDS: readonly string[] = ['state', 'association', 'institute', 'buyer'];

export function isInstitution(kind: string): boolean {
  return INSTITUTION_KINDS.includes(kind);
}

/** Drawing tier: suppliers (and the cluster models' service firms) at the bottom, then firms (and kinds the tables do not know), institutions on top. */
export function tierOf(kind: string): number {
  return kind === 'supplier' || kind === 'service' ? 0 : isInstitution(kind) ? 2 : 1;
}

/** Radius in pixels at the fitted zoom of a node without a size, by kind. */
const BASE_RADIUS: Readonly<Record<string, number>> = { state: 9, association: 8, institute: 7, buyer: 7, supplier: 3, service: 3 };
const FIRM_RADIUS = 5;
/** Sized nodes range over these radii (before crowding): area in proportion to size. */
const SIZED_MIN = 3;
const SIZED_MAX = 14;

/** Smaller nodes when there are many. */
export function crowding(nodeCount: number): number {
  return nodeCount > 2000 ? 0.6 : nodeCount > 500 ? 0.8 : 1;
}

/**
 * Radius in pixels: `size` relative to `maxSize` (the largest size in the payload) when both are
 * positive and finite, else the kind's default.
 */
export function nodeRadius(kind: string, nodeCount: number, size?: number | null, maxSize?: number): number {
  const scale = crowding(nodeCount);
  if (typeof size === 'number' && size >= 0 && Number.isFinite(size) && maxSize !== undefined && maxSize > 0 && Number.isFinite(maxSize)) {
    const r = SIZED_MIN + (SIZED_MAX - SIZED_MIN) * Math.sqrt(Math.min(1, size / maxSize));
    return Math.max(1.5, r * scale);
  }
  return Math.max(1.5, (entryOf(BASE_RADIUS, kind) ?? FIRM_RADIUS) * scale);
}

/** What sizeIn and maxSizeOf read of a node (a payload's NetworkNode). */
export interface SizedNode {
  born: number;
  size?: number | null;
  sizes?: readonly number[] | null;
}

/**
 * The node's size in `year`: its per-year series where it covers the year (`sizes[year - born]`),
 * else its one `size` (payloads made before per-year sizes, models that give one size).
 */
export function sizeIn(node: SizedNode, year: number): number | null | undefined {
  const series = node.sizes;
  if (series) {
    const k = year - node.born;
    if (k >= 0 && k < series.length && Number.isInteger(k)) return series[k];
  }
  return node.size;
}

/**
 * The largest finite size among nodes, over every year of their series, or 0: one scale for the
 * whole run, so that a firm that grows is drawn larger in a later year and the slider shows the
 * cluster growing (a scale per year would draw the largest firm of 1970 as big as that of 2000).
 */
export function maxSizeOf(nodes: readonly SizedNode[]): number {
  let max = 0;
  for (const node of nodes) {
    const s = node.size;
    if (typeof s === 'number' && Number.isFinite(s) && s > max) max = s;
    if (node.sizes) for (const v of node.sizes) if (typeof v === 'number' && Number.isFinite(v) && v > max) max = v;
  }
  return max;
}

/** Whether any node carries a per-year size series. */
export function hasSizeSeries(nodes: readonly SizedNode[]): boolean {
  return nodes.some((node) => Array.isArray(node.sizes) && node.sizes.length > 0);
}
