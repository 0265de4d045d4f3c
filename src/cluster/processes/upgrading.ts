/**
 * How firms close their practice gaps. A firm's effort grows with the gap it believes it has (so
 * what it does not see it does not fix) and is spread over practices in proportion to the gaps it
 * perceives, concentrated on the worst. Effort closes a gap by trial and error, and much faster
 * where best practice is explicit to the firm (Perez-Aleman 2005, 3.1 and 4: standards "convert
 * tacit knowledge into explicit form"): public know-how, the association's standard (members fully,
 * non-members partly, everyone once it is regulation), a foreign buyer's tutelage, the technical
 * assistance that comes with grower contracts, the research institute, and the practice of a
 * successful local firm it imitates. Tacit spillovers among neighbours need a cluster (2.1). World
 * best practice moves on every year, unseen by the firm.
 */
import { CULTIVATION, K, PROCESSING, QUALITY, SANITARY, SUPPLY } from '../schema';
import type { World } from '../world';
import { bestLocal } from './entry';

const meanLevel = new Float64Array(K);
const bestForeignLevel = new Float64Array(K);

function avail(codified: number, level: number, width: number): number {
  const x = (codified - level) / width;
  return x <= 0 ? 0 : x >= 1 ? 1 : x;
}

export function upgrading(w: World): void {
  const c = w.cfg;
  const P = c.practices;
  const m = c.mechanisms;
  const f = w.firms;
  const { member, foreign, tutorLeft, origin, pilot, contractShare, effort, certified, quality } = f.cols;
  const gap = w.gap;
  const seen = w.perceived;
  const n = f.count;
  if (n === 0) return;

  meanLevel.fill(0);
  bestForeignLevel.fill(0);
  for (let i = 0; i < f.end; i++) {
    if (!f.alive[i]) continue;
    for (let k = 0; k < K; k++) {
      const level = 1 - gap[i * K + k];
      meanLevel[k] += level / n;
      if (foreign[i] && level > bestForeignLevel[k]) bestForeignLevel[k] = level;
    }
  }
  const model = m.imitation ? bestLocal(w) : -1;
  const standardOn = m.association && m.codification && w.founded > 0;
  const regulated = m.regulation && w.regulation > 0;
  const spill = m.agglomeration ? (c.agglomeration.spillover * n) / (n + c.agglomeration.scale) : 0;
  const publicKnow = w.knowhow;
  const sealLevel = sealQuality(w);
  const width = P.codifyWidth;

  for (let i = 0; i < f.end; i++) {
    if (!f.alive[i]) continue;
    const base = i * K;
    let seenSum = 0;
    let weightSum = 0;
    for (let k = 0; k < K; k++) {
      const s = seen[base + k] > 0.001 ? seen[base + k] : 0.001;
      seenSum += s;
      weightSum += Math.pow(s, P.focus);
    }
    let e = P.effortMax * (1 - Math.exp(-seenSum / K / P.effortScale));
    // Members who see themselves short of the seal try harder where failing costs them the seal.
    if (m.seal && m.sanctions && member[i] && standardOn && !certified[i] && quality[i] < sealLevel) e *= 1 + c.association.complianceBoost;
    effort[i] = e;
    const access = standardOn ? (member[i] || regulated ? 1 : c.association.nonMemberAccess) : 0;
    const publicAccess = origin[i] === 1 || pilot[i] ? 1 : c.state.publicAccess;
    for (let k = 0; k < K; k++) {
      const j = base + k;
      const level = 1 - gap[j];
      let codified = 0;
      if (publicKnow > 0 && (k === SANITARY || k === CULTIVATION)) codified = publicAccess * avail(publicKnow, level, width);
      if (access > 0) codified = Math.max(codified, access * avail(w.standard[k], level, width));
      if (m.tutelage && tutorLeft[i] > 0 && (k === PROCESSING || k === QUALITY || k === SUPPLY)) codified = 1;
      if (k === CULTIVATION && contractShare[i] > codified) codified = contractShare[i];
      if (k === SANITARY && m.researchInstitute && w.researchInstitute > 0 && member[i]) codified = 1;
      if (model >= 0 && model !== i) codified = Math.max(codified, c.imitation.access * avail(1 - gap[model * K + k], level, width));
      if (m.foreignImitation && !foreign[i]) codified = Math.max(codified, c.foreign.imitationAccess * avail(bestForeignLevel[k], level, width));
      const s = seen[j] > 0.001 ? seen[j] : 0.001;
      const share = (K * Math.pow(s, P.focus)) / weightSum;
      let rate = P.byDoing + e * share * (P.tacitEfficacy + P.explicitEfficacy * codified);
      if (rate > P.rateCap) rate = P.rateCap;
      let g = gap[j] * (1 - rate);
      // The firm expects its effort to work; it does not see the frontier move.
      seen[j] *= 1 - rate;
      if (spill > 0 && meanLevel[k] > level) g -= spill * (meanLevel[k] - level);
      g += P.frontierDrift * (1 - g);
      gap[j] = g < 0 ? 0 : g > 1 ? 1 : g;
    }
  }
}

/** Quality a product must show at inspection to get the seal. */
export function sealQuality(w: World): number {
  let s = 0;
  for (let k = 0; k < K; k++) s += w.standard[k];
  return s / K - w.cfg.association.sealTolerance;
}
