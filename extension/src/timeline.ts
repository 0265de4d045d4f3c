import type { NetworkPayload } from '../../src/views/payloads';

/**
 * Which nodes and edges exist in a given year. Lifetimes are packed into typed arrays once per
 * payload, so that scrubbing the slider only reads numbers and never rebuilds the graph.
 *
 * A node lives in the years born <= year < died (it is gone in the year it dies); an edge likewise
 * with `ended`, and only while both of its ends live.
 */
export class Timeline {
  readonly first: number;
  readonly last: number;
  readonly nodeIndex = new Map<string, number>();
  readonly nodeBorn: Float64Array;
  readonly nodeDied: Float64Array;
  readonly edgeBorn: Float64Array;
  readonly edgeEnded: Float64Array;
  readonly edgeSource: Int32Array;
  readonly edgeTarget: Int32Array;
  /** Node and edge indices sorted by the years they appear and disappear, for `changes`. */
  private readonly nodesByBorn: Int32Array;
  private readonly nodesByDied: Int32Array;
  private readonly edgesByBorn: Int32Array;
  private readonly edgesByEnded: Int32Array;
  /** Edges touching each node (compressed rows: edges of node i are incident[incidentStart[i] ..]). */
  private readonly incidentStart: Int32Array;
  private readonly incident: Int32Array;
  private readonly mark: Uint8Array;

  constructor(payload: NetworkPayload) {
    const { nodes, edges } = payload;
    [this.first, this.last] = payload.years;
    this.nodeBorn = new Float64Array(nodes.length);
    this.nodeDied = new Float64Array(nodes.length);
    nodes.forEach((n, i) => {
      this.nodeIndex.set(n.id, i);
      this.nodeBorn[i] = n.born;
      this.nodeDied[i] = n.died ?? Infinity;
    });
    this.edgeBorn = new Float64Array(edges.length);
    this.edgeEnded = new Float64Array(edges.length);
    this.edgeSource = new Int32Array(edges.length);
    this.edgeTarget = new Int32Array(edges.length);
    edges.forEach((e, j) => {
      this.edgeBorn[j] = e.born;
      this.edgeEnded[j] = e.ended ?? Infinity;
      this.edgeSource[j] = this.nodeIndex.get(e.source) ?? -1;
      this.edgeTarget[j] = this.nodeIndex.get(e.target) ?? -1;
    });
    this.nodesByBorn = sortedBy(this.nodeBorn);
    this.nodesByDied = sortedBy(this.nodeDied);
    this.edgesByBorn = sortedBy(this.edgeBorn);
    this.edgesByEnded = sortedBy(this.edgeEnded);
    this.incidentStart = new Int32Array(nodes.length + 1);
    for (let j = 0; j < edges.length; j++) {
      if (this.edgeSource[j] >= 0) this.incidentStart[this.edgeSource[j] + 1]++;
      if (this.edgeTarget[j] >= 0) this.incidentStart[this.edgeTarget[j] + 1]++;
    }
    for (let i = 0; i < nodes.length; i++) this.incidentStart[i + 1] += this.incidentStart[i];
    this.incident = new Int32Array(this.incidentStart[nodes.length]);
    const fill = this.incidentStart.slice(0, nodes.length);
    for (let j = 0; j < edges.length; j++) {
      if (this.edgeSource[j] >= 0) this.incident[fill[this.edgeSource[j]]++] = j;
      if (this.edgeTarget[j] >= 0) this.incident[fill[this.edgeTarget[j]]++] = j;
    }
    this.mark = new Uint8Array(Math.max(nodes.length, edges.length));
  }

  /**
   * The nodes and edges whose visibility differs between two years: what the renderer must redraw
   * when the slider moves, found from the sorted birth and end years without scanning everything.
   */
  changes(from: number, to: number): { nodes: number[]; edges: number[] } {
    const lo = Math.min(from, to);
    const hi = Math.max(from, to);
    const nodes: number[] = [];
    const edges: number[] = [];
    if (lo === hi) return { nodes, edges };
    const differs = (i: number) => this.nodeVisible(i, from) !== this.nodeVisible(i, to);
    const edgeDiffers = (j: number) => this.edgeVisible(j, from) !== this.edgeVisible(j, to);
    const mark = this.mark;
    // Years in (lo, hi] are where a lifetime can start or end between the two views.
    for (const [order, years] of [[this.nodesByBorn, this.nodeBorn], [this.nodesByDied, this.nodeDied]] as const) {
      for (let k = firstAbove(order, years, lo); k < order.length && years[order[k]] <= hi; k++) {
        const i = order[k];
        if (!mark[i] && differs(i)) {
          mark[i] = 1;
          nodes.push(i);
        }
      }
    }
    for (const i of nodes) mark[i] = 0;
    const consider = (j: number) => {
      if (!mark[j] && edgeDiffers(j)) {
        mark[j] = 1;
        edges.push(j);
      }
    };
    for (const [order, years] of [[this.edgesByBorn, this.edgeBorn], [this.edgesByEnded, this.edgeEnded]] as const) {
      for (let k = firstAbove(order, years, lo); k < order.length && years[order[k]] <= hi; k++) consider(order[k]);
    }
    for (const i of nodes) for (let p = this.incidentStart[i]; p < this.incidentStart[i + 1]; p++) consider(this.incident[p]);
    for (const j of edges) mark[j] = 0;
    return { nodes, edges };
  }

  nodeVisible(i: number, year: number): boolean {
    return this.nodeBorn[i] <= year && year < this.nodeDied[i];
  }

  edgeVisible(j: number, year: number): boolean {
    const s = this.edgeSource[j];
    const t = this.edgeTarget[j];
    return (
      s >= 0 && t >= 0 &&
      this.edgeBorn[j] <= year && year < this.edgeEnded[j] &&
      this.nodeVisible(s, year) && this.nodeVisible(t, year)
    );
  }

  counts(year: number): { nodes: number; edges: number } {
    let nodes = 0;
    for (let i = 0; i < this.nodeBorn.length; i++) if (this.nodeVisible(i, year)) nodes++;
    let edges = 0;
    for (let j = 0; j < this.edgeBorn.length; j++) if (this.edgeVisible(j, year)) edges++;
    return { nodes, edges };
  }

  /** Keeps a requested year inside the slider's range, on whole years. */
  clampYear(year: number): number {
    return Math.min(this.last, Math.max(this.first, Math.round(year)));
  }
}

function sortedBy(years: Float64Array): Int32Array {
  return Int32Array.from({ length: years.length }, (_, i) => i).sort((a, b) => years[a] - years[b] || a - b);
}

/** First position in `order` (sorted by `years`) whose year is above `year`. */
function firstAbove(order: Int32Array, years: Float64Array, year: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (years[order[mid]] <= year) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function countText(counts: { nodes: number; edges: number }, year: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(counts.nodes, 'node')}, ${plural(counts.edges, 'edge')} in ${year}`;
}

/**
 * Checks the shape a renderer relies on and names the first bad field, so that a broken payload
 * shows a readable message instead of a blank canvas.
 */
export function checkNetworkPayload(data: unknown): NetworkPayload {
  const p = data as NetworkPayload;
  const fail = (field: string, want: string) => {
    throw new Error(`network payload: ${field} must be ${want}`);
  };
  if (!p || typeof p !== 'object') fail('the payload', 'an object');
  if (!Array.isArray(p.years) || p.years.length !== 2 || !p.years.every(Number.isFinite) || p.years[0] > p.years[1]) {
    fail('years', 'two finite numbers [first, last] with first <= last');
  }
  if (!Array.isArray(p.nodes)) fail('nodes', 'an array');
  if (!Array.isArray(p.edges)) fail('edges', 'an array');
  const ids = new Set<string>();
  p.nodes.forEach((n, i) => {
    if (typeof n?.id !== 'string') fail(`nodes[${i}].id`, 'a string');
    if (ids.has(n.id)) fail(`nodes[${i}].id`, `unique (duplicate '${n.id}')`);
    ids.add(n.id);
    if (!Number.isFinite(n.x) || !Number.isFinite(n.y)) fail(`nodes[${i}].x/y`, 'finite numbers');
    if (!Number.isFinite(n.born)) fail(`nodes[${i}].born`, 'a finite year');
  });
  p.edges.forEach((e, j) => {
    if (!ids.has(e?.source)) fail(`edges[${j}].source`, 'the id of a node in nodes');
    if (!ids.has(e?.target)) fail(`edges[${j}].target`, 'the id of a node in nodes');
    if (!Number.isFinite(e.born)) fail(`edges[${j}].born`, 'a finite year');
  });
  return p;
}
