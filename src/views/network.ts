/**
 * networkView: a run's network history as the network widget's payload, with a stable layout, a
 * static SVG and a text summary.
 */
import type { NetworkEdge, NetworkNode, NetworkPayload } from './payloads';
import { NETWORK_MIME } from './payloads';
import { stableLayout } from './layout';
import { networkFigure } from './svg-network';
import { canRasterize, svgToPng } from './raster';
import { escapeXml } from './escape';
import { View } from './bundle';
import { hasSizeSeries, sizeIn } from './sizes';
import { EDGE_KIND_ORDER, EDGE_NAMES, NODE_KIND_ORDER, NODE_NAMES } from './colours';

/**
 * What `Run.networkHistory()` returns: every node and edge that ever existed, with lifetimes. Kinds
 * are the model's own names (its definition's nodeKinds and edgeKinds); the cluster model's are
 * the payload's NodeKind and EdgeKind, and other kinds are drawn in a neutral colour.
 */
export interface NetworkHistory {
  years: [number, number];
  /** What node sizes measure (see NetworkNode.size). */
  sizeLabel?: string;
  nodes: (Omit<NetworkNode, 'x' | 'y' | 'kind'> & { kind: string; size?: number })[];
  edges: (Omit<NetworkEdge, 'kind'> & { kind: string })[];
}

export interface NetworkViewOptions {
  title?: string;
  /** Year shown first (default: the last). */
  year?: number;
  /** Layout seed (default 0); the same seed gives the same picture. */
  seed?: number | string;
  /** Force steps per cohort of newcomers (default 30). */
  iterations?: number;
  /** Node and edge kinds with their words, from the model definition (default: the cluster model's). */
  kinds?: { nodes?: readonly { kind: string; label: string }[]; edges?: readonly { kind: string; label: string }[] };
  /** Limits for the static figure (defaults 1500 nodes, 4000 edges). */
  maxSvgNodes?: number;
  maxSvgEdges?: number;
  /** The static fallback as a PNG (default, where resvg loads) or as inline SVG. */
  fallback?: 'png' | 'svg';
}

export function networkPayload(history: NetworkHistory, options: NetworkViewOptions = {}): NetworkPayload {
  checkHistory(history);
  const { years } = history;
  if (options.year !== undefined && !(options.year >= years[0] && options.year <= years[1])) {
    throw new RangeError(`networkView: year must be within years [${years[0]}, ${years[1]}], got ${options.year}`);
  }
  const xy = layoutOf(history, options.seed ?? 0, options.iterations ?? 30);
  const nodes = history.nodes.map((node, i) => ({ ...node, x: xy[2 * i], y: xy[2 * i + 1] })) as NetworkNode[];
  const payload: NetworkPayload = { version: 1, years: [years[0], years[1]], nodes, edges: history.edges as NetworkEdge[] };
  if (options.title !== undefined) payload.title = options.title;
  if (history.sizeLabel !== undefined) payload.sizeLabel = history.sizeLabel;
  if (options.year !== undefined) payload.year = options.year;
  return payload;
}

/** Layouts already computed for a history (a run caches its history), so showing other years is instant. */
const layouts = new WeakMap<NetworkHistory, Map<string, Float64Array>>();

function layoutOf(history: NetworkHistory, seed: number | string, iterations: number): Float64Array {
  const key = `${typeof seed}:${seed}/${iterations}/${history.nodes.length}/${history.edges.length}`;
  let cache = layouts.get(history);
  if (!cache) layouts.set(history, (cache = new Map()));
  let xy = cache.get(key);
  if (!xy) cache.set(key, (xy = stableLayout(history.nodes, history.edges, { seed, iterations })));
  return xy;
}

/**
 * The widget's payload with static fallbacks: a PNG made in Node both as image/png and inside
 * text/html (an <img> survives the sanitiser of untrusted notebooks, nbviewer and GitHub, where an
 * inline SVG is stripped to a wall of labels), or the inline SVG where no PNG can be made.
 */
export function networkView(history: NetworkHistory, options: NetworkViewOptions = {}): View<NetworkPayload> {
  const payload = networkPayload(history, options);
  if (options.fallback !== undefined && options.fallback !== 'png' && options.fallback !== 'svg') {
    throw new RangeError(`networkView: fallback must be 'png' or 'svg', got ${String(options.fallback)}`);
  }
  const figure = networkFigure(payload, { maxNodes: options.maxSvgNodes, maxEdges: options.maxSvgEdges });
  const text = networkText(payload, options.kinds);
  if (options.fallback === 'svg' || !canRasterize()) {
    return new View(NETWORK_MIME, payload, `<div class="cl-static-network" style="max-width:100%;overflow-x:auto">${figure.svg}</div>`, text);
  }
  const png = svgToPng(figure.svg).toString('base64');
  const alt = `${payload.title ?? 'Cluster network'} in ${figure.year}: ${figure.caption}`;
  const html =
    `<div class="cl-static-network"><img src="data:image/png;base64,${png}" width="${figure.width}" height="${figure.height}" ` +
    `alt="${escapeXml(alt)}" style="max-width:100%;height:auto"></div>`;
  return new View(NETWORK_MIME, payload, html, text, { 'image/png': png });
}

/** Kinds in the definition's order and words, then any other kind present under its own name. */
function kindTable(
  defined: readonly { kind: string; label: string }[] | undefined,
  order: readonly string[],
  names: Record<string, string>,
  present: readonly { kind: string }[],
) {
  // No prototype: kinds named constructor or __proto__ are kinds like any other.
  const table: Record<string, string> = Object.create(null);
  const kinds: string[] = [];
  for (const k of defined ?? order.map((kind) => ({ kind, label: names[kind] }))) if (!(k.kind in table)) (table[k.kind] = k.label), kinds.push(k.kind);
  for (const x of present) if (!(x.kind in table)) (table[x.kind] = x.kind), kinds.push(x.kind);
  return { kinds, table };
}

export function networkText(payload: NetworkPayload, kinds?: NetworkViewOptions['kinds']): string {
  const { nodes, edges, years } = payload;
  const nodeKinds = kindTable(kinds?.nodes, NODE_KIND_ORDER, NODE_NAMES, nodes);
  const edgeKinds = kindTable(kinds?.edges, EDGE_KIND_ORDER, EDGE_NAMES, edges);
  const year = payload.year ?? years[1];
  const count = <T extends { kind: string }>(items: readonly T[], kinds: readonly string[], names: Record<string, string>) =>
    kinds
      .map((kind) => [names[kind], items.filter((x) => x.kind === kind).length] as const)
      .filter(([, c]) => c > 0)
      .map(([name, c]) => `${c} ${name.toLowerCase()}`)
      .join(', ');
  const liveNodes = nodes.filter((n) => n.born <= year && (n.died == null || year < n.died));
  const liveIds = new Set(liveNodes.map((n) => n.id));
  const liveEdges = edges.filter((e) => e.born <= year && (e.ended == null || year < e.ended) && liveIds.has(e.source) && liveIds.has(e.target));
  return [
    `${payload.title ?? 'Cluster network'}, ${years[0]}–${years[1]}`,
    `ever: ${nodes.length} nodes (${count(nodes, nodeKinds.kinds, nodeKinds.table)})`,
    `      ${edges.length} edges (${count(edges, edgeKinds.kinds, edgeKinds.table)})`,
    `in ${year}: ${liveNodes.length} nodes, ${liveEdges.length} edges`,
    ...largestIn(liveNodes, year, payload.sizeLabel),
  ].join('\n');
}

/** With per-year sizes: the largest nodes of the year and their size that year. */
function largestIn(live: readonly NetworkNode[], year: number, sizeLabel: string | undefined): string[] {
  if (!hasSizeSeries(live)) return [];
  const sized = live.map((n) => [n, sizeIn(n, year)] as const).filter((e): e is readonly [NetworkNode, number] => typeof e[1] === 'number');
  if (sized.length === 0) return [];
  sized.sort((a, b) => b[1] - a[1]);
  const top = sized.slice(0, 3).map(([n, size]) => `${n.label} ${size.toLocaleString('en-US')}`);
  return [`largest in ${year}${sizeLabel ? ` by ${sizeLabel}` : ''}: ${top.join(', ')}`];
}

function checkHistory(history: NetworkHistory): void {
  if (!history || typeof history !== 'object') throw new TypeError('networkView: expected a network history { years, nodes, edges }');
  const { years, nodes, edges } = history;
  if (!Array.isArray(years) || years.length !== 2 || !years.every(Number.isFinite) || years[0] > years[1]) {
    throw new RangeError(`networkView: years must be [first, last] with first <= last, got ${JSON.stringify(years)}`);
  }
  if (!Array.isArray(nodes)) throw new TypeError('networkView: nodes must be an array');
  if (!Array.isArray(edges)) throw new TypeError('networkView: edges must be an array');
  const ids = new Set<string>();
  nodes.forEach((n, i) => {
    if (typeof n.id !== 'string' || n.id === '') throw new TypeError(`networkView: nodes[${i}].id must be a non-empty string`);
    if (ids.has(n.id)) throw new RangeError(`networkView: nodes[${i}].id '${n.id}' is a duplicate`);
    ids.add(n.id);
    if (typeof n.label !== 'string') throw new TypeError(`networkView: nodes[${i}].label must be a string`);
    if (n.size != null && !(typeof n.size === 'number' && Number.isFinite(n.size) && n.size >= 0)) {
      throw new RangeError(`networkView: nodes[${i}].size must be a finite number >= 0 (or absent), got ${String(n.size)}`);
    }
    if (n.sizes != null) checkSizes(n.sizes, i, n.born, years);
  });
}

/** A per-year size series: finite numbers >= 0, one a year from the node's birth, none past the last year. */
function checkSizes(sizes: unknown, i: number, born: number, years: [number, number]): void {
  if (!Array.isArray(sizes)) throw new TypeError(`networkView: nodes[${i}].sizes must be an array of sizes, one a year from born (or absent)`);
  const most = years[1] - born + 1;
  if (sizes.length > most) {
    throw new RangeError(
      `networkView: nodes[${i}].sizes has ${sizes.length} values, but born ${born} leaves at most ${Math.max(0, most)} years to ${years[1]}`,
    );
  }
  sizes.forEach((v, k) => {
    if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) {
      throw new RangeError(`networkView: nodes[${i}].sizes[${k}] (year ${born + k}) must be a finite number >= 0, got ${String(v)}`);
    }
  });
}
