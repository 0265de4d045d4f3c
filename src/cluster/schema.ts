/**
 * Every number of the second cluster model, as a ParameterSpec (src/engine/model.ts): range, unit,
 * meaning and where it comes from. Processes read nothing else: no constant sits in a process.
 * Defaults differ by case where the paper (Perez-Aleman 2005) or the scale of the industry says
 * so; dates of programmes are inputs read from src/data/facts.ts.
 */
import type { ParameterSpec, ParamSourceKind } from '../engine/model';
import { factById } from '../data/facts';

export type CaseName = 'tomato' | 'salmon';

const fact = (id: string) => factById(id).value;
const PAPER = 'Perez-Aleman 2005';

type Default = number | { tomato: number; salmon: number };

function spec(
  c: CaseName,
  path: string,
  value: Default,
  range: [number, number],
  unit: string,
  meaning: string,
  source: string,
  kind: 'number' | 'integer' | 'year' = 'number',
): ParameterSpec {
  const v = typeof value === 'number' ? value : value[c];
  const sourceKind: ParamSourceKind = source.startsWith(PAPER)
    ? 'paper'
    : source === 'assumption' || source.startsWith('assumption (')
      ? 'assumption'
      : source.startsWith('hand-set')
        ? 'calibrated'
        : 'literature';
  const out: ParameterSpec = { path, kind, min: range[0], max: range[1], default: v, unit, meaning, source, sourceKind };
  const explore = exploreRange(v, range, kind, sourceKind);
  if (explore) out.explore = explore;
  return out;
}

/**
 * What sensitivity analysis and calibration explore: every assumed or hand-set number, from half
 * to one and a half times its value (within its range). Inputs from the paper and cited literature
 * are not explored, nor dates, nor numbers whose value is 0 (a feature the case does not have).
 */
function exploreRange(v: number, range: [number, number], kind: 'number' | 'integer' | 'year', sourceKind: ParamSourceKind): [number, number] | undefined {
  if (kind === 'year' || v === 0 || (sourceKind !== 'assumption' && sourceKind !== 'calibrated')) return undefined;
  let low = Math.max(range[0], Math.min(v * 0.5, v * 1.5));
  let high = Math.min(range[1], Math.max(v * 0.5, v * 1.5));
  if (kind === 'integer') [low, high] = [Math.ceil(low), Math.floor(high)];
  return low < high ? [low, high] : undefined;
}

/** The single switches, one per mechanism; bundled counterfactuals are lists of these. */
export const MECHANISMS: readonly { name: string; meaning: string; section: string; default?: boolean; salmon?: boolean }[] = [
  {
    name: 'stateExperiments',
    meaning: 'public experimental programmes build know-how and raise the hazard of discovering a viable activity',
    section: '3.1, 3.2, 4',
  },
  {
    name: 'foreignCooperation',
    meaning: 'foreign technical cooperation (JICA, missions abroad) adds to what the public programmes learn',
    section: '3.1, 3.2',
  },
  { name: 'statePilot', meaning: "the state founds a pilot firm at the input year (Malloa; Fundación Chile's Salmones Antártica)", section: '3.1, 3.2' },
  { name: 'spinoffs', meaning: 'staff of the public programmes start firms carrying public know-how', section: '3.2' },
  {
    name: 'spinoffsAwaitProof',
    meaning:
      "programme staff start firms as ventures show a margin: the spin-off rate rises with the firms whose margin clears the entry hurdle, full from `state.spinoffProof` of them (off: at the full rate while a programme runs, whatever the ventures show; tomato's spin-offs are few either way)",
    section: '3.2 ("two commercial ventures demonstrated success"; many entrants had worked in the public programme)',
    default: false,
    salmon: true,
  },
  { name: 'stateLoans', meaning: "state loans (CORFO) carry an entrant's costs in its first years", section: '3.2' },
  { name: 'coFinancing', meaning: 'the state co-finances collective projects (PROCHILE 50/50 committees, the seal, INTESAL)', section: '3.1, 3.2' },
  { name: 'regulation', meaning: 'once most output is certified the state makes the standard mandatory (inspections for all)', section: '3.2' },
  { name: 'association', meaning: 'local firms may found an association when enough of them find it worth its cost', section: '3.1, 3.2, 4' },
  {
    name: 'foundingAssembly',
    meaning:
      "founders count the country's reputation the whole founding coalition's exports would build, not only their own share of it, and every firm decides at the founding whether to join (off: the organisers alone, each counting its own share)",
    section: '3.2',
  },
  { name: 'benchmarking', meaning: "members compare their practices, which reveals each one's gaps with little noise", section: '2.3, 4' },
  { name: 'seal', meaning: 'independent inspection certifies members meeting the standard; sealed boxes earn a premium', section: '3.2' },
  { name: 'sanctions', meaning: 'a member whose shipments fail loses the seal for some years', section: '3.2, 4' },
  {
    name: 'openSeal',
    meaning:
      "once the association exists, non-members may have their shipments inspected and sealed for a fee (the standards applied to members and non-members; independent certifiers inspected), so the seal's premium no longer needs membership",
    section: '3.2',
    default: false,
    salmon: true,
  },
  {
    name: 'learningStandard',
    meaning: 'the association revises its standard from what its monitoring shows (off: the founding standard stays fixed)',
    section: '2.3, 3.2',
  },
  {
    name: 'codification',
    meaning: 'the standard makes best practice explicit, so investing toward it works better (members; non-members partly)',
    section: '3.1, 4',
  },
  {
    name: 'researchInstitute',
    meaning: 'the association may found a research institute on disease (INTESAL) that reveals sanitary gaps and codifies practice',
    section: '3.2',
  },
  {
    name: 'instituteOnRisk',
    meaning:
      'the association founds the institute on the disease risk that farm density and sanitary practice carry, not only on losses already suffered (neighbours must act together)',
    section: '3.2',
  },
  { name: 'priceAgreement', meaning: "members agree grower prices, curbing the poaching of each other's growers", section: '3.1' },
  { name: 'supplierContracts', meaning: 'processors move growers to yearly forward contracts with technical assistance', section: '3.1' },
  { name: 'tutelage', meaning: 'exacting foreign buyers tutor a few local firms for some years', section: '3.1' },
  { name: 'buyerAudits', meaning: "foreign buyers audit exporters' practices, revealing gaps", section: '3.1, 4' },
  { name: 'imitation', meaning: 'local firms and entrants imitate the practices of successful local firms', section: '3.1' },
  { name: 'agglomeration', meaning: 'tacit spillovers among neighbours, entry pull and cheaper services grow with the cluster', section: '2.1' },
  { name: 'foreignInputs', meaning: 'foreign input suppliers (eggs, feed, equipment) raise yields', section: '3.2' },
  { name: 'foreignEntry', meaning: 'foreign firms enter on their own once profits are shown', section: '3.1, 3.2' },
  { name: 'acquisitions', meaning: 'multinationals acquire capable local firms once the country has a reputation', section: '3.2' },
  {
    name: 'foreignEntryOnReputation',
    meaning:
      "foreign firms enter on their own only as the country's reputation draws multinationals, as acquisitions do (the first generation of investors was local)",
    section: '3.2',
  },
  { name: 'consolidation', meaning: 'profitable local firms absorb loss-making local ones', section: '3.2' },
  { name: 'collectiveReputation', meaning: "buyers judge every shipment by the country's reputation (off: each firm builds its own brand)", section: '3.2' },
  { name: 'worldPrice', meaning: "the world price falls as world supply (including Chile's) outgrows demand", section: '3.2' },
  { name: 'productUpgrading', meaning: 'firms with good processing sell a premium product (fresh fillets; high-grade paste)', section: '3.1, 3.2' },
  { name: 'disease', meaning: 'disease outbreaks, likelier the denser the farms, hit firms with poor sanitary practice hardest', section: '3.2' },
  {
    name: 'siteBoundGrowth',
    meaning:
      'capacity needs suitable sites (raw material within reach; farming centres): an entrant needs a free site, and the raw material no firm uses yet limits how fast firms grow (off for salmon, where output per centre rose)',
    section: '3.1, 3.2 (note 19)',
    salmon: false,
  },
  {
    name: 'foreignImitation',
    meaning: 'rival theory (Kunc and Bas 2009): local firms learn by imitating foreign-owned firms',
    section: 'rival',
    default: false,
  },
];

/** The five practices each lead firm holds, in the order of the gap arrays. */
export const PRACTICES = ['sanitary', 'cultivation', 'processing', 'qualityControl', 'supplyManagement'] as const;
export const K = PRACTICES.length;
export const SANITARY = 0;
export const CULTIVATION = 1;
export const PROCESSING = 2;
export const QUALITY = 3;
export const SUPPLY = 4;

export function clusterSchema(c: CaseName): ParameterSpec[] {
  const s = (path: string, value: Default, range: [number, number], unit: string, meaning: string, source: string, kind?: 'number' | 'integer' | 'year') =>
    spec(c, path, value, range, unit, meaning, source, kind);
  const A = 'assumption';
  const T = c === 'tomato';
  const out: ParameterSpec[] = MECHANISMS.map((m) => ({
    path: `mechanisms.${m.name}`,
    kind: 'boolean',
    default: (c === 'salmon' ? m.salmon : undefined) ?? m.default ?? true,
    unit: 'on/off',
    meaning: m.meaning,
    source: m.section === 'rival' ? 'Kunc and Bas 2009 (rival)' : `${PAPER}, ${m.section}`,
    sourceKind: m.section === 'rival' ? 'literature' : 'paper',
  }));
  out.push(
    {
      path: 'start.established',
      kind: 'boolean',
      default: false,
      unit: 'on/off',
      meaning: "an established start (for H4): the run's own cluster, grown with every mechanism on up to start.year, then the run's switches apply",
      source: A,
      sourceKind: 'assumption',
    },
    s(
      'start.year',
      1990,
      [1900, 2100],
      'year',
      "with start.established: the last year of the run-up in which every mechanism is on (the model's own cluster as it stands then is the established one); the run's switches apply from the next year. 1990: both clusters had taken off (3.1: FEPACH 1989, the turning point early 1980s; 3.2: exports 23,800 t), and it is the validation's split year",
      `${PAPER}, 3.1, 3.2 (input)`,
      'year',
    ),

    s(
      'state.programStart',
      T ? 1966 : fact('salmon-sernap-jica-start'),
      [1900, 2100],
      'year',
      'first year of the public experimental programme (input)',
      T ? `${PAPER}, 3.1 (late 1960s)` : `${PAPER}, 3.2`,
      'year',
    ),
    s(
      'state.programEnd',
      T ? 1975 : fact('salmon-sernap-jica-end'),
      [1900, 2100],
      'year',
      'last year of the first programme (input)',
      T ? `${PAPER}, 3.1 (1970s)` : `${PAPER}, 3.2`,
      'year',
    ),
    s(
      'state.secondProgramStart',
      T ? 2100 : fact('salmon-ifop-jica-start'),
      [1900, 2100],
      'year',
      'start of a second programme, 2100 for none (input)',
      `${PAPER}, 3.2`,
      'year',
    ),
    s('state.knowhowGain', 0.08, [0, 0.5], 'per year', 'share of the remaining gap in public know-how a programme closes each year', 'hand-set'),
    s('state.foreignCooperationShare', 0.5, [0, 1], 'share', "part of a programme's learning owed to foreign cooperation", A),
    s('state.privateKnowhowGain', 0.01, [0, 0.2], 'per year', 'know-how private trial and error adds without the state', A),
    s('state.publicDiscovery', 0.6, [0, 5], 'per year per unit know-how', 'hazard of discovering a viable activity, per unit of public know-how', 'hand-set'),
    s('state.privateDiscovery', 0.01, [0, 1], 'per year', 'hazard of a private discovery without public know-how', A),
    s(
      'state.pilotYear',
      T ? fact('tomato-pilot-start') : 1980,
      [1900, 2100],
      'year',
      'year the state pilot firm starts (input)',
      T ? `${PAPER}, 3.1` : `${PAPER}, 3.2 (note 27: Salmones Antártica among the three firms of 1980)`,
      'year',
    ),
    s(
      'state.privatiseYear',
      T ? fact('tomato-pilot-privatised') : 1988,
      [1900, 2100],
      'year',
      'year the pilot passes to private owners (input)',
      T ? `${PAPER}, 3.1` : A,
      'year',
    ),
    s('state.pilotCapacity', T ? 1500 : 300, [1, 1e5], 'tonnes/year', 'capacity of the pilot firm', A),
    s(
      'state.publicAccess',
      0.5,
      [0, 1],
      'share',
      'how much of the public know-how reaches firms that were not part of the programmes (consultancy, publications)',
      A,
    ),
    s('state.spinoffRate', T ? 0.05 : 2, [0, 5], 'firms per year', 'spin-offs per year from an active programme at full know-how', 'hand-set'),
    s('state.spinoffYears', 3, [0, 20], 'years', 'years after a programme ends during which its staff still start firms', A),
    s(
      'state.spinoffProof',
      2,
      [1, 20],
      'firms',
      'firms showing a margin above the entry hurdle from which programme staff start firms at the full rate (with mechanisms.spinoffsAwaitProof)',
      `${PAPER}, 3.2 ("two commercial ventures demonstrated success")`,
      'integer',
    ),
    s(
      'state.financeStart',
      1983,
      [1900, 2100],
      'year',
      'first year of PROCHILE co-financing of export committees (input)',
      `${PAPER}, 3.1 (post-1982)`,
      'year',
    ),
    s('state.coFinanceShare', fact('tomato-prochile-cofinance'), [0, 1], 'share', "public share of collective projects' costs (input)", `${PAPER}, 3.1`),
    s(
      'state.researchPublicShare',
      fact('salmon-intesal-public-share'),
      [0, 1],
      'share',
      "public share of the research institute's cost (input)",
      `${PAPER}, 3.2`,
    ),
    s('state.loanYears', 4, [0, 20], 'years', "years a state loan carries an entrant's losses", A, 'integer'),
    s('state.regulationShare', 0.75, [0, 1], 'share of output', 'certified share of output at which the state makes the standard mandatory', A),

    s('entry.exploration', T ? 0.2 : 0.4, [0, 10], 'firms per year', 'entrants per year once viability is discovered, before profits are shown', 'hand-set'),
    s(
      'entry.demonstration',
      T ? 4 : 35,
      [0, 50],
      'firms per year per unit margin',
      'entrants drawn per unit of positive margin shown by incumbents',
      'hand-set',
    ),
    s(
      'entry.sites',
      T ? 15 : 400,
      [1, 1e5],
      'sites',
      T
        ? 'processing locations with raw material within reach (room for lead firms)'
        : 'farming sites suitable for salmon, taken as the centres registered in 2001 (324 in the Tenth Region were 81% of them): the sites in use then, a floor for those that could be used (docs/calibration.md, "what the number of sites does")',
      T
        ? 'hand-set (assumption moved by hand while calibrating); the facts up to 1990 do not identify it, and the 1995 facts follow it (docs/calibration.md, "The number of tomato processing locations")'
        : `${PAPER}, 3.2 (Aquanoticias 2001)`,
      'integer',
    ),
    s(
      'entry.tonnesPerSite',
      T ? 20000 : 640,
      [1, 1e7],
      'tonnes/year',
      'capacity one site holds: larger firms hold several sites',
      T
        ? 'hand-set (assumption moved by hand while calibrating)'
        : `${PAPER}, 3.2 (206,000 t from some 324 centres, about 640 t each; the 2000 tonnes are a fact held out by time)`,
    ),
    s(
      'entry.minSites',
      T ? 1 : 2,
      [1, 20],
      'sites',
      T ? 'sites a processor needs at least' : 'sites a farm needs at least: a freshwater hatchery site and a sea site',
      T ? A : `${PAPER}, 3.2 (note 23)`,
      'integer',
    ),
    s(
      'entry.hurdle',
      0.15,
      [0, 1],
      'margin',
      'margin above which an incumbent counts as a demonstration',
      'hand-set (assumption moved by hand while calibrating)',
    ),
    s(
      'entry.groupShare',
      T ? 0.7 : 0.4,
      [0, 1],
      'share',
      'share of non-spin-off entrants that are economic groups from other sectors',
      `${PAPER}, 3.2 (Montero et al. 2000)`,
    ),
    s('entry.foreignShare', T ? 0.05 : 0.02, [0, 1], 'share', 'share of entrants that are foreign firms', A),
    s(
      'entry.sizeSpinoff',
      T ? 800 : 20,
      [1, 1e5],
      'tonnes/year',
      'median capacity of a spin-off entrant (lognormal)',
      'hand-set (assumption moved by hand while calibrating)',
    ),
    s(
      'entry.sizeGroup',
      T ? 1500 : 60,
      [1, 1e5],
      'tonnes/year',
      "median capacity of an economic group's entrant (lognormal)",
      'hand-set (assumption moved by hand while calibrating)',
    ),
    s(
      'entry.sizeForeign',
      T ? 3000 : 300,
      [1, 1e5],
      'tonnes/year',
      'median capacity of a foreign entrant (lognormal)',
      'hand-set (assumption moved by hand while calibrating)',
    ),
    s('entry.sizeSigma', 0.8, [0, 3], 'log units', 'standard deviation of log entrant capacity', A),
    s('entry.levelNoise', 0.08, [0, 0.5], '0..1', "spread of entrants' practice levels", A),
    s('entry.baseLevel', 0.3, [0, 1], '0..1', 'practice level of an entrant with neither public know-how nor a model to imitate', A),
    s('entry.foreignLevel', 0.75, [0, 1], '0..1', 'practice level foreign entrants bring', A),
    s('entry.imitationShare', 0.5, [0, 1], 'share', "share of the way to the best local firm's practice an imitating entrant starts at", A),

    s('practices.frontierDrift', 0.02, [0, 0.2], 'per year', 'share of a practice level lost each year as world best practice moves on', A),
    s('practices.byDoing', 0.03, [0, 0.5], 'per year', 'share of a gap closed by experience alone', A),
    s('practices.effortMax', 0.6, [0, 2], 'per year', 'largest yearly upgrading effort a firm makes', A),
    s('practices.effortScale', 0.3, [0.01, 2], 'gap', 'perceived mean gap at which effort reaches 63% of its maximum', A),
    s('practices.tacitEfficacy', 0.08, [0, 1], 'per unit effort', 'gap share closed per unit effort by trial and error', A),
    s('practices.explicitEfficacy', 0.35, [0, 2], 'per unit effort', 'extra gap share closed per unit effort where best practice is explicit', A),
    s('practices.codifyWidth', 0.1, [0.01, 1], 'level', 'how far below a codified level a firm must be to use it fully', A),
    s('practices.focus', 2, [0, 5], 'exponent', 'how sharply a firm concentrates effort on the practices it sees as furthest behind', A),
    s(
      'practices.effortCost',
      0.05,
      [0, 1],
      'share of price',
      'yearly cost of a unit of upgrading effort per tonne of capacity, relative to the reference price',
      A,
    ),
    s('practices.rateCap', 0.5, [0.05, 1], 'per year', 'largest share of a gap closed in one year', A),

    s(
      'perception.selfBias',
      0.5,
      [0, 1],
      'share',
      'share of its true gap a firm sees in its own assessment (firms do not know what has to change)',
      `${PAPER}, 2.3 (Sabel 1996); assumption`,
    ),
    s('perception.selfSigma', 0.2, [0.001, 1], 'gap', "noise of a firm's own assessment of a gap", A),
    s('perception.driftSigma', 0.05, [0, 1], 'gap', "yearly growth of a firm's uncertainty about a gap", A),
    s('perception.priorSigma', 0.3, [0.001, 1], 'gap', 'uncertainty of an entrant about its gaps', A),
    s('perception.benchSigma', 0.06, [0.001, 1], 'gap', "noise of members' benchmarking", A),
    s('perception.inspectSigma', 0.05, [0.001, 1], 'gap', 'noise of an independent inspection', A),
    s('perception.auditSigma', 0.08, [0.001, 1], 'gap', "noise of a foreign buyer's audit", A),
    s('perception.researchSigma', 0.04, [0.001, 1], 'gap', "noise of the research institute's diagnosis of sanitary practice", A),
    s('perception.consultSigma', 0.12, [0.001, 1], 'gap', "noise of a public programme's comparison with foreign competitors", A),
    s('perception.crisisSigma', 0.1, [0.001, 1], 'gap', 'noise of what a disease outbreak reveals about sanitary practice', A),
    s('perception.auditRate', 0.3, [0, 1], 'per year', 'chance that an exporter is audited by a foreign buyer in a year', A),

    s('association.costUSD', T ? 150000 : 400000, [0, 1e7], 'USD/year', 'yearly cost of running the association, seal and inspections, split among members', A),
    s(
      'association.memberCostUSD',
      T ? 20000 : 30000,
      [0, 1e6],
      'USD/year',
      "a member's own yearly cost of taking part (time, data, compliance)",
      'hand-set (assumption moved by hand while calibrating)',
    ),
    s('association.infoValue', 0.01, [0, 0.2], 'share of revenue', 'value of benchmarking information to a member, as a share of its revenue', A),
    s('association.crisisBenefit', 0.05, [0, 0.5], 'share of revenue', 'value of joint action in a crisis at full severity, as a share of revenue', A),
    s('association.reputationStake', 1, [0, 5], 'factor', 'how much of the reputation gain it helps create a firm counts, per unit of its market share', A),
    s('association.foundHazard', 0.5, [0, 1], 'per year', 'chance per year that a viable coalition actually organises', A),
    s('association.joinRate', 0.5, [0, 1], 'per year', 'chance per year that a firm reconsiders membership', A),
    s('association.choiceNoise', 0.2, [0.01, 5], 'relative', 'logit noise of the join decision, relative to its cost', A),
    s(
      'association.standardQuantile',
      0.5,
      [0, 1],
      'quantile',
      "members' practice level the standard is set from (what monitoring shows the best members do)",
      'hand-set (assumption moved by hand while calibrating)',
    ),
    s('association.standardStep', 0.05, [0, 0.5], 'level', "provisional step beyond the best members' level", A),
    s(
      'association.sealTolerance',
      0.08,
      [0, 0.5],
      'quality',
      "how far below the standard's quality an inspected product may be and still get the seal",
      'hand-set (assumption moved by hand while calibrating)',
    ),
    s('association.sealPremium', 0.06, [0, 0.5], 'share of price', 'price premium of sealed product at full credibility', A),
    s(
      'association.sealFeeUSD',
      T ? 0 : 15000,
      [0, 1e6],
      'USD/year',
      "what a non-member pays the certifiers a year to have its shipments inspected for the seal, under an open seal (salmon: about the inspections' part of the association's running cost per member; tomato: 0, no open seal)",
      A,
    ),
    s('association.initialCredibility', 0.5, [0, 1], 'share', "buyers' trust in a new seal before any sealed shipment has been seen", A),
    s('association.credibilityRate', 0.3, [0, 1], 'per year', "how fast buyers' trust in the seal follows the pass rate of sealed shipments", A),
    s(
      'association.nonMemberAccess',
      0.3,
      [0, 1],
      'share',
      'how much of the codified standard reaches non-members (the standards applied to all, 3.2)',
      `${PAPER}, 3.2; assumption`,
    ),
    s('association.sanctionYears', 2, [0, 10], 'years', 'years a member whose shipments failed loses the seal', A, 'integer'),
    s('association.failTolerance', 0.2, [0, 1], 'share', 'share of rejected shipments above which a member is sanctioned', A),
    s('association.complianceBoost', 0.5, [0, 5], 'factor', 'extra effort of a member that sees itself below the seal', A),
    s(
      'association.researchHazard',
      20,
      [0, 20],
      'per year per unit loss',
      'hazard of founding a research institute per unit of recent disease loss',
      'hand-set (assumption moved by hand while calibrating)',
    ),
    s('association.researchEffect', 0.5, [0, 1], 'share', "cut in disease hazard from the institute's coordinated control", A),
    s('association.agreementEffect', 0.7, [0, 1], 'share', "cut in poaching from the members' price agreement", A),

    s('market.priceUSDperT', T ? 900 : 3500, [1, 1e5], 'USD/t', 'world price of the base product at reference supply and demand', T ? A : 'hand-set'),
    s('market.priceYear', 1990, [1900, 2100], 'year', 'year of the reference price', A, 'year'),
    s('market.demandGrowth', T ? 0.03 : 0.09, [-0.2, 0.5], 'per year', 'growth of world demand at a constant price', A),
    s('market.demandElasticity', 1, [0.1, 10], 'elasticity', 'price elasticity of world demand', A),
    s(
      'market.restOfWorldT',
      T ? 4e6 : 250000,
      [0, 1e8],
      'tonnes',
      'output of the rest of the world in the reference year',
      'assumption (order of magnitude of world output)',
    ),
    s('market.restGrowth', T ? 0.03 : 0.11, [-0.2, 0.5], 'per year', "growth of the rest of the world's output", A),
    s('market.priceNoise', 0.08, [0, 1], 'log units', 'yearly noise of the world price', A),
    s(
      'market.domesticPriceShare',
      T ? 0.8 : 0.4,
      [0, 1],
      'share of price',
      'price of rejected or domestic product relative to the world price',
      'hand-set (assumption moved by hand while calibrating)',
    ),
    s(
      'market.domesticCapacityT',
      T ? 10000 : 1000,
      [0, 1e7],
      'tonnes',
      'what the home market absorbs at the domestic price',
      'hand-set (assumption moved by hand while calibrating)',
    ),
    s(
      'market.requirement',
      T ? 0.62 : 0.55,
      [0, 1],
      'quality',
      'quality at which a foreign buyer accepts half the lots',
      'hand-set (assumption moved by hand while calibrating)',
    ),
    s('market.acceptanceWidth', 0.04, [0.001, 1], 'quality', 'width of the logistic acceptance of lots around the requirement', A),
    s(
      'market.premiumMarkup',
      0.5,
      [0, 5],
      'share of price',
      'extra unit value of the premium product (high-grade paste; fresh fillets)',
      'hand-set (assumption moved by hand while calibrating)',
    ),
    s('market.premiumLevel', 0.7, [0, 1], 'level', 'processing level at which half of output can be premium', A),
    s('market.premiumMaxShare', 0.7, [0, 1], 'share', "largest premium share of a firm's output", A),
    s('market.lots', 20, [1, 1000], 'lots', 'shipments per firm and year, each accepted or rejected by the buyer', A, 'integer'),
    s('market.memory', 0.3, [0, 1], 'share', 'weight of this year in the remembered price and disease loss (what firms count as a crisis)', A),
    s(
      'market.initialReputation',
      0.3,
      [0, 1],
      '0..1',
      'reputation of a country buyers do not yet know as a source',
      'hand-set (assumption moved by hand while calibrating)',
    ),
    s('market.reputationRate', 0.3, [0, 1], 'per year', 'fastest yearly adjustment of the country reputation', A),
    s(
      'market.reputationVolumeT',
      T ? 2000 : 3000,
      [1, 1e7],
      'tonnes',
      'exports at which reputation adjusts at half its fastest',
      'hand-set (assumption moved by hand while calibrating)',
    ),
    s(
      'market.reputationWeight',
      0.3,
      [0, 1],
      'share of price',
      'part of the export price that depends on reputation',
      'hand-set (assumption moved by hand while calibrating)',
    ),
    s('market.badPenalty', 0.2, [0, 2], 'per unit share', 'reputation lost per unit share of rejected shipments', A),
    s('market.brandVolumeT', 20000, [1, 1e7], 'tonnes', "own exports at which a firm's brand is half built (without collective reputation)", A),

    s(
      'firm.costShare',
      T ? 0.55 : 0.7,
      [0, 2],
      'share of price',
      'unit cost at reference capacity and best practice, relative to the reference price',
      'hand-set',
    ),
    s(
      'firm.referenceT',
      T ? 3000 : 300,
      [1, 1e6],
      'tonnes/year',
      'minimum efficient scale: below it unit cost rises, above it it is flat',
      'hand-set (assumption moved by hand while calibrating)',
    ),
    s(
      'firm.scaleEconomies',
      0.2,
      [0, 0.5],
      'elasticity',
      'elasticity of unit cost to capacity below the minimum efficient scale',
      'hand-set (assumption moved by hand while calibrating)',
    ),
    s('firm.gapCost', 0.4, [0, 2], 'per unit gap', 'extra unit cost per unit of mean practice gap', A),
    s('firm.investShare', 0.6, [0, 1], 'share', 'share of profit reinvested in capacity', A),
    s(
      'firm.capitalPerT',
      1,
      [0.1, 10],
      'years of price',
      'investment per tonne of new capacity, in reference prices',
      'hand-set (assumption moved by hand while calibrating)',
    ),
    s('firm.growthMax', 0.35, [0, 2], 'per year', 'largest yearly capacity growth', 'hand-set'),
    s('firm.shrink', 0.15, [0, 1], 'per year', 'capacity cut in a loss-making year', A),
    s(
      'firm.exitLoss',
      T ? 1 : 0.5,
      [0, 10],
      'years of cost',
      'accumulated loss, in years of cost, at which a firm exits',
      'hand-set (assumption moved by hand while calibrating)',
    ),
    s('firm.startCash', 0.5, [0, 5], 'years of cost', 'cash an entrant brings', A),
    s('firm.groupCash', 1, [0, 5], 'years of cost', 'extra cash an economic group brings', A),
    s('firm.yieldBase', 0.6, [0, 1], 'share', 'output per unit capacity of a firm at zero practice level', A),

    s('suppliers.rawPerProduct', T ? 6 : 1, [1, 20], 't raw / t product', 'raw tomatoes per tonne of paste', A),
    s('suppliers.tonnesPerGrower', 65, [1, 1e4], 't raw/year', 'raw material one small grower supplies', 'hand-set'),
    s('suppliers.spotLoss', T ? 0.25 : 0, [0, 1], 'share', 'raw material lost to rotting and irregular flow on the spot market', `${PAPER}, 3.1; assumption`),
    s('suppliers.contractLoss', 0.04, [0, 1], 'share', 'loss with forward contracts and scheduled planting', A),
    s('suppliers.poachLoss', T ? 0.15 : 0, [0, 1], 'share', 'most supply lost to rivals bidding growers away', `${PAPER}, 3.1; assumption`),
    s('suppliers.poachRivalsHalf', 3, [0.01, 100], 'processors', 'rival processors at which bidding for growers takes half its most supply', A),
    s('suppliers.contractAdoption', 0.3, [0, 1], 'per year', 'share of the way to its contract target a processor moves each year', A),

    s(
      'foreign.tutelageSlots',
      T ? fact('tomato-japan-tutelage-firms') : 0,
      [0, 20],
      'firms',
      'local firms foreign buyers tutor (input)',
      `${PAPER}, 3.1`,
      'integer',
    ),
    s('foreign.tutelageYears', T ? fact('tomato-japan-tutelage-years') : 0, [0, 20], 'years', 'length of tutelage (input)', `${PAPER}, 3.1`, 'integer'),
    s('foreign.tieRate', 0.5, [0, 5], 'per year', "hazard of a buyer tie per unit of a firm's acceptance rate", A),
    s('foreign.inputYield', T ? 0.05 : 0.15, [0, 1], 'share', 'yield gain from foreign inputs', A),
    s(
      'foreign.acquisitionRate',
      T ? 0.05 : 1,
      [0, 20],
      'deals per year',
      "acquisitions per year once the country's reputation is high",
      'hand-set (assumption moved by hand while calibrating)',
    ),
    s(
      'foreign.acquisitionReputation',
      0.8,
      [0, 1],
      'reputation',
      'reputation at which multinationals come at half their pace: acquisitions, and foreign entrants with foreignEntryOnReputation',
      'hand-set (assumption moved by hand while calibrating)',
    ),
    s('foreign.acquisitionWidth', 0.05, [0.001, 1], 'reputation', 'width of the logistic rise of acquisitions (and foreign entry) with reputation', A),
    s('foreign.mergeShare', 0.4, [0, 1], 'share', 'share of deals in which a multinational merges the firm into one it owns', A),
    s('foreign.transfer', 0.5, [0, 1], 'share', 'share of a practice gap a multinational closes in a firm it acquires', A),
    s('foreign.capacityBoost', 0.5, [0, 5], 'share', 'capacity a multinational adds to a firm it acquires', A),
    s('foreign.growthBonus', 0.05, [0, 1], 'per year', "extra yearly growth of foreign-owned firms (a parent's capital)", A),
    s(
      'foreign.imitationAccess',
      0.5,
      [0, 1],
      'share',
      "how much of foreign firms' practice local firms can copy (rival only)",
      'Kunc and Bas 2009; assumption',
    ),

    s('imitation.access', 0.3, [0, 1], 'share', "how much of a successful local firm's practice others can copy", A),

    s(
      'agglomeration.spillover',
      0.1,
      [0, 1],
      'per year',
      "largest yearly tacit spillover toward the cluster's mean practice",
      'Marshall; Krugman 1991 (Section 2.1); assumption',
    ),
    s('agglomeration.scale', T ? 10 : 60, [1, 1e4], 'firms', 'cluster size at which spillovers reach half their largest', A),
    s('agglomeration.entryPull', 1, [0, 10], 'factor', 'how much a large cluster multiplies demonstration entry', A),
    s('agglomeration.costSaving', 0.1, [0, 1], 'share', 'largest cut in unit cost from local service firms', A),
    s('agglomeration.serviceHalf', T ? 10 : 60, [1, 1e4], 'firms', 'service firms at which the saving is half its largest', A),

    s('services.tonnesPerFirm', T ? 8000 : 1400, [1, 1e7], 'tonnes', 'cluster output one service or input firm serves', 'hand-set'),
    s('services.adjust', 0.3, [0, 1], 'per year', 'share of the gap to the services the cluster supports closed each year', A),

    s('disease.baseHazard', T ? 0 : 2, [0, 5], 'per year', 'outbreak hazard at full density', 'hand-set (assumption moved by hand while calibrating)'),
    s('disease.carryingT', 300000, [1, 1e8], 'tonnes', 'output at which farm density is full', A),
    s('disease.severity', 0.6, [0, 1], 'share', 'output lost in the strongest outbreak by a firm with the largest sanitary gap', A),
    s('disease.weakestShare', 0.5, [0, 1], 'share', 'strength of the weakest outbreak as a share of the strongest (strengths drawn evenly between)', A),

    s(
      'consolidation.rate',
      0.3,
      [0, 1],
      'per year',
      'chance per year that a loss-making local firm is absorbed by a profitable local one',
      'hand-set (assumption moved by hand while calibrating)',
    ),
  );
  return out;
}
