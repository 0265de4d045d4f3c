/** The cluster model (docs/model.md): two ModelDefinitions and the fit to the paper's facts. */
export { tomatoModel, salmonModel, BUNDLES } from './models';
export { runCluster, CASE_YEARS } from './run';
export { clusterSchema, MECHANISMS, PRACTICES } from './schema';
export { resolveParams, validateValues } from './params';
export { fitTable, caseScenarioValues } from './fit';
export type { FitRow } from './fit';
