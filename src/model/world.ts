/**
 * The state of one run of the cluster model: agent tables in typed arrays, the institutions, the
 * market, the temporal network and the recorder. The yearly processes (src/model/processes/) read
 * and change it; nothing here decides anything.
 *
 * What a process of a derived model (`derive(salmon, { processes: [...] })`) may use:
 * - `year` (read): the calendar year; `params` (read): the nested parameters of the case.
 * - `firms`: lead firms, an AgentTable; loop `for (let i = 0; i < firms.end; i++) if (firms.alive[i])`
 *   and use the typed-array columns in `firms.cols`: `capability` (0..1, 1 = world frontier; read
 *   and write), `capacity` and `output` (tonnes a year), `quality`, `price`, `margin`, `cash`,
 *   `foreign`, `member`, `certified` (0/1), `born` (year). Writing capability or capacity is how a
 *   process changes outcomes; `output`, `exported`, `price` and `margin` are recomputed each year
 *   by `production`.
 * - `suppliers` (tomato only): growers, columns `capability`, `firm`, `contract`.
 * - `knowhow` (0..1, public know-how), `standard`, `reputation` (0..1), `associationFounded`
 *   (year or 0): read, or write with care (the association and market processes update them).
 * - `exportTonnes`, `exportValue`, `totalOutput`: this year's totals (read).
 * - `rng.learning`, `rng.entry`, ...: the seeded streams; a new process should take its own
 *   stream with `createRng(...)` or `w.rng.growth.fork('name')` once, not draw from another's.
 * - `recorder.record(metric, year, value)`: for metrics the derivation declares.
 * - `event(kind, text)`: a line in the run's event log; `addNode(kind, label, year)` and
 *   `network.addEdge(...)`: nodes and ties of the network view, kinds from NODE_KINDS / EDGE_KINDS.
 */
import { defineAgents, type AgentTable } from '../engine/agents';
import { TemporalNetwork } from '../engine/network';
import { Recorder } from '../engine/recorder';
import { createRng, type Rng } from '../engine/rng';
import type { Params } from './parameters';

export const NODE_KINDS = ['state', 'localFirm', 'foreignFirm', 'supplier', 'association', 'buyer'] as const;
export const EDGE_KINDS = ['supply', 'membership', 'tutelage', 'spinoff', 'ownership', 'finance'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];
export type EdgeKind = (typeof EDGE_KINDS)[number];

/** How a lead firm came into the industry (Perez-Aleman 2005, Sections 3.1-3.2). */
export const enum Origin {
  StatePilot = 0,
  Spinoff = 1,
  Entrant = 2,
  ForeignEntrant = 3,
}
export const ORIGIN_NAMES = ['state pilot', 'spin-off from a public programme', 'entrant from another sector', 'foreign entrant'];

const FIRM_SCHEMA = {
  capability: 'f64',
  capacity: 'f64',
  output: 'f64',
  quality: 'f64',
  price: 'f64',
  margin: 'f64',
  cash: 'f64',
  foreign: 'u8',
  member: 'u8',
  certified: 'u8',
  tutorLeft: 'i16',
  tutored: 'u8',
  contractsKnown: 'u8',
  statePilot: 'u8',
  origin: 'u8',
  born: 'i32',
  node: 'i32',
  parent: 'i32',
  supplierCount: 'i32',
  contractCount: 'i32',
  supplierCapSum: 'f64',
  supplyLoss: 'f64',
  exported: 'f64',
} as const;

const SUPPLIER_SCHEMA = { capability: 'f64', firm: 'i32', contract: 'u8', node: 'i32' } as const;

export type FirmTable = AgentTable<typeof FIRM_SCHEMA>;
export type SupplierTable = AgentTable<typeof SUPPLIER_SCHEMA>;

/** Names of the actors of one case, for labels and the event log. */
export interface CaseNames {
  firmNoun: string;
  stateAgency: string;
  pilotName: string;
  associationName: string;
  buyerName: string;
  regulator: string;
}

/** Random streams, one per process, so switching a process off never shifts another's numbers. */
export interface Streams {
  entry: Rng;
  learning: Rng;
  suppliers: Rng;
  foreign: Rng;
  institutions: Rng;
  growth: Rng;
}

export class World {
  readonly params: Params;
  readonly names: CaseNames;
  readonly hasSuppliers: boolean;
  readonly firms: FirmTable;
  readonly suppliers: SupplierTable;
  readonly network: TemporalNetwork<NodeKind, EdgeKind>;
  /** Label of each network node, by node id. */
  readonly labels: string[] = [];
  readonly recorder: Recorder;
  readonly rng: Streams;
  year: number;

  // --- State -------------------------------------------------------------------------------
  /** Public and private know-how about the new activity, 0..1. */
  knowhow = 0;
  stateNode: number;
  pilotFirm = -1;

  // --- Association (LBM institutions) -------------------------------------------------------
  associationNode = -1;
  associationFounded = 0;
  standard = 0;
  regulation = false;
  researchInstitute = false;
  priceAgreement = false;
  /** Yearly chance scale of rivals bidding growers away (tomato). */
  poaching = 0;

  // --- Foreign actors and the market --------------------------------------------------------
  buyerNode = -1;
  reputation = 0;
  exportTonnes = 0;
  exportValue = 0;
  totalOutput = 0;
  diseaseLoss = 0;
  /** This year's price factor from supply against the reachable market (for inspection). */
  demandFactor = 1;
  /** Multinational parents: network node of each, and the firm row it runs (or -1). */
  readonly mncNodes: number[] = [];
  firstExportYear = 0;
  firmCounter = 0;
  supplierCounter = 0;

  // --- Scratch buffers reused every year (no allocation in the yearly loop) -----------------
  scratch: Float64Array = new Float64Array(64);

  constructor(params: Params, names: CaseNames, hasSuppliers: boolean, seed: number | string, startYear: number, endYear: number, metrics: readonly string[]) {
    this.params = params;
    this.names = names;
    this.hasSuppliers = hasSuppliers;
    this.year = startYear;
    this.firms = defineAgents(FIRM_SCHEMA, 64);
    this.suppliers = defineAgents(SUPPLIER_SCHEMA, hasSuppliers ? 1024 : 1);
    this.network = new TemporalNetwork({ nodeKinds: NODE_KINDS, edgeKinds: EDGE_KINDS, initialCapacity: hasSuppliers ? 2048 : 256 });
    this.recorder = new Recorder({ startYear, endYear, metrics });
    const root = createRng(seed);
    this.rng = {
      entry: root.fork('entry'),
      learning: root.fork('learning'),
      suppliers: root.fork('suppliers'),
      foreign: root.fork('foreign'),
      institutions: root.fork('institutions'),
      growth: root.fork('growth'),
    };
    this.stateNode = this.addNode('state', names.stateAgency, startYear);
  }

  addNode(kind: NodeKind, label: string, born: number): number {
    const id = this.network.addNode(kind, born);
    this.labels[id] = label;
    return id;
  }

  /** Ends a node's life without the engine's scan over all edges (its edges were ended already). */
  retireNode(node: number, year: number): void {
    this.network.nodeDied[node] = year;
  }

  event(kind: string, text: string, data?: Record<string, unknown>): void {
    this.recorder.event(this.year, kind, `${text}`, data);
  }

  /** A scratch buffer at least `n` long. */
  ensureScratch(n: number): void {
    if (this.scratch.length < n) this.scratch = new Float64Array(n * 2);
  }
}
