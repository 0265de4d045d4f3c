/**
 * The quantitative facts Perez-Aleman (2005) reports about the two Chilean clusters, one typed record
 * each. Figures, targets, tests and notebooks read numbers from here and never retype them.
 *
 * `role` says what the model does with a fact:
 * - `calibration`: calibration (`clusterlab calibrate --method abc`) fits the model to it;
 * - `heldOut`: never seen by the search; reported afterwards as an honest out-of-sample check;
 * - `input`: a date or size of a programme the paper states as history; it sets a parameter
 *   directly (the model does not try to explain when JICA signed an agreement);
 * - `context`: a fact about Chile outside the model's scope, kept for the notebooks.
 */

export type CaseName = 'tomato' | 'salmon' | 'chile';
export type FactRole = 'calibration' | 'heldOut' | 'input' | 'context';

/** How far a model value may be from the fact and still count as reproducing it. */
export interface Tolerance {
  /** `relative`: |model - fact| <= value * fact; `absolute`: |model - fact| <= value (in the fact's unit);
   * `atLeast`: model >= fact * (1 - value) (for "more than" facts). */
  kind: 'relative' | 'absolute' | 'atLeast';
  value: number;
}

export interface Fact {
  id: string;
  case: CaseName;
  /** Name of the model metric (a yearly series) or run statistic the fact is compared with. */
  metric: string;
  year: number;
  value: number;
  unit: string;
  /** What the number counts or measures, in a few words. */
  measures: string;
  /** Section of the paper the fact comes from. */
  section: string;
  /** Our own one-line description. */
  description: string;
  source: string;
  role: FactRole;
  tolerance?: Tolerance;
}

const PAPER = 'Perez-Aleman 2005';

function fact(f: Omit<Fact, 'source'> & { source?: string }): Fact {
  return { source: PAPER, ...f };
}

export const facts: Fact[] = [
  // --- Tomato processing, Section 3.1 ---------------------------------------------------------
  fact({
    id: 'tomato-pilot-start',
    case: 'tomato',
    metric: 'pilotStartYear',
    year: 1968,
    value: 1968,
    unit: 'year',
    measures: 'year CORFO set up the state pilot processor (Malloa)',
    section: '3.1',
    description: 'CORFO launched a state-owned pilot processing firm working with small growers in the late 1960s.',
    role: 'input',
  }),
  fact({
    id: 'tomato-pilot-privatised',
    case: 'tomato',
    metric: 'pilotPrivatisedYear',
    year: 1976,
    value: 1976,
    unit: 'year',
    measures: 'year the pilot firm passed to private owners',
    section: '3.1',
    description: 'The pilot firm was privatised under the military government in the 1970s (mid-decade taken).',
    role: 'input',
  }),
  fact({
    id: 'tomato-turning-point',
    case: 'tomato',
    metric: 'turningPointYear',
    year: 1982,
    value: 1982,
    unit: 'year',
    measures: 'first year a processor reaches export quality',
    section: '3.1',
    description: 'After about a decade of failures the industry began making internationally acceptable product in the early 1980s.',
    role: 'calibration',
    tolerance: { kind: 'absolute', value: 3 },
  }),
  fact({
    id: 'tomato-japan-tutelage-firms',
    case: 'tomato',
    metric: 'tutelageSlots',
    year: 1980,
    value: 2,
    unit: 'firms',
    measures: 'processors tutored by Japanese buyers',
    section: '3.1',
    description: 'Two Chilean processors linked to exacting Japanese buyers who trained their staff.',
    role: 'input',
  }),
  fact({
    id: 'tomato-japan-tutelage-years',
    case: 'tomato',
    metric: 'tutelageYears',
    year: 1980,
    value: 5,
    unit: 'years',
    measures: 'length of the Japanese on-site training',
    section: '3.1',
    description: 'Japanese engineers and quality experts worked inside the two firms for five years.',
    role: 'input',
  }),
  fact({
    id: 'tomato-processors-1985',
    case: 'tomato',
    metric: 'processors',
    year: 1985,
    value: 2,
    unit: 'firms',
    measures: 'large tomato processors',
    section: '3.1',
    description: 'In the mid-1980s only two large processors were operating.',
    role: 'calibration',
    tolerance: { kind: 'absolute', value: 1 },
  }),
  fact({
    id: 'tomato-suppliers-1985',
    case: 'tomato',
    metric: 'suppliers',
    year: 1985,
    value: 210,
    unit: 'growers',
    measures: 'growers supplying the large processors',
    section: '3.1',
    description: 'The two large processors bought from about two hundred small growers.',
    role: 'calibration',
    tolerance: { kind: 'relative', value: 0.35 },
  }),
  fact({
    id: 'tomato-processors-1995',
    case: 'tomato',
    metric: 'processors',
    year: 1995,
    value: 9,
    unit: 'firms',
    measures: 'large tomato processors',
    section: '3.1',
    description: 'A decade later nine large processors operated.',
    role: 'calibration',
    tolerance: { kind: 'relative', value: 0.3 },
  }),
  fact({
    id: 'tomato-suppliers-1995',
    case: 'tomato',
    metric: 'suppliers',
    year: 1995,
    value: 5000,
    unit: 'growers',
    measures: 'growers supplying the large processors',
    section: '3.1',
    description: 'The supplier base had grown to some five thousand growers.',
    role: 'calibration',
    tolerance: { kind: 'relative', value: 0.35 },
  }),
  fact({
    id: 'tomato-foreign-1995',
    case: 'tomato',
    metric: 'foreignOwnedProcessors',
    year: 1995,
    value: 1,
    unit: 'firms',
    measures: 'foreign-owned among the large processors',
    section: '3.1',
    description: 'Eight of the nine large processors were Chilean-owned, so one was foreign.',
    role: 'heldOut',
    tolerance: { kind: 'absolute', value: 1 },
  }),
  fact({
    id: 'tomato-fepach-founded',
    case: 'tomato',
    metric: 'associationFoundedYear',
    year: 1989,
    value: 1989,
    unit: 'year',
    measures: 'year the processors founded FEPACH',
    section: '3.1',
    description: 'Processors formed their federation to set product standards and rules of competition.',
    role: 'calibration',
    tolerance: { kind: 'absolute', value: 3 },
  }),
  fact({
    id: 'tomato-prochile-fund',
    case: 'tomato',
    metric: 'exportFundUSDm',
    year: 1985,
    value: 5,
    unit: 'USD million per year',
    measures: 'PROCHILE Export Promotion Fund budget',
    section: '3.1',
    description: 'The export promotion fund had about five million dollars a year to co-finance group projects.',
    // The model's co-financing has no budget cap, so no parameter reads this: context, not an input.
    role: 'context',
  }),
  fact({
    id: 'tomato-prochile-cofinance',
    case: 'tomato',
    metric: 'coFinanceShare',
    year: 1985,
    value: 0.5,
    unit: 'share',
    measures: 'public share of export-committee project costs',
    section: '3.1',
    description: 'Group export projects were co-financed half by the state and half by the firms.',
    role: 'input',
  }),

  // --- Salmon farming, Section 3.2 ------------------------------------------------------------
  fact({
    id: 'salmon-sernap-jica-start',
    case: 'salmon',
    metric: 'pilotStartYear',
    year: 1969,
    value: 1969,
    unit: 'year',
    measures: 'start of the SERNAP-JICA salmon programme',
    section: '3.2',
    description: 'A public programme with Japanese technical cooperation began experimenting with salmon.',
    role: 'input',
  }),
  fact({
    id: 'salmon-sernap-jica-end',
    case: 'salmon',
    metric: 'pilotEndYear',
    year: 1987,
    value: 1987,
    unit: 'year',
    measures: 'end of the SERNAP-JICA programme',
    section: '3.2',
    description: 'The first cooperation programme ran until 1987 and was followed by an IFOP-JICA one from 1988.',
    role: 'input',
  }),
  fact({
    id: 'salmon-first-farm',
    case: 'salmon',
    metric: 'firstFarmYear',
    year: 1975,
    value: 1975,
    unit: 'year',
    measures: 'first commercial farm, started on a CORFO loan',
    section: '3.2',
    description: 'The first commercial salmon farm started with a state development loan.',
    role: 'heldOut',
    tolerance: { kind: 'absolute', value: 3 },
  }),
  fact({
    id: 'salmon-firms-1980',
    case: 'salmon',
    metric: 'farms',
    year: 1980,
    value: 3,
    unit: 'firms',
    measures: 'private salmon farming firms',
    section: '3.2',
    description: 'Three private enterprises farmed salmon at the start of the 1980s.',
    role: 'calibration',
    tolerance: { kind: 'absolute', value: 2 },
  }),
  fact({
    id: 'salmon-firms-1985',
    case: 'salmon',
    metric: 'farms',
    year: 1985,
    value: 36,
    unit: 'firms',
    measures: 'salmon farming firms',
    section: '3.2',
    description: 'Demonstration effects multiplied entrants to thirty-six by the mid-1980s.',
    role: 'calibration',
    tolerance: { kind: 'relative', value: 0.35 },
  }),
  fact({
    id: 'salmon-firms-1987',
    case: 'salmon',
    metric: 'farms',
    year: 1987,
    value: 120,
    unit: 'firms',
    measures: 'salmon farming firms',
    section: '3.2',
    description: 'About one hundred and twenty firms were farming two years later.',
    role: 'calibration',
    tolerance: { kind: 'relative', value: 0.35 },
  }),
  fact({
    id: 'salmon-top42-share-1987',
    case: 'salmon',
    metric: 'top42Share',
    year: 1987,
    value: 0.85,
    unit: 'share of output',
    measures: 'output share of the 42 largest firms',
    section: '3.2',
    description: 'Of those firms, about forty-two made most (85%) of the output.',
    role: 'heldOut',
    tolerance: { kind: 'absolute', value: 0.12 },
  }),
  fact({
    id: 'salmon-firms-1997',
    case: 'salmon',
    metric: 'firms',
    year: 1997,
    value: 219,
    unit: 'firms',
    measures: 'firms in the salmon cluster of the Tenth Region',
    section: '3.2',
    description: 'Around two hundred and twenty firms were in the industry by the late 1990s.',
    role: 'calibration',
    tolerance: { kind: 'relative', value: 0.3 },
  }),
  fact({
    id: 'salmon-apstc-founded',
    case: 'salmon',
    metric: 'associationFoundedYear',
    year: 1986,
    value: 1986,
    unit: 'year',
    measures: 'year the producers founded APSTC',
    section: '3.2',
    description: 'Producers set up their association in the mid-1980s.',
    role: 'calibration',
    tolerance: { kind: 'absolute', value: 2 },
  }),
  fact({
    id: 'salmon-apstc-founders',
    case: 'salmon',
    metric: 'associationFoundingMembers',
    year: 1986,
    value: 17,
    unit: 'firms',
    measures: 'founding members of APSTC',
    section: '3.2',
    description: 'Seventeen firms founded the association.',
    role: 'calibration',
    tolerance: { kind: 'relative', value: 0.35 },
  }),
  fact({
    id: 'salmon-apstc-members-2002',
    case: 'salmon',
    metric: 'associationMembers',
    year: 2002,
    value: 42,
    unit: 'firms',
    measures: 'member firms of APSTC',
    section: '3.2',
    description: 'The association had about forty members in the early 2000s.',
    role: 'calibration',
    tolerance: { kind: 'relative', value: 0.35 },
  }),
  fact({
    id: 'salmon-apstc-output-share-2002',
    case: 'salmon',
    metric: 'memberOutputShare',
    year: 2002,
    value: 0.85,
    unit: 'share of output',
    measures: 'output share of APSTC members',
    section: '3.2',
    description: 'Its members produced most (85%) of Chilean salmon.',
    role: 'heldOut',
    tolerance: { kind: 'absolute', value: 0.1 },
  }),
  fact({
    id: 'salmon-exports-usd-1989',
    case: 'salmon',
    metric: 'exportValueUSDm',
    year: 1989,
    value: 38,
    unit: 'USD million per year',
    measures: 'value of salmon exports',
    section: '3.2',
    description: 'Salmon exports were worth a few tens of millions of dollars at the end of the 1980s.',
    role: 'calibration',
    tolerance: { kind: 'relative', value: 0.35 },
  }),
  fact({
    id: 'salmon-exports-usd-2003',
    case: 'salmon',
    metric: 'exportValueUSDm',
    year: 2003,
    value: 1000,
    unit: 'USD million per year',
    measures: 'value of salmon exports (a lower bound)',
    section: '3.2',
    description: 'They passed one billion dollars by 2003.',
    role: 'heldOut',
    tolerance: { kind: 'atLeast', value: 0.25 },
  }),
  fact({
    id: 'salmon-exports-t-1990',
    case: 'salmon',
    metric: 'exportTonnes',
    year: 1990,
    value: 23800,
    unit: 'tonnes per year',
    measures: 'net tonnes of salmon produced for export',
    section: '3.2',
    description: 'Export production was some twenty-four thousand tonnes in 1990.',
    role: 'calibration',
    tolerance: { kind: 'relative', value: 0.35 },
  }),
  fact({
    id: 'salmon-exports-t-2000',
    case: 'salmon',
    metric: 'exportTonnes',
    year: 2000,
    value: 206000,
    unit: 'tonnes per year',
    measures: 'net tonnes of salmon produced for export',
    section: '3.2',
    description: 'It grew about ninefold over the decade.',
    role: 'calibration',
    tolerance: { kind: 'relative', value: 0.3 },
  }),
  fact({
    id: 'salmon-world-share-2000',
    case: 'salmon',
    metric: 'worldShare',
    year: 2000,
    value: 0.25,
    unit: 'share of world farmed salmon',
    measures: "Chile's share of world farmed salmon output",
    section: '3.2',
    description: "Chile made a quarter of the world's farmed salmon, second only to Norway.",
    role: 'heldOut',
    tolerance: { kind: 'relative', value: 0.35 },
  }),
  fact({
    id: 'salmon-top20-share-1997',
    case: 'salmon',
    metric: 'top20Share',
    year: 1997,
    value: 0.65,
    unit: 'share of exports',
    measures: 'export share of the 20 largest firms',
    section: '3.2',
    description: 'The twenty largest firms made about two thirds of exports in the late 1990s.',
    role: 'heldOut',
    tolerance: { kind: 'absolute', value: 0.12 },
  }),
  fact({
    id: 'salmon-top20-share-2002',
    case: 'salmon',
    metric: 'top20Share',
    year: 2002,
    value: 0.85,
    unit: 'share of exports',
    measures: 'export share of the 20 largest firms',
    section: '3.2',
    description: 'After foreign acquisitions their share rose to 85%.',
    role: 'heldOut',
    tolerance: { kind: 'absolute', value: 0.12 },
  }),
  fact({
    id: 'salmon-foreign-top10-2002',
    case: 'salmon',
    metric: 'foreignInTop10',
    year: 2002,
    value: 5,
    unit: 'firms',
    measures: 'foreign-owned among the ten largest exporters',
    section: '3.2',
    description: 'Half of the ten largest exporters were foreign-owned after the acquisitions.',
    role: 'heldOut',
    tolerance: { kind: 'absolute', value: 2 },
  }),
  fact({
    id: 'salmon-ifop-jica-start',
    case: 'salmon',
    metric: 'secondProgramStartYear',
    year: 1988,
    value: 1988,
    unit: 'year',
    measures: 'start of the IFOP-JICA programme',
    section: '3.2',
    description: 'A second public programme with Japanese cooperation followed from 1988.',
    role: 'input',
  }),
  fact({
    id: 'salmon-intesal',
    case: 'salmon',
    metric: 'researchInstituteYear',
    year: 1993,
    value: 1993,
    unit: 'year',
    measures: 'year the association set up its technology institute (INTESAL)',
    section: '3.2',
    description: 'The association created a research institute on disease and practices.',
    role: 'heldOut',
    tolerance: { kind: 'absolute', value: 4 },
  }),
  fact({
    id: 'salmon-intesal-public-share',
    case: 'salmon',
    metric: 'researchPublicShare',
    year: 1993,
    value: 0.45,
    unit: 'share',
    measures: 'public share of the research institute cost',
    section: '3.2',
    description: "CORFO paid somewhat under half of the institute's cost.",
    role: 'input',
  }),
  fact({
    id: 'salmon-salmoexport-firms',
    case: 'salmon',
    metric: 'marketingAllianceFirms',
    year: 1990,
    value: 13,
    unit: 'firms',
    measures: 'firms in the Salmoexport marketing alliance (1990-1993)',
    section: '3.2',
    description: 'A joint marketing alliance of a dozen or so firms ran for three years from 1990.',
    role: 'context',
  }),
  fact({
    id: 'salmon-salmoexport-share',
    case: 'salmon',
    metric: 'marketingAllianceShare',
    year: 1990,
    value: 0.3,
    unit: 'share of output',
    measures: 'output share of the Salmoexport firms',
    section: '3.2',
    description: 'The alliance members made under a third of output.',
    role: 'context',
  }),
  fact({
    id: 'salmon-share-chile-exports-1991',
    case: 'salmon',
    metric: 'shareOfChileExports',
    year: 1991,
    value: 0.018,
    unit: 'share of Chilean exports (value)',
    measures: "salmon in Chile's total exports",
    section: '3.2 (note 18)',
    description: 'Salmon was under two percent of Chilean export value in the early 1990s.',
    role: 'context',
  }),
  fact({
    id: 'salmon-share-chile-exports-2000',
    case: 'salmon',
    metric: 'shareOfChileExports',
    year: 2000,
    value: 0.054,
    unit: 'share of Chilean exports (value)',
    measures: "salmon in Chile's total exports",
    section: '3.2 (note 18)',
    description: 'It reached about five percent by 2000.',
    role: 'context',
  }),
  fact({
    id: 'salmon-world-rank-1995',
    case: 'salmon',
    metric: 'worldRank',
    year: 1995,
    value: 2,
    unit: 'rank',
    measures: "Chile's rank among farmed salmon producers",
    section: '3.2',
    description: 'Chile was the second producer after Norway by the mid-1990s, having been outside the top five in 1981.',
    role: 'context',
  }),

  // --- Chile, opening of Section 3 -----------------------------------------------------------
  fact({
    id: 'chile-copper-1980',
    case: 'chile',
    metric: 'copperShareOfExports',
    year: 1980,
    value: 0.5,
    unit: 'share of exports',
    measures: 'copper in Chilean exports',
    section: '3',
    description: 'Copper made up about half of Chilean exports in 1980.',
    role: 'context',
  }),
  fact({
    id: 'chile-copper-1998',
    case: 'chile',
    metric: 'copperShareOfExports',
    year: 1998,
    value: 1 / 3,
    unit: 'share of exports',
    measures: 'copper in Chilean exports',
    section: '3',
    description: 'By the late 1990s its share had fallen to about a third.',
    role: 'context',
  }),
];

/** The fact with this id; throws naming the id when there is none. */
export function factById(id: string): Fact {
  const f = facts.find((x) => x.id === id);
  if (!f) throw new RangeError(`facts: no fact with id '${id}'`);
  return f;
}

/** Facts of one case and, optionally, one role. */
export function factsFor(caseName: CaseName, role?: FactRole): Fact[] {
  return facts.filter((f) => f.case === caseName && (role === undefined || f.role === role));
}

export function withinTolerance(model: number, value: number, t: Tolerance): boolean {
  if (!Number.isFinite(model)) return false;
  if (t.kind === 'atLeast') return model >= value * (1 - t.value);
  const allowed = t.kind === 'relative' ? t.value * Math.abs(value) : t.value;
  return Math.abs(model - value) <= allowed + 1e-9;
}

export function toleranceText(t: Tolerance): string {
  if (t.kind === 'relative') return `±${Math.round(t.value * 100)}%`;
  if (t.kind === 'absolute') return `±${t.value}`;
  return `≥ -${Math.round(t.value * 100)}%`;
}

/** The scale of an acceptable miss, in the value's unit (for calibration losses). */
export function toleranceScale(f: Pick<Fact, 'tolerance' | 'value'>): number {
  const t = f.tolerance!;
  if (t.kind === 'absolute') return t.value;
  return t.value * Math.abs(f.value);
}
