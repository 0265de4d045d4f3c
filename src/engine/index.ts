/**
 * The clusterlab engine: building blocks for agent-based models in calendar time, general enough
 * for a small model of one's own in a notebook (see `examples/schelling.ts`).
 *
 * - `createRng(seed)`, `rng.fork(label)`, `replicationSeed(master, i)`: seeded, named streams.
 * - `AgentTable` / `defineAgents(schema)`: agents as typed-array columns with add/remove.
 * - `Scheduler`: ordered, switchable processes from a start year to an end year.
 * - `TemporalNetwork`: typed edges with birth and end times; snapshots at any year.
 * - `Recorder`: yearly metrics, tidy rows `{run, seed, year, metric, value}`, an event log.
 */
export { Rng, createRng, replicationSeed, replicationSeeder, hashSeed } from './rng';
export type { Seed } from './rng';
export { AgentTable, defineAgents } from './agents';
export type { FieldType, ColumnTypes, Schema, Columns, RowValues } from './agents';
export { Scheduler } from './scheduler';
export type { Clock, Process, SchedulerOptions, ProcessOptions } from './scheduler';
export { TemporalNetwork } from './network';
export type { NodeRecord, EdgeRecord, NetworkSnapshot, TemporalNetworkOptions } from './network';
export { Recorder, recordRows, formatEvents } from './recorder';
export type { TidyRow, EngineEvent, RunRecord, RecorderOptions } from './recorder';
export { logGamma } from './special';
export { defineModel, isModel, VERSIONS } from './define';
export type { Model, ProvenanceInput } from './define';
export { derive } from './derive';
export type { Derivation, ProcessChange } from './derive';
export { registerModel, getModel, hasModel, models } from './registry';
export { checkSeed } from './seeds';
export { allowedText, checkValue, parseText } from './schema';
export type * from './model';
export { SchellingModel, runSchelling, schellingReplication, SCHELLING_SMALL, SCHELLING_LARGE, SCHELLING_METRICS } from './examples/schelling';
export type { SchellingOptions } from './examples/schelling';
