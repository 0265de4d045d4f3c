/**
 * The rival account as a model of its own, for each case (Kunc and Bas 2009, argued for Chilean
 * wine): a cluster led by foreign investment and local firms' imitation of foreign entrants,
 * without learning-by-monitoring institutions. `foreign-imitation` is the salmon model and
 * `tomato-foreign-imitation` the tomato model, each with the rival's switch on and the association
 * off *as defaults*, so that each is calibrated on equal terms with its case: the same pipeline,
 * the same facts with the same roles, the same budget and seed, its own posterior file and
 * fingerprint.
 *
 * What the calibration explores is the rival's own: the rival's imitation of foreign firms gets an
 * explore range like every assumed number of the model, and the numbers that act only through
 * the association (its costs, benefits, standard, seal, sanctions, research institute, and the
 * monitoring channels only members have) lose theirs, since with no association they change
 * nothing (test/calibration/rival.test.ts checks that they are inert in both rivals).
 */
import { defineModel, type Model } from '../engine/define';
import type { ParameterSpec, ScenarioSpec } from '../engine/model';
import { salmonModel, tomatoModel } from './models';

/** The rival's switches, on top of the case model's defaults. */
export const RIVAL_SWITCHES = {
  'mechanisms.foreignImitation': true,
  'mechanisms.association': false,
  // Foreign investment leads in the rival's account, so it does not wait for a reputation.
  'mechanisms.foreignEntryOnReputation': false,
} as const;

/**
 * Numbers that act only through the association (Perez-Aleman 2005, 3.1 and 3.2, and the model's
 * association, perception and regulation processes): inert in the rival, so not explored.
 */
export const ASSOCIATION_ONLY = (path: string): boolean =>
  path.startsWith('association.') ||
  path === 'perception.benchSigma' ||
  path === 'perception.inspectSigma' ||
  path === 'perception.researchSigma' ||
  path === 'state.coFinanceShare' ||
  path === 'state.regulationShare';

/** The rival's own mechanism, explored from half to one and a half times its value, as the model's assumptions are. */
const RIVAL_OWN = ['foreign.imitationAccess'];

function rivalParameter(p: ParameterSpec): ParameterSpec {
  const out: ParameterSpec = { ...p };
  if (p.path in RIVAL_SWITCHES) out.default = RIVAL_SWITCHES[p.path as keyof typeof RIVAL_SWITCHES];
  if (ASSOCIATION_ONLY(p.path)) delete out.explore;
  if (RIVAL_OWN.includes(p.path) && typeof p.default === 'number') {
    const v = p.default;
    out.explore = [Math.max(p.min ?? 0, v * 0.5), Math.min(p.max ?? 1, v * 1.5)];
  }
  return out;
}

/**
 * Scenarios of a rival: its case's, less those about the association it does not have and the
 * established starts (their run-up switches the case's every mechanism on).
 */
function rivalScenarios(base: Model): ScenarioSpec[] {
  const drop = new Set(['no-collective-action', 'no-lbm', 'fixed-standard', 'foreign-imitation', 'established', 'established-agglomeration-only']);
  return (base.scenarios ?? []).filter((s) => !drop.has(s.name));
}

/** The rival of one case; `exportName` is this module's export of it, for worker threads. */
function rivalOf(base: Model, name: string, exportName: string, description: string): Model {
  return defineModel({
    name,
    description,
    years: base.years,
    parameters: base.parameters.map(rivalParameter),
    metrics: base.metrics,
    nodeKinds: base.nodeKinds,
    edgeKinds: base.edgeKinds,
    scenarios: rivalScenarios(base),
    observed: base.observed,
    statistics: base.statistics,
    module: { path: __filename, exportName },
    processes: base.processes,
    derivedFrom: base.name,
    rivalOf: base.name,
    run: (params, seed) => base.run(params, seed),
    runProcesses: (params, seed, processes, extra) => base.runProcesses!(params, seed, processes, extra),
  });
}

export const foreignImitationModel: Model = rivalOf(
  salmonModel,
  'foreign-imitation',
  'foreignImitationModel',
  'Rival account (Kunc and Bas 2009): the salmon cluster led by foreign investment and local firms imitating foreign entrants, with no association and so no learning-by-monitoring institutions; calibrated on its own terms.',
);

export const tomatoForeignImitationModel: Model = rivalOf(
  tomatoModel,
  'tomato-foreign-imitation',
  'tomatoForeignImitationModel',
  'Rival account (Kunc and Bas 2009) for tomato: processors led by foreign investment and local firms imitating foreign entrants, with no federation and so no learning-by-monitoring institutions; calibrated on its own terms.',
);
