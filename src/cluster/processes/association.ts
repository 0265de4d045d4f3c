/**
 * The association and its learning-by-monitoring institutions (Perez-Aleman 2005, 2.3, 3.1, 3.2, 4).
 *
 * Collective action is a problem here, not an assumption. Joining costs a share of the
 * association's running cost (smaller the more members there are, smaller still when the state
 * co-finances it) and a member's own time. It pays through what is excludable: the seal's premium
 * (with an open seal, as in salmon, only the certifiers' fee a non-member would pay), the
 * benchmarking information, joint action in a crisis (disease, a price collapse, poaching), and
 * - for a large firm only - its own stake in the country's reputation, which otherwise reaches
 * free-riders too. The association is founded when a coalition exists in which every member gains
 * (a firm's benefit exceeds its cost share at that coalition's size); firms then join and leave.
 * With the founding assembly the organisers count the brand the whole coalition's exports would
 * build, a gain no small firm could get alone (3.2), and every other firm decides in the founding
 * year whether to join them; afterwards each counts only its own share, as free-riding allows.
 *
 * Monitoring produces the standard: members' practice levels as the association observes them
 * (benchmarking, or members' own biased reports without it), the level of its best members plus a
 * provisional step. With a learning standard it is revised every year from what monitoring shows;
 * without, the founding standard stays. Inspection certifies members meeting it (and, with an open
 * seal, non-members who pay for it); failing shipments cost a member the seal for some years.
 * Disease losses, or the risk of them at today's density, may lead to a research institute (co-financed
 * by the state), and once most output
 * is certified the state makes the standard mandatory.
 */
import { K, SANITARY } from '../schema';
import type { World } from '../world';
import { sealQuality } from './upgrading';

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** The severity of the shared problem firms face this year, 0..1. */
function crisis(w: World): number {
  const priceDrop = w.trailingPrice > 0 ? Math.max(0, 1 - w.worldPrice / w.trailingPrice) : 0;
  return Math.min(1, Math.max(w.recentDisease, priceDrop, w.poaching));
}

/**
 * The share of output a year's disease may be expected to take at this year's farm density and the
 * output-weighted sanitary gap (the hazard and strengths of market.ts): the risk neighbours share
 * before any loss shows it (3.2).
 */
function expectedDiseaseLoss(w: World): number {
  const d = w.cfg.disease;
  if (w.lastOutput <= 0) return 0;
  const density = w.lastOutput / d.carryingT;
  const chance = 1 - Math.exp(-d.baseHazard * density * density);
  const meanStrength = d.severity * (d.weakestShare + (1 - d.weakestShare) / 2);
  const f = w.firms;
  let exposed = 0;
  let out = 0;
  for (let i = 0; i < f.end; i++) {
    if (!f.alive[i]) continue;
    exposed += f.cols.output[i] * w.gap[i * K + SANITARY];
    out += f.cols.output[i];
  }
  return out > 0 ? (chance * meanStrength * exposed) / out : 0;
}

/** Firm i's revenue from what it exported this year, in USD. */
function exportRevenue(w: World, i: number): number {
  const fc = w.firms.cols;
  return fc.revenue[i] * (fc.output[i] > 0 ? fc.exported[i] / fc.output[i] : 0);
}

/** The seal's yearly premium to firm i at the seal's present credibility, in USD. */
function sealGain(w: World, i: number): number {
  return w.cfg.association.sealPremium * w.credibility * exportRevenue(w, i) * w.firms.cols.acceptance[i];
}

/**
 * Yearly benefit of membership to firm i, in USD (without its cost). With an open seal, a firm
 * deciding whether to join an association that exists gains from the seal only the fee a member
 * does not pay; founders count the whole premium, since without the association there is no seal.
 */
function benefit(w: World, i: number, totalExportRevenue: number, severity: number, sealFeeOnly: boolean): number {
  const c = w.cfg;
  const a = c.association;
  const m = c.mechanisms;
  const fc = w.firms.cols;
  const rev = fc.revenue[i];
  const exportRev = exportRevenue(w, i);
  let b = 0;
  if (m.seal) b += sealFeeOnly ? Math.min(sealGain(w, i), a.sealFeeUSD) : sealGain(w, i);
  if (m.benchmarking) b += a.infoValue * rev;
  b += a.crisisBenefit * severity * rev;
  if (m.collectiveReputation && totalExportRevenue > 0) {
    b += (a.reputationStake * (1 - w.reputation) * c.market.reputationWeight * exportRev * exportRev) / totalExportRevenue;
  }
  return b;
}

/**
 * Every live firm's benefit of membership into out[i], in one small loop where V8 inlines
 * `benefit` (called from the big membership loop, its numbers were boxed firm by firm). Nothing
 * that loop changes (membership, the seal) enters a benefit.
 */
function fillBenefits(w: World, out: Float64Array, totalExportRevenue: number, severity: number): void {
  const f = w.firms;
  const sealFeeOnly = w.cfg.mechanisms.openSeal && w.founded > 0;
  for (let i = 0; i < f.end; i++) if (f.alive[i]) out[i] = benefit(w, i, totalExportRevenue, severity, sealFeeOnly);
}

function costShare(w: World, members: number): number {
  const c = w.cfg;
  const coFin = c.mechanisms.coFinancing && w.year >= c.state.financeStart ? c.state.coFinanceShare : 0;
  return (c.association.costUSD * (1 - coFin)) / Math.max(1, members) + c.association.memberCostUSD;
}

export function association(w: World): void {
  const c = w.cfg;
  const a = c.association;
  const m = c.mechanisms;
  if (!m.association) return;
  const f = w.firms;
  const fc = f.cols;
  const rng = w.rng.association;
  const severity = crisis(w);
  let totalExportRevenue = 0;
  for (let i = 0; i < f.end; i++) if (f.alive[i] && fc.output[i] > 0) totalExportRevenue += (fc.revenue[i] * fc.exported[i]) / fc.output[i];
  const b = w.scratch;
  fillBenefits(w, b, totalExportRevenue, severity);

  if (!w.founded) {
    // Candidates: local firms selling abroad, best-placed first.
    let n = 0;
    for (let i = 0; i < f.end; i++) {
      if (!f.alive[i] || fc.foreign[i] || fc.exported[i] <= 0) continue;
      w.order[n++] = i;
    }
    const ids = w.order.subarray(0, n);
    let coalition = 0;
    const rate = m.foundingAssembly ? brandRate(w, totalExportRevenue) : 0;
    if (m.foundingAssembly) {
      coalition = brandCoalition(w, ids, b, rate);
    } else {
      // Larger benefit first; a comparator answering -1/0/1 (same order as b[y] - b[x], NaN as 0) returns no boxed double.
      ids.sort((x, y) => (b[y] > b[x] ? 1 : b[y] < b[x] ? -1 : 0));
      for (let k = 1; k <= n; k++) if (b[ids[k - 1]] >= costShare(w, k)) coalition = k;
    }
    if (coalition >= 2 && rng.bernoulli(a.foundHazard)) {
      found(w, ids.subarray(0, coalition));
      if (m.foundingAssembly) foundingAssembly(w, totalExportRevenue, severity, rate);
      w.event('association', `${w.nodeLabel(w.associationNode)} founded by ${w.founders} firms`);
    }
    return;
  }

  // Membership decisions: members and non-members reconsider now and then.
  let members = 0;
  for (let i = 0; i < f.end; i++) if (f.alive[i] && fc.member[i]) members++;
  for (let i = 0; i < f.end; i++) {
    if (!f.alive[i] || !rng.bernoulli(a.joinRate)) continue;
    const isMember = fc.member[i] === 1;
    const cost = costShare(w, isMember ? members : members + 1);
    const gain = b[i] - cost;
    const stay = rng.bernoulli(logistic(gain / (a.choiceNoise * cost)));
    if (stay && !isMember) {
      fc.member[i] = 1;
      members++;
      w.network.addEdge(fc.node[i], w.associationNode, 'membership', w.year);
    } else if (!stay && isMember) {
      fc.member[i] = 0;
      fc.certified[i] = 0;
      members--;
      w.network.endEdgeBetween(fc.node[i], w.associationNode, 'membership', w.year);
    }
  }

  if (m.learningStandard) setStandard(w);
  inspect(w);

  if (m.researchInstitute && !w.researchInstitute && c.disease.baseHazard > 0 && m.disease) {
    const threat = m.instituteOnRisk ? Math.max(w.recentDisease, expectedDiseaseLoss(w)) : w.recentDisease;
    const hazard = a.researchHazard * threat * (m.coFinancing ? 1 / (1 - c.state.researchPublicShare) : 1);
    if (rng.bernoulli(1 - Math.exp(-hazard))) {
      w.researchInstitute = w.year;
      const node = w.addNode('institute', 'INTESAL', w.year);
      w.network.addEdge(w.associationNode, node, 'ownership', w.year);
      if (m.coFinancing) w.network.addEdge(w.stateNode, node, 'finance', w.year);
      w.event(
        'research',
        `the association founds a research institute on disease${m.coFinancing ? ` with ${Math.round(c.state.researchPublicShare * 100)}% public funding` : ''}`,
      );
    }
  }
  if (m.regulation && !w.regulation) {
    let sealed = 0;
    for (let i = 0; i < f.end; i++) if (f.alive[i] && fc.certified[i]) sealed += fc.output[i];
    if (w.totalOutput > 0 && sealed / w.totalOutput >= c.state.regulationShare) {
      w.regulation = w.year;
      w.event('regulation', "the state makes the association's standard mandatory for every plant");
    }
  }
}

/**
 * Per unit of a firm's export revenue, and per unit of the coalition's, the yearly reputation gain
 * a founder counts when it weighs the brand the whole coalition's exports would build (3.2: the
 * APSTC was founded to make Chile known as a source of quality in sufficient volume).
 */
function brandRate(w: World, totalExportRevenue: number): number {
  const c = w.cfg;
  if (!c.mechanisms.collectiveReputation || !(totalExportRevenue > 0)) return 0;
  return (c.association.reputationStake * (1 - w.reputation) * c.market.reputationWeight) / totalExportRevenue;
}

/**
 * The founding coalition when founders count the coalition's brand: exporters taken largest first,
 * the largest k at which every one of them gains, its own share of the reputation gain replaced by
 * its share of what the k together would build.
 */
function brandCoalition(w: World, ids: Int32Array, b: Float64Array, rate: number): number {
  ids.sort((p, q) => {
    const xp = exportRevenue(w, p);
    const xq = exportRevenue(w, q);
    return xq > xp ? 1 : xq < xp ? -1 : 0;
  });
  let coalition = 0;
  let volume = 0;
  for (let k = 1; k <= ids.length; k++) {
    volume += exportRevenue(w, ids[k - 1]);
    const cost = costShare(w, k);
    let all = true;
    for (let j = 0; j < k && all; j++) {
      const xj = exportRevenue(w, ids[j]);
      all = b[ids[j]] + rate * xj * (volume - xj) >= cost;
    }
    if (all) coalition = k;
  }
  return coalition;
}

/**
 * The founding is a public event: every other firm decides at once whether to join, counting the
 * brand the organisers and it would build together; the founders the paper counts (3.2: "17
 * firms formed" the APSTC) are the organisers and those who joined them.
 */
function foundingAssembly(w: World, totalExportRevenue: number, severity: number, rate: number): void {
  const a = w.cfg.association;
  const f = w.firms;
  const fc = f.cols;
  const rng = w.rng.association;
  const b = w.scratch;
  // Again now the association exists: an open seal is worth only its fee to a joiner.
  fillBenefits(w, b, totalExportRevenue, severity);
  let members = 0;
  let volume = 0;
  for (let i = 0; i < f.end; i++) {
    if (f.alive[i] && fc.member[i]) {
      members++;
      volume += exportRevenue(w, i);
    }
  }
  for (let i = 0; i < f.end; i++) {
    if (!f.alive[i] || fc.member[i]) continue;
    const x = exportRevenue(w, i);
    const cost = costShare(w, members + 1);
    const gain = b[i] + rate * x * volume - cost;
    if (!rng.bernoulli(logistic(gain / (a.choiceNoise * cost)))) continue;
    fc.member[i] = 1;
    members++;
    w.network.addEdge(fc.node[i], w.associationNode, 'membership', w.year);
  }
  w.founders = members;
}

function found(w: World, founders: Int32Array): void {
  const fc = w.firms.cols;
  w.founded = w.year;
  w.founders = founders.length;
  w.associationNode = w.addNode('association', w.caseName === 'tomato' ? 'FEPACH' : 'APSTC', w.year);
  for (const i of founders) {
    fc.member[i] = 1;
    w.network.addEdge(fc.node[i], w.associationNode, 'membership', w.year);
  }
  const c = w.cfg;
  if (c.mechanisms.coFinancing && w.year >= c.state.financeStart) w.network.addEdge(w.stateNode, w.associationNode, 'finance', w.year);
  setStandard(w);
}

/**
 * The standard from what monitoring shows: per practice, the members' level at the chosen
 * quantile as observed (benchmarked with little noise, or self-reported with its bias), plus a
 * provisional step. It is never lowered.
 */
function setStandard(w: World): void {
  const c = w.cfg;
  const a = c.association;
  const p = c.perception;
  const f = w.firms;
  const fc = f.cols;
  const rng = w.rng.association;
  for (let k = 0; k < K; k++) {
    const buf = w.scratch;
    let n = 0;
    for (let i = 0; i < f.end; i++) {
      if (!f.alive[i] || !fc.member[i]) continue;
      const g = w.gap[i * K + k];
      const observed = c.mechanisms.benchmarking ? g + rng.normal(0, p.benchSigma) : p.selfBias * g + rng.normal(0, p.selfSigma);
      buf[n++] = 1 - observed;
    }
    if (n === 0) continue;
    const view = w.scratchPrefix(n);
    view.sort();
    const at = view[Math.min(n - 1, Math.floor(a.standardQuantile * n))];
    const level = Math.min(1, at + a.standardStep);
    if (level > w.standard[k]) w.standard[k] = level;
  }
}

function inspect(w: World): void {
  const c = w.cfg;
  const a = c.association;
  const m = c.mechanisms;
  const f = w.firms;
  const fc = f.cols;
  const rng = w.rng.association;
  const bar = sealQuality(w);
  for (let i = 0; i < f.end; i++) {
    if (!f.alive[i]) continue;
    // A non-member asks for inspection, under an open seal, when the premium is worth the fee.
    if (!m.seal || (!fc.member[i] && !(m.openSeal && sealGain(w, i) > a.sealFeeUSD))) {
      fc.certified[i] = 0;
      continue;
    }
    if (fc.sanctionLeft[i] > 0) {
      fc.sanctionLeft[i]--;
      fc.certified[i] = 0;
      continue;
    }
    const failed = fc.output[i] > 0 ? 1 - fc.exported[i] / fc.output[i] : 0;
    if (m.sanctions && fc.certified[i] && failed > a.failTolerance) {
      fc.certified[i] = 0;
      fc.sanctionLeft[i] = a.sanctionYears;
      continue;
    }
    const seen = fc.quality[i] + rng.normal(0, c.perception.inspectSigma);
    fc.certified[i] = seen >= bar ? 1 : 0;
  }
}
