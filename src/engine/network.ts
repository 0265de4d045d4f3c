/**
 * A temporal network: nodes and typed edges, each with a birth time and (once over) an end time,
 * held in typed arrays. Nothing is ever deleted, so the network at any past year can be read back
 * (`snapshot`), which is what the network widget's year slider shows.
 *
 * An edge is active at time t when born <= t < ended; `ended` is +Infinity while it lasts.
 */
import { packedColumns, type ColumnType } from './columns';

export interface NodeRecord {
  id: number;
  kind: string;
  born: number;
  died: number | null;
}

export interface EdgeRecord {
  id: number;
  source: number;
  target: number;
  kind: string;
  born: number;
  ended: number | null;
}

/** The network as it stood at one time: nodes alive and edges active then. */
export interface NetworkSnapshot {
  year: number;
  nodes: NodeRecord[];
  edges: EdgeRecord[];
}

export interface TemporalNetworkOptions<NK extends string, EK extends string> {
  /** Names of node kinds (at most 256). */
  nodeKinds: readonly NK[];
  /** Names of edge kinds (at most 256). */
  edgeKinds: readonly EK[];
  /** Initial room for nodes and edges (grows by doubling). */
  initialCapacity?: number;
}

const MAX_NODES = 1 << 22;
/** Slots of the active-edge index: an edge id, or one of these. */
const EMPTY = -1;
const REMOVED = -2;

/** Column types of the node columns (kind, born, died, current degree, first edge) and of the edge columns (source, target, kind, born, ended). */
const NODE_COLUMNS: readonly ColumnType[] = ['u8', 'f64', 'f64', 'i32', 'i32'];
const EDGE_COLUMNS: readonly ColumnType[] = ['i32', 'i32', 'u8', 'f64', 'f64'];

export class TemporalNetwork<NK extends string = string, EK extends string = string> {
  readonly nodeKinds: readonly NK[];
  readonly edgeKinds: readonly EK[];
  nodeCount = 0;
  edgeCount = 0;
  /** Node columns. */
  nodeKind: Uint8Array;
  nodeBorn: Float64Array;
  nodeDied: Float64Array;
  /** Edge columns. */
  src: Int32Array;
  dst: Int32Array;
  kind: Uint8Array;
  born: Float64Array;
  ended: Float64Array;
  /** Number of currently active edges touching each node (either end). */
  currentDegree: Int32Array;
  /** The edge count when each node was added: no earlier edge can touch it. */
  private nodeFirstEdge: Int32Array;
  /**
   * The active edges, found by (source, target, kind): an open-addressing hash table of edge ids
   * (linear probing, at most half full), in a typed array rather than a Map with a number key per
   * edge, so adding and ending edges, yearly in a model, allocates nothing but a doubling.
   */
  private activeSlots: Int32Array;
  /** Slots holding an edge or REMOVED (probes stop only at EMPTY). */
  private slotsUsed = 0;
  private activeCount = 0;

  constructor(options: TemporalNetworkOptions<NK, EK>) {
    const { nodeKinds, edgeKinds, initialCapacity = 64 } = options;
    if (nodeKinds.length < 1 || nodeKinds.length > 256) throw new RangeError(`TemporalNetwork: nodeKinds must have 1..256 names, got ${nodeKinds.length}`);
    if (edgeKinds.length < 1 || edgeKinds.length > 256) throw new RangeError(`TemporalNetwork: edgeKinds must have 1..256 names, got ${edgeKinds.length}`);
    this.nodeKinds = nodeKinds;
    this.edgeKinds = edgeKinds;
    const n = Math.max(1, initialCapacity);
    // Each group of columns in one buffer (packedColumns), grown together.
    [this.nodeKind, this.nodeBorn, this.nodeDied, this.currentDegree, this.nodeFirstEdge] = packedColumns(NODE_COLUMNS, n) as [
      Uint8Array,
      Float64Array,
      Float64Array,
      Int32Array,
      Int32Array,
    ];
    [this.src, this.dst, this.kind, this.born, this.ended] = packedColumns(EDGE_COLUMNS, n) as [Int32Array, Int32Array, Uint8Array, Float64Array, Float64Array];
    this.activeSlots = new Int32Array(16).fill(EMPTY);
  }

  /** Index of a node kind name. */
  nodeKindIndex(kind: NK): number {
    const i = this.nodeKinds.indexOf(kind);
    if (i < 0) throw new RangeError(`TemporalNetwork: unknown node kind '${kind}'; kinds: ${this.nodeKinds.join(', ')}`);
    return i;
  }

  /** Index of an edge kind name. */
  edgeKindIndex(kind: EK): number {
    const i = this.edgeKinds.indexOf(kind);
    if (i < 0) throw new RangeError(`TemporalNetwork: unknown edge kind '${kind}'; kinds: ${this.edgeKinds.join(', ')}`);
    return i;
  }

  /** Adds a node born at `born`; returns its id (0, 1, 2, ... in order of addition). */
  addNode(kind: NK | number, born: number): number {
    const k = typeof kind === 'number' ? this.checkKind(kind, this.nodeKinds.length, 'node') : this.nodeKindIndex(kind);
    if (this.nodeCount >= MAX_NODES) throw new RangeError(`TemporalNetwork: at most ${MAX_NODES} nodes`);
    if (this.nodeCount === this.nodeKind.length) {
      const size = this.nodeKind.length * 2;
      [this.nodeKind, this.nodeBorn, this.nodeDied, this.currentDegree, this.nodeFirstEdge] = packedColumns(NODE_COLUMNS, size, [
        this.nodeKind,
        this.nodeBorn,
        this.nodeDied,
        this.currentDegree,
        this.nodeFirstEdge,
      ]) as [Uint8Array, Float64Array, Float64Array, Int32Array, Int32Array];
    }
    const id = this.nodeCount++;
    this.nodeFirstEdge[id] = this.edgeCount;
    this.nodeKind[id] = k;
    this.nodeBorn[id] = born;
    this.nodeDied[id] = Infinity;
    return id;
  }

  /** Marks a node dead at `year` and ends all its active edges then. */
  removeNode(node: number, year: number): void {
    this.checkNode(node);
    if (this.nodeDied[node] !== Infinity) throw new RangeError(`TemporalNetwork.removeNode: node ${node} already died at ${this.nodeDied[node]}`);
    this.nodeDied[node] = year;
    // Only edges added since the node, and only until its last active one has ended.
    for (let e = this.nodeFirstEdge[node]; e < this.edgeCount && this.currentDegree[node] > 0; e++) {
      if (this.ended[e] === Infinity && (this.src[e] === node || this.dst[e] === node)) this.endEdge(e, year);
    }
  }

  /** True when the node is alive at time `year`. */
  nodeAlive(node: number, year: number): boolean {
    return this.nodeBorn[node] <= year && year < this.nodeDied[node];
  }

  /**
   * Adds an edge from `source` to `target` of `kind`, born at `born`; returns its id. If the same
   * edge (same ends and kind) is already active, returns that edge's id instead of a duplicate.
   */
  addEdge(source: number, target: number, kind: EK | number, born: number): number {
    this.checkNode(source);
    this.checkNode(target);
    const k = typeof kind === 'number' ? this.checkKind(kind, this.edgeKinds.length, 'edge') : this.edgeKindIndex(kind);
    const existing = this.findActive(source, target, k);
    if (existing >= 0) return existing;
    if (this.edgeCount === this.src.length) {
      const size = this.src.length * 2;
      [this.src, this.dst, this.kind, this.born, this.ended] = packedColumns(EDGE_COLUMNS, size, [this.src, this.dst, this.kind, this.born, this.ended]) as [
        Int32Array,
        Int32Array,
        Uint8Array,
        Float64Array,
        Float64Array,
      ];
    }
    const id = this.edgeCount++;
    this.src[id] = source;
    this.dst[id] = target;
    this.kind[id] = k;
    this.born[id] = born;
    this.ended[id] = Infinity;
    this.indexActive(id);
    this.currentDegree[source]++;
    if (target !== source) this.currentDegree[target]++;
    return id;
  }

  /** Ends an active edge at `year`. */
  endEdge(edge: number, year: number): void {
    if (!(edge >= 0 && edge < this.edgeCount)) throw new RangeError(`TemporalNetwork.endEdge: no edge ${edge}`);
    if (this.ended[edge] !== Infinity) return;
    this.ended[edge] = year;
    this.unindexActive(edge);
    this.currentDegree[this.src[edge]]--;
    if (this.dst[edge] !== this.src[edge]) this.currentDegree[this.dst[edge]]--;
  }

  /** Id of the active edge source -> target of `kind`, or -1. */
  findEdge(source: number, target: number, kind: EK | number): number {
    const k = typeof kind === 'number' ? kind : this.edgeKindIndex(kind);
    return this.findActive(source, target, k);
  }

  /** Ends the active edge source -> target of `kind` if there is one; returns whether it existed. */
  endEdgeBetween(source: number, target: number, kind: EK | number, year: number): boolean {
    const e = this.findEdge(source, target, kind);
    if (e < 0) return false;
    this.endEdge(e, year);
    return true;
  }

  /** True when edge `edge` is active at time `year`. */
  isActive(edge: number, year: number): boolean {
    return this.born[edge] <= year && year < this.ended[edge];
  }

  /**
   * Ids of the edges active at `year` (optionally of one kind), written into `out` when it is long
   * enough (pass the same buffer to avoid allocation); returns the filled view.
   */
  snapshot(year: number, out?: Int32Array, kind?: EK | number): Int32Array {
    const k = kind === undefined ? -1 : typeof kind === 'number' ? kind : this.edgeKindIndex(kind);
    const buffer = out && out.length >= this.edgeCount ? out : new Int32Array(Math.max(1, this.edgeCount));
    let n = 0;
    for (let e = 0; e < this.edgeCount; e++) {
      if (this.born[e] <= year && year < this.ended[e] && (k < 0 || this.kind[e] === k)) buffer[n++] = e;
    }
    return buffer.subarray(0, n);
  }

  /** Number of edges active at `year` (optionally of one kind). */
  activeEdgeCount(year: number, kind?: EK | number): number {
    const k = kind === undefined ? -1 : typeof kind === 'number' ? kind : this.edgeKindIndex(kind);
    let n = 0;
    for (let e = 0; e < this.edgeCount; e++) if (this.born[e] <= year && year < this.ended[e] && (k < 0 || this.kind[e] === k)) n++;
    return n;
  }

  /** Degree of `node` at `year` counting edges at either end (optionally of one kind). */
  degreeAt(node: number, year: number, kind?: EK | number): number {
    const k = kind === undefined ? -1 : typeof kind === 'number' ? kind : this.edgeKindIndex(kind);
    let d = 0;
    for (let e = 0; e < this.edgeCount; e++) {
      if ((this.src[e] === node || this.dst[e] === node) && this.born[e] <= year && year < this.ended[e] && (k < 0 || this.kind[e] === k)) d++;
    }
    return d;
  }

  /**
   * Degrees of all nodes at `year` in one pass over the edges (optionally of one kind), written
   * into `out` (length >= nodeCount; allocated when absent).
   */
  degreesAt(year: number, out?: Int32Array, kind?: EK | number): Int32Array {
    const k = kind === undefined ? -1 : typeof kind === 'number' ? kind : this.edgeKindIndex(kind);
    const deg = out && out.length >= this.nodeCount ? out : new Int32Array(Math.max(1, this.nodeCount));
    deg.fill(0, 0, this.nodeCount);
    for (let e = 0; e < this.edgeCount; e++) {
      if (this.born[e] <= year && year < this.ended[e] && (k < 0 || this.kind[e] === k)) {
        deg[this.src[e]]++;
        if (this.dst[e] !== this.src[e]) deg[this.dst[e]]++;
      }
    }
    return deg.subarray(0, this.nodeCount);
  }

  /** Nodes alive and edges active at `year`, as plain records (for display and export). */
  snapshotRecords(year: number): NetworkSnapshot {
    const { nodes, edges } = this.history();
    return {
      year,
      nodes: nodes.filter((n) => this.nodeAlive(n.id, year)),
      edges: edges.filter((e) => this.isActive(e.id, year)),
    };
  }

  /** All nodes and edges ever, as plain records (died/ended null while alive): for export and views. */
  history(): { nodes: NodeRecord[]; edges: EdgeRecord[] } {
    const nodes: NodeRecord[] = [];
    for (let i = 0; i < this.nodeCount; i++) {
      nodes.push({ id: i, kind: this.nodeKinds[this.nodeKind[i]], born: this.nodeBorn[i], died: this.nodeDied[i] === Infinity ? null : this.nodeDied[i] });
    }
    const edges: EdgeRecord[] = [];
    for (let e = 0; e < this.edgeCount; e++) {
      edges.push({
        id: e,
        source: this.src[e],
        target: this.dst[e],
        kind: this.edgeKinds[this.kind[e]],
        born: this.born[e],
        ended: this.ended[e] === Infinity ? null : this.ended[e],
      });
    }
    return { nodes, edges };
  }

  private slotHash(source: number, target: number, kind: number): number {
    let h = Math.imul(source, 0x9e3779b1) ^ Math.imul(target, 0x85ebca6b) ^ Math.imul(kind, 0xc2b2ae35);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    return h & (this.activeSlots.length - 1);
  }

  /** Id of the active edge source -> target of kind index `kind`, or -1. */
  private findActive(source: number, target: number, kind: number): number {
    const slots = this.activeSlots;
    const mask = slots.length - 1;
    for (let i = this.slotHash(source, target, kind); ; i = (i + 1) & mask) {
      const e = slots[i];
      if (e === EMPTY) return -1;
      if (e >= 0 && this.src[e] === source && this.dst[e] === target && this.kind[e] === kind) return e;
    }
  }

  private indexActive(edge: number): void {
    if (2 * (this.slotsUsed + 1) > this.activeSlots.length) this.rebuildIndex();
    const slots = this.activeSlots;
    const mask = slots.length - 1;
    let i = this.slotHash(this.src[edge], this.dst[edge], this.kind[edge]);
    while (slots[i] >= 0) i = (i + 1) & mask;
    if (slots[i] === EMPTY) this.slotsUsed++;
    slots[i] = edge;
    this.activeCount++;
  }

  private unindexActive(edge: number): void {
    const slots = this.activeSlots;
    const mask = slots.length - 1;
    let i = this.slotHash(this.src[edge], this.dst[edge], this.kind[edge]);
    while (slots[i] !== edge) i = (i + 1) & mask;
    slots[i] = REMOVED;
    this.activeCount--;
  }

  /** Re-inserts the active edges into a table at most a quarter full (doubling as they grow, clearing REMOVED slots). */
  private rebuildIndex(): void {
    const old = this.activeSlots;
    let size = 16;
    while (size < 4 * (this.activeCount + 1)) size *= 2;
    this.activeSlots = new Int32Array(size).fill(EMPTY);
    this.slotsUsed = 0;
    this.activeCount = 0;
    for (let i = 0; i < old.length; i++) if (old[i] >= 0) this.indexActive(old[i]);
  }

  private checkNode(node: number): void {
    if (!(Number.isInteger(node) && node >= 0 && node < this.nodeCount)) {
      throw new RangeError(`TemporalNetwork: node must be an id in 0..${this.nodeCount - 1}, got ${node}`);
    }
  }

  private checkKind(kind: number, count: number, what: string): number {
    if (!(Number.isInteger(kind) && kind >= 0 && kind < count))
      throw new RangeError(`TemporalNetwork: ${what} kind index must be in 0..${count - 1}, got ${kind}`);
    return kind;
  }
}
