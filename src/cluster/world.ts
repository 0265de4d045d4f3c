/**
 * The state of one run of the cluster model: lead firms in a typed-array table, their practice
 * gaps (true, perceived, and the firm's uncertainty) in flat arrays of K per firm, the
 * institutions, the market, the service layer and the temporal network. Processes in
 * src/cluster/processes/ read and change it; nothing here decides anything.
 *
 * What a process added with `derive` may use (it runs as `run(world, params, clock)`):
 * - read: `year`, `caseName`, `cfg` (the nested parameters, read-only), `params` of the derived
 *   model are the flat values passed as the second argument; `firms.cols.*` (typed columns:
 *   capacity, output, exported, quality, acceptance, member, certified, foreign, cash, margin,
 *   ...; loop `for (let i = 0; i < firms.end; i++) if (firms.alive[i])`), `gap`/`perceived`/`variance` (K
 *   practices per firm, index `i * K + k`, 0 = best practice), `knowhow`, `standard`,
 *   `founded`, `reputation`, `worldPrice`, `exportTonnes`, `exportValue`, `services`.
 * - write: a firm's `gap` and `perceived` (clamp to 0..1: learning moves a practice toward best
 *   practice), `knowhow` (0..1), `reputation` (0..1), a firm's `cash`; `event(kind, text)` logs
 *   an event; `recorder.record(metric, year, value)` records a metric the derivation declares;
 *   `rng` holds the built-in processes' streams: a new process that draws makes its own with
 *   `createRng(`${world.seed}/name`)`, so the built-in draws stay as they were.
 */
import { defineAgents, type AgentTable } from '../engine/agents';
import { packedColumns } from '../engine/columns';
import { TemporalNetwork } from '../engine/network';
import { forkOf, type Rng } from '../engine/rng';
import type { EngineEvent } from '../engine/recorder';
import type { Recorder } from '../engine/recorder';
import type { Cfg } from './params';
import type { MetricWriter } from './metrics';
import { K, type CaseName } from './schema';

export const NODE_KINDS = ['state', 'localFirm', 'foreignFirm', 'multinational', 'association', 'buyer', 'service', 'institute'] as const;
export const EDGE_KINDS = ['membership', 'tutelage', 'spinoff', 'ownership', 'finance', 'imitation', 'certification'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];
const FOREIGN_FIRM_KIND = NODE_KINDS.indexOf('foreignFirm');
const SERVICE_KIND = NODE_KINDS.indexOf('service');
export type EdgeKind = (typeof EDGE_KINDS)[number];

/** How a lead firm came into the industry (Perez-Aleman 2005, 3.1-3.2). */
export const enum Origin {
  Pilot = 0,
  Spinoff = 1,
  Group = 2,
  Foreign = 3,
  Entrepreneur = 5,
}

const FIRM_SCHEMA = {
  capacity: 'f64',
  output: 'f64',
  exported: 'f64',
  revenue: 'f64',
  margin: 'f64',
  cash: 'f64',
  quality: 'f64',
  acceptance: 'f64',
  premiumShare: 'f64',
  contractShare: 'f64',
  supplyLoss: 'f64',
  brand: 'f64',
  effort: 'f64',
  profit: 'f64',
  foreign: 'u8',
  member: 'u8',
  certified: 'u8',
  sanctionLeft: 'i16',
  tutorLeft: 'i16',
  tutored: 'u8',
  pilot: 'u8',
  origin: 'u8',
  loanLeft: 'i16',
  born: 'i32',
  node: 'i32',
  growers: 'i32',
} as const;

export type FirmTable = AgentTable<typeof FIRM_SCHEMA>;

export interface Streams {
  state: Rng;
  entry: Rng;
  perception: Rng;
  market: Rng;
  association: Rng;
  foreign: Rng;
  firms: Rng;
  services: Rng;
}

export class World {
  readonly caseName: CaseName;
  /** Replaced once, by an established start's switch from its run-up to the arm's mechanisms (run.ts). */
  cfg: Cfg;
  readonly seed: number | string;
  readonly firms: FirmTable;
  /** gap[i*K+k]: true distance of firm i's practice k from world best practice, 0..1. */
  gap!: Float64Array;
  /** What firm i believes that gap is, and its uncertainty (variance). */
  perceived!: Float64Array;
  variance!: Float64Array;
  /** Per-firm scratch (effort, benefits) reused every year. */
  scratch!: Float64Array;
  order!: Int32Array;
  /** The last view scratchPrefix made, and the scratch array it views. */
  private prefix: Float64Array;
  private prefixOf: Float64Array;
  readonly network = new TemporalNetwork<NodeKind, EdgeKind>({ nodeKinds: NODE_KINDS, edgeKinds: EDGE_KINDS, initialCapacity: 64 });
  /** Each node's label; a lead or service firm's is its number, the label being made only when read (nodeLabel). */
  private readonly labels: (string | number)[] = [];
  /**
   * Each sized node's (lead firm's) capacity at the end of each year it lived, for the network
   * view: sizeByYear[node * yearCount + (year - startYear)]; grown by doubling in addNode.
   */
  private sizeByYear: Float32Array;
  /** 1 for the nodes drawn by size (those addNode was given a size). */
  sized: Uint8Array;
  readonly startYear: number;
  readonly yearCount: number;
  readonly events: EngineEvent[] = [];
  readonly rng: Streams;
  /** The run's recorder (a derived model's processes record their metrics here) and the writer of the built-in metrics. */
  recorder!: Recorder;
  writer!: MetricWriter;
  year = 0;

  // The state and discovery.
  knowhow = 0;
  discovered = 0;
  stateNode: number;
  pilotFirm = -1;

  // The association and its institutions.
  founded = 0;
  founders = 0;
  associationNode = -1;
  /** The standard's practice levels (0..1); 0 until set. */
  readonly standard = new Float64Array(K);
  researchInstitute = 0;
  regulation = 0;
  /** Buyers' trust in the seal (0..1), from `association.initialCredibility` until sealed shipments are seen. */
  credibility: number;

  // Foreign actors and the market.
  buyerNode = -1;
  tutoredEver = 0;
  readonly mncNodes: number[] = [];
  reputation = 0;
  worldPrice = 0;
  trailingPrice = 0;
  exportTonnes = 0;
  exportValue = 0;
  totalOutput = 0;
  lastOutput = 0;
  poaching = 0;
  outbreak = 0;
  diseaseLoss = 0;
  recentDisease = 0;
  outbreaks = 0;

  // The service and input layer.
  services = 0;
  readonly serviceNodes: number[] = [];

  // This year's flows.
  entries = 0;
  exits = 0;
  deals = 0;
  firmCounter = 0;

  constructor(caseName: CaseName, cfg: Cfg, seed: number | string, startYear: number, endYear: number) {
    this.caseName = caseName;
    this.startYear = startYear;
    this.yearCount = endYear - startYear + 1;
    this.sizeByYear = new Float32Array(64 * this.yearCount);
    this.sized = new Uint8Array(64);
    this.cfg = cfg;
    this.credibility = cfg.association.initialCredibility;
    this.seed = seed;
    this.year = startYear;
    this.firms = defineAgents(FIRM_SCHEMA, 64);
    this.fitArrays();
    this.prefixOf = this.scratch;
    this.prefix = this.scratch.subarray(0, 0);
    // The streams createRng(seed).fork(name) would give, without seeding a root stream no process draws from.
    const stream = (name: string) => forkOf(seed, name);
    this.rng = {
      state: stream('state'),
      entry: stream('entry'),
      perception: stream('perception'),
      market: stream('market'),
      association: stream('association'),
      foreign: stream('foreign'),
      firms: stream('firms'),
      services: stream('services'),
    };
    this.reputation = cfg.market.initialReputation;
    this.stateNode = this.addNode('state', caseName === 'tomato' ? 'CORFO' : 'SERNAP / IFOP / Fundación Chile', startYear);
  }

  /**
   * Adds a node; a lead or service firm passes its number for `label` (see nodeLabel). A node given
   * a `size` is drawn by size: that size stands for its first year until the year's end records one.
   */
  addNode(kind: NodeKind, label: string | number, born: number, size?: number): number {
    const id = this.network.addNode(kind, born);
    this.labels[id] = label;
    if (size !== undefined) {
      if (id >= this.sized.length) this.growSizes(id + 1);
      this.sized[id] = 1;
      this.recordSize(id, born, size);
    }
    return id;
  }

  /** Records a sized node's size in `year` (a year outside the run is not kept). */
  recordSize(node: number, year: number, size: number): void {
    const t = year - this.startYear;
    if (t >= 0 && t < this.yearCount) this.sizeByYear[node * this.yearCount + t] = size;
  }

  /** A sized node's size recorded for `year` (0 where none was, or the year is outside the run). */
  sizeAt(node: number, year: number): number {
    const t = year - this.startYear;
    return t >= 0 && t < this.yearCount ? this.sizeByYear[node * this.yearCount + t] : 0;
  }

  private growSizes(nodes: number): void {
    const capacity = Math.max(nodes, 2 * this.sized.length);
    const sized = new Uint8Array(capacity);
    sized.set(this.sized);
    this.sized = sized;
    const sizes = new Float32Array(capacity * this.yearCount);
    sizes.set(this.sizeByYear);
    this.sizeByYear = sizes;
  }

  event(kind: string, text: string): void {
    this.events.push({ year: this.year, kind, text });
  }

  /** Grows the per-firm arrays after the firm table grew. */
  fitArrays(): void {
    const cap = this.firms.capacity;
    if (this.scratch?.length >= cap) return;
    // Two buffers (packedColumns), not five arrays; the scratch arrays start empty.
    const previous = this.gap ? [this.gap, this.perceived, this.variance] : undefined;
    [this.gap, this.perceived, this.variance] = packedColumns(['f64', 'f64', 'f64'], cap * K, previous) as Float64Array[];
    [this.scratch, this.order] = packedColumns(['f64', 'i32'], cap) as [Float64Array, Int32Array];
  }

  /**
   * scratch[0..n) as a view (to sort), kept while n and the scratch array stay the same: a year
   * sorts several prefixes of the same length (one per practice, the exporters twice).
   */
  scratchPrefix(n: number): Float64Array {
    if (this.prefix.length !== n || this.prefixOf !== this.scratch) {
      this.prefix = this.scratch.subarray(0, n);
      this.prefixOf = this.scratch;
    }
    return this.prefix;
  }

  /** Mean true gap of firm i (its distance from best practice over all practices). */
  meanGap(i: number): number {
    const g = this.gap;
    let s = 0;
    for (let k = 0; k < K; k++) s += g[i * K + k];
    return s / K;
  }

  /** Label of firm i. */
  label(i: number): string {
    return this.nodeLabel(this.firms.cols.node[i]);
  }

  /**
   * Label of a node. A lead firm's ("Salmon farm 12", "Foreign Processor 3") or a service firm's
   * ("Service firm 7") is made here from its number and the kind it was born as, not at birth: a
   * salmon run starts some 600 lead firms and most labels are never read (a calibration run asks
   * for no network and few events).
   */
  nodeLabel(node: number): string {
    const label = this.labels[node];
    if (typeof label === 'string') return label;
    if (this.network.nodeKind[node] === SERVICE_KIND) return `Service firm ${label}`;
    const foreign = this.network.nodeKind[node] === FOREIGN_FIRM_KIND;
    const noun = this.caseName === 'tomato' ? 'Processor' : 'Salmon farm';
    return `${foreign ? 'Foreign ' : ''}${noun} ${label}`;
  }
}
