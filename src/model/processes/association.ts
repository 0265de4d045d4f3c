/**
 * The association and its learning-by-monitoring institutions (Perez-Aleman 2005, Sections 2.3,
 * 3.1, 3.2 and 4). It is founded when enough local firms trying to export share a problem severe
 * enough (a poor country reputation, supply losses); PROCHILE's co-financed export committees
 * bring firms together sooner. Members set a provisional standard a step above their median and
 * ratchet it as they improve; firms at the standard earn the seal; large firms join over time; the
 * association agrees prices and forward contracts with growers; it founds a research institute when
 * disease becomes a shared problem; and once most output carries the seal the state makes the
 * standard a regulation. The rival `fixed standard` replaces all this by a state-imposed level.
 */
import type { World } from '../world';

export function institutions(w: World): void {
  const p = w.params;
  const a = p.association;
  const m = p.mechanisms;
  const f = w.firms;
  const fc = f.cols;
  const rng = w.rng.institutions;
  if (!m.standardRatchet && w.year === a.fixedStandardYear) {
    w.standard = a.fixedStandard;
    w.event('standard', `the state imposes a fixed quality standard of ${a.fixedStandard.toFixed(2)}`);
  }
  if (!m.association) return;

  if (!w.associationFounded) {
    // Those who feel the shared problem: local exporters of at least average size (the firms
    // trying to sell abroad in volume, where the country's name is unknown).
    let lossSum = 0;
    let outSum = 0;
    let n = 0;
    for (let i = 0; i < f.end; i++) {
      if (!f.alive[i]) continue;
      n++;
      lossSum += fc.supplyLoss[i];
      outSum += fc.output[i];
    }
    const meanOut = n > 0 ? outSum / n : 0;
    let exposed = 0;
    for (let i = 0; i < f.end; i++) if (isExposed(w, i, meanOut)) exposed++;
    // The shared problem: an unknown country name, supply losses and poaching among processors
    // (tomato), or disease (salmon).
    const severity = Math.max(1 - w.reputation, n > 0 ? (2 * lossSum) / n : 0, 3 * w.poaching, 4 * w.diseaseLoss);
    const committees = m.stateFinance && w.year >= p.state.financeStart ? 1 - 0.5 * p.state.coFinanceShare : 1;
    const quorum = Math.max(2, Math.ceil(a.quorum * committees));
    if (exposed >= quorum && severity >= a.problemThreshold) found(w, meanOut);
    return;
  }

  // Joining: larger firms find the seal and the agreements worth more.
  for (let i = 0; i < f.end; i++) {
    if (!f.alive[i] || fc.member[i]) continue;
    const out = fc.output[i];
    if (rng.bernoulli((a.joinRate * out) / (out + a.joinScale))) join(w, i);
  }

  // The provisional standard: a step above the median member, never lowered.
  if (m.standardRatchet) {
    const median = memberMedian(w);
    const target = Math.min(1, median + a.ratchetStep);
    if (target > w.standard) w.standard = target;
  }

  // Seal: members whose product meets the standard (within one step of it).
  let sealed = 0;
  for (let i = 0; i < f.end; i++) {
    if (!f.alive[i]) continue;
    const ok = fc.member[i] === 1 && fc.quality[i] >= w.standard - a.ratchetStep;
    fc.certified[i] = ok ? 1 : 0;
    if (ok) sealed += fc.output[i];
  }
  if (!w.priceAgreement && w.hasSuppliers) {
    w.priceAgreement = true;
    w.event('agreement', `${w.names.associationName} members agree grower prices and yearly forward contracts`);
  }
  if (!w.researchInstitute && a.researchThreshold > 0 && p.market.diseaseLoss > 0) {
    const bar = a.researchThreshold * (m.stateFinance ? 1 - p.state.researchPublicShare : 1);
    if (w.diseaseLoss >= bar) {
      w.researchInstitute = true;
      const funded = m.stateFinance ? ` with ${Math.round(p.state.researchPublicShare * 100)}% public funding` : ' without public funding';
      w.event('research', `${w.names.associationName} founds a research institute on disease${funded}`);
      if (m.stateFinance) w.network.addEdge(w.stateNode, w.associationNode, 'finance', w.year);
    }
  }
  if (!w.regulation && m.stateExperiments && w.totalOutput > 0 && sealed / w.totalOutput >= p.state.regulationShare) {
    w.regulation = true;
    w.event('regulation', `${w.names.regulator} makes the association's standard mandatory for all plants`);
  }
}

function isExposed(w: World, i: number, meanOut: number): boolean {
  const fc = w.firms.cols;
  return w.firms.alive[i] === 1 && !fc.foreign[i] && fc.exported[i] > 0 && fc.output[i] >= w.params.association.minSize * meanOut;
}

function found(w: World, meanOut: number): void {
  const f = w.firms;
  w.associationFounded = w.year;
  w.associationNode = w.addNode('association', w.names.associationName, w.year);
  let founders = 0;
  for (let i = 0; i < f.end; i++) {
    if (isExposed(w, i, meanOut)) {
      join(w, i);
      founders++;
    }
  }
  if (w.params.mechanisms.standardRatchet) w.standard = Math.min(1, memberMedian(w) + w.params.association.ratchetStep);
  if (w.params.mechanisms.stateFinance && w.year >= w.params.state.financeStart) {
    w.network.addEdge(w.stateNode, w.associationNode, 'finance', w.year);
  }
  w.event('association', `${w.names.associationName} founded by ${founders} firms`, { founders });
}

function join(w: World, i: number): void {
  w.firms.cols.member[i] = 1;
  w.network.addEdge(w.firms.cols.node[i], w.associationNode, 'membership', w.year);
}

/** Median capability of members (insertion into a reused scratch buffer, no allocation). */
function memberMedian(w: World): number {
  const f = w.firms;
  const fc = f.cols;
  w.ensureScratch(f.end);
  const buf = w.scratch;
  let n = 0;
  for (let i = 0; i < f.end; i++) if (f.alive[i] && fc.member[i]) buf[n++] = fc.capability[i];
  if (n === 0) return 0;
  const view = buf.subarray(0, n);
  view.sort();
  return n % 2 ? view[(n - 1) >> 1] : 0.5 * (view[n / 2 - 1] + view[n / 2]);
}
