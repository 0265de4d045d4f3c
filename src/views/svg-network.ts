/**
 * The network as a standalone SVG figure: one year's snapshot at the payload's positions, nodes
 * sized by the payload's sizes (or their kind), institutions on top and named, then a legend and a
 * caption, all inside the SVG so that the file, the PNG made from it (raster.ts) and the static
 * fallback of frontends without the extension (classic notebook, nbviewer, GitHub) show the same.
 * Large networks are thinned so the markup stays small: all institutions, then each other kind in
 * proportion, best-connected first, and an even sample of the edges among them; the caption says
 * what was left out.
 */
import type { NetworkPayload } from './payloads';
import { EDGE_KIND_ORDER, NODE_KIND_ORDER, edgeColour, edgeName, nodeColour, nodeName } from './colours';
import { escapeXml, num } from './escape';
import { INSTITUTION_KINDS, hasSizeSeries, isInstitution, maxSizeOf, nodeRadius, sizeIn, tierOf } from './sizes';

export interface NetworkSvgOptions {
  year?: number;
  maxNodes?: number;
  maxEdges?: number;
  /** Width of the figure and height of its network area, in pixels. */
  width?: number;
  height?: number;
}

/** Firms named besides the institutions, largest (then best-connected) first. */
const LABELLED_FIRMS = 8;
/** Institutions named even where their label must move a line: the first ones, by kind and ties. */
const FORCED_LABELS = 24;
const FONT = 'DejaVu Sans, Verdana, sans-serif';
const TITLE_HEIGHT = 26;
const LINE = 16;
/** Average advance of the 11px font, for laying out the legend and avoiding label overlaps. */
const CHAR_WIDTH = 6.6;

export interface NetworkFigure {
  svg: string;
  width: number;
  height: number;
  year: number;
  /** What the caption says: counts in the year and what thinning left out. */
  caption: string;
}

export function networkFigure(payload: NetworkPayload, options: NetworkSvgOptions = {}): NetworkFigure {
  const { maxNodes = 1500, maxEdges = 4000, width = 720, height = 480 } = options;
  const year = options.year ?? payload.year ?? payload.years[1];
  const { nodes, edges } = payload;
  const index = new Map<string, number>();
  nodes.forEach((node, i) => index.set(node.id, i));

  const alive = (i: number) => nodes[i].born <= year && (nodes[i].died == null || year < nodes[i].died!);
  const degree = new Int32Array(nodes.length);
  const liveEdges: number[] = [];
  edges.forEach((e, j) => {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || !alive(s) || !alive(t)) return;
    if (e.born > year || (e.ended != null && year >= e.ended)) return;
    liveEdges.push(j);
    degree[s]++;
    degree[t]++;
  });
  const liveNodes: number[] = [];
  for (let i = 0; i < nodes.length; i++) if (alive(i)) liveNodes.push(i);

  const kept = chooseNodes(liveNodes, (i) => nodes[i].kind, degree, maxNodes);
  const keep = new Uint8Array(nodes.length);
  for (const i of kept) keep[i] = 1;
  const keptEdges = liveEdges.filter((j) => keep[index.get(edges[j].source)!] && keep[index.get(edges[j].target)!]);
  const stride = Math.max(1, Math.ceil(keptEdges.length / maxEdges));
  const drawnEdges = keptEdges.filter((_, k) => k % stride === 0);

  // Sizes of the year shown, on the one scale of the whole run (sizes.ts).
  const maxSize = maxSizeOf(nodes);
  const size = (i: number) => sizeIn(nodes[i], year);
  const radius = (i: number) => nodeRadius(nodes[i].kind, kept.length, size(i), maxSize);
  // Fit the kept nodes into the network area, with room for the largest circle.
  const pad = 6 + Math.max(0, ...kept.map(radius));
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const i of kept) {
    minX = Math.min(minX, nodes[i].x);
    maxX = Math.max(maxX, nodes[i].x);
    minY = Math.min(minY, nodes[i].y);
    maxY = Math.max(maxY, nodes[i].y);
  }
  const scale = kept.length ? Math.min((width - 2 * pad) / (maxX - minX || 1), (height - 2 * pad) / (maxY - minY || 1)) : 1;
  const top = payload.title ? TITLE_HEIGHT : 4;
  const offX = (width - (maxX - minX) * scale) / 2;
  const offY = (height - (maxY - minY) * scale) / 2;
  // Screen y grows downwards; flip so the picture matches the widget (its graph y grows upwards).
  const x = (i: number) => offX + (nodes[i].x - minX) * scale;
  const y = (i: number) => top + height - (offY + (nodes[i].y - minY) * scale);

  const body: string[] = [];
  if (payload.title) body.push(`<text x="8" y="18" font-size="14" font-weight="bold">${escapeXml(payload.title)} · ${year}</text>`);
  for (const kind of kindsIn(
    EDGE_KIND_ORDER,
    drawnEdges.map((j) => edges[j].kind),
  )) {
    const path = drawnEdges
      .filter((j) => edges[j].kind === kind)
      .map((j) => {
        const s = index.get(edges[j].source)!;
        const t = index.get(edges[j].target)!;
        return `M${num(x(s))} ${num(y(s))}L${num(x(t))} ${num(y(t))}`;
      })
      .join('');
    if (path) body.push(`<path d="${path}" stroke="${edgeColour(kind)}" stroke-opacity="0.35" stroke-width="0.8" fill="none"/>`);
  }
  // Suppliers first, then firms, institutions last (on top); within a tier the larger first, so
  // that a small node is never hidden under a big one.
  const drawOrder = [...kept].sort((a, b) => tierOf(nodes[a].kind) - tierOf(nodes[b].kind) || radius(b) - radius(a) || a - b);
  body.push('<g stroke="#ffffff" stroke-width="0.6">');
  for (const i of drawOrder) {
    body.push(
      `<circle cx="${num(x(i))}" cy="${num(y(i))}" r="${num(radius(i))}" fill="${nodeColour(nodes[i].kind)}"><title>${escapeXml(nodes[i].label)}</title></circle>`,
    );
  }
  body.push('</g>');

  // Names: every institution, then the largest firms; a label that would overlap one placed is skipped.
  const institutions = kept
    .filter((i) => isInstitution(nodes[i].kind))
    .sort((a, b) => tierRank(nodes[a].kind) - tierRank(nodes[b].kind) || degree[b] - degree[a] || a - b);
  const firms = kept.filter((i) => tierOf(nodes[i].kind) === 1).sort((a, b) => (size(b) ?? -1) - (size(a) ?? -1) || degree[b] - degree[a] || a - b);
  const boxes: { x: number; y: number; w: number }[] = [];
  const labels: string[] = [];
  const tryLabel = (i: number, force: boolean) => {
    const text = nodes[i].label.length > 40 ? `${nodes[i].label.slice(0, 39)}…` : nodes[i].label;
    const w = CHAR_WIDTH * text.length;
    const r = radius(i);
    // Right of the node, or left of it near the right edge.
    const right = x(i) + r + 3;
    const lx = right + w > width - 2 ? Math.max(2, x(i) - r - 3 - w) : right;
    let ly = y(i) + 4;
    const clash = (yy: number) => boxes.some((b) => lx < b.x + b.w && b.x < lx + w && Math.abs(yy - b.y) < 13);
    if (clash(ly)) {
      if (!force) return;
      // An institution is always named: the first free line below or above.
      for (let step = 1; step < 8 && clash(ly); step++) ly = y(i) + 4 + (step % 2 ? 1 : -1) * 13 * Math.ceil(step / 2);
    }
    boxes.push({ x: lx, y: ly, w });
    labels.push(`<text x="${num(lx)}" y="${num(ly)}"${isInstitution(nodes[i].kind) ? ' font-weight="bold"' : ''}>${escapeXml(text)}</text>`);
  };
  institutions.forEach((i, k) => tryLabel(i, k < FORCED_LABELS));
  const named = labels.length;
  for (const i of firms) {
    if (labels.length >= named + LABELLED_FIRMS) break;
    tryLabel(i, false);
  }
  body.push(`<g font-size="11" fill="#212121" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${labels.join('')}</g>`);

  // Legend: the kinds alive this year with their counts, wrapped to the width.
  const items: string[] = [];
  const itemWidths: number[] = [];
  const nodeKindCounts = countKinds(
    NODE_KIND_ORDER,
    liveNodes.map((i) => nodes[i].kind),
  );
  const edgeKindCounts = countKinds(
    EDGE_KIND_ORDER,
    liveEdges.map((j) => edges[j].kind),
  );
  for (const [kind, c] of nodeKindCounts) {
    const text = `${nodeName(kind)} (${c})`;
    items.push(`<circle cx="5" cy="-4" r="5" fill="${nodeColour(kind)}"/><text x="14" y="0">${escapeXml(text)}</text>`);
    itemWidths.push(22 + CHAR_WIDTH * text.length);
  }
  for (const [kind, c] of edgeKindCounts) {
    const text = `${edgeName(kind)} (${c})`;
    items.push(`<path d="M0 -4H10" stroke="${edgeColour(kind)}" stroke-width="3"/><text x="14" y="0">${escapeXml(text)}</text>`);
    itemWidths.push(22 + CHAR_WIDTH * text.length);
  }
  let lx = 8;
  let ly = top + height + LINE;
  const legend: string[] = [];
  items.forEach((item, k) => {
    if (lx > 8 && lx + itemWidths[k] > width - 8) {
      lx = 8;
      ly += LINE;
    }
    legend.push(`<g transform="translate(${num(lx)} ${num(ly)})">${item}</g>`);
    lx += itemWidths[k] + 10;
  });
  const thinned =
    kept.length < liveNodes.length || drawnEdges.length < liveEdges.length
      ? ` Drawn: ${kept.length} nodes (all institutions, then each kind in proportion, best-connected first) and ${drawnEdges.length} edges.`
      : '';
  const series = hasSizeSeries(nodes);
  const sized =
    payload.sizeLabel && (series || nodes.some((n) => n.size != null))
      ? ` Circle area: ${payload.sizeLabel}${series ? ` in ${year}, on one scale for all years` : ''}.`
      : '';
  const caption = `${liveNodes.length} nodes, ${liveEdges.length} edges in ${year}.${sized}${thinned}`;
  const captionLines = wrap(caption, Math.floor((width - 16) / (CHAR_WIDTH * 0.95)));
  captionLines.forEach((line) => {
    ly += LINE;
    legend.push(`<text x="8" y="${num(ly)}" fill="#555555">${escapeXml(line)}</text>`);
  });
  const total = Math.ceil(ly + 8);
  const title = `${payload.title ?? 'Cluster network'} in ${year}`;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${total}" width="${width}" height="${total}" role="img" aria-label="${escapeXml(title)}" font-family="${FONT}">` +
    `<title>${escapeXml(title)}</title><rect width="100%" height="100%" fill="#ffffff"/>` +
    body.join('') +
    `<g font-size="11" fill="#212121">${legend.join('')}</g></svg>`;
  return { svg, width, height: total, year, caption };
}

/** State first, then associations, research institutes, buyers. */
function tierRank(kind: string): number {
  return INSTITUTION_KINDS.indexOf(kind);
}

/** The kinds in `order` that occur, then any others in order of first occurrence. */
function kindsIn(order: readonly string[], kinds: readonly string[]): string[] {
  const present = new Set(kinds);
  return [...order.filter((k) => present.has(k)), ...[...present].filter((k) => !order.includes(k))];
}

function countKinds(order: readonly string[], kinds: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return kindsIn(order, kinds).map((kind) => [kind, counts.get(kind)!]);
}

function wrap(text: string, columns: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > columns) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The nodes to draw when there are too many: every institution, then the other kinds in proportion
 * to how many are alive, the best-connected first within each kind.
 */
export function chooseNodes(live: readonly number[], kindOf: (i: number) => string, degree: Int32Array, budget: number): number[] {
  if (live.length <= budget) return [...live];
  const byDegree = (a: number, b: number) => degree[b] - degree[a] || a - b;
  const institutions = live
    .filter((i) => isInstitution(kindOf(i)))
    .sort(byDegree)
    .slice(0, budget);
  const others = new Map<string, number[]>();
  for (const i of live) {
    const kind = kindOf(i);
    if (isInstitution(kind)) continue;
    if (!others.has(kind)) others.set(kind, []);
    others.get(kind)!.push(i);
  }
  const left = budget - institutions.length;
  const total = live.length - institutions.length;
  const chosen = [...institutions];
  for (const members of others.values()) {
    const quota = Math.floor((left * members.length) / total);
    chosen.push(...members.sort(byDegree).slice(0, quota));
  }
  return chosen;
}
