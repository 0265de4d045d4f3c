/**
 * How firms close the gap to the international frontier (capability 1). Channels, each tied to the
 * paper (Perez-Aleman 2005): learning by doing and public consultancy (3.1-3.2); tutelage by a
 * foreign buyer (3.1); learning-by-monitoring against the association's provisional standard, which
 * guides a firm only while it is within reach (2.3); diffusion of practices the association makes
 * explicit (3.1, 4); tacit spillovers from neighbours, which need a cluster to exist (2.1); and, for
 * the rival theory only, imitation of the best foreign-owned firm.
 */
import { countFirms } from '../firmLife';
import type { World } from '../world';
import { programmeActive } from './publicSector';

/** How much a target `gap` ahead guides a firm: fully within reach, fading beyond it. */
function guidance(gap: number, reach: number): number {
  if (gap <= 0) return 0;
  return gap <= reach ? gap : reach * Math.exp(-(gap - reach) / reach);
}

export function learning(w: World): void {
  const p = w.params;
  const L = p.learning;
  const m = p.mechanisms;
  const f = w.firms;
  // Columns in locals: the table's column object is too large for fast property access.
  const { capability, certified, foreign, tutorLeft, member } = f.cols;
  const alive = f.alive;
  const rng = w.rng.learning;

  let n = 0;
  let capSum = 0;
  let certSum = 0;
  let certN = 0;
  let bestForeign = 0;
  for (let i = 0; i < f.end; i++) {
    if (!alive[i]) continue;
    n++;
    capSum += capability[i];
    if (certified[i]) {
      certSum += capability[i];
      certN++;
    }
    if (foreign[i] && capability[i] > bestForeign) bestForeign = capability[i];
  }
  if (n === 0) return;
  const mean = capSum / n;
  const explicit = certN > 0 ? certSum / certN : 0;
  const consult = programmeActive(w) ? p.state.consultRate : 0;
  const lbm = w.associationFounded > 0 && m.standardRatchet;
  const fixed = !m.standardRatchet && w.year >= p.association.fixedStandardYear;
  const coFinance = m.stateFinance && w.year >= p.state.financeStart ? 1 + p.state.coFinanceShare : 1;
  const spill = m.agglomeration ? (L.spillover * countFirms(w)) / (countFirms(w) + L.spilloverScale) : 0;

  for (let i = 0; i < f.end; i++) {
    if (!alive[i]) continue;
    const c = capability[i];
    const gap = 1 - c;
    let dc = L.byDoing * gap;
    if (tutorLeft[i] > 0) dc += L.tutelage * gap;
    if (consult > 0 && w.knowhow > c) dc += consult * (w.knowhow - c);
    // The association's standards reach non-members too (weaker: they are not in the discussions),
    // and everyone once the state makes them regulation.
    if (lbm) dc += L.monitoring * coFinance * guidance(w.standard - c, L.reach) * (member[i] || w.regulation ? 1 : 0.5);
    if (fixed) dc += L.monitoring * guidance(w.standard - c, L.reach);
    if (lbm && explicit > c) dc += L.diffusion * coFinance * (explicit - c) * (member[i] ? 1 : 0.4);
    if (spill > 0 && mean > c) dc += spill * (mean - c);
    if (m.foreignImitation && bestForeign > c) dc += L.imitation * (bestForeign - c);
    let next = c * (1 - L.frontierDrift) + dc + (L.noise > 0 ? rng.normal(0, L.noise) : 0);
    next = next < 0 ? 0 : next > 1 ? 1 : next;
    capability[i] = next;
  }
}
