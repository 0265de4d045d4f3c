import type { NetworkPayload } from '../../src/views/payloads';
import { edgeColour, maxSizeOf, nodeColour, nodeSize, sizeIn, tierOf } from './palette';
import { LifetimeIndex } from './lifetimes';
import type { Timeline } from './timeline';

/**
 * Everything the network renderer uploads to the GPU, as typed arrays built in one pass over the
 * payload. Nodes are stored in drawing order (suppliers, then firms, then institutions on top;
 * within a tier the larger first, so that a small node never hides under a big one): index k of the
 * node arrays is node `order[k]` of the payload, and node i is drawn at `rank[i]`. Edge j owns
 * vertices 2j and 2j + 1.
 */
export interface NetworkScene {
  nodeCount: number;
  edgeCount: number;
  order: Uint32Array;
  rank: Uint32Array;
  /** x, y per node (graph units; y grows upwards). */
  nodePosition: Float32Array;
  /** born, died per node (died is NEVER while it lives). */
  nodeLife: Float32Array;
  /** r, g, b, a per node. */
  nodeColour: Uint8Array;
  /** Radius in CSS pixels when the whole network fits the stage, in the year `sizesYear` (see showSizesOf). */
  nodeSize: Float32Array;
  /**
   * Radii of every year, year t's at [t * nodeCount, (t + 1) * nodeCount) by draw position, when
   * the payload has per-year sizes (NetworkNode.sizes); null when every node has one size.
   */
  yearRadii: Float32Array | null;
  firstYear: number;
  /** The year nodeSize and labelOrder are of. */
  sizesYear: number;
  /** Drawing tier per draw position: 0 suppliers, 1 firms, 2 institutions (always labelled). */
  nodeTier: Uint8Array;
  /** Draw positions in the order labels claim room: institutions, then the largest nodes (of the year shown). */
  labelOrder: Uint32Array;
  /** The largest radius of any year. */
  maxNodeSize: number;
  /** x, y per edge vertex. */
  edgePosition: Float32Array;
  /** Effective start, stop per edge vertex (the edge's lifetime within its ends'). */
  edgeLife: Float32Array;
  /** r, g, b, a per edge vertex. */
  edgeColour: Uint8Array;
  /** Edges by start and by stop year, and their vertex pairs in those orders, for drawing the ones that changed. */
  edgeLifetimes: LifetimeIndex;
  edgeVerticesByStart: Uint32Array;
  edgeVerticesByStop: Uint32Array;
  /**
   * The bottom class: nodes drawn first that share one size and one colour (suppliers, usually
   * most of the network). Their order among themselves does not show, so the renderer may sum them
   * like edges instead of drawing them in order. They are draw positions 0 .. baseCount - 1.
   */
  baseCount: number;
  baseLifetimes: LifetimeIndex;
  bounds: { minX: number; maxX: number; minY: number; maxY: number };
}

/** How opaque edges are: fainter when there are many, so that nodes stay visible through them. */
export function edgeAlpha(edgeCount: number, kind: string): number {
  const alpha = edgeCount > 5000 ? 0.15 : edgeCount > 1000 ? 0.4 : 0.7;
  // Tutelage and ownership are the ties that shape the cluster: drawn stronger.
  return kind === 'tutelage' || kind === 'ownership' ? Math.min(1, alpha * 1.6) : alpha;
}

/** `year`: the year whose sizes nodeSize holds first (default the payload's first shown). */
export function buildScene(payload: NetworkPayload, timeline: Timeline, year = timeline.clampYear(payload.year ?? payload.years[1])): NetworkScene {
  const { nodes, edges } = payload;
  const n = nodes.length;
  const m = edges.length;
  const sizes = new Float32Array(n);
  const tiers = new Uint8Array(n);
  const maxSize = maxSizeOf(nodes);
  // Per-year sizes: radii of every year, on the one scale of the whole run. The drawing order
  // stays fixed (the GPU buffers are in it), by each node's largest radius, so that a node is
  // drawn before the ones smaller than it at its largest.
  const [firstYear, lastYear] = [timeline.first, timeline.last];
  const yearCount = lastYear - firstYear + 1;
  const series = new Uint8Array(n);
  for (let i = 0; i < n; i++) series[i] = Array.isArray(nodes[i].sizes) && nodes[i].sizes!.length > 0 ? 1 : 0;
  const anySeries = series.includes(1);
  const radiiByNode = anySeries ? new Float32Array(yearCount * n) : null;
  for (let i = 0; i < n; i++) {
    sizes[i] = nodeSize(nodes[i].kind, n, nodes[i].size, maxSize);
    tiers[i] = tierOf(nodes[i].kind);
    if (!radiiByNode) continue;
    let largest = 0;
    for (let t = 0; t < yearCount; t++) {
      const r = series[i] ? nodeSize(nodes[i].kind, n, sizeIn(nodes[i], firstYear + t), maxSize) : sizes[i];
      radiiByNode[t * n + i] = r;
      if (r > largest) largest = r;
    }
    if (series[i]) sizes[i] = largest;
  }
  // Same-sized nodes are grouped by colour, so that the smallest nodes of one colour come first.
  const colourGroup = new Map<string, number>();
  const group = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const colour = nodeColour(nodes[i].kind);
    if (!colourGroup.has(colour)) colourGroup.set(colour, colourGroup.size);
    group[i] = colourGroup.get(colour)!;
  }
  const order = drawingOrder(tiers, sizes, group, colourGroup.size);
  const rank = new Uint32Array(n);
  const nodePosition = new Float32Array(2 * n);
  const nodeLife = new Float32Array(2 * n);
  const nodeColourBytes = new Uint8Array(4 * n);
  const nodeSizeOut = new Float32Array(n);
  const nodeTier = new Uint8Array(n);
  const bounds = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
  const rgbOf = cache((kind: string) => hexToRgb(nodeColour(kind)));
  let maxNodeSize = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const node = nodes[i];
    rank[i] = k;
    nodePosition[2 * k] = node.x;
    nodePosition[2 * k + 1] = node.y;
    nodeLife[2 * k] = timeline.nodeBorn[i];
    nodeLife[2 * k + 1] = timeline.nodeDied[i];
    const [r, g, b] = rgbOf(node.kind);
    nodeColourBytes[4 * k] = r;
    nodeColourBytes[4 * k + 1] = g;
    nodeColourBytes[4 * k + 2] = b;
    nodeColourBytes[4 * k + 3] = 255;
    nodeSizeOut[k] = sizes[i];
    nodeTier[k] = tiers[i];
    maxNodeSize = Math.max(maxNodeSize, sizes[i]);
    bounds.minX = Math.min(bounds.minX, node.x);
    bounds.maxX = Math.max(bounds.maxX, node.x);
    bounds.minY = Math.min(bounds.minY, node.y);
    bounds.maxY = Math.max(bounds.maxY, node.y);
  }
  if (n === 0) Object.assign(bounds, { minX: 0, maxX: 0, minY: 0, maxY: 0 });
  let baseCount = 0;
  // The bottom class is summed once per year step, so its nodes keep one size: none with a series.
  while (baseCount < n && !series[order[baseCount]] && sizes[order[baseCount]] === sizes[order[0]] && group[order[baseCount]] === group[order[0]]) baseCount++;
  let yearRadii: Float32Array | null = null;
  if (radiiByNode) {
    yearRadii = new Float32Array(yearCount * n);
    for (let t = 0; t < yearCount; t++) for (let k = 0; k < n; k++) yearRadii[t * n + k] = radiiByNode[t * n + order[k]];
  }

  const edgePosition = new Float32Array(4 * m);
  const edgeLife = new Float32Array(4 * m);
  const edgeColourBytes = new Uint8Array(8 * m);
  const edgeRgba = cache((kind: string) => [...hexToRgb(edgeColour(kind)), Math.round(edgeAlpha(m, kind) * 255)]);
  for (let j = 0; j < m; j++) {
    const s = rank[timeline.edgeSource[j]];
    const t = rank[timeline.edgeTarget[j]];
    edgePosition[4 * j] = nodePosition[2 * s];
    edgePosition[4 * j + 1] = nodePosition[2 * s + 1];
    edgePosition[4 * j + 2] = nodePosition[2 * t];
    edgePosition[4 * j + 3] = nodePosition[2 * t + 1];
    edgeLife[4 * j] = edgeLife[4 * j + 2] = timeline.edgeStart[j];
    edgeLife[4 * j + 1] = edgeLife[4 * j + 3] = timeline.edgeStop[j];
    const rgba = edgeRgba(edges[j].kind);
    for (let c = 0; c < 4; c++) edgeColourBytes[8 * j + c] = edgeColourBytes[8 * j + 4 + c] = rgba[c];
  }
  const scene: NetworkScene = {
    nodeCount: n,
    edgeCount: m,
    order,
    rank,
    nodePosition,
    nodeLife,
    nodeColour: nodeColourBytes,
    nodeSize: nodeSizeOut,
    yearRadii,
    firstYear,
    sizesYear: NaN,
    nodeTier,
    labelOrder: labelOrder(nodeTier, nodeSizeOut),
    maxNodeSize,
    edgePosition,
    edgeLife,
    edgeColour: edgeColourBytes,
    edgeLifetimes: timeline.edges,
    edgeVerticesByStart: vertexPairs(timeline.edges.byStart),
    edgeVerticesByStop: vertexPairs(timeline.edges.byStop),
    baseCount,
    baseLifetimes: new LifetimeIndex(everyOther(nodeLife, 0, baseCount), everyOther(nodeLife, 1, baseCount)),
    bounds,
  };
  showSizesOf(scene, year);
  return scene;
}

/**
 * Puts the radii of `year` in nodeSize (and the labelling order by them); true when they changed,
 * so the renderer uploads them. A scene without per-year sizes has one set of radii for all years.
 */
export function showSizesOf(scene: NetworkScene, year: number): boolean {
  if (!scene.yearRadii || scene.sizesYear === year) return false;
  const n = scene.nodeCount;
  const years = scene.yearRadii.length / Math.max(1, n);
  const t = Math.min(years - 1, Math.max(0, Math.round(year) - scene.firstYear));
  scene.nodeSize.set(scene.yearRadii.subarray(t * n, (t + 1) * n));
  scene.labelOrder = labelOrder(scene.nodeTier, scene.nodeSize);
  scene.sizesYear = year;
  return true;
}

/**
 * Node indices by tier, then size (larger first), then colour group, then index: each node's class
 * and index packed into one float64 and sorted natively (a comparator costs several times more at
 * 10,000 nodes).
 */
function drawingOrder(tiers: Uint8Array, sizes: Float32Array, group: Uint32Array, groups: number): Uint32Array {
  const n = sizes.length;
  const distinct = Array.from(new Set(sizes)).sort((a, b) => b - a);
  const sizeRank = new Map(distinct.map((size, r) => [size, r]));
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = ((tiers[i] * distinct.length + sizeRank.get(sizes[i])!) * groups + group[i]) * 2 ** 22 + i;
  packed.sort();
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = packed[k] % 2 ** 22;
  return order;
}

/** Draw positions with the top tier first and, within a tier, the larger nodes first. */
function labelOrder(tiers: Uint8Array, sizes: Float32Array): Uint32Array {
  const n = sizes.length;
  const distinct = Array.from(new Set(sizes)).sort((a, b) => b - a);
  const sizeRank = new Map(distinct.map((size, r) => [size, r]));
  const packed = new Float64Array(n);
  for (let k = 0; k < n; k++) packed[k] = ((2 - tiers[k]) * distinct.length + sizeRank.get(sizes[k])!) * 2 ** 22 + k;
  packed.sort();
  const out = new Uint32Array(n);
  for (let r = 0; r < n; r++) out[r] = packed[r] % 2 ** 22;
  return out;
}

/**
 * The box of the nodes that show in `year`, widened to at least a fifth of the whole network's
 * extent (a year with one node would otherwise zoom in without end); the whole box if none shows.
 */
export function yearBounds(scene: NetworkScene, year: number): NetworkScene['bounds'] {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let k = 0; k < scene.nodeCount; k++) {
    if (!drawnNodeVisible(scene, k, year)) continue;
    const x = scene.nodePosition[2 * k];
    const y = scene.nodePosition[2 * k + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (minX > maxX) return { ...scene.bounds };
  const whole = scene.bounds;
  const least = 0.2 * Math.max(whole.maxX - whole.minX, whole.maxY - whole.minY, 1e-6);
  const grow = (lo: number, hi: number): [number, number] => {
    const missing = Math.max(0, least - (hi - lo)) / 2;
    return [lo - missing, hi + missing];
  };
  [minX, maxX] = grow(minX, maxX);
  [minY, maxY] = grow(minY, maxY);
  return { minX, maxX, minY, maxY };
}

/** The node drawn at position k shows in `year`. */
export function drawnNodeVisible(scene: NetworkScene, k: number, year: number): boolean {
  return scene.nodeLife[2 * k] <= year && year < scene.nodeLife[2 * k + 1];
}

/** values[offset], values[offset + 2], ... : `count` of them. */
function everyOther(values: Float32Array, offset: number, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let k = 0; k < count; k++) out[k] = values[2 * k + offset];
  return out;
}

function vertexPairs(edgeOrder: Uint32Array): Uint32Array {
  const out = new Uint32Array(2 * edgeOrder.length);
  for (let k = 0; k < edgeOrder.length; k++) {
    out[2 * k] = 2 * edgeOrder[k];
    out[2 * k + 1] = 2 * edgeOrder[k] + 1;
  }
  return out;
}

export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  return m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)] : [153, 153, 153];
}

function cache<T>(make: (key: string) => T): (key: string) => T {
  const seen = new Map<string, T>();
  return (key) => {
    let value = seen.get(key);
    if (value === undefined) seen.set(key, (value = make(key)));
    return value;
  };
}
