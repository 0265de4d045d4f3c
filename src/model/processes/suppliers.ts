/**
 * Growers and their processors (Perez-Aleman 2005, Section 3.1). On the spot market processors
 * lose raw material to rotting and irregular flow, and rivals poach each other's growers as
 * processors multiply. A processor that has learned to manage its supply chain (from foreign
 * tutelage, or from the association's agreements) moves its growers to yearly forward contracts
 * with technical assistance: losses fall and growers upgrade. A price agreement among the
 * association's members curbs poaching.
 */
import { countFirms } from '../firmLife';
import type { World } from '../world';

export function suppliers(w: World): void {
  if (!w.hasSuppliers) return;
  const p = w.params;
  const sp = p.suppliers;
  const rng = w.rng.suppliers;
  const f = w.firms;
  const fc = f.cols;
  const s = w.suppliers;
  const sc = s.cols;
  const nProc = countFirms(w);
  const contracts = p.mechanisms.supplierContracts;

  // Which processors know how to run contracts this year.
  let anyContracting = false;
  for (let i = 0; i < f.end; i++) {
    if (!f.alive[i]) continue;
    if (contracts && !fc.contractsKnown[i] && (fc.tutored[i] || (fc.member[i] && w.priceAgreement))) {
      fc.contractsKnown[i] = 1;
      w.event('contracts', `${w.labels[fc.node[i]]} moves its growers to forward contracts with technical assistance`);
    }
    if (fc.contractsKnown[i]) anyContracting = true;
  }
  // Others copy the contract model once they see it work (demonstration within the industry).
  if (contracts && anyContracting) {
    for (let i = 0; i < f.end; i++) {
      if (f.alive[i] && !fc.contractsKnown[i] && fc.capability[i] > 0.5 && rng.bernoulli(0.15)) fc.contractsKnown[i] = 1;
    }
  }

  const poach = nProc > 1 ? (sp.poachLoss * (nProc - 1)) / (nProc + 2) * (w.priceAgreement ? 0.3 : 1) : 0;
  w.poaching = poach;

  // Grower pass: learning, contract adoption, poaching, and counts per processor. Columns in
  // locals (no growers are added in this pass): the hot loop of the tomato case.
  const { capability: growerCap, firm: growerFirm, contract, node: growerNode } = sc;
  const { contractsKnown, supplierCount, contractCount, supplierCapSum, node: firmNode } = fc;
  for (let i = 0; i < f.end; i++) {
    supplierCount[i] = 0;
    contractCount[i] = 0;
    supplierCapSum[i] = 0;
  }
  const growerAlive = s.alive;
  for (let k = 0, end = s.end; k < end; k++) {
    if (!growerAlive[k]) continue;
    let owner = growerFirm[k];
    if (contract[k]) {
      growerCap[k] += sp.assistance * (1 - growerCap[k]);
    } else {
      growerCap[k] += 0.02 * (1 - growerCap[k]);
    }
    if (!contract[k] && contractsKnown[owner] && contracts && rng.bernoulli(sp.contractAdoption)) {
      contract[k] = 1;
    } else if (poach > 0 && rng.bernoulli(poach * (contract[k] ? 0.25 : 0.5))) {
      // A rival bids the grower away at harvest, even one its processor has trained: the supply
      // tie moves and the grower starts over on the spot market.
      const rival = randomOtherFirm(w, owner);
      if (rival >= 0) {
        w.network.endEdgeBetween(growerNode[k], firmNode[owner], 'supply', w.year);
        w.network.addEdge(growerNode[k], firmNode[rival], 'supply', w.year);
        growerFirm[k] = owner = rival;
        contract[k] = 0;
      }
    }
    supplierCount[owner]++;
    contractCount[owner] += contract[k];
    supplierCapSum[owner] += growerCap[k];
  }

  // Each processor needs enough growers for its capacity; drop or recruit the difference.
  for (let i = 0; i < f.end; i++) {
    if (!f.alive[i]) continue;
    const need = Math.ceil((fc.capacity[i] * sp.rawPerProduct) / sp.tonnesPerSupplier);
    const have = fc.supplierCount[i];
    if (have > need) {
      // Marked by a negative count; removed in the pass below.
      fc.supplierCount[i] = -(have - need);
    } else {
      const add = need - have;
      for (let a = 0; a < add; a++) addSupplier(w, i, contracts && fc.contractsKnown[i] === 1);
    }
  }
  for (let k = 0; k < s.end; k++) {
    if (!s.alive[k]) continue;
    const owner = sc.firm[k];
    if (fc.supplierCount[owner] < 0 && !(sc.contract[k] && rng.bernoulli(0.7))) {
      fc.supplierCount[owner]++;
      w.network.endEdgeBetween(sc.node[k], fc.node[owner], 'supply', w.year);
      w.retireNode(sc.node[k], w.year);
      s.remove(k);
    }
  }
  recount(w, poach);
}

function recount(w: World, poach: number): void {
  const sp = w.params.suppliers;
  const f = w.firms;
  const fc = f.cols;
  const s = w.suppliers;
  const sc = s.cols;
  for (let i = 0; i < f.end; i++) {
    fc.supplierCount[i] = 0;
    fc.contractCount[i] = 0;
    fc.supplierCapSum[i] = 0;
  }
  for (let k = 0; k < s.end; k++) {
    if (!s.alive[k]) continue;
    const o = sc.firm[k];
    fc.supplierCount[o]++;
    fc.contractCount[o] += sc.contract[k];
    fc.supplierCapSum[o] += sc.capability[k];
  }
  for (let i = 0; i < f.end; i++) {
    if (!f.alive[i]) continue;
    const n = fc.supplierCount[i];
    const contractShare = n > 0 ? fc.contractCount[i] / n : 0;
    fc.supplyLoss[i] = (1 - contractShare) * (sp.spotLoss + poach) + contractShare * sp.contractLoss;
  }
}

function addSupplier(w: World, firm: number, contract: boolean): void {
  const sp = w.params.suppliers;
  const node = w.addNode('supplier', `Grower ${++w.supplierCounter}`, w.year);
  w.suppliers.add({ capability: sp.initialCapability, firm, contract: contract ? 1 : 0, node });
  w.network.addEdge(node, w.firms.cols.node[firm], 'supply', w.year);
}

function randomOtherFirm(w: World, not: number): number {
  const f = w.firms;
  for (let tries = 0; tries < 8; tries++) {
    const i = w.rng.suppliers.int(f.end);
    if (f.alive[i] && i !== not) return i;
  }
  return -1;
}
