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

/** The largest finite size among nodes, or 0. */
export function maxSizeOf(nodes: readonly { size?: number | null }[]): number {
  let max = 0;
  for (const node of nodes) {
    const s = node.size;
    if (typeof s === 'number' && Number.isFinite(s) && s > max) max = s;
  }
  return max;
}
