/**
 * The cluster model's parameters: one nested object per run, and a schema that gives every leaf a
 * range, a unit and a sentence of meaning tied to the section of Perez-Aleman (2005) it comes from.
 * Users change parameters by dotted path (`mechanisms.association=false`); every change is checked
 * against the schema so that a wrong value fails loudly, naming the path, the value and the range.
 */

export interface Mechanisms {
  stateExperiments: boolean;
  stateFinance: boolean;
  association: boolean;
  supplierContracts: boolean;
  foreignTies: boolean;
  agglomeration: boolean;
  acquisitions: boolean;
  collectiveReputation: boolean;
  standardRatchet: boolean;
  foreignImitation: boolean;
}

export interface Params {
  mechanisms: Mechanisms;
  start: {
    established: boolean;
    firms: number;
    capability: number;
    reputation: number;
  };
  state: {
    programStart: number;
    programEnd: number;
    secondProgramStart: number;
    knowledgeGain: number;
    viability: number;
    foreignCooperationShare: number;
    pilotFirmYear: number;
    privatiseYear: number;
    pilotCapacity: number;
    spinoffRate: number;
    consultRate: number;
    financeStart: number;
    entrySubsidy: number;
    loanYears: number;
    coFinanceShare: number;
    regulationShare: number;
    researchPublicShare: number;
  };
  entry: {
    demonstration: number;
    hurdle: number;
    sites: number;
    exploration: number;
    privateDiscovery: number;
    foreignShare: number;
    initialCapacity: number;
    initialCapability: number;
    capabilitySpread: number;
  };
  learning: {
    byDoing: number;
    tutelage: number;
    monitoring: number;
    reach: number;
    diffusion: number;
    spillover: number;
    spilloverScale: number;
    imitation: number;
    noise: number;
    frontierDrift: number;
  };
  association: {
    quorum: number;
    problemThreshold: number;
    minSize: number;
    ratchetStep: number;
    fixedStandard: number;
    fixedStandardYear: number;
    joinRate: number;
    joinScale: number;
    sealPremium: number;
    researchThreshold: number;
    researchEffect: number;
  };
  suppliers: {
    rawPerProduct: number;
    tonnesPerSupplier: number;
    spotLoss: number;
    contractLoss: number;
    poachLoss: number;
    contractAdoption: number;
    assistance: number;
    initialCapability: number;
    qualityWeight: number;
  };
  market: {
    priceUSDperT: number;
    costShare: number;
    domesticPriceShare: number;
    exportThreshold: number;
    worldMarketT: number;
    worldMarketYear: number;
    worldGrowth: number;
    accessShare: number;
    noTiesAccess: number;
    elasticity: number;
    reputationRate: number;
    reputationVolumeT: number;
    badShipmentPenalty: number;
    brandVolumeT: number;
    restOfWorldT1990: number;
    restOfWorldGrowth: number;
    diseaseLoss: number;
    diseaseScaleT: number;
  };
  foreign: {
    tieYear: number;
    tutelageSlots: number;
    tutelageYears: number;
    tutelageMinCapability: number;
    inputYieldBoost: number;
    acquisitionRate: number;
    acquisitionReputation: number;
    mergeShare: number;
    mncCapability: number;
    mncCapacityBoost: number;
  };
  firm: {
    growthMax: number;
    growthNoise: number;
    foreignGrowthBonus: number;
    exitLoss: number;
    startCash: number;
  };
}

export type ParamKind = 'boolean' | 'number' | 'integer' | 'year';

export interface ParamSpec {
  path: string;
  kind: ParamKind;
  min?: number;
  max?: number;
  unit: string;
  meaning: string;
  /** Section of Perez-Aleman (2005) the parameter formalises, or "model" for a modelling choice. */
  section: string;
}

const YEAR_MIN = 1900;
const YEAR_MAX = 2100;

function flag(path: string, meaning: string, section: string): ParamSpec {
  return { path, kind: 'boolean', unit: 'on/off', meaning, section };
}
function num(path: string, min: number, max: number, unit: string, meaning: string, section: string): ParamSpec {
  return { path, kind: 'number', min, max, unit, meaning, section };
}
function int(path: string, min: number, max: number, unit: string, meaning: string, section: string): ParamSpec {
  return { path, kind: 'integer', min, max, unit, meaning, section };
}
function year(path: string, meaning: string, section: string): ParamSpec {
  return { path, kind: 'year', min: YEAR_MIN, max: YEAR_MAX, unit: 'calendar year', meaning, section };
}

/** Every parameter, in the order `clusterlab scenarios` lists them. */
export const parameterSpecs: readonly ParamSpec[] = [
  flag('mechanisms.stateExperiments', 'Public programmes experiment with the new activity, build public know-how, run a pilot firm and spin off entrants.', '3.1, 3.2, 4'),
  flag('mechanisms.stateFinance', 'State loans to entrants (CORFO) and co-financing of collective projects (PROCHILE fund, research institute, certification).', '3.1, 3.2, 4'),
  flag('mechanisms.association', 'Firms found an association once enough share a problem; it sets standards, monitors, diffuses made-explicit knowledge, runs a seal and agreements.', '3.1, 3.2, 2.3'),
  flag('mechanisms.supplierContracts', 'Processors move growers to yearly forward contracts with technical assistance, removing rotting, irregular flow and poaching.', '3.1'),
  flag('mechanisms.foreignTies', 'Exacting foreign buyers give access to demand and tutor firms; foreign input suppliers and technical cooperation help.', '3.1, 3.2, 4'),
  flag('mechanisms.agglomeration', 'Tacit spillovers and entry attraction that grow with the number of firms already in place.', '2.1'),
  flag('mechanisms.acquisitions', 'Multinationals buy globally competitive local firms once the cluster has a reputation, sometimes merging them.', '3.2'),
  flag('mechanisms.collectiveReputation', 'Export prices depend on a country reputation built by the volume and quality of all shipments; off, each firm has only its own small brand.', '3.2'),
  flag('mechanisms.standardRatchet', 'The association ratchets a provisional standard just ahead of its members; off, a fixed standard is imposed instead and nothing is diffused.', '2.3, 4'),
  flag('mechanisms.foreignImitation', 'Rival theory (Kunc and Bas 2009): firms learn by imitating the best foreign-owned firm, without monitoring institutions.', 'model (rival)'),

  flag('start.established', 'Start from an established cluster (firms, capability and reputation already in place) instead of from nothing: the test of whether a mechanism sustains rather than starts a cluster.', '2.1'),
  int('start.firms', 0, 10000, 'firms', 'Firms in place at the start when starting established.', '2.1'),
  num('start.capability', 0, 1, 'capability', 'Capability of the firms in place when starting established.', '2.1'),
  num('start.reputation', 0, 1, 'reputation', 'Country reputation at the start when starting established.', '2.1'),

  year('state.programStart', 'First year of the public experimental programme (CORFO tomato projects; SERNAP-JICA salmon programme).', '3.1, 3.2'),
  year('state.programEnd', 'Last year of the first public programme.', '3.2'),
  year('state.secondProgramStart', 'First year of the follow-on public research programme (IFOP-JICA for salmon); it runs to the end.', '3.2'),
  num('state.knowledgeGain', 0, 0.5, 'share of the gap a year', 'How fast public experiments close the gap in know-how about the new activity.', '3.1, 3.2'),
  num('state.viability', 0, 1, 'know-how', 'Know-how at which experiments have shown the activity is viable here; before it nobody starts a venture.', '3.2'),
  num('state.foreignCooperationShare', 0, 1, 'share', 'Part of the public programmes\' learning that came from foreign technical cooperation (JICA, foreign missions).', '3.1, 3.2'),
  year('state.pilotFirmYear', 'Year the state founds its own pilot firm (Malloa; Fundación Chile\'s Salmones Antártica).', '3.1, 3.2'),
  year('state.privatiseYear', 'Year the pilot firm passes to private owners.', '3.1'),
  num('state.pilotCapacity', 0, 1e6, 'tonnes a year', 'Capacity the state gives its pilot firm.', '3.1, 3.2'),
  num('state.spinoffRate', 0, 20, 'entrants a year at full know-how', 'Start-ups by people leaving the public programmes, per year, scaled by public know-how.', '3.2'),
  num('state.consultRate', 0, 0.5, 'share of the gap a year', 'How fast firms below public know-how catch up with it through public technical consultancy.', '3.2'),
  year('state.financeStart', 'First year of state co-financing of collective export projects (post-1982 PROCHILE fund).', '3.1'),
  num('state.entrySubsidy', 0, 5, 'relative increase', 'Increase in entry the state loans make possible.', '3.2'),
  int('state.loanYears', 0, 20, 'years', 'Years during which an entrant\'s losses are carried by a state loan.', '3.2'),
  num('state.coFinanceShare', 0, 1, 'share', 'Public share of collective project costs; raises the reach of association programmes.', '3.1'),
  num('state.regulationShare', 0, 1, 'share of output', 'Share of output under the seal at which the state turns the industry standard into regulation.', '3.2'),
  num('state.researchPublicShare', 0, 1, 'share', 'Public share of the cost of the association\'s research institute.', '3.2'),

  num('entry.demonstration', 0, 50, 'entrants a year per unit of margin', 'Entrants drawn each year by the profit margins incumbents show (demonstration effect).', '3.2'),
  num('entry.hurdle', 0, 2, 'share of capacity value', 'Margin an incumbent must show before it draws entrants: what an entrant needs to expect to cover entry costs.', '3.2'),
  num('entry.sites', 1, 1e6, 'firms', 'Room for firms in the region (suitable sites and concessions): entry slows as the cluster fills it.', '3.2 (note 19)'),
  num('entry.exploration', 0, 5, 'entrants a year', 'Exploratory private entrants a year once anyone knows the activity exists.', 'model'),
  num('entry.privateDiscovery', 0, 0.2, 'share of the gap a year', 'How fast private trial and error alone builds know-how, without public experiments.', '2.1, 4'),
  num('entry.foreignShare', 0, 1, 'share of entrants', 'Share of entrants that are foreign firms (needs foreign ties).', '3.1'),
  num('entry.initialCapacity', 0, 1e6, 'tonnes a year', 'Capacity of a new firm.', 'model'),
  num('entry.initialCapability', 0, 1, 'capability', 'Capability of an entrant with no access to public know-how.', '3.1'),
  num('entry.capabilitySpread', 0, 0.5, 'capability', 'Standard deviation of entrants\' capability.', 'model'),

  num('learning.byDoing', 0, 0.2, 'share of the gap a year', 'Learning from own experience.', '3.1'),
  num('learning.tutelage', 0, 0.8, 'share of the gap a year', 'Learning of a firm tutored by a foreign buyer.', '3.1'),
  num('learning.monitoring', 0, 0.8, 'share of the gap a year', 'Learning of a monitored firm towards a standard within reach.', '2.3, 3.1, 3.2'),
  num('learning.reach', 0.01, 1, 'capability', 'How far ahead a standard can be and still guide improvement.', '2.3'),
  num('learning.diffusion', 0, 0.8, 'share of the gap a year', 'Learning from certified firms\' practices made explicit by the association.', '3.1, 3.2'),
  num('learning.spillover', 0, 0.5, 'share of the gap a year', 'Tacit spillovers from neighbours at full agglomeration.', '2.1'),
  num('learning.spilloverScale', 1, 1000, 'firms', 'Number of firms at which spillovers reach half their strength.', '2.1'),
  num('learning.imitation', 0, 0.8, 'share of the gap a year', 'Learning by imitating the best foreign firm (rival theory only).', 'model (rival)'),
  num('learning.frontierDrift', 0, 0.2, 'capability a year', 'How fast the international frontier moves ahead: capability, measured against it, erodes without learning.', '2.2, 2.3'),
  num('learning.noise', 0, 0.1, 'capability', 'Yearly random shocks to capability.', 'model'),

  int('association.quorum', 1, 500, 'firms', 'Firms sharing a problem needed to found the association.', '3.1, 3.2'),
  num('association.problemThreshold', 0, 1, 'severity', 'Severity of the shared problem (reputation gap, supply losses) that makes firms organise.', '3.2'),
  num('association.minSize', 0, 5, 'share of mean output', 'Size, relative to the mean firm, from which a local exporter feels the shared problem enough to found the association.', '3.2'),
  num('association.ratchetStep', 0, 0.5, 'capability', 'How far above its median member the association sets the provisional standard.', '2.3, 4'),
  num('association.fixedStandard', 0, 1, 'capability', 'Level of the state-imposed fixed standard (used when the ratchet is off).', 'model (rival)'),
  year('association.fixedStandardYear', 'Year the fixed standard is imposed.', 'model (rival)'),
  num('association.joinRate', 0, 1, 'probability a year', 'Chance a large non-member joins in a year.', '3.2'),
  num('association.joinScale', 0, 1e6, 'tonnes a year', 'Output at which a firm is half as likely to join as the largest.', '3.2'),
  num('association.sealPremium', 0, 0.5, 'share of price', 'Price premium of product carrying the association seal.', '3.2'),
  num('association.researchThreshold', 0, 1, 'share of output lost', 'Disease losses at which the association founds a research institute.', '3.2'),
  num('association.researchEffect', 0, 1, 'share', 'Share of disease losses the research institute removes at full funding.', '3.2'),

  num('suppliers.rawPerProduct', 0, 50, 'tonnes of raw input per tonne', 'Raw material needed per tonne of product.', '3.1'),
  num('suppliers.tonnesPerSupplier', 1, 1e5, 'tonnes a year', 'Raw material one grower delivers.', '3.1'),
  num('suppliers.spotLoss', 0, 1, 'share of input', 'Input lost to rotting and irregular flow when bought on the spot market.', '3.1'),
  num('suppliers.contractLoss', 0, 1, 'share of input', 'Input lost under forward contracts with technical assistance.', '3.1'),
  num('suppliers.poachLoss', 0, 1, 'share of input', 'Extra loss from rivals poaching spot growers, at many rivals.', '3.1'),
  num('suppliers.contractAdoption', 0, 1, 'share a year', 'Share of a processor\'s spot growers moved to contracts each year once it knows how.', '3.1'),
  num('suppliers.assistance', 0, 1, 'share of the gap a year', 'Learning of a grower under contract with technical assistance.', '3.1'),
  num('suppliers.initialCapability', 0, 1, 'capability', 'Capability of a new grower.', '3.1'),
  num('suppliers.qualityWeight', 0, 1, 'share', 'Weight of raw material in final product quality.', '3.1'),

  num('market.priceUSDperT', 1, 1e5, 'USD per tonne', 'World price of the product at reference quality.', '3.2'),
  num('market.costShare', 0, 2, 'share of price', 'Yearly cost per tonne of capacity, as a share of the reference price.', 'model'),
  num('market.domesticPriceShare', 0, 2, 'share of price', 'Price of product that fails export quality and is sold at home.', '3.1'),
  num('market.exportThreshold', 0, 1, 'capability', 'Quality below which foreign buyers refuse the product.', '3.1, 4'),
  num('market.worldMarketT', 1, 1e8, 'tonnes a year', 'World import market for the product in the reference year.', '3.2'),
  year('market.worldMarketYear', 'Reference year of the world market size.', 'model'),
  num('market.worldGrowth', -0.2, 0.5, 'per year', 'Growth rate of the world market.', '3.2'),
  num('market.accessShare', 0, 1, 'share', 'Largest share of the world market the cluster can reach with a full reputation.', '3.2'),
  num('market.noTiesAccess', 0, 1, 'relative', 'Market reachable without ties to exacting foreign buyers, relative to with them.', '4'),
  num('market.elasticity', 0, 3, 'elasticity', 'How strongly price falls as supply exceeds the market the cluster can reach.', 'model'),
  num('market.reputationRate', 0, 1, 'share of the gap a year', 'Speed at which country reputation follows the quality of exports.', '3.2'),
  num('market.reputationVolumeT', 1, 1e7, 'tonnes a year', 'Export volume at which buyers notice the country half as fast as at full volume.', '3.2'),
  num('market.badShipmentPenalty', 0, 1, 'reputation', 'Reputation lost a year when all shipments are barely above the buyers\' threshold.', '3.2'),
  num('market.brandVolumeT', 1, 1e7, 'tonnes a year', 'Volume a firm needs to build a brand of its own (without collective reputation).', '3.2'),
  num('market.restOfWorldT1990', 0, 1e8, 'tonnes a year', 'Output of all other producing countries in 1990 (for world share).', '3.2'),
  num('market.restOfWorldGrowth', -0.2, 0.5, 'per year', 'Growth of other countries\' output.', '3.2'),
  num('market.diseaseLoss', 0, 1, 'share of output', 'Output lost to disease when farms are dense (salmon).', '3.2'),
  num('market.diseaseScaleT', 1, 1e8, 'tonnes a year', 'Cluster output at which disease losses reach half their maximum.', '3.2'),

  year('foreign.tieYear', 'Year exacting foreign buyers start tutoring local firms (Japanese buyers of tomato paste).', '3.1'),
  int('foreign.tutelageSlots', 0, 100, 'firms', 'Firms tutored at a time.', '3.1'),
  int('foreign.tutelageYears', 0, 50, 'years', 'Length of a tutelage.', '3.1'),
  num('foreign.tutelageMinCapability', 0, 1, 'capability', 'Capability a firm needs before a foreign buyer will tutor it.', '3.1'),
  num('foreign.inputYieldBoost', 0, 1, 'share of output', 'Yield gain from foreign inputs (eggs, feed, varieties).', '3.2'),
  num('foreign.acquisitionRate', 0, 20, 'acquisitions a year', 'Acquisitions a year at full reputation.', '3.2'),
  num('foreign.acquisitionReputation', 0, 1, 'reputation', 'Reputation above which multinationals start buying local firms.', '3.2'),
  num('foreign.mergeShare', 0, 1, 'share', 'Share of acquisitions merged into a multinational already present.', '3.2'),
  num('foreign.mncCapability', 0, 1, 'capability', 'Capability multinationals bring to the firms they buy.', '3.2'),
  num('foreign.mncCapacityBoost', 0, 10, 'relative', 'Capacity expansion a multinational finances on acquiring a firm.', '3.2'),

  num('firm.growthMax', 0, 1, 'per year', 'Largest yearly capacity growth out of profits.', 'model'),
  num('firm.growthNoise', 0, 1, 'log-capacity per year', 'Standard deviation of yearly capacity growth shocks (Gibrat), which makes firm sizes unequal.', 'model'),
  num('firm.foreignGrowthBonus', 0, 1, 'per year', 'Extra yearly growth of foreign-owned firms, backed by a parent.', '3.2'),
  num('firm.exitLoss', 0, 10, 'years of revenue', 'Accumulated losses, in units of a year\'s capacity value, at which a firm exits.', 'model'),
  num('firm.startCash', 0, 10, 'years of revenue', 'Cash of an entrant, in units of a year\'s capacity value.', 'model'),
];

const specByPath = new Map(parameterSpecs.map((s) => [s.path, s]));

export function parameterSpec(path: string): ParamSpec | undefined {
  return specByPath.get(path);
}

function rangeText(spec: ParamSpec): string {
  if (spec.kind === 'boolean') return 'true or false';
  const what = spec.kind === 'integer' || spec.kind === 'year' ? 'an integer' : 'a number';
  return `${what} in [${spec.min}, ${spec.max}]`;
}

function nearest(path: string): string {
  const head = path.split('.')[0];
  const same = parameterSpecs.filter((s) => s.path.startsWith(head + '.')).map((s) => s.path);
  if (same.length > 0) return ` Parameters under '${head}': ${same.join(', ')}.`;
  const groups = [...new Set(parameterSpecs.map((s) => s.path.split('.')[0]))];
  return ` Top-level groups: ${groups.join(', ')}.`;
}

/** Checks one value against its spec; throws a RangeError naming path, value and range. */
export function checkParameter(path: string, value: unknown): void {
  const spec = specByPath.get(path);
  if (!spec) throw new RangeError(`unknown parameter '${path}'.${nearest(path)}`);
  if (spec.kind === 'boolean') {
    if (typeof value !== 'boolean') throw new RangeError(`parameter '${path}' = ${JSON.stringify(value)} is invalid: must be true or false`);
    return;
  }
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= spec.min! &&
    value <= spec.max! &&
    (spec.kind === 'number' || Number.isInteger(value));
  if (!ok) throw new RangeError(`parameter '${path}' = ${JSON.stringify(value)} is out of range: must be ${rangeText(spec)} (${spec.unit})`);
}

/** Reads a leaf by dotted path. */
export function getParameter(params: Params, path: string): number | boolean {
  if (!specByPath.has(path)) throw new RangeError(`unknown parameter '${path}'.${nearest(path)}`);
  const [group, leaf] = path.split('.');
  return (params as unknown as Record<string, Record<string, number | boolean>>)[group][leaf];
}

/** Writes a leaf by dotted path after checking it against the schema. */
export function setParameter(params: Params, path: string, value: unknown): void {
  checkParameter(path, value);
  const [group, leaf] = path.split('.');
  (params as unknown as Record<string, Record<string, unknown>>)[group][leaf] = value;
}

/** Parses a value written on a command line for the parameter at `path`. */
export function parseParameterValue(path: string, text: string): number | boolean {
  const spec = specByPath.get(path);
  if (!spec) throw new RangeError(`unknown parameter '${path}'.${nearest(path)}`);
  const t = text.trim();
  if (spec.kind === 'boolean') {
    if (t === 'true' || t === '1' || t === 'on') return true;
    if (t === 'false' || t === '0' || t === 'off') return false;
    throw new RangeError(`parameter '${path}' = '${text}' is invalid: must be true or false`);
  }
  const v = t === '' ? NaN : Number(t);
  if (!Number.isFinite(v)) throw new RangeError(`parameter '${path}' = '${text}' is not a number: must be ${rangeText(spec)} (${spec.unit})`);
  return v;
}

/** Overrides as users give them: `{ 'mechanisms.association': false }`, a nested partial object, or `['path=value']`. */
export type Overrides = Record<string, unknown> | readonly string[];

/** Flattens any form of overrides into [path, value] pairs, parsing text values. */
export function flattenOverrides(set: Overrides | undefined): [string, unknown][] {
  if (!set) return [];
  if (Array.isArray(set)) {
    return (set as readonly string[]).map((item) => {
      const eq = item.indexOf('=');
      if (eq <= 0) throw new RangeError(`--set expects path=value (e.g. mechanisms.association=false), got '${item}'`);
      const path = item.slice(0, eq).trim();
      return [path, parseParameterValue(path, item.slice(eq + 1))];
    });
  }
  const out: [string, unknown][] = [];
  for (const [key, value] of Object.entries(set as Record<string, unknown>)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [leaf, v] of Object.entries(value as Record<string, unknown>)) out.push([`${key}.${leaf}`, v]);
    } else out.push([key, value]);
  }
  return out;
}

/** A deep copy of `params` with overrides applied and every leaf checked. */
export function withOverrides(params: Params, set?: Overrides): Params {
  const copy = JSON.parse(JSON.stringify(params)) as Params;
  for (const [path, value] of flattenOverrides(set)) setParameter(copy, path, value);
  return copy;
}

/** Checks every leaf of a complete parameter object (and that none is missing). */
export function validateParams(params: Params): void {
  for (const spec of parameterSpecs) checkParameter(spec.path, getParameter(params, spec.path));
}
