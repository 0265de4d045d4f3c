/**
 * Production and the world market (Perez-Aleman 2005, 3.1, 3.2 and 4). The world price falls as
 * world supply, Chile's included, outgrows demand. Disease outbreaks, likelier the denser the
 * farms, take most from firms with poor sanitary practice (a selection event). A firm ships its
 * output in lots; a foreign buyer accepts a lot with a probability that rises smoothly with the
 * firm's quality around the buyers' requirement, so exporting is a chance, never a gate. Rejected
 * output goes to a small home market. Export prices rise with the premium share of the product
 * (fresh fillets; high-grade paste), with the country's reputation (or, without collective
 * reputation, the firm's own brand) and with the seal as far as buyers trust it. Profit is revenue
 * less costs that fall with scale, with practice and with local services.
 */
import { K, PROCESSING, SANITARY } from '../schema';
import type { World } from '../world';

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function worldSupplyPrice(w: World): number {
  const mk = w.cfg.market;
  if (!w.cfg.mechanisms.worldPrice) return mk.priceUSDperT;
  const dt = w.year - mk.priceYear;
  const demand = mk.restOfWorldT * Math.exp(mk.demandGrowth * dt);
  const supply = mk.restOfWorldT * Math.exp(mk.restGrowth * dt) + w.lastOutput;
  return mk.priceUSDperT * Math.pow(demand / supply, 1 / mk.demandElasticity);
}

export function market(w: World): void {
  const c = w.cfg;
  const mk = c.market;
  const m = c.mechanisms;
  const rng = w.rng.market;
  const f = w.firms;
  const fc = f.cols;
  const {
    capacity,
    output,
    exported,
    revenue,
    margin,
    cash,
    quality,
    acceptance,
    premiumShare,
    supplyLoss,
    brand,
    effort,
    certified,
    profit,
    loanLeft,
    pilot,
  } = fc;
  const gap = w.gap;

  let price = worldSupplyPrice(w);
  if (mk.priceNoise > 0) price *= Math.exp(rng.normal(0, mk.priceNoise) - 0.5 * mk.priceNoise * mk.priceNoise);
  w.worldPrice = price;
  w.trailingPrice = w.trailingPrice > 0 ? w.trailingPrice + mk.memory * (price - w.trailingPrice) : price;

  // Disease: density of farming raises the hazard of an outbreak; the institute's coordinated
  // control lowers it.
  w.outbreak = 0;
  if (m.disease && c.disease.baseHazard > 0 && w.lastOutput > 0) {
    const density = w.lastOutput / c.disease.carryingT;
    let hazard = c.disease.baseHazard * density * density;
    if (m.researchInstitute && w.researchInstitute > 0) hazard *= 1 - c.association.researchEffect;
    if (rng.bernoulli(1 - Math.exp(-hazard))) {
      const weakest = c.disease.weakestShare;
      w.outbreak = c.disease.severity * (weakest + (1 - weakest) * rng.uniform());
    }
  }

  const yieldGain = m.foreignInputs ? 1 + c.foreign.inputYield : 1;
  const firmP = c.firm;
  const P0 = mk.priceUSDperT;
  let services = 1 - (m.agglomeration ? (c.agglomeration.costSaving * w.services) / (w.services + c.agglomeration.serviceHalf) : 0);
  if (services < 0) services = 0;
  let total = 0;
  let lost = 0;
  let domestic = 0;
  for (let i = 0; i < f.end; i++) {
    if (!f.alive[i]) continue;
    const base = i * K;
    let gapSum = 0;
    for (let k = 0; k < K; k++) gapSum += gap[base + k];
    const q = 1 - gapSum / K;
    quality[i] = q;
    const potential = capacity[i] * (firmP.yieldBase + (1 - firmP.yieldBase) * q) * (1 - supplyLoss[i]) * yieldGain;
    const sick = w.outbreak > 0 ? w.outbreak * gap[base + SANITARY] : 0;
    const out = potential * (1 - sick);
    lost += potential - out;
    output[i] = out;
    total += out;
    const a = logistic((q - mk.requirement) / mk.acceptanceWidth);
    acceptance[i] = a;
    // Through the column (binomialOf), so that the probability is not boxed per firm.
    const accepted = rng.binomialOf(mk.lots, acceptance, i) / mk.lots;
    exported[i] = out * accepted;
    domestic += out - exported[i];
    premiumShare[i] = m.productUpgrading ? mk.premiumMaxShare * logistic((1 - gap[base + PROCESSING] - mk.premiumLevel) / mk.acceptanceWidth) : 0;
  }
  w.diseaseLoss = total + lost > 0 ? lost / (total + lost) : 0;
  w.recentDisease += mk.memory * (w.diseaseLoss - w.recentDisease);
  const homeFill = domestic > mk.domesticCapacityT ? mk.domesticCapacityT / domestic : 1;
  const homePrice = price * mk.domesticPriceShare;

  let exportT = 0;
  let value = 0;
  let sealedT = 0;
  let sealedPass = 0;
  let rejected = 0;
  const sealBonus = m.association && m.seal ? c.association.sealPremium * w.credibility : 0;
  for (let i = 0; i < f.end; i++) {
    if (!f.alive[i]) continue;
    const out = output[i];
    const ex = exported[i];
    if (!m.collectiveReputation && out > 0) {
      const speed = (mk.reputationRate * ex) / (ex + mk.brandVolumeT);
      brand[i] += speed * (acceptance[i] - brand[i]);
    }
    const rep = m.collectiveReputation ? w.reputation : brand[i];
    const unit = price * (1 + mk.premiumMarkup * premiumShare[i]) * (1 - mk.reputationWeight + mk.reputationWeight * rep) * (certified[i] ? 1 + sealBonus : 1);
    const rev = ex * unit + (out - ex) * homeFill * homePrice;
    revenue[i] = rev;
    exportT += ex;
    value += ex * unit;
    if (certified[i]) {
      sealedT += out;
      sealedPass += ex;
    } else if (out > 0) rejected += out - ex;
    const scale = capacity[i] < firmP.referenceT ? Math.pow(capacity[i] / firmP.referenceT, -firmP.scaleEconomies) : 1;
    const unitCost = P0 * firmP.costShare * scale * (1 + firmP.gapCost * (1 - quality[i])) * services;
    const cost = capacity[i] * (unitCost + P0 * c.practices.effortCost * effort[i]);
    let pr = rev - cost;
    // The state carries its pilot and, under a loan, an entrant's losses.
    if (pr < 0 && (pilot[i] || loanLeft[i] > 0)) pr = 0;
    profit[i] = pr;
    margin[i] = (rev - cost) / (capacity[i] * P0);
    cash[i] += pr;
  }
  w.exportTonnes = exportT;
  w.exportValue = value;
  w.lastOutput = total;
  w.totalOutput = total;

  // Reputation follows buyers' experience of Chilean lots, faster the more they receive; rejected
  // lots without a seal to tell firms apart pull it down.
  if (total > 0 && exportT > 0) {
    const speed = (mk.reputationRate * exportT) / (exportT + mk.reputationVolumeT);
    const experience = exportT / (exportT + rejected + (sealedT - sealedPass));
    const r = w.reputation + speed * (experience - w.reputation) - ((mk.badPenalty * rejected) / (total + 1e-9)) * speed;
    w.reputation = r < 0 ? 0 : r > 1 ? 1 : r;
  }
  if (sealedT > 0) w.credibility += c.association.credibilityRate * (sealedPass / sealedT - w.credibility);
}
