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
