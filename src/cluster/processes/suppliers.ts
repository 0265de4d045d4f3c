/**
 * Growers and processors (Perez-Aleman 2005, 3.1), tomato only. On the spot market processors lose
 * raw material to rotting and irregular flow, and rivals bid each other's growers away as
 * processors multiply; the members' price agreement curbs that. A processor that has learned to
 * manage its supply chain moves its growers to yearly forward contracts with technical assistance
 * (how far, follows its supply-management practice), which cuts losses and, in upgrading, makes
 * cultivation practice explicit to its growers. Growers are counted per processor from its raw
 * material needs.
 */
import { K, SUPPLY } from '../schema';
import type { World } from '../world';

export function suppliers(w: World): void {
  if (w.caseName !== 'tomato') return;
  const c = w.cfg;
  const sp = c.suppliers;
  const m = c.mechanisms;
  const f = w.firms;
  const { contractShare, supplyLoss, growers, capacity } = f.cols;
  const n = f.count;
  const agreement = m.association && m.priceAgreement && w.founded > 0;
  let poach = n > 1 ? (sp.poachLoss * (n - 1)) / (n - 1 + sp.poachRivalsHalf) : 0;
  if (agreement) poach *= 1 - c.association.agreementEffect;
  w.poaching = poach;
  for (let i = 0; i < f.end; i++) {
    if (!f.alive[i]) continue;
    const target = m.supplierContracts ? 1 - w.gap[i * K + SUPPLY] : 0;
    contractShare[i] += sp.contractAdoption * (target - contractShare[i]);
    const cs = contractShare[i];
    supplyLoss[i] = (1 - cs) * (sp.spotLoss + poach) + cs * sp.contractLoss;
    growers[i] = Math.ceil((capacity[i] * sp.rawPerProduct) / sp.tonnesPerGrower);
  }
}
