/** The paper's facts (Perez-Aleman 2005) as typed records; see facts.ts. */
export { facts, factById, factsFor } from './facts';
export type { Fact, FactRole, CaseName, Tolerance } from './facts';
