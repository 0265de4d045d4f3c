/**
 * Patterns that tell the LBM account of each cluster from the rival account (foreign investment
 * and imitation of foreign entrants, Kunc and Bas 2009), stated before any comparison of that case
 * was run (pattern-oriented modelling, Grimm et al. 2005): each a yes/no test of one run's
 * record, with the paper's evidence (salmon: Section 3.2; tomato: Section 3.1). A pattern either model could produce is kept: the share of
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
    measureText: 'some farms in 1990, at most a quarter of them foreign-owned, and at most 2 of the 10 largest exporters foreign-owned in 1990',
    evidence: 'Perez-Aleman 2005, 3.2 ("Local and foreign firms intertwined"): "formed and grew with mostly Chilean-owned firms"',
    // A run without farms has no cluster to be Chilean-owned: it does not produce the pattern.
    test: (r) => at(r, 'farms', 1990) > 0 && at(r, 'foreignOwnedFirms', 1990) <= 0.25 * at(r, 'farms', 1990) && at(r, 'foreignInTop10', 1990) <= 2,
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

/** Processors not owned by foreign firms in a year. */
const localProcessors = (r: RunRecord, year: number): number => at(r, 'processors', year) - at(r, 'foreignOwnedProcessors', year);

/** Stated from Section 3.1 before the tomato rival was calibrated or compared. */
export const tomatoPatterns: readonly Pattern[] = [
  {
    id: 'T1',
    statement: 'Chilean-owned processors prevail.',
    measureText: 'some processors in 1995, of which at most 2, and at most a quarter, foreign-owned (paper: 8 of the 9 large processors are Chilean)',
    evidence: 'Perez-Aleman 2005, 3.1 ("Ties to foreign firms as customers spark new local institutions")',
    // A run without processors has no industry to be Chilean-owned: it does not produce the pattern.
    test: (r) => at(r, 'processors', 1995) > 0 && at(r, 'foreignOwnedProcessors', 1995) <= Math.min(2, 0.25 * at(r, 'processors', 1995)),
  },
  {
    id: 'T2',
    statement: 'The growth of the 1980s and early 1990s came from Chilean firms entering after the pioneers, following their model.',
    measureText:
      'Chilean-owned processors in 1995 at least twice as many as in 1985, and at least 3 more (paper: 2 large firms in 1985, 8 Chilean of 9 in 1995)',
    evidence: 'Perez-Aleman 2005, 3.1: other Chilean firms entered the industry following the new model (Perez-Aleman 2000 for the counts)',
    test: (r) => localProcessors(r, 1995) >= Math.max(2 * localProcessors(r, 1985), localProcessors(r, 1985) + 3),
  },
  {
    id: 'T3',
    statement: 'The processors organised collectively after the turning point, while the cluster grew.',
    measureText: 'an association exists by 1995 and was founded after the first export-ready firm (paper: turning point early 1980s, FEPACH 1989)',
    evidence: 'Perez-Aleman 2005, 3.1 ("Local organizing and institutions for collective problem-solving")',
    note: 'the rival has no association, so it cannot produce this pattern by construction; it is listed because it is the sequence the paper reports',
    test: (r) => {
      const founded = firstYearAbove(r, 'associationMembers', 0);
      return Number.isFinite(founded) && founded <= 1995 && founded > firstYearAbove(r, 'exportReadyFirms', 0);
    },
  },
  {
    id: 'T4',
    statement: 'The supplier network widened faster than the processors: each processor came to work with more growers.',
    measureText: 'growers per processor higher in 1995 than in 1985 (paper: 210 growers for 2 firms in 1985, 5,000 for 9 in 1995)',
    evidence: 'Perez-Aleman 2005, 3.1 (Perez-Aleman 2000 for the counts); the decentralised model of a leader processor with many small growers',
    test: (r) => at(r, 'suppliers', 1995) / at(r, 'processors', 1995) > at(r, 'suppliers', 1985) / at(r, 'processors', 1985),
  },
  {
    id: 'T5',
    statement:
      'Firms learned where their practices fell short (quality checks and diagnostic information at every stage; group discussions that made tacit know-how explicit).',
    measureText: "firms' mean error about their own practice gaps in 1995 at most half of what it was in 1985",
    evidence: 'Perez-Aleman 2005, 2.3 (learning-by-monitoring) and 3.1 (tutelage by Japanese buyers; FEPACH standards)',
    test: (r) => at(r, 'perceptionError', 1995) <= 0.5 * at(r, 'perceptionError', 1985),
  },
  {
    id: 'T6',
    statement: 'Local firms reached export quality before any foreign firm owned a processor: foreign firms came as customers, not owners.',
    measureText: 'the first export-ready firm comes in a year with no foreign-owned processor',
    evidence:
      'Perez-Aleman 2005, 3.1: the turning point came with Chilean firms and their Japanese customers; foreign firms had a role as demand and as a source of ideas',
    test: (r) => {
      const first = firstYearAbove(r, 'exportReadyFirms', 0);
      return Number.isFinite(first) && at(r, 'foreignOwnedProcessors', first) === 0;
    },
  },
];

/** The patterns stated for a case model or one derived from it (its rival); none for other models. */
export function patternsFor(model: { name: string; derivedFrom?: string }): readonly Pattern[] {
  const base = model.derivedFrom ?? model.name;
  return base === 'salmon' ? salmonPatterns : base === 'tomato' ? tomatoPatterns : [];
}
