/**
 * One run of the second cluster model: the world, the yearly processes in order on the engine's
 * scheduler, and the recorder. Every outcome comes out of these processes.
 */
import { Recorder, type RunRecord } from '../engine/recorder';
import { Scheduler, type Clock } from '../engine/scheduler';
import type { NetworkHistory, ParamValue, ParamValues, ProcessSpec } from '../engine/model';
import { nest, nestOnce, type Cfg } from './params';
import { clusterSchema, type CaseName } from './schema';
import { MetricWriter, metricNames } from './metrics';
import { association } from './processes/association';
import { entry } from './processes/entry';
import { investAndExit } from './processes/firms';
import { acquisitions, tutelage } from './processes/foreign';
import { market } from './processes/market';
import { perception } from './processes/perception';
import { publicSector } from './processes/publicSector';
import { services } from './processes/services';
import { suppliers } from './processes/suppliers';
import { upgrading } from './processes/upgrading';
import { World } from './world';

export const CASE_YEARS: Record<CaseName, [number, number]> = { tomato: [1965, 2000], salmon: [1969, 2003] };

const EVERY_MECHANISM: Partial<Record<CaseName, Record<string, ParamValue>>> = {};
/** The run-up's parameters of each run's (cached, frozen) Cfg, so an established start nests them once too. */
const RUN_UP: Record<CaseName, WeakMap<Cfg, Cfg>> = { tomato: new WeakMap(), salmon: new WeakMap() };

/** The case's default switches: every mechanism of the model on (the rival's and siteBoundGrowth for salmon as the case has them). */
function everyMechanism(c: CaseName): Record<string, ParamValue> {
  return (EVERY_MECHANISM[c] ??= Object.fromEntries(
    clusterSchema(c)
      .filter((p) => p.path.startsWith('mechanisms.'))
      .map((p) => [p.path, p.default]),
  ));
}

/**
 * An established start (H4): the run-up from the first year to `start.year` runs with every
 * mechanism on, so the cluster the arm starts from is the model's own (firms, sizes, practices,
 * reputation, services and market as a run reaches them, never hand-set); from the next year the
 * run's own switches apply. The run-up is the same in every arm with the same values and seed.
 */
function establishedSwitch(own: Cfg, years: [number, number]): ClusterProcess | undefined {
  const st = own.start;
  if (!st.established) return undefined;
  if (!(st.year >= years[0] && st.year < years[1]))
    throw new RangeError(`parameter 'start.year' must be in [${years[0]}, ${years[1] - 1}] with start.established, got ${st.year}`);
  return {
    name: 'establishedStart',
    description: "Switches from the run-up (every mechanism on) to the run's own switches after start.year.",
    run: (world: World, _p: ParamValues, clock: Readonly<Clock>) => {
      if (clock.calendarYear !== st.year + 1) return;
      world.cfg = own;
      world.event(
        'start',
        `the cluster as it stood in ${st.year}, grown with every mechanism on, is the established start; the run's own switches apply from ${st.year + 1}`,
      );
    },
  };
}

export interface ClusterRun {
  record: RunRecord;
  world: World;
}

/** A step of the cluster model's year: reads and changes the World (see world.ts for its fields). */
export type ClusterProcess = ProcessSpec<World>;

/**
 * The yearly order of the cluster model (Perez-Aleman 2005, Sections 3.1-3.2); `derive` places
 * new processes relative to these names. The built-in steps read `world.cfg`; the flat values
 * passed to `run` are for processes a derived model adds.
 */
export const CLUSTER_PROCESSES: readonly ClusterProcess[] = Object.freeze([
  {
    name: 'clock',
    description: "Sets world.year to the calendar year and clears the year's flows.",
    run: (w: World, _p: ParamValues, clock: Readonly<Clock>) => {
      w.year = clock.calendarYear;
      w.entries = 0;
      w.exits = 0;
      w.deals = 0;
    },
  },
  {
    name: 'publicSector',
    description: 'Public experiments, discovery, the pilot, loans, co-financing and regulation (3.1, 3.2).',
    run: (w: World) => publicSector(w),
  },
  {
    name: 'entry',
    description: 'Entrants by type (groups, spin-offs, foreign firms, entrepreneurs) and imitation of successful local firms (3.1, 3.2).',
    run: (w: World) => entry(w),
  },
  { name: 'tutelage', description: 'Exacting foreign buyers and multinationals tutor firms (3.1).', run: (w: World) => tutelage(w) },
  {
    name: 'perception',
    description: 'Firms update their beliefs about their practice gaps from the signals monitoring gives them (2.3).',
    run: (w: World) => perception(w),
  },
  {
    name: 'upgrading',
    description: 'Effort on the gaps firms see closes them, faster where best practice is explicit; spillovers; the frontier moves.',
    run: (w: World) => upgrading(w),
  },
  { name: 'suppliers', description: 'Growers, spot purchases and forward contracts (3.1).', run: (w: World) => suppliers(w) },
  { name: 'market', description: "Output, buyers' acceptance of lots, exports, the world price, disease (3.1, 3.2).", run: (w: World) => market(w) },
  {
    name: 'association',
    description: 'Membership decisions, the standard, the seal, sanctions, the research institute (2.3, 3.1, 3.2).',
    run: (w: World) => association(w),
  },
  { name: 'investAndExit', description: 'Investment out of profits, scale economies, exit after losses.', run: (w: World) => investAndExit(w) },
  { name: 'acquisitions', description: 'Multinationals buy local firms; local firms consolidate (3.2).', run: (w: World) => acquisitions(w) },
  { name: 'services', description: 'The service and input layer grows with output.', run: (w: World) => services(w) },
  { name: 'record', description: "Records the year's metrics.", run: (w: World) => w.writer.write(w) },
]);

/**
 * One run; `strictNames` makes a read of a parameter the schema lacks throw (slower: for tests).
 * `processes` and `extraMetrics` let a derived model add steps of its own, which read the flat
 * `values` and record through `world.recorder`.
 */
export function runCluster(
  c: CaseName,
  values: ParamValues,
  seed: number,
  years = CASE_YEARS[c],
  strictNames = false,
  processes: readonly ClusterProcess[] = CLUSTER_PROCESSES,
  extraMetrics: readonly string[] = [],
): ClusterRun {
  const [start, end] = years;
  const cfg = nestOnce(values, strictNames);
  let runUp = cfg;
  if (cfg.start.established) {
    runUp = RUN_UP[c].get(cfg) ?? nest({ ...values, ...everyMechanism(c) }, strictNames);
    RUN_UP[c].set(cfg, runUp);
  }
  const w = new World(c, runUp, seed, start, end);
  const recorder = new Recorder({ startYear: start, endYear: end, metrics: extraMetrics.length ? [...metricNames(c), ...extraMetrics] : metricNames(c) });
  w.recorder = recorder;
  w.writer = new MetricWriter(recorder, c);
  const scheduler = new Scheduler({ startYear: start, endYear: end });
  const established = establishedSwitch(cfg, years);
  if (established) scheduler.process(established.name, (clock) => established.run(w, values, clock));
  for (const p of processes) scheduler.process(p.name, (clock) => p.run(w, values, clock));
  scheduler.run();
  for (const e of w.events) recorder.events.push(e);
  return { record: recorder.toRecord(seed), world: w };
}

/** Every node and edge the run created, with birth and end years, for the network view. */
export function networkHistory(w: World, years: [number, number]): NetworkHistory {
  const h = w.network.history();
  return {
    years,
    // Written at each year's end (metrics.ts) and at a firm's entry (world.ts addNode).
    sizeLabel: 'capacity of a lead firm (tonnes)',
    nodes: h.nodes.map((n) => ({
      id: String(n.id),
      label: w.nodeLabel(n.id),
      kind: n.kind,
      born: n.born,
      died: n.died,
      ...sizesOf(w, n.id, n.born, n.died, years[1]),
    })),
    edges: h.edges.map((e) => ({ source: String(e.source), target: String(e.target), kind: e.kind, born: e.born, ended: e.ended })),
  };
}

/**
 * A sized node's capacity in each year it is shown (born to the year before it left, or the last
 * year), to three significant figures: finer than a circle shows, and a salmon payload's hundreds
 * of firms stay small. `size` is the last of them, for readers of one size per node.
 */
function sizesOf(w: World, node: number, born: number, died: number | null | undefined, lastYear: number): { size?: number; sizes?: number[] } {
  if (node >= w.sized.length || !w.sized[node]) return {};
  const last = Math.min(died == null ? lastYear : died - 1, lastYear);
  if (last < born) return { size: threeFigures(w.sizeAt(node, born)) || undefined };
  const sizes: number[] = [];
  for (let year = born; year <= last; year++) sizes.push(threeFigures(w.sizeAt(node, year)));
  return { size: sizes[sizes.length - 1], sizes };
}

function threeFigures(x: number): number {
  return x > 0 && Number.isFinite(x) ? Number(x.toPrecision(3)) : 0;
}
