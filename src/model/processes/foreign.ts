/**
 * Foreign firms (Perez-Aleman 2005, Sections 3.1, 3.2 and 4). Exacting buyers tutor a few capable
 * local firms for some years (the Japanese buyers of tomato paste); in the salmon case
 * multinationals later buy globally competitive local firms once the country has a reputation,
 * raising capability and capacity, and sometimes merging their purchases - which concentrates the
 * industry.
 */
import { removeFirm } from '../firmLife';
import type { World } from '../world';

export function tutelage(w: World): void {
  const p = w.params;
  if (!p.mechanisms.foreignTies) return;
  const fp = p.foreign;
  const f = w.firms;
  const fc = f.cols;
  for (let i = 0; i < f.end; i++) {
    if (f.alive[i] && fc.tutorLeft[i] > 0 && --fc.tutorLeft[i] === 0) {
      w.network.endEdgeBetween(w.buyerNode, fc.node[i], 'tutelage', w.year);
      w.event('tutelage', `foreign tutelage of ${w.labels[fc.node[i]]} ends`);
    }
  }
  if (w.year < fp.tieYear || fp.tutelageSlots === 0 || fp.tutelageYears === 0) return;
  if (w.buyerNode < 0) w.buyerNode = w.addNode('buyer', w.names.buyerName, w.year);
  // Buyers tutor the most capable untutored local firms that pass their bar, while slots last
  // (each slot is used once: the paper reports one round of tutelage).
  let used = 0;
  for (let i = 0; i < f.end; i++) if (f.alive[i] && fc.tutored[i]) used++;
  while (used < fp.tutelageSlots) {
    let best = -1;
    for (let i = 0; i < f.end; i++) {
      if (!f.alive[i] || fc.tutored[i] || fc.foreign[i] || fc.capability[i] < fp.tutelageMinCapability) continue;
      if (best < 0 || fc.capability[i] > fc.capability[best]) best = i;
    }
    if (best < 0) break;
    fc.tutored[best] = 1;
    fc.tutorLeft[best] = fp.tutelageYears;
    used++;
    w.network.addEdge(w.buyerNode, fc.node[best], 'tutelage', w.year);
    w.event('tutelage', `${w.names.buyerName} start tutoring ${w.labels[fc.node[best]]} for ${fp.tutelageYears} years`);
  }
}

export function acquisitions(w: World): void {
  const p = w.params;
  const m = p.mechanisms;
  if (!m.acquisitions || !m.foreignTies) return;
  const fp = p.foreign;
  const f = w.firms;
  const fc = f.cols;
  const rng = w.rng.foreign;
  const over = (w.reputation - fp.acquisitionReputation) / (1 - fp.acquisitionReputation);
  if (!(over > 0)) return;
  const deals = rng.poisson(fp.acquisitionRate * over);
  for (let d = 0; d < deals; d++) {
    // Targets: capable local firms, more likely the larger they are.
    let total = 0;
    for (let i = 0; i < f.end; i++) if (f.alive[i] && !fc.foreign[i] && !fc.statePilot[i] && fc.capability[i] >= 0.5) total += fc.output[i];
    if (!(total > 0)) return;
    let r = rng.uniform() * total;
    let target = -1;
    for (let i = 0; i < f.end && target < 0; i++) {
      if (f.alive[i] && !fc.foreign[i] && !fc.statePilot[i] && fc.capability[i] >= 0.5) {
        r -= fc.output[i];
        if (r < 0) target = i;
      }
    }
    if (target < 0) continue;
    const buyer = w.mncNodes.length > 0 && rng.bernoulli(fp.mergeShare) ? largestForeign(w) : -1;
    const label = w.labels[fc.node[target]];
    if (buyer >= 0) {
      fc.capacity[buyer] += fc.capacity[target];
      fc.cash[buyer] += Math.max(0, fc.cash[target]);
      if (fc.member[target] && !fc.member[buyer] && w.associationNode >= 0) {
        fc.member[buyer] = 1;
        w.network.addEdge(fc.node[buyer], w.associationNode, 'membership', w.year);
      }
      w.event('acquisition', `${w.labels[fc.node[buyer]]} buys ${label} and merges it into its operations`);
      removeFirm(w, target);
    } else {
      const parent = w.addNode('foreignFirm', `Multinational ${w.mncNodes.length + 1}`, w.year);
      w.mncNodes.push(parent);
      fc.foreign[target] = 1;
      fc.parent[target] = parent;
      fc.capability[target] = Math.max(fc.capability[target], fp.mncCapability);
      fc.capacity[target] *= 1 + fp.mncCapacityBoost;
      w.network.addEdge(parent, fc.node[target], 'ownership', w.year);
      w.event('acquisition', `a foreign multinational acquires ${label}`);
    }
  }
}

function largestForeign(w: World): number {
  const f = w.firms;
  const fc = f.cols;
  let best = -1;
  for (let i = 0; i < f.end; i++) {
    if (f.alive[i] && fc.foreign[i] && fc.parent[i] >= 0 && (best < 0 || fc.capacity[i] > fc.capacity[best])) best = i;
  }
  return best;
}
