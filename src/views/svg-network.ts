/**
 * The network as a static SVG for frontends without the extension (classic notebook, nbviewer,
 * GitHub): one year's snapshot drawn at the payload's positions. Large networks are thinned so the
 * HTML stays small: all institutions and lead firms, then the best-connected suppliers and buyers,
 * and an even sample of the edges among them; the caption says what was left out.
 */
import type { NetworkPayload } from './payloads';
import { EDGE_KIND_ORDER, EDGE_NAMES, NODE_KIND_ORDER, NODE_NAMES, edgeColour, entryOf, nodeColour } from './colours';
import { escapeXml, num } from './escape';

export interface NetworkSvgOptions {
  year?: number;
  maxNodes?: number;
  maxEdges?: number;
  width?: number;
  height?: number;
}

const RADIUS: Record<string, number> = { state: 7, association: 6, foreignFirm: 5, localFirm: 5, buyer: 4, supplier: 3 };
const LABELLED = 12;

export function networkSvg(payload: NetworkPayload, options: NetworkSvgOptions = {}): string {
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

  // Fit the kept nodes into the drawing area.
  const pad = 16;
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
  const offX = (width - (maxX - minX) * scale) / 2;
  const offY = (height - (maxY - minY) * scale) / 2;
  // Screen y grows downwards; flip so the picture matches the widget (its graph y grows upwards).
  const px = (i: number) => num(offX + (nodes[i].x - minX) * scale);
  const py = (i: number) => num(height - (offY + (nodes[i].y - minY) * scale));

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(
      payload.title ?? 'Cluster network',
    )} in ${year}" style="max-width:100%;height:auto;font-family:sans-serif">`,
  );
  parts.push(`<title>${escapeXml(payload.title ?? 'Cluster network')} in ${year}</title>`);
  for (const kind of EDGE_KIND_ORDER) {
    const path = drawnEdges
      .filter((j) => edges[j].kind === kind)
      .map((j) => {
        const s = index.get(edges[j].source)!;
        const t = index.get(edges[j].target)!;
        return `M${px(s)} ${py(s)}L${px(t)} ${py(t)}`;
      })
      .join('');
    if (path) parts.push(`<path d="${path}" stroke="${edgeColour(kind)}" stroke-opacity="0.35" stroke-width="0.8" fill="none"/>`);
  }
  const shrink = kept.length > 500 ? 0.6 : 1;
  for (const kind of [...NODE_KIND_ORDER].reverse()) {
    const circles = kept
      .filter((i) => nodes[i].kind === kind)
      .map((i) => `<circle cx="${px(i)}" cy="${py(i)}" r="${num((entryOf(RADIUS, kind) ?? 3) * shrink)}"><title>${escapeXml(nodes[i].label)}</title></circle>`)
      .join('');
    if (circles) parts.push(`<g fill="${nodeColour(kind)}" stroke="#ffffff" stroke-width="0.5">${circles}</g>`);
  }
  // Name the best-connected institutions and firms, skipping any label that would overlap one drawn.
  const placedLabels: [number, number, number][] = [];
  for (const i of kept.filter((k) => nodes[k].kind !== 'supplier').sort((a, b) => degree[b] - degree[a] || a - b)) {
    if (placedLabels.length >= LABELLED) break;
    const x = Number(px(i)) + 7;
    const y = Number(py(i)) + 4;
    const w = 6.5 * Math.min(nodes[i].label.length, 40);
    if (placedLabels.some(([lx, ly, lw]) => x < lx + lw && lx < x + w && Math.abs(y - ly) < 13)) continue;
    placedLabels.push([x, y, w]);
    parts.push(`<text x="${num(x)}" y="${num(y)}" font-size="11" fill="currentColor">${escapeXml(nodes[i].label)}</text>`);
  }
  parts.push('</svg>');

  const kindCounts = (kinds: readonly string[], members: number[], kindOf: (k: number) => string, names: Record<string, string>) =>
    kinds
      .map((kind) => [kind, members.filter((m) => kindOf(m) === kind).length] as const)
      .filter(([, c]) => c > 0);
  const legend = [
    ...kindCounts(NODE_KIND_ORDER, liveNodes, (i) => nodes[i].kind, NODE_NAMES).map(
      ([kind, c]) => `<span style="white-space:nowrap"><span style="color:${nodeColour(kind)}">●</span> ${escapeXml(NODE_NAMES[kind as keyof typeof NODE_NAMES])} (${c})</span>`,
    ),
    ...kindCounts(EDGE_KIND_ORDER, liveEdges, (j) => edges[j].kind, EDGE_NAMES).map(
      ([kind, c]) => `<span style="white-space:nowrap"><span style="color:${edgeColour(kind)}">━</span> ${escapeXml(EDGE_NAMES[kind as keyof typeof EDGE_NAMES])} (${c})</span>`,
    ),
  ].join(' &nbsp; ');
  const thinned =
    kept.length < liveNodes.length || drawnEdges.length < liveEdges.length
      ? ` Drawn: ${kept.length} nodes (all institutions, then each kind in proportion, best-connected first) and ${drawnEdges.length} edges.`
      : '';
  const caption = `${liveNodes.length} nodes, ${liveEdges.length} edges in ${year}.${thinned}`;
  const heading = payload.title ? `<div style="font-weight:bold">${escapeXml(payload.title)}</div>` : '';
  return `<div class="cl-static-network">${heading}${parts.join('')}<div style="font-size:12px">${legend}</div><div style="font-size:12px;opacity:0.8">${escapeXml(caption)}</div></div>`;
}

/**
 * The nodes to draw when there are too many: every state agency and association, then the other
 * kinds in proportion to how many are alive, the best-connected first within each kind.
 */
export function chooseNodes(live: readonly number[], kindOf: (i: number) => string, degree: Int32Array, budget: number): number[] {
  if (live.length <= budget) return [...live];
  const byDegree = (a: number, b: number) => degree[b] - degree[a] || a - b;
  const institutions = live.filter((i) => kindOf(i) === 'state' || kindOf(i) === 'association').sort(byDegree).slice(0, budget);
  const others = new Map<string, number[]>();
  for (const i of live) {
    const kind = kindOf(i);
    if (kind === 'state' || kind === 'association') continue;
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
