/**
 * clusterlab: the library the kernel preloads. The cluster model of Perez-Aleman (2005) and its
 * scenarios, the paper's facts, the engine to write models of one's own, experiments, dataframe
 * helpers and displayable views.
 */
export { simulate, ensemble, ensembleParallel, resolveTarget } from './simulation/simulate';
export type { SimulateOptions, EnsembleOptions, ModelTarget } from './simulation/simulate';
export { Run } from './simulation/run';
export { Ensemble } from './simulation/ensemble';
export { targets } from './simulation/targets';
export { sensitivity, calibrateAbc } from './simulation/sensitivity';
export type { TargetSensitivityOptions, TargetCalibrationOptions } from './simulation/sensitivity';
export type { TargetRow } from './simulation/targets';
export { parameters } from './parameters';
export type { ParameterInfo } from './parameters';
// The built-in models by name (getModel('salmon')): not as top-level names, which notebooks use for their own variables.
export { scenarios, getModel, models, registerModel, findTarget } from './models';
export { defineModel, isModel } from './engine/define';
export type { Model, ProvenanceInput } from './engine/define';
export { derive } from './engine/derive';
export type { Derivation, ProcessChange } from './engine/derive';
export type {
  ModelDefinition,
  ParameterSpec,
  ParamValues,
  ParamValue,
  ParamKind,
  MetricSpec,
  KindSpec,
  ScenarioSpec,
  Provenance,
  NetworkHistory,
  HistoryNode,
  HistoryEdge,
  ModelRun,
  ObservedValue,
  ProcessSpec,
} from './engine/model';
export type { Overrides } from './engine/model';
export type { Scenario, ScenarioKind } from './models';
export { CLUSTER_PROCESSES } from './cluster/run';
export type { ClusterProcess } from './cluster/run';
export type { World } from './cluster/world';
export { K as PRACTICE_COUNT, PRACTICES, MECHANISMS } from './cluster/schema';
export { facts, factById, factsFor } from './data';
export type { Fact, FactRole, Tolerance } from './data';
export * as engine from './engine';
export { createRng, replicationSeed, defineAgents, AgentTable, Scheduler, TemporalNetwork, Recorder } from './engine';
export * as experiments from './experiments';
export * as calibration from './calibration';
export { calibratePipeline, posteriorTargets, predictiveVariance, variedParameter } from './calibration';
export { hypotheses, hypothesesText, registerHypotheses, compareModels, verdictsAcross } from './hypotheses';
export type { HypothesisSpec, HypothesisRow, HypothesesResult, VerdictsAcross } from './hypotheses';
export { runEnsemble, summarizeRuns, sweep, calibrate } from './experiments';
export { runSweep, resumeSweep, openSweep, closeSweepThreads } from './experiments';
export * as frames from './frames';
export * as views from './views';
export { show, networkView, timeseriesView, saveFigure } from './views';
export type { SaveFigureOptions } from './views';
