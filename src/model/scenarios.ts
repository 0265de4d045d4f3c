/**
 * Named scenarios: the two calibrated cases, the counterfactuals that remove each of the paper's
 * three factors (Perez-Aleman 2005, Section 4), and the rival baselines (Section 2; Kunc and Bas
 * 2009; Arthur 1990). A scenario is a case plus parameter overrides, so every counterfactual is a
 * run of the same model, never a rewrite.
 */
import { CASE_YEARS, type CaseName } from './cluster';
import { calibrated } from './calibrated';
import { salmonDefaults, tomatoDefaults } from './defaults';
import { withOverrides, type Overrides, type Params } from './parameters';

export type ScenarioKind = 'case' | 'counterfactual' | 'baseline' | 'rival' | 'model';

export interface Scenario {
  name: string;
  /** The model the scenario runs. */
  model?: string;
  /** The case whose parameters the scenario starts from (for other models, the model's name). */
  case: CaseName | string;
  kind: ScenarioKind;
  description: string;
  years: [number, number];
  /** Overrides applied to the calibrated parameters of the case. */
  set: Record<string, unknown>;
}

const NO_STATE = { 'mechanisms.stateExperiments': false, 'mechanisms.stateFinance': false };
const NO_COLLECTIVE = { 'mechanisms.association': false };
const NO_FOREIGN = { 'mechanisms.foreignTies': false, 'mechanisms.acquisitions': false };
const AGGLOMERATION_ONLY = {
  ...NO_STATE,
  ...NO_COLLECTIVE,
  ...NO_FOREIGN,
  'mechanisms.supplierContracts': false,
  'mechanisms.agglomeration': true,
};
const FIXED_STANDARD = { 'mechanisms.standardRatchet': false };
const FOREIGN_IMITATION = { 'mechanisms.association': false, 'mechanisms.foreignImitation': true };

function variants(c: CaseName): Scenario[] {
  const years = CASE_YEARS[c];
  const label = c === 'tomato' ? 'tomato processing' : 'salmon farming';
  const sentenceStart = label[0].toUpperCase() + label.slice(1);
  return [
    { name: c, case: c, kind: 'case', years, set: {}, description: `The ${label} cluster with every mechanism on, calibrated to the paper's facts (${years[0]}-${years[1]}).` },
    { name: `${c}/no-state`, case: c, kind: 'counterfactual', years, set: NO_STATE, description: `${sentenceStart} without the state: no public experiments, pilot firm, spin-offs, loans or co-financing.` },
    { name: `${c}/no-collective-action`, case: c, kind: 'counterfactual', years, set: NO_COLLECTIVE, description: `${sentenceStart} without the association: no standards, monitoring, seal, agreements or research institute.` },
    { name: `${c}/no-foreign-ties`, case: c, kind: 'counterfactual', years, set: NO_FOREIGN, description: `${sentenceStart} without foreign firms: no exacting buyers, tutelage, foreign inputs, cooperation or acquisitions.` },
    { name: `${c}/agglomeration-only`, case: c, kind: 'baseline', years, set: AGGLOMERATION_ONLY, description: `${sentenceStart} with agglomeration spillovers and demonstration entry only (Section 2.1's explanation).` },
    { name: `${c}/fixed-standard`, case: c, kind: 'baseline', years, set: FIXED_STANDARD, description: `${sentenceStart} with a fixed, state-imposed standard instead of the association's provisional, ratcheting one.` },
    { name: `${c}/foreign-imitation`, case: c, kind: 'baseline', years, set: FOREIGN_IMITATION, description: `${sentenceStart} where firms learn by imitating foreign investors, without monitoring institutions (Kunc and Bas 2009).` },
  ];
}

const SCENARIOS: Scenario[] = [
  ...variants('tomato'),
  ...variants('salmon'),
  { name: 'agglomeration-only', case: 'salmon', kind: 'baseline', years: CASE_YEARS.salmon, set: AGGLOMERATION_ONLY, description: 'Same as salmon/agglomeration-only.' },
  { name: 'fixed-standard', case: 'salmon', kind: 'baseline', years: CASE_YEARS.salmon, set: FIXED_STANDARD, description: 'Same as salmon/fixed-standard.' },
  { name: 'foreign-imitation', case: 'salmon', kind: 'baseline', years: CASE_YEARS.salmon, set: FOREIGN_IMITATION, description: 'Same as salmon/foreign-imitation.' },
];

export function scenarioList(): Scenario[] {
  return SCENARIOS.map((s) => ({ ...s, set: { ...s.set } }));
}

export function getScenario(name: string): Scenario {
  const s = SCENARIOS.find((x) => x.name === name);
  if (!s) {
    throw new RangeError(`unknown scenario '${name}'; scenarios: ${SCENARIOS.map((x) => x.name).join(', ')}`);
  }
  return s;
}

/** Default (pre-calibration) parameters of a case. */
export function caseDefaults(c: CaseName): Params {
  return c === 'tomato' ? tomatoDefaults() : salmonDefaults();
}

/** The calibrated parameters of a case: defaults with the values the seeded search found. */
export function caseParams(c: CaseName): Params {
  return withOverrides(caseDefaults(c), calibrated[c]);
}

/** Full parameters of a cluster-model scenario with user overrides applied on top. */
export function scenarioParams(s: Scenario, set?: Overrides): Params {
  return withOverrides(withOverrides(caseParams(s.case as CaseName), s.set), set);
}
