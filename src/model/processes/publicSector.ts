/**
 * The state's experiments (Perez-Aleman 2005, Sections 3.1-3.2 and 4): public programmes build
 * know-how about a new activity, with foreign technical cooperation; the state runs a pilot firm
 * and later privatises it. Private trial and error builds know-how too, but slowly.
 */
import { addFirm } from '../firmLife';
import { Origin, type World } from '../world';
import { clamp01 } from './entry';

export function programmeActive(w: World): boolean {
  const s = w.params.state;
  return w.params.mechanisms.stateExperiments && ((w.year >= s.programStart && w.year <= s.programEnd) || w.year >= s.secondProgramStart);
}

/** An established cluster in place at the start (for tests of what sustains a cluster). */
export function establish(w: World): void {
  const st = w.params.start;
  if (!st.established) return;
  const p = w.params;
  w.knowhow = st.capability;
  w.reputation = st.reputation;
  for (let k = 0; k < st.firms; k++) {
    const c = clamp01(st.capability + w.rng.entry.normal(0, p.entry.capabilitySpread));
    addFirm(w, { capability: c, capacity: p.entry.initialCapacity * 4, origin: Origin.Entrant, cash: p.firm.startCash * 4 * p.entry.initialCapacity * p.market.priceUSDperT });
  }
  w.event('start', `the run starts from an established cluster of ${st.firms} firms`);
}

export function publicSector(w: World): void {
  const p = w.params;
  const s = p.state;
  let gain = p.entry.privateDiscovery;
  if (programmeActive(w)) {
    // Foreign cooperation (JICA, missions abroad) is part of what the programmes learn from.
    const cooperation = p.mechanisms.foreignTies ? 1 : 1 - s.foreignCooperationShare;
    gain += s.knowledgeGain * cooperation;
    if (w.year === s.programStart) w.event('state', `${w.names.stateAgency} starts a public experimental programme`);
    if (w.year === s.secondProgramStart && s.secondProgramStart > s.programEnd) w.event('state', `a second public research programme starts`);
  }
  w.knowhow += gain * (1 - w.knowhow);

  if (p.mechanisms.stateExperiments && w.year === s.pilotFirmYear) {
    w.pilotFirm = addFirm(w, {
      capability: Math.min(1, w.knowhow),
      capacity: s.pilotCapacity,
      origin: Origin.StatePilot,
      statePilot: true,
      cash: 0,
      label: w.names.pilotName,
    });
    w.event('pilot', `the state founds the pilot firm ${w.names.pilotName}`);
  }
  if (w.year === s.privatiseYear && w.pilotFirm >= 0 && w.firms.isAlive(w.pilotFirm) && w.firms.cols.statePilot[w.pilotFirm]) {
    w.firms.cols.statePilot[w.pilotFirm] = 0;
    // New owners buy the plant, not the state's accumulated losses.
    w.firms.cols.cash[w.pilotFirm] = p.firm.startCash * w.firms.cols.capacity[w.pilotFirm] * p.market.priceUSDperT;
    w.network.endEdgeBetween(w.stateNode, w.firms.cols.node[w.pilotFirm], 'ownership', w.year);
    w.event('pilot', `${w.names.pilotName} is privatised`);
  }
}
