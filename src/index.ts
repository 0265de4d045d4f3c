/**
 * clusterlab: the library the kernel preloads. The cluster model of Perez-Aleman (2005) and its
 * scenarios, the paper's facts, the engine to write models of one's own, experiments, dataframe
 * helpers and displayable views.
 */
export { simulate, ensemble, ensembleParallel, scenarios, parameters, runScenarioRecord } from './model/api';
export type { SimulateOptions, EnsembleOptions, Ensemble, ParameterInfo } from './model/api';
export { Run } from './model/run';
export type { NetworkHistory } from './model/run';
export type { Scenario, ScenarioKind } from './model/scenarios';
export type { Params, Mechanisms, ParamSpec, Overrides } from './model/parameters';
export { targets } from './model/targets';
export type { TargetRow } from './model/targets';
export { METRIC_INFO } from './model/metrics';
export { facts, factById, factsFor } from './data';
export type { Fact, FactRole, Tolerance } from './data';
export * as engine from './engine';
export { createRng, replicationSeed, defineAgents, AgentTable, Scheduler, TemporalNetwork, Recorder } from './engine';
export * as experiments from './experiments';
export { runEnsemble, summarizeRuns, sweep, calibrate } from './experiments';
export { runSweep, resumeSweep, openSweep } from './experiments';
export * as frames from './frames';
export * as views from './views';
export { show, networkView, timeseriesView } from './views';
