/**
 * The cluster model as two ModelDefinitions (src/engine/model.ts), registered as `tomato` and
 * `salmon`: their parameter schemas, metrics, network kinds, scenarios, the paper's facts as
 * observed values with the statistics that read them from a run, and the yearly processes, so
 * that `derive` can add a step. Bundled counterfactuals are named sets of single switches,
 * listed with their parts.
 */
import type { KindSpec, ModelDefinition, ModelRun, ObservedValue, ParamValue, ParamValues, ProcessSpec, ScenarioSpec } from '../engine/model';
import { defineModel, type Model } from '../engine/define';
import { facts } from '../data/facts';
import { metricSpecs } from './metrics';
import { CASE_YEARS, CLUSTER_PROCESSES, networkHistory, runCluster, type ClusterProcess } from './run';
import { CLUSTER_STATISTICS } from './statistics';
import { clusterSchema, type CaseName } from './schema';

const off = (...names: string[]): Record<string, ParamValue> => Object.fromEntries(names.map((n) => [`mechanisms.${n}`, false]));

/** The paper's three factors (Section 4) as sets of single switches. */
export const BUNDLES = {
  state: ['stateExperiments', 'foreignCooperation', 'statePilot', 'spinoffs', 'stateLoans', 'coFinancing', 'regulation'],
  collectiveAction: ['association'],
  lbm: ['benchmarking', 'seal', 'sanctions', 'learningStandard', 'codification', 'researchInstitute'],
  foreign: ['tutelage', 'buyerAudits', 'foreignInputs', 'foreignEntry', 'acquisitions', 'foreignCooperation'],
  tutelageAndContracts: ['tutelage', 'supplierContracts'],
} as const;

function scenarios(): ScenarioSpec[] {
  // The case itself, every mechanism on, is the model under its own name, not a scenario.
  // Section 2.1's explanation: spillovers, demonstration and imitation among neighbours, the
  // country's name as a common good; no state, no collective action, no foreign ties.
  const allOffButAgglomeration = off(...BUNDLES.state, 'association', ...BUNDLES.lbm, 'priceAgreement', 'supplierContracts', ...BUNDLES.foreign);
  return [
    { name: 'no-state', kind: 'counterfactual', description: `Without the state: ${BUNDLES.state.join(', ')} off.`, set: off(...BUNDLES.state) },
    {
      name: 'no-state-easy-discovery',
      kind: 'counterfactual',
      description:
        'Without the state, but private discovery made easy (state.privateDiscovery 0.3, state.privateKnowhowGain 0.15, entry.exploration 2): can a cluster start anyway?',
      set: { ...off(...BUNDLES.state), 'state.privateDiscovery': 0.3, 'state.privateKnowhowGain': 0.15, 'entry.exploration': 2 },
    },
    {
      name: 'no-collective-action',
      kind: 'counterfactual',
      description: 'Without collective action: association off (and with it every LBM institution).',
      set: off('association'),
    },
    {
      name: 'no-lbm',
      kind: 'counterfactual',
      description: `An association without learning-by-monitoring: ${BUNDLES.lbm.join(', ')} off.`,
      set: off(...BUNDLES.lbm),
    },
    { name: 'no-foreign-ties', kind: 'counterfactual', description: `Without foreign firms: ${BUNDLES.foreign.join(', ')} off.`, set: off(...BUNDLES.foreign) },
    {
      name: 'no-tutelage-contracts',
      kind: 'counterfactual',
      description: 'Without foreign tutelage and grower contracts (tutelage, supplierContracts off), foreign cooperation kept.',
      set: off(...BUNDLES.tutelageAndContracts),
    },
    {
      name: 'fixed-standard',
      kind: 'baseline',
      description: 'The association keeps its founding standard (learningStandard off); everything else equal.',
      set: off('learningStandard'),
    },
    {
      name: 'agglomeration-only',
      kind: 'baseline',
      description: 'Agglomeration and demonstration entry only (Section 2.1): every state, collective, LBM and foreign switch off.',
      set: allOffButAgglomeration,
    },
    {
      name: 'established',
      kind: 'baseline',
      description: 'An established cluster: the run grows its own with every mechanism on up to start.year (1990), and keeps every mechanism on.',
      set: { 'start.established': true },
    },
    {
      name: 'established-agglomeration-only',
      kind: 'baseline',
      description: 'The same established cluster (every mechanism on up to start.year, 1990), then agglomeration alone (H4: does it sustain it?).',
      set: { 'start.established': true, ...allOffButAgglomeration },
    },
    {
      name: 'foreign-imitation',
      kind: 'rival',
      description: 'Rival (Kunc and Bas 2009): local firms imitate foreign firms (foreignImitation on) and there is no association.',
      set: { 'mechanisms.foreignImitation': true, ...off('association') },
    },
  ];
}

export const NODE_KIND_SPECS: KindSpec[] = [
  { kind: 'state', label: 'State agency', role: 'institution' },
  { kind: 'association', label: 'Association', role: 'institution' },
  { kind: 'institute', label: 'Research institute', role: 'institution' },
  { kind: 'buyer', label: 'Foreign buyers', role: 'institution' },
  { kind: 'multinational', label: 'Multinational parent', role: 'institution' },
  { kind: 'localFirm', label: 'Local firm', role: 'firm' },
  { kind: 'foreignFirm', label: 'Foreign-owned firm', role: 'firm' },
  { kind: 'service', label: 'Service or input firm', role: 'supplier' },
];

export const EDGE_KIND_SPECS: KindSpec[] = [
  { kind: 'membership', label: 'Membership' },
  { kind: 'tutelage', label: 'Tutelage' },
  { kind: 'spinoff', label: 'Spin-off' },
  { kind: 'ownership', label: 'Ownership' },
  { kind: 'finance', label: 'Public finance' },
  { kind: 'imitation', label: 'Imitates' },
  { kind: 'certification', label: 'Certification' },
];

/** The paper's facts about the case (src/data/facts.ts), as values runs are compared with. */
function observedList(c: CaseName): ObservedValue[] {
  return facts.filter((f) => f.case === c).map((f) => ({ ...f }));
}

function define(c: CaseName, exportName: string): ModelDefinition {
  const years = CASE_YEARS[c];
  return {
    name: c,
    description:
      c === 'tomato'
        ? 'Tomato processing in Chile, 1965-2000 (Perez-Aleman 2005, 3.1): practices with perceived gaps, learning-by-monitoring as information, membership as a decision, heterogeneous firms, a moving world price.'
        : 'Salmon farming in Chile, 1969-2003 (Perez-Aleman 2005, 3.2): practices with perceived gaps, learning-by-monitoring as information, membership as a decision, heterogeneous firms, service firms, disease, a moving world price.',
    years,
    parameters: clusterSchema(c),
    metrics: metricSpecs(c),
    nodeKinds: NODE_KIND_SPECS,
    edgeKinds: EDGE_KIND_SPECS,
    scenarios: scenarios(),
    observed: observedList(c),
    statistics: CLUSTER_STATISTICS,
    module: { path: __filename, exportName },
    processes: CLUSTER_PROCESSES as readonly ProcessSpec[],
    runProcesses(params: ParamValues, seed: number, processes: readonly ProcessSpec[], extraMetrics: readonly string[]): ModelRun {
      const { record, world } = runCluster(c, params, seed, years, false, processes as readonly ClusterProcess[], extraMetrics);
      return { record, network: () => networkHistory(world, years) };
    },
    run(params, seed) {
      const { record, world } = runCluster(c, params, seed, years);
      return { record, network: () => networkHistory(world, years) };
    },
  };
}

/** Defined (checked, with defaults and a fingerprint) here, so a worker thread loading this module gets the registered object. */
export const tomatoModel: Model = defineModel(define('tomato', 'tomatoModel'));
export const salmonModel: Model = defineModel(define('salmon', 'salmonModel'));
