import { describe, expect, it } from 'vitest';
import { caseScenarioValues, runCluster, salmonModel, tomatoModel } from '../../dist/src/cluster/index';

describe('cluster v2: determinism', () => {
  for (const c of ['tomato', 'salmon'] as const) {
    it(`${c}: the same seed gives the same numbers and events; another seed differs`, () => {
      const v = caseScenarioValues(c);
      const a = runCluster(c, v, 42).record;
      const b = runCluster(c, v, 42).record;
      const d = runCluster(c, v, 43).record;
      expect(Array.from(a.values)).toEqual(Array.from(b.values));
      expect(a.events).toEqual(b.events);
      expect(Array.from(a.values)).not.toEqual(Array.from(d.values));
    });
  }

  it('the ModelDefinition runs the same as runCluster and names a module workers can load', () => {
    for (const def of [tomatoModel, salmonModel]) {
      const c = def.name.replace('2', '') as 'tomato' | 'salmon';
      const v = caseScenarioValues(c);
      const run = def.run(v, 5);
      expect(Array.from(run.record.values)).toEqual(Array.from(runCluster(c, v, 5).record.values));
      expect(run.record.metrics).toEqual(def.metrics.map((m) => m.name));
      const mod = require(def.module!.path);
      expect(mod[def.module!.exportName]).toBe(def);
      const net = run.network!();
      expect(net.nodes.length).toBeGreaterThan(1);
      for (const e of net.edges) expect(def.edgeKinds!.map((k) => k.kind)).toContain(e.kind);
      for (const n of net.nodes) expect(def.nodeKinds!.map((k) => k.kind)).toContain(n.kind);
    }
  });

  it('every process reads only parameters the schema has (strict names, every mechanism on and off)', () => {
    for (const c of ['tomato', 'salmon'] as const) {
      const sets: Record<string, boolean>[] = [
        {},
        { 'mechanisms.foreignImitation': true, 'mechanisms.learningStandard': false, 'mechanisms.collectiveReputation': false },
        { 'start.established': true },
      ];
      for (const set of sets) {
        const v = caseScenarioValues(c, undefined, set);
        for (let seed = 1; seed <= 3; seed++) expect(() => runCluster(c, v, seed, undefined, true)).not.toThrow();
      }
    }
  });
});
