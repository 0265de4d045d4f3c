/**
 * The state's experiments (Perez-Aleman 2005, 3.1, 3.2 and 4). Public programmes, with foreign
 * technical cooperation, build know-how about the new activity; know-how raises the yearly hazard
 * that a viable way of doing it is discovered, and private trial and error can discover it too, so
 * whether the state is needed is an outcome, not a gate. The state may run a pilot firm, carried
 * until it is privatised.
 */
import { addFirm } from '../firmLife';
import { K } from '../schema';
import { Origin, type World } from '../world';
import { enterFirm } from './entry';

export function programmeActive(w: World): boolean {
  const s = w.cfg.state;
  return w.cfg.mechanisms.stateExperiments && ((w.year >= s.programStart && w.year <= s.programEnd) || w.year >= s.secondProgramStart);
}

/** Years since the last programme year (0 while one runs, Infinity before any or without the state). */
export function yearsSinceProgramme(w: World): number {
  const s = w.cfg.state;
  if (!w.cfg.mechanisms.stateExperiments || w.year < s.programStart) return Infinity;
  if (programmeActive(w)) return 0;
  return w.year < s.secondProgramStart ? w.year - s.programEnd : 0;
}

const levels = new Float64Array(K);

export function publicSector(w: World): void {
  const s = w.cfg.state;
  const m = w.cfg.mechanisms;
  const rng = w.rng.state;
  let gain = s.privateKnowhowGain;
  if (programmeActive(w)) {
    gain += s.knowhowGain * (m.foreignCooperation ? 1 : 1 - s.foreignCooperationShare);
    if (w.year === s.programStart) w.event('state', 'the state starts a public experimental programme');
    if (w.year === s.secondProgramStart) w.event('state', 'a second public programme with foreign cooperation starts');
  }
  w.knowhow += gain * (1 - w.knowhow);

  if (m.statePilot && w.year === s.pilotYear) {
    levels.fill(Math.max(w.cfg.entry.baseLevel, w.knowhow));
    w.pilotFirm = addFirm(w, {
      origin: Origin.Pilot,
      capacity: s.pilotCapacity,
      levels,
      cash: 0,
      pilot: true,
      label: w.caseName === 'tomato' ? 'Malloa (state pilot)' : 'Salmones Antártica (Fundación Chile)',
    });
    w.event('pilot', `the state founds the pilot firm ${w.label(w.pilotFirm)}`);
  }
  if (w.year === s.privatiseYear && w.pilotFirm >= 0 && w.firms.cols.pilot[w.pilotFirm]) {
    const fc = w.firms.cols;
    fc.pilot[w.pilotFirm] = 0;
    // New owners buy the plant, not the state's accumulated losses.
    fc.cash[w.pilotFirm] = w.cfg.firm.startCash * yearCost(w, fc.capacity[w.pilotFirm]);
    w.network.endEdgeBetween(w.stateNode, fc.node[w.pilotFirm], 'ownership', w.year);
    w.event('pilot', `${w.label(w.pilotFirm)} is privatised`);
  }

  if (!w.discovered) {
    const hazard = s.privateDiscovery + (m.stateExperiments ? s.publicDiscovery * w.knowhow : 0);
    if (rng.bernoulli(1 - Math.exp(-hazard))) {
      w.discovered = w.year;
      const spin = m.spinoffs && yearsSinceProgramme(w) <= s.spinoffYears;
      const id = enterFirm(w, spin ? Origin.Spinoff : Origin.Entrepreneur);
      w.event('discovery', `a first commercial venture shows the activity is viable here (${w.label(id)})`);
    }
  }
}

/** A year's costs of a firm of this capacity at reference price and cost. */
export function yearCost(w: World, capacity: number): number {
  return capacity * w.cfg.market.priceUSDperT * w.cfg.firm.costShare;
}
