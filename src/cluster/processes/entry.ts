/**
 * Entry of lead firms (Perez-Aleman 2005, 3.1-3.2). Once viability is discovered, ventures enter
 * by exploration and, above all, drawn by the margins incumbents show (demonstration); staff of the
 * public programmes start spin-offs carrying public know-how (in salmon once ventures show that
 * farming pays: "two commercial ventures demonstrated success", 3.2); economic groups from other sectors
 * bring size and cash; foreign firms bring practice. Entrants imitate the practices of the most
 * successful local firm ("other Chilean firms ... entered the industry, following the new model").
 * Sizes are lognormal by type. A state loan carries an entrant's early losses. Foreign firms may
 * wait, as acquiring multinationals do, until the country's reputation draws them.
 */
import { addFirm, type NewFirm } from '../firmLife';
import { K } from '../schema';
import { Origin, type World } from '../world';
import { siteRoom } from './firms';
import { investorsDrawn } from './foreign';
import { yearCost, yearsSinceProgramme } from './publicSector';

const levels = new Float64Array(K);
/** The entrant being added, one at a time and refilled for each (addFirm keeps nothing of it). */
const entrant: NewFirm = { origin: Origin.Entrepreneur, capacity: 0, levels, cash: 0, foreign: false, loanYears: 0 };

/** The live local firm with the best margin among those selling abroad, or -1. */
export function bestLocal(w: World): number {
  const f = w.firms;
  const { margin, foreign, exported } = f.cols;
  let best = -1;
  for (let i = 0; i < f.end; i++) {
    if (!f.alive[i] || foreign[i] || exported[i] <= 0) continue;
    if (best < 0 || margin[i] > margin[best]) best = i;
  }
  return best;
}

export function enterFirm(w: World, origin: Origin): number {
  const c = w.cfg;
  const e = c.entry;
  const rng = w.rng.entry;
  const foreign = origin === Origin.Foreign;
  const median = origin === Origin.Foreign ? e.sizeForeign : origin === Origin.Group ? e.sizeGroup : e.sizeSpinoff;
  const capacity = median * Math.exp(rng.normal(0, e.sizeSigma));
  // Know-how about the activity (public and private): full for programme staff, partial for
  // others (consultancy, publications, word of mouth).
  const access = origin === Origin.Spinoff ? 1 : c.state.publicAccess;
  const model = c.mechanisms.imitation ? bestLocal(w) : -1;
  for (let k = 0; k < K; k++) {
    let level = foreign ? e.foreignLevel : e.baseLevel + access * Math.max(0, w.knowhow - e.baseLevel);
    if (model >= 0) {
      const their = 1 - w.gap[model * K + k];
      if (their > level) level += e.imitationShare * (their - level);
    }
    levels[k] = level + rng.normal(0, e.levelNoise);
  }
  const cashYears = c.firm.startCash + (origin === Origin.Group || foreign ? c.firm.groupCash : 0);
  const loan = c.mechanisms.stateLoans && !foreign ? c.state.loanYears : 0;
  entrant.origin = origin;
  entrant.capacity = capacity;
  entrant.cash = cashYears * yearCost(w, capacity);
  entrant.foreign = foreign;
  entrant.loanYears = loan;
  const id = addFirm(w, entrant);
  if (model >= 0) w.network.addEdge(w.firms.cols.node[id], w.firms.cols.node[model], 'imitation', w.year);
  return id;
}

export function entry(w: World): void {
  if (!w.discovered || w.year === w.discovered) return;
  const c = w.cfg;
  const e = c.entry;
  const m = c.mechanisms;
  const rng = w.rng.entry;
  const f = w.firms;
  const { margin } = f.cols;
  let shown = 0;
  let proven = 0;
  for (let i = 0; i < f.end; i++) {
    if (!f.alive[i] || !(margin[i] > e.hurdle)) continue;
    shown += Math.min(1, margin[i] - e.hurdle);
    proven++;
  }
  const n = f.count;
  let pull = e.demonstration * shown;
  if (m.agglomeration) pull *= 1 + (c.agglomeration.entryPull * n) / (n + c.agglomeration.scale);
  // Suitable sites fill up: each lead firm holds at least the minimum, large ones several.
  const room = siteRoom(w);
  pull *= room;
  let spin = m.spinoffs && yearsSinceProgramme(w) <= c.state.spinoffYears ? c.state.spinoffRate * w.knowhow : 0;
  // Staff leave the programme to farm once ventures show it pays (3.2), not while it is unproven.
  if (m.spinoffsAwaitProof && proven < c.state.spinoffProof) spin *= proven / c.state.spinoffProof;
  const nSpin = rng.poisson(spin);
  const nOther = rng.poisson(e.exploration * room + pull);
  for (let k = 0; k < nSpin; k++) enterFirm(w, Origin.Spinoff);
  const foreignShare = m.foreignEntryOnReputation ? e.foreignShare * investorsDrawn(w) : e.foreignShare;
  for (let k = 0; k < nOther; k++) {
    const foreign = m.foreignEntry && rng.bernoulli(foreignShare);
    enterFirm(w, foreign ? Origin.Foreign : rng.bernoulli(e.groupShare) ? Origin.Group : Origin.Entrepreneur);
  }
}
