/**
 * One run of the cluster model: builds the world, orders the yearly processes on the engine's
 * scheduler and records the metrics. Every outcome comes out of these processes; nothing about the
 * paper's results is written in.
 */
import { Scheduler } from '../engine/scheduler';
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

/** Runs the model and returns the world (for networks and inspection) with its recorder filled. */
export function runWorld(caseName: CaseName, params: Params, seed: number | string, years = CASE_YEARS[caseName]): World {
  const [start, end] = years;
  const w = new World(params, CASE_NAMES[caseName], caseName === 'tomato', seed, start, end, caseMetrics(caseName));
  establish(w);
  const scheduler = new Scheduler({ startYear: start, endYear: end });
  scheduler
    .process('clock', (clock) => {
      w.year = clock.calendarYear;
    })
    .process('publicSector', () => publicSector(w))
    .process('entry', () => entry(w))
    .process('tutelage', () => tutelage(w))
    .process('suppliers', () => suppliers(w))
    .process('production', () => production(w))
    .process('learning', () => learning(w))
    .process('investAndExit', () => investAndExit(w))
    .process('institutions', () => institutions(w))
    .process('acquisitions', () => acquisitions(w))
    .process('reputation', () => reputation(w))
    .process('record', () => recordYear(w, caseName));
  scheduler.run();
  return w;
}
