/**
 * One run of the cluster model: builds the world, orders the yearly processes on the engine's
 * scheduler and records the metrics. Every outcome comes out of these processes; nothing about the
 * paper's results is written in.
 */
import { Scheduler, type Clock } from '../engine/scheduler';
import type { ParamValues, ProcessSpec } from '../engine/model';
import type { Params } from './parameters';
import { recordYear, SALMON_METRICS, TOMATO_METRICS } from './metrics';
import { entry } from './processes/entry';
import { acquisitions, tutelage } from './processes/foreign';
import { investAndExit } from './processes/firms';
import { institutions } from './processes/association';
import { learning } from './processes/learning';
import { production, reputation } from './processes/market';
import { establish, publicSector } from './processes/publicSector';
import { suppliers } from './processes/suppliers';
import { World, type CaseNames } from './world';

export type CaseName = 'tomato' | 'salmon';

export const CASE_YEARS: Record<CaseName, [number, number]> = { tomato: [1965, 2000], salmon: [1969, 2003] };

export const CASE_NAMES: Record<CaseName, CaseNames> = {
  tomato: {
    firmNoun: 'Processor',
    stateAgency: 'CORFO',
    pilotName: 'Malloa (state pilot)',
    associationName: 'FEPACH',
    buyerName: 'Japanese buyers',
    regulator: 'the state',
  },
  salmon: {
    firmNoun: 'Salmon farm',
    stateAgency: 'SERNAP / IFOP / Fundación Chile',
    pilotName: 'Salmones Antártica (Fundación Chile)',
    associationName: 'APSTC',
    buyerName: 'Foreign buyers',
    regulator: 'SERNAPESCA',
  },
};

export function caseMetrics(caseName: CaseName): readonly string[] {
  return caseName === 'tomato' ? TOMATO_METRICS : SALMON_METRICS;
}

/** A step of the cluster model's year: reads and changes the World (see world.ts for its fields). */
export type ClusterProcess = ProcessSpec<World>;

/**
 * The yearly order of the cluster model (Perez-Aleman 2005, Sections 3.1-3.2): the clock, then
 * the state, entry, foreign tutelage, suppliers, production, learning, investment and exit, the
 * association, acquisitions, reputation, and last the recording of the year's metrics. `derive`
 * places new processes relative to these names.
 */
export const CLUSTER_PROCESSES: readonly ClusterProcess[] = Object.freeze([
  { name: 'clock', description: 'Sets world.year to the calendar year.', run: (w: World, _p: ParamValues, clock: Readonly<Clock>) => void (w.year = clock.calendarYear) },
  { name: 'publicSector', description: 'Public programmes, pilot firm, loans and co-financing (3.1, 3.2).', run: (w: World) => publicSector(w) },
  { name: 'entry', description: 'Entry drawn by demonstration, spin-offs, exploration and foreign firms (3.2).', run: (w: World) => entry(w) },
  { name: 'tutelage', description: 'Exacting foreign buyers tutor firms (3.1).', run: (w: World) => tutelage(w) },
  { name: 'suppliers', description: 'Growers, spot purchases and forward contracts (3.1).', run: (w: World) => suppliers(w) },
  { name: 'production', description: 'Output, quality, exports, prices and margins (3.1, 3.2).', run: (w: World) => production(w) },
  { name: 'learning', description: 'Capability: by doing, tutelage, monitoring, diffusion, spillovers (2.3, 3.1, 3.2).', run: (w: World) => learning(w) },
  { name: 'investAndExit', description: 'Capacity growth out of profits; exit after losses.', run: (w: World) => investAndExit(w) },
  { name: 'institutions', description: 'The association: founding, standards, seal, research (2.3, 3.1, 3.2).', run: (w: World) => institutions(w) },
  { name: 'acquisitions', description: 'Multinationals buy and merge local firms (3.2).', run: (w: World) => acquisitions(w) },
  { name: 'reputation', description: 'Country reputation from the quality and volume of exports (3.2).', run: (w: World) => reputation(w) },
  { name: 'record', description: "Records the year's metrics.", run: (w: World) => recordYear(w, w.hasSuppliers ? 'tomato' : 'salmon') },
]);

const NO_VALUES: ParamValues = Object.freeze({});

/**
 * Runs the model and returns the world (for networks and inspection) with its recorder filled.
 * `processes` and `extraMetrics` let a derived model add steps of its own; `values` are the flat
 * parameter values those steps read (the built-in steps read `world.params`).
 */
export function runWorld(
  caseName: CaseName,
  params: Params,
  seed: number | string,
  years = CASE_YEARS[caseName],
  processes: readonly ClusterProcess[] = CLUSTER_PROCESSES,
  values: ParamValues = NO_VALUES,
  extraMetrics: readonly string[] = [],
): World {
  const [start, end] = years;
  const metrics = extraMetrics.length ? [...caseMetrics(caseName), ...extraMetrics] : caseMetrics(caseName);
  const w = new World(params, CASE_NAMES[caseName], caseName === 'tomato', seed, start, end, metrics);
  establish(w);
  const scheduler = new Scheduler({ startYear: start, endYear: end });
  for (const p of processes) scheduler.process(p.name, (clock) => p.run(w, values, clock));
  scheduler.run();
  return w;
}
