/**
 * One run of the second cluster model: the world, the yearly processes in order on the engine's
 * scheduler, and the recorder. Every outcome comes out of these processes.
 */
import { Recorder, type RunRecord } from '../engine/recorder';
import { Scheduler, type Clock } from '../engine/scheduler';
import type { NetworkHistory, ParamValues, ProcessSpec } from '../engine/model';
import { nest } from './params';
import type { CaseName } from './schema';
import { K } from './schema';
import { MetricWriter, metricSpecs } from './metrics';
import { association } from './processes/association';
import { enterFirm, entry } from './processes/entry';
import { investAndExit } from './processes/firms';
import { acquisitions, tutelage } from './processes/foreign';
import { market } from './processes/market';
import { perception } from './processes/perception';
import { publicSector } from './processes/publicSector';
import { services } from './processes/services';
import { suppliers } from './processes/suppliers';
import { upgrading } from './processes/upgrading';
import { Origin, World } from './world';

export const CASE_YEARS: Record<CaseName, [number, number]> = { tomato: [1965, 2000], salmon: [1969, 2003] };

/** An established cluster in place at the start (to test what sustains one, H4). */
function establish(w: World): void {
  const st = w.cfg.start;
  if (!st.established) return;
  w.discovered = w.year;
  w.knowhow = st.level;
  w.reputation = st.reputation;
  const e = w.cfg.entry;
  const rng = w.rng.entry;
  let total = 0;
  for (let j = 0; j < st.firms; j++) {
    const id = enterFirm(w, rng.bernoulli(e.groupShare) ? Origin.Group : Origin.Entrepreneur);
    const fc = w.firms.cols;
    fc.origin[id] = Origin.Established;
    fc.capacity[id] = st.sizeMedian * Math.exp(rng.normal(0, e.sizeSigma));
    fc.cash[id] = Math.max(fc.cash[id], 0);
    fc.loanLeft[id] = 0;
    for (let k = 0; k < K; k++) {
      const level = st.level + rng.normal(0, e.levelNoise);
      w.gap[id * K + k] = Math.min(1, Math.max(0, 1 - level));
      w.perceived[id * K + k] = w.gap[id * K + k];
    }
    total += fc.capacity[id];
  }
  w.lastOutput = total;
  w.services = Math.round(total / w.cfg.services.tonnesPerFirm);
  for (let k = 0; k < w.services; k++) w.serviceNodes.push(w.addNode('service', `Service firm ${k + 1}`, w.year));
  w.entries = 0;
  w.event('start', `the run starts from an established cluster of ${st.firms} firms`);
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
  const cfg = nest(values, strictNames);
  const w = new World(c, cfg, seed, start);
  const recorder = new Recorder({ startYear: start, endYear: end, metrics: [...metricSpecs(c).map((m) => m.name), ...extraMetrics] });
  w.recorder = recorder;
  w.writer = new MetricWriter(recorder);
  establish(w);
  const scheduler = new Scheduler({ startYear: start, endYear: end });
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
    // Written at each year's end (metrics.ts) and at a firm's exit (firmLife.ts).
    sizeLabel: 'capacity of a lead firm in its last year (tonnes)',
    nodes: h.nodes.map((n) => ({ id: String(n.id), label: w.labels[n.id], kind: n.kind, born: n.born, died: n.died, size: w.sizes[n.id] || undefined })),
    edges: h.edges.map((e) => ({ source: String(e.source), target: String(e.target), kind: e.kind, born: e.born, ended: e.ended })),
  };
}
