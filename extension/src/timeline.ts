import type { NetworkPayload } from '../../src/views/payloads';
import { LifetimeIndex } from './lifetimes';

/** Stands for "never" in lifetimes: finite, so that it survives the trip into a shader as a float. */
export const NEVER = 1e30;

/**
 * Which nodes and edges exist in a given year. Lifetimes are packed into typed arrays once per
 * payload, so that scrubbing the slider only reads numbers and never rebuilds anything.
 *
 * A node lives in the years born <= year < died (it is gone in the year it dies); an edge likewise
 * with `ended`, and only while both of its ends live. Each edge's effective lifetime
 * [edgeStart, edgeStop) folds in its ends' lifetimes, so one comparison per edge says whether it shows.
 * Years are float32, the precision the renderer's shaders compare them in, so both always agree.
 */
export class Timeline {
  readonly first: number;
  readonly last: number;
  readonly nodeIndex = new Map<string, number>();
  readonly nodeBorn: Float32Array;
  readonly nodeDied: Float32Array;
  readonly edgeSource: Int32Array;
  readonly edgeTarget: Int32Array;
  readonly edgeStart: Float32Array;
  readonly edgeStop: Float32Array;
  /** Edges by effective start and by effective stop, for finding what a year step changes. */
  readonly edges: LifetimeIndex;
  private readonly nodes: LifetimeIndex;
  /** Edges touching each node (compressed rows: edges of node i are incident[incidentStart[i] ..]). */
  private readonly incidentStart: Int32Array;
  private readonly incident: Int32Array;

  constructor(payload: NetworkPayload) {
    const { nodes, edges } = payload;
    [this.first, this.last] = payload.years;
    const n = nodes.length;
    const m = edges.length;
    this.nodeBorn = new Float32Array(n);
    this.nodeDied = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const node = nodes[i];
      this.nodeIndex.set(node.id, i);
      this.nodeBorn[i] = node.born;
      // A death before birth would make the counts below wrong: such a node simply never shows.
      this.nodeDied[i] = Math.max(node.born, node.died ?? NEVER);
    }
    this.edgeSource = new Int32Array(m);
    this.edgeTarget = new Int32Array(m);
    this.edgeStart = new Float32Array(m);
    this.edgeStop = new Float32Array(m);
    for (let j = 0; j < m; j++) {
      const e = edges[j];
      const s = this.nodeIndex.get(e.source) ?? -1;
      const t = this.nodeIndex.get(e.target) ?? -1;
      this.edgeSource[j] = s;
      this.edgeTarget[j] = t;
      const start = s < 0 || t < 0 ? NEVER : Math.max(e.born, this.nodeBorn[s], this.nodeBorn[t]);
      this.edgeStart[j] = start;
      this.edgeStop[j] = Math.max(this.edgeStart[j], Math.min(e.ended ?? NEVER, s < 0 ? 0 : this.nodeDied[s], t < 0 ? 0 : this.nodeDied[t]));
    }
    this.nodes = new LifetimeIndex(this.nodeBorn, this.nodeDied);
    this.edges = new LifetimeIndex(this.edgeStart, this.edgeStop);
    this.incidentStart = new Int32Array(n + 1);
    for (let j = 0; j < m; j++) {
      if (this.edgeSource[j] >= 0) this.incidentStart[this.edgeSource[j] + 1]++;
      if (this.edgeTarget[j] >= 0) this.incidentStart[this.edgeTarget[j] + 1]++;
    }
    for (let i = 0; i < n; i++) this.incidentStart[i + 1] += this.incidentStart[i];
    this.incident = new Int32Array(this.incidentStart[n]);
    const fill = this.incidentStart.slice(0, n);
    for (let j = 0; j < m; j++) {
      if (this.edgeSource[j] >= 0) this.incident[fill[this.edgeSource[j]]++] = j;
      if (this.edgeTarget[j] >= 0) this.incident[fill[this.edgeTarget[j]]++] = j;
    }
  }

  nodeVisible(i: number, year: number): boolean {
    return this.nodeBorn[i] <= year && year < this.nodeDied[i];
  }

  edgeVisible(j: number, year: number): boolean {
    return this.edgeStart[j] <= year && year < this.edgeStop[j];
  }

  /** Edges of node i that show in `year`. */
  degree(i: number, year: number): number {
    let degree = 0;
    for (let p = this.incidentStart[i]; p < this.incidentStart[i + 1]; p++) if (this.edgeVisible(this.incident[p], year)) degree++;
    return degree;
  }

  /** Counted from the sorted lifetimes: cheap on every slider step. */
  counts(year: number): { nodes: number; edges: number } {
    return { nodes: this.nodes.countAt(year), edges: this.edges.countAt(year) };
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
    if (n.sizes != null && !(Array.isArray(n.sizes) && n.sizes.every((v) => typeof v === 'number' && v >= 0 && Number.isFinite(v)))) {
      fail(`nodes[${i}].sizes`, 'an array of sizes >= 0, one a year from born');
    }
  });
  p.edges.forEach((e, j) => {
    if (!ids.has(e?.source)) fail(`edges[${j}].source`, 'the id of a node in nodes');
    if (!ids.has(e?.target)) fail(`edges[${j}].target`, 'the id of a node in nodes');
    if (!Number.isFinite(e.born)) fail(`edges[${j}].born`, 'a finite year');
  });
  return p;
}
