/**
 * Entry of lead firms. Entrants come from three sources (Perez-Aleman 2005, Section 3.2): people
 * leaving the public programmes (spin-offs carrying public know-how), firms from other sectors drawn
 * by the margins incumbents demonstrate, and a trickle of exploratory ventures. State loans (CORFO)
 * make entry easier and carry early losses; agglomeration, when switched on, adds the pull of a
 * cluster already in place (Section 2.1) - which is nothing while there is no cluster.
 */
import { addFirm, countFirms } from '../firmLife';
import { Origin, type World } from '../world';
import { programmeActive } from './publicSector';

export function entry(w: World): void {
  const p = w.params;
  const m = p.mechanisms;
  const rng = w.rng.entry;
  const { alive, end } = w.firms;
  const { margin } = w.firms.cols;

  const hurdle = p.entry.hurdle;
  let shown = 0;
  for (let i = 0; i < end; i++) if (alive[i] && margin[i] > hurdle) shown += Math.min(1, margin[i] - hurdle);
  const n = countFirms(w);
  let pull = p.entry.demonstration * shown;
  if (m.agglomeration) pull *= 1 + n / (n + p.learning.spilloverScale);
  // Suitable sites fill up: the last ones are the hardest to get.
  const room = Math.max(0, 1 - n / p.entry.sites);
  pull *= room;
  const finance = m.stateFinance ? 1 + p.state.entrySubsidy : 1;
  // Nobody starts a venture before experiments show the activity can work here.
  const viable = Math.max(0, (w.knowhow - p.state.viability) / (1 - p.state.viability));
  const spinoffs = programmeActive(w) ? p.state.spinoffRate * viable : 0;
  const explore = viable > 0 ? p.entry.exploration : 0;

  const nSpin = rng.poisson(spinoffs * finance);
  const nOther = rng.poisson(pull * finance);
  const cap = p.entry.initialCapacity;
  const cashYears = m.stateFinance ? p.firm.startCash + 1 : p.firm.startCash;
  const cash = cashYears * cap * p.market.priceUSDperT;
  for (let k = 0; k < nSpin; k++) {
    const c = clamp01(0.95 * w.knowhow + rng.normal(0, p.entry.capabilitySpread));
    const id = addFirm(w, { capability: c, capacity: cap, origin: Origin.Spinoff, cash });
    if (m.stateFinance) w.network.addEdge(w.stateNode, w.firms.cols.node[id], 'finance', w.year);
  }
  const nExplore = rng.poisson(explore * finance);
  for (let k = 0; k < nOther + nExplore; k++) {
    // Foreign firms come only when shown a working industry, never to explore.
    const foreign = k < nOther && m.foreignTies && rng.bernoulli(p.entry.foreignShare);
    const base = foreign ? Math.max(p.foreign.mncCapability * 0.8, p.entry.initialCapability) : p.entry.initialCapability + 0.5 * w.knowhow;
    const c = clamp01(base + rng.normal(0, p.entry.capabilitySpread));
    const id = addFirm(w, { capability: c, capacity: cap, origin: foreign ? Origin.ForeignEntrant : Origin.Entrant, foreign, cash });
    if (m.stateFinance && !foreign) w.network.addEdge(w.stateNode, w.firms.cols.node[id], 'finance', w.year);
  }
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
