/**
 * Patterns that tell the LBM account of the salmon cluster from the rival account (foreign
 * investment and imitation of foreign entrants, Kunc and Bas 2009), stated before any comparison
 * was run (pattern-oriented modelling, Grimm et al. 2005): each a yes/no test of one run's
 * record, with the paper's evidence. A pattern either model could produce is kept: the share of
 * runs that produce it is what is compared, not which model "ought" to.
 */
import type { RunRecord } from '../engine/recorder';
import { valueAt } from '../simulation/targets';

export interface Pattern {
  id: string;
  /** What the paper reports, in words. */
  statement: string;
  /** How a run is tested for it. */
  measureText: string;
  /** Where the paper gives the evidence. */
  evidence: string;
  /** True when the run produces the pattern; false when it does not or cannot (a quantity that never exists). */
  test(r: RunRecord): boolean;
  /** Said when one of the accounts cannot produce the pattern by construction. */
  note?: string;
}

const at = valueAt;

function mean(r: RunRecord, metric: string, from: number, to: number): number {
  let s = 0;
  let n = 0;
  for (let y = from; y <= to; y++) {
    const v = at(r, metric, y);
    if (Number.isFinite(v)) {
      s += v;
      n++;
    }
  }
  return n > 0 ? s / n : NaN;
}

/** First year a metric is above `above` (NaN: never). */
function firstYearAbove(r: RunRecord, metric: string, above: number): number {
  for (const y of r.years) if (at(r, metric, y) > above) return y;
  return NaN;
}

export const salmonPatterns: readonly Pattern[] = [
  {
    id: 'P1',
    statement: 'The cluster formed with mostly Chilean-owned firms.',
    measureText: 'foreign-owned farms at most a quarter of all farms in 1990, and at most 2 of the 10 largest exporters foreign-owned in 1990',
    evidence: 'Perez-Aleman 2005, 3.2 ("Local and foreign firms intertwined"): "formed and grew with mostly Chilean-owned firms"',
    test: (r) => at(r, 'foreignOwnedFirms', 1990) <= 0.25 * at(r, 'farms', 1990) && at(r, 'foreignInTop10', 1990) <= 2,
  },
  {
    id: 'P2',
    statement: 'Foreign investment followed indigenous development: multinationals came mainly in the mid-1990s, by acquisition.',
    measureText: 'foreign-owned firms among the 10 largest exporters rise by at least 2 from 1990 to 2002',
    evidence: 'Perez-Aleman 2005, 3.2: "foreign direct investment followed substantial indigenous industrial development"; 5 of the top 10 foreign by 2002',
    test: (r) => at(r, 'foreignInTop10', 2002) - at(r, 'foreignInTop10', 1990) >= 2,
  },
  {
    id: 'P3',
    statement: 'Concentration rose from 1997 to 2002.',
    measureText: "the 20 largest firms' export share rises by at least 0.1 from 1997 to 2002 (paper: 0.65 to 0.85)",
    evidence: 'Perez-Aleman 2005, 3.2 (Bjorndal and Aarland 1999; Aquanoticias 2003)',
    test: (r) => at(r, 'top20Share', 2002) - at(r, 'top20Share', 1997) >= 0.1,
  },
  {
    id: 'P4',
    statement: 'Local firms organised collectively before the export boom.',
    measureText:
      'an association exists in a year when exports are below a tenth of their 2003 value (paper: APSTC 1986, exports US$38M in 1989 against over US$1B in 2003)',
    evidence: 'Perez-Aleman 2005, 3.2 (APSTC founded 1986 by 17 firms) and 4',
    note: 'the rival has no association, so it cannot produce this pattern by construction; it is listed because it is the timing the paper stresses',
    test: (r) => {
      const founded = firstYearAbove(r, 'associationMembers', 0);
      const last = at(r, 'exportValueUSDm', 2003);
      return Number.isFinite(founded) && last > 0 && at(r, 'exportValueUSDm', founded) < 0.1 * last;
    },
  },
  {
    id: 'P5',
    statement: 'Disease was contained as farms grew denser: the industry tackled it jointly (INTESAL, 1993).',
    measureText: 'mean share of output lost to disease over 1996-2003 no higher than over 1988-1995',
    evidence: 'Perez-Aleman 2005, 3.2 (Barton 1997: disease control requires firms in close proximity to act jointly; INTESAL)',
    test: (r) => mean(r, 'diseaseLoss', 1996, 2003) <= mean(r, 'diseaseLoss', 1988, 1995),
  },
  {
    id: 'P6',
    statement: 'Firms learned where their practices fell short (diagnostic information, the code of standards).',
    measureText: "firms' mean error about their own practice gaps in 2003 at most half of what it was in 1988",
    evidence: 'Perez-Aleman 2005, 2.3 (learning-by-monitoring) and 3.2 (the Code of Standards; the seal)',
    test: (r) => at(r, 'perceptionError', 2003) <= 0.5 * at(r, 'perceptionError', 1988),
  },
  {
    id: 'P7',
    statement: 'Exports were upgraded, not only multiplied: value per tonne rose.',
    measureText:
      'unit value of exports in 2003 above its 1990 level (paper: about US$1,600/t around 1989-1990; over US$1B in 2003 on roughly twice the 2000 tonnage of 206,000 t)',
    evidence: 'Perez-Aleman 2005, 3.2 (exports US$38M in 1989, 23,800 t in 1990, over US$1B in 2003); the rise in value per tonne is our inference',
    test: (r) => at(r, 'unitValueUSDperT', 2003) > at(r, 'unitValueUSDperT', 1990),
  },
  {
    id: 'P8',
    statement: 'Small firms moved into specialised services as large firms grew.',
    measureText: 'service and input firms more numerous in 2003 than in 1997 while top-20 concentration rises',
    evidence: 'Perez-Aleman 2005, 3.2: "Small firms increased their presence as specialized service providers"',
    test: (r) => at(r, 'serviceFirms', 2003) > at(r, 'serviceFirms', 1997) && at(r, 'top20Share', 2002) > at(r, 'top20Share', 1997),
  },
];
