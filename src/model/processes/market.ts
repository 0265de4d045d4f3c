/**
 * Production and the world market (Perez-Aleman 2005, Sections 3.1-3.2 and 4). Output depends on
 * capability, supply losses and (salmon) disease; product below the foreign buyers' quality
 * threshold is sold at home. Export prices rise with quality, with the association's seal and with
 * reputation: with collective reputation every shipment carries the country's name, without it each
 * firm has only the brand its own small volume can build. Prices fall when the cluster ships more
 * than the part of the world market it can reach, a part that grows with reputation and needs ties
 * to exacting foreign buyers.
 */
import type { World } from '../world';

export function worldMarket(w: World): number {
  const mk = w.params.market;
  return mk.worldMarketT * Math.exp(mk.worldGrowth * (w.year - mk.worldMarketYear));
}

export function production(w: World): void {
  const p = w.params;
  const mk = p.market;
  const m = p.mechanisms;
  const f = w.firms;
  // Columns in locals: the table's column object is too large for fast property access.
  const { capability, supplierCount, supplierCapSum, quality, capacity, supplyLoss, output, exported, certified, price, margin, cash } = f.cols;
  const alive = f.alive;
  const threshold = mk.exportThreshold;
  const weight = w.hasSuppliers ? p.suppliers.qualityWeight : 0;
  const inputs = m.foreignTies ? 1 + p.foreign.inputYieldBoost : 1;

  // Disease grows with the density of farms; the association's research institute cuts it.
  let disease = 0;
  if (mk.diseaseLoss > 0) {
    disease = (mk.diseaseLoss * w.totalOutput) / (w.totalOutput + mk.diseaseScaleT);
    if (w.researchInstitute) disease *= 1 - p.association.researchEffect * (m.stateFinance ? 1 : 1 - p.state.researchPublicShare);
    if (w.regulation) disease *= 0.85;
  }
  w.diseaseLoss = disease;

  let exportT = 0;
  let total = 0;
  for (let i = 0; i < f.end; i++) {
    if (!alive[i]) continue;
    const c = capability[i];
    const sq = w.hasSuppliers && supplierCount[i] > 0 ? supplierCapSum[i] / supplierCount[i] : c;
    const q = (1 - weight) * c + weight * sq;
    quality[i] = q;
    const out = capacity[i] * (0.55 + 0.45 * c) * (1 - supplyLoss[i]) * (1 - disease) * inputs;
    output[i] = out;
    total += out;
    if (q >= threshold) exportT += out;
  }

  const access = mk.accessShare * (0.4 + 0.6 * w.reputation) * (m.foreignTies ? 1 : mk.noTiesAccess);
  const reachable = worldMarket(w) * access;
  let demand = exportT > 0 ? Math.pow(reachable / exportT, mk.elasticity) : 1.5;
  demand = demand < 0.3 ? 0.3 : demand > 1.5 ? 1.5 : demand;
  w.demandFactor = demand;

  let value = 0;
  const P = mk.priceUSDperT;
  for (let i = 0; i < f.end; i++) {
    if (!alive[i]) continue;
    const q = quality[i];
    const out = output[i];
    let unitPrice: number;
    if (q >= threshold) {
      const grade = 0.7 + 0.6 * (q - threshold) / (1 - threshold);
      const brand = m.collectiveReputation ? w.reputation : (q * out) / (out + mk.brandVolumeT);
      unitPrice = P * grade * (0.7 + 0.6 * brand) * demand * (certified[i] ? 1 + p.association.sealPremium : 1);
      exported[i] = out;
      value += out * unitPrice;
    } else {
      unitPrice = P * mk.domesticPriceShare;
      exported[i] = 0;
    }
    price[i] = unitPrice;
    const revenue = out * unitPrice;
    const cost = capacity[i] * P * mk.costShare;
    margin[i] = (revenue - cost) / (capacity[i] * P);
    cash[i] += revenue - cost;
  }
  w.exportTonnes = exportT;
  w.exportValue = value;
  w.totalOutput = total;
  if (exportT > 0 && w.firstExportYear === 0) {
    w.firstExportYear = w.year;
    w.event('exports', `first shipments reach foreign buyers' quality (turning point)`);
  }
}

/**
 * Country reputation follows the quality of what is shipped, faster the more is shipped; shipments
 * barely above the buyers' threshold damage it. Under the association's seal buyers tell certified
 * product apart, so poor shipments hurt less.
 */
export function reputation(w: World): void {
  const mk = w.params.market;
  const f = w.firms;
  // Columns in locals: the table's column object is too large for fast property access.
  const { exported, quality, certified } = f.cols;
  const alive = f.alive;
  const threshold = mk.exportThreshold;
  if (w.exportTonnes <= 0) return;
  let qSum = 0;
  let bad = 0;
  for (let i = 0; i < f.end; i++) {
    if (!alive[i] || exported[i] <= 0) continue;
    // Buyers judge the country by the quality they receive; shipments that barely pass their
    // threshold are the ones that disappoint.
    qSum += quality[i] * exported[i];
    if (quality[i] < threshold + 0.05 && !certified[i]) bad += exported[i];
  }
  const q = qSum / w.exportTonnes;
  const badShare = (bad / w.exportTonnes) * (w.associationFounded ? 0.5 : 1);
  const speed = (mk.reputationRate * w.exportTonnes) / (w.exportTonnes + mk.reputationVolumeT);
  let r = w.reputation + speed * (q - w.reputation) - mk.badShipmentPenalty * badShare;
  r = r < 0 ? 0 : r > 1 ? 1 : r;
  w.reputation = r;
}
