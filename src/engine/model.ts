/**
 * The one model interface every tool works on (in the manner of Mesa's `Model` with `batch_run`
 * and Agents.jl's `ABM` with `run!`): a name, one parameter schema from which defaults and
 * validation come, the metrics it records, the node and edge kinds of its network, and
 * `run(params, seed)`. The cluster cases, the Arthur urn, Schelling, the sensitivity test
 * functions and models users define in a cell all implement it; simulate, ensembles, sweeps,
 * sensitivity analysis, calibration, the CLI, `show` and the widgets read only this.
 *
 * This file holds the contract (types). The engine knows nothing of views: network nodes and
 * edges are plain records whose kinds the definition names and labels.
 */
import type { RunRecord } from './recorder';
import type { Clock } from './scheduler';

/** `year` is an integer calendar year; `choice` one of `choices`. */
export type ParamKind = 'number' | 'integer' | 'year' | 'boolean' | 'choice';
export type ParamValue = number | boolean | string;

/** Where a number comes from, so a reader can tell inputs from fitted values and guesses. */
export type ParamSourceKind = 'paper' | 'literature' | 'calibrated' | 'assumption';

export interface ParameterSpec {
  /** Dotted path, e.g. `learning.byDoing`; switches of mechanisms live under `mechanisms.`. */
  path: string;
  kind: ParamKind;
  /** Inclusive bounds of numeric kinds. */
  min?: number;
  max?: number;
  /** Allowed values of a `choice`. */
  choices?: readonly string[];
  default: ParamValue;
  unit: string;
  /** One sentence: what the parameter means in the model. */
  meaning: string;
  /** Paper section ("Perez-Aleman 2005, 3.2"), cited work, "calibrated" or "assumption". */
  source: string;
  sourceKind?: ParamSourceKind;
  /** Range a sensitivity analysis or a prior explores, when narrower than [min, max]. */
  explore?: [number, number];
}

/** Complete, validated parameter values, flat by dotted path. */
export type ParamValues = Readonly<Record<string, ParamValue>>;

/** User overrides: `{ 'mechanisms.association': false }` or `['mechanisms.association=false']`. */
export type Overrides = Readonly<Record<string, unknown>> | readonly string[];

export interface MetricSpec {
  name: string;
  label: string;
  unit: string;
  description?: string;
}

/** A kind of node or edge of the model's network, with the words a view shows for it. */
export interface KindSpec {
  kind: string;
  label: string;
  /** Institutions are labelled and drawn above firms; the bulk class is drawn first. */
  role?: 'institution' | 'firm' | 'supplier' | 'other';
}

export interface HistoryNode {
  id: string;
  label: string;
  kind: string;
  born: number;
  died?: number | null;
  /** Output or capacity, for node size; absent where the model has none. */
  size?: number;
  /** The size in each year the node lives, from `born` on (sizes[year - born]); `size` is then its last value. */
  sizes?: number[];
  attrs?: Record<string, string | number | boolean>;
}

export interface HistoryEdge {
  source: string;
  target: string;
  kind: string;
  born: number;
  ended?: number | null;
}

/** Every node and edge a run created, with birth and end years. */
export interface NetworkHistory {
  years: [number, number];
  /** What node sizes measure, e.g. "capacity in the year shown (tonnes)". */
  sizeLabel?: string;
  nodes: HistoryNode[];
  edges: HistoryEdge[];
}

/** What one run returns: the recorded series and, on demand, the network's history. */
export interface ModelRun {
  record: RunRecord;
  network?: () => NetworkHistory;
}

/**
 * A value the model is compared with (a fact of the paper, a stylised fact): the time-series view
 * draws it as a marker, `targets` scores ensembles against it.
 */
export interface ObservedValue {
  id: string;
  /** A recorded metric, or a run statistic the model's targets know. */
  metric: string;
  year: number;
  value: number;
  unit: string;
  /** `calibration` values are fitted to, `heldOut` ones only checked; others are context. */
  role: string;
  tolerance?: { kind: 'relative' | 'absolute' | 'atLeast'; value: number };
  source: string;
  section: string;
  description: string;
  measures?: string;
}

/**
 * One named step of a model's year. `world` is the model's own state object (for the cluster
 * model, `World` in src/cluster/world.ts, whose doc comment lists the fields a process may use).
 */
export interface ProcessSpec<W = any> {
  name: string;
  description?: string;
  run(world: W, params: ParamValues, clock: Readonly<Clock>): void;
}

/** A named variant of a model: overrides applied on top of its defaults. */
export interface ScenarioSpec {
  name: string;
  description: string;
  kind: 'case' | 'counterfactual' | 'baseline' | 'rival';
  set: Readonly<Record<string, ParamValue>>;
}

export interface ModelDefinition {
  name: string;
  description: string;
  /** First and last recorded year, inclusive (a static function such as Ishigami records one). */
  years: [number, number];
  parameters: readonly ParameterSpec[];
  metrics: readonly MetricSpec[];
  nodeKinds?: readonly KindSpec[];
  edgeKinds?: readonly KindSpec[];
  scenarios?: readonly ScenarioSpec[];
  /**
   * How a worker thread or a SLURM task finds this definition: a CommonJS file and the name of
   * the export holding the model. Models defined in a notebook cell have none and run in the
   * kernel's thread.
   */
  module?: { path: string; exportName: string };
  /** One seeded run with complete, validated values. Deterministic in (params, seed). */
  run(params: ParamValues, seed: number): ModelRun;
  /** Checks across fields the schema cannot express (e.g. an index below a count); throws a RangeError. */
  check?(params: ParamValues): void;
  /** Values the model is compared with (markers in figures, `targets`). */
  observed?: readonly ObservedValue[];
  /**
   * Run statistics an observed value may name as its `metric` (one number per run, NaN when it
   * never happens, e.g. the year of the turning point): how the model reads such a fact from a
   * run. Any other observed metric is read as the recorded metric in the value's year.
   */
  statistics?: Readonly<Record<string, (run: RunRecord) => number>>;
  /** The yearly processes in order: present on models `derive` can extend (tomato, salmon). */
  processes?: readonly ProcessSpec[];
  /** Runs with another process list and extra metrics (what `derive` calls). */
  runProcesses?(params: ParamValues, seed: number, processes: readonly ProcessSpec[], extraMetrics: readonly string[]): ModelRun;
  /** The model this one was derived from, if any. */
  derivedFrom?: string;
  /** Set on a rival account of another model's case (same facts, other mechanisms): listed as a rival, compared with it. */
  rivalOf?: string;
}

/** Who ran what: goes into every run, ensemble, export and figure legend. */
export interface Provenance {
  model: string;
  scenario?: string;
  /** Overrides relative to the model's defaults (after the scenario's). */
  overrides: Readonly<Record<string, ParamValue>>;
  seeds: readonly number[];
  /** A human label: the scenario, else the model, plus the overrides in short. */
  label: string;
  /** Hash of the model's name, parameter schema and metric list (changes when the model does). */
  fingerprint: string;
  versions: { clusterlab: string; node: string };
  /** Master seed the run seeds were derived from, when they were. */
  masterSeed?: number | string;
}
