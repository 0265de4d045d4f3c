/**
 * Foreign firms (Perez-Aleman 2005, 3.1, 3.2, 4). Exacting buyers tie up with local exporters,
 * likelier the more of their lots pass, and tutor a few of them for some years (the Japanese
 * buyers of tomato paste: slots and years are inputs, the timing is not). Multinationals acquire
 * capable local firms once the country has a reputation, bringing practice and capacity, or merge
 * them into a firm they already own - which concentrates the industry.
 */
import { removeFirm } from '../firmLife';
import { K } from '../schema';
import type { World } from '../world';

export function tutelage(w: World): void {
  const c = w.cfg;
  const fp = c.foreign;
  if (!c.mechanisms.tutelage || fp.tutelageSlots === 0 || fp.tutelageYears === 0) return;
  const f = w.firms;
  const fc = f.cols;
  const rng = w.rng.foreign;
  // Each slot is used once (the paper reports one round of tutelage), even if the firm later exits.
  let used = w.tutoredEver;
  for (let i = 0; i < f.end; i++) {
    if (!f.alive[i]) continue;
    if (fc.tutorLeft[i] > 0 && --fc.tutorLeft[i] === 0) {
      w.network.endEdgeBetween(w.buyerNode, fc.node[i], 'tutelage', w.year);
      w.event('tutelage', `foreign tutelage of ${w.label(i)} ends`);
    }
  }
  for (let i = 0; i < f.end && used < fp.tutelageSlots; i++) {
    if (!f.alive[i] || fc.tutored[i] || fc.foreign[i] || fc.exported[i] <= 0) continue;
    if (!rng.bernoulli(1 - Math.exp(-fp.tieRate * fc.acceptance[i]))) continue;
    if (w.buyerNode < 0) w.buyerNode = w.addNode('buyer', w.caseName === 'tomato' ? 'Japanese buyers' : 'Foreign buyers', w.year);
    fc.tutored[i] = 1;
    fc.tutorLeft[i] = fp.tutelageYears;
    used++;
    w.tutoredEver++;
    w.network.addEdge(w.buyerNode, fc.node[i], 'tutelage', w.year);
    w.event('tutelage', `foreign buyers start tutoring ${w.label(i)} for ${fp.tutelageYears} years`);
  }
}

/**
 * How far the country's reputation draws multinationals, 0..1: a logistic rise around
 * `foreign.acquisitionReputation`. It paces acquisitions and, with `foreignEntryOnReputation`,
 * foreign firms entering on their own.
 */
export function investorsDrawn(w: World): number {
  const fp = w.cfg.foreign;
  return 1 / (1 + Math.exp(-(w.reputation - fp.acquisitionReputation) / fp.acquisitionWidth));
}

export function acquisitions(w: World): void {
  const c = w.cfg;
  if (!c.mechanisms.acquisitions) return;
  const fp = c.foreign;
  const f = w.firms;
  const fc = f.cols;
  const rng = w.rng.foreign;
  const rate = fp.acquisitionRate * investorsDrawn(w);
  const deals = rng.poisson(rate);
  for (let d = 0; d < deals; d++) {
    // Targets: local firms, likelier the more they sell abroad.
    let total = 0;
    for (let i = 0; i < f.end; i++) if (f.alive[i] && !fc.foreign[i] && !fc.pilot[i]) total += fc.exported[i];
    if (!(total > 0)) return;
    let r = rng.uniform() * total;
    let target = -1;
    for (let i = 0; i < f.end && target < 0; i++) {
      if (!f.alive[i] || fc.foreign[i] || fc.pilot[i]) continue;
      r -= fc.exported[i];
      if (r < 0) target = i;
    }
    if (target < 0) continue;
    const label = w.label(target);
    const owner = w.mncNodes.length > 0 && rng.bernoulli(fp.mergeShare) ? largestForeignOwned(w) : -1;
    w.deals++;
    if (owner >= 0) {
      fc.capacity[owner] += fc.capacity[target];
      fc.cash[owner] += Math.max(0, fc.cash[target]);
      w.event('acquisition', `${w.label(owner)} buys ${label} and merges it into its operations`);
      removeFirm(w, target);
      continue;
    }
    const parent = w.addNode('multinational', `Multinational ${w.mncNodes.length + 1}`, w.year);
    w.mncNodes.push(parent);
    fc.foreign[target] = 1;
    for (let k = 0; k < K; k++) w.gap[target * K + k] *= 1 - fp.transfer;
    fc.capacity[target] *= 1 + fp.capacityBoost;
    w.network.addEdge(parent, fc.node[target], 'ownership', w.year);
    w.event('acquisition', `a foreign multinational acquires ${label}`);
  }
}

function largestForeignOwned(w: World): number {
  const f = w.firms;
  const fc = f.cols;
  let best = -1;
  for (let i = 0; i < f.end; i++) if (f.alive[i] && fc.foreign[i] && (best < 0 || fc.capacity[i] > fc.capacity[best])) best = i;
  return best;
}
