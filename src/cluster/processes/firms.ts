/**
 * Investment, exit and consolidation (Perez-Aleman 2005, 3.2). Firms reinvest part of their
 * profit in capacity (foreign-owned ones faster, with a parent's capital); loss-making firms cut
 * capacity and exit once their accumulated losses pass a limit, unless a state loan or the state
 * as owner carries them; profitable local firms absorb loss-making local ones.
 */
import { removeFirm } from '../firmLife';
import type { World } from '../world';
import { yearCost } from './publicSector';

export function investAndExit(w: World): void {
  const c = w.cfg;
  const fp = c.firm;
  const f = w.firms;
  const fc = f.cols;
  const P0 = c.market.priceUSDperT;
  // Where capacity needs sites, the raw material they can still supply limits how fast firms grow.
  const room = c.mechanisms.siteBoundGrowth ? rawMaterialRoom(w) : 1;
  for (let i = 0; i < f.end; i++) {
    if (!f.alive[i]) continue;
    if (fc.loanLeft[i] > 0 && --fc.loanLeft[i] === 0) w.network.endEdgeBetween(w.stateNode, fc.node[i], 'finance', w.year);
    if (fc.pilot[i]) continue;
    const profit = fc.profit[i];
    if (profit > 0) {
      const invest = fp.investShare * profit;
      let g = invest / (fp.capitalPerT * P0 * fc.capacity[i]);
      const cap = fp.growthMax + (fc.foreign[i] ? c.foreign.growthBonus : 0);
      if (g > cap) g = cap;
      if (c.mechanisms.siteBoundGrowth) g *= room;
      fc.cash[i] -= g * fp.capitalPerT * P0 * fc.capacity[i];
      fc.capacity[i] *= 1 + g;
    } else if (fc.margin[i] < 0) {
      fc.capacity[i] *= 1 - fp.shrink;
    }
    if (fc.loanLeft[i] === 0 && fc.cash[i] < -fp.exitLoss * yearCost(w, fc.capacity[i])) removeFirm(w, i);
  }
  if (c.mechanisms.consolidation) consolidate(w);
}

/** Share of the suitable sites still free: each firm holds at least the minimum, large ones more. */
export function siteRoom(w: World): number {
  const e = w.cfg.entry;
  const f = w.firms;
  const { capacity } = f.cols;
  let used = 0;
  for (let i = 0; i < f.end; i++) if (f.alive[i]) used += Math.max(e.minSites, capacity[i] / e.tonnesPerSite);
  return used >= e.sites ? 0 : 1 - used / e.sites;
}

/**
 * Share of the sites' raw material that no firm's capacity uses yet. Growth is bound by it rather
 * than by the sites held, since a firm holding a site need not use all it can supply.
 */
export function rawMaterialRoom(w: World): number {
  const e = w.cfg.entry;
  const f = w.firms;
  const { capacity } = f.cols;
  let used = 0;
  for (let i = 0; i < f.end; i++) if (f.alive[i]) used += capacity[i];
  const supply = e.sites * e.tonnesPerSite;
  return used >= supply ? 0 : 1 - used / supply;
}

function consolidate(w: World): void {
  const c = w.cfg;
  const f = w.firms;
  const fc = f.cols;
  const rng = w.rng.firms;
  // Buyers are profitable local firms, chosen in proportion to capacity; the total is kept up to
  // date as targets are absorbed, so the pass is linear in firms but for the draws.
  let total = 0;
  for (let j = 0; j < f.end; j++) if (f.alive[j] && !fc.foreign[j] && fc.margin[j] > 0) total += fc.capacity[j];
  for (let i = 0; i < f.end; i++) {
    if (!f.alive[i] || fc.foreign[i] || fc.pilot[i] || fc.margin[i] >= 0 || !rng.bernoulli(c.consolidation.rate)) continue;
    if (!(total > 0)) return;
    let r = rng.uniform() * total;
    let buyer = -1;
    for (let j = 0; j < f.end && buyer < 0; j++) {
      if (!f.alive[j] || fc.foreign[j] || !(fc.margin[j] > 0)) continue;
      r -= fc.capacity[j];
      if (r < 0) buyer = j;
    }
    if (buyer < 0) continue;
    fc.capacity[buyer] += fc.capacity[i];
    total += fc.capacity[i];
    w.deals++;
    w.event('consolidation', `${w.label(buyer)} absorbs ${w.label(i)}`);
    removeFirm(w, i);
  }
}
