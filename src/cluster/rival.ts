/**
 * The rival account as a model of its own, `foreign-imitation` (Kunc and Bas 2009, argued for
 * Chilean wine): a salmon cluster led by foreign investment and local firms' imitation of foreign
 * entrants, without learning-by-monitoring institutions. It is the salmon model with the rival's
 * switch on and the association off *as defaults*, so that it is calibrated on equal terms: the
 * same pipeline, the same facts with the same roles, the same budget and seed, its own posterior
 * file and fingerprint.
 *
 * What the calibration explores is the rival's own: the rival's imitation of foreign firms gets an
 * explore range like every assumed number of the model, and the numbers that act only through
 * the association (its costs, benefits, standard, seal, sanctions, research institute, and the
 * monitoring channels only members have) lose theirs, since with no association they change
 * nothing (test/calibration/rival.test.ts checks that they are inert).
 */
import { defineModel, type Model } from '../engine/define';
import type { ParameterSpec, ScenarioSpec } from '../engine/model';
import { salmonModel } from './models';

/** The rival's switches, on top of the salmon model's defaults. */
export const RIVAL_SWITCHES = { 'mechanisms.foreignImitation': true, 'mechanisms.association': false } as const;

/**
 * Numbers that act only through the association (Perez-Aleman 2005, 3.2, and the model's
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
 * Scenarios of the rival: the salmon model's, less those about the association it does not have
 * and the established starts (their run-up switches the salmon model's every mechanism on).
 */
function rivalScenarios(): ScenarioSpec[] {
  const drop = new Set(['no-collective-action', 'no-lbm', 'fixed-standard', 'foreign-imitation', 'established', 'established-agglomeration-only']);
  return (salmonModel.scenarios ?? []).filter((s) => !drop.has(s.name));
}

export const foreignImitationModel: Model = defineModel({
  name: 'foreign-imitation',
  description:
    'Rival account (Kunc and Bas 2009): the salmon cluster led by foreign investment and local firms imitating foreign entrants, with no association and so no learning-by-monitoring institutions; calibrated on its own terms.',
  years: salmonModel.years,
  parameters: salmonModel.parameters.map(rivalParameter),
  metrics: salmonModel.metrics,
  nodeKinds: salmonModel.nodeKinds,
  edgeKinds: salmonModel.edgeKinds,
  scenarios: rivalScenarios(),
  observed: salmonModel.observed,
  statistics: salmonModel.statistics,
  module: { path: __filename, exportName: 'foreignImitationModel' },
  processes: salmonModel.processes,
  derivedFrom: 'salmon',
  run: (params, seed) => salmonModel.run(params, seed),
  runProcesses: (params, seed, processes, extra) => salmonModel.runProcesses!(params, seed, processes, extra),
});
