import { describe, expect, it } from 'vitest';
import { simulate } from '../../dist/src/index';

const NODE_KINDS = ['state', 'association', 'institute', 'buyer', 'multinational', 'localFirm', 'foreignFirm', 'service'];
const EDGE_KINDS = ['membership', 'tutelage', 'spinoff', 'ownership', 'finance', 'imitation', 'certification'];

describe('network history', () => {
  for (const scenario of ['tomato', 'salmon']) {
    it(`${scenario}: typed nodes and edges with consistent birth and end years`, () => {
      const run = simulate(scenario, { seed: 3 });
      const net = run.networkHistory();
      expect(net.years).toEqual([run.years[0], run.years[run.years.length - 1]]);
      const ids = new Map(net.nodes.map((n) => [n.id, n]));
      expect(ids.size).toBe(net.nodes.length);
      // Plain loops collect problems (thousands of elements: one expect each would be slow).
      const problems: string[] = [];
      for (const n of net.nodes) {
        if (!NODE_KINDS.includes(n.kind)) problems.push(`node ${n.id} kind ${n.kind}`);
        if (typeof n.label !== 'string' || n.label.length === 0) problems.push(`node ${n.id} has no label`);
        if (n.died != null && n.died < n.born) problems.push(`node ${n.id} dies before birth`);
      }
      for (const e of net.edges) {
        const s = ids.get(e.source);
        const t = ids.get(e.target);
        if (!EDGE_KINDS.includes(e.kind)) problems.push(`edge kind ${e.kind}`);
        if (!s || !t) problems.push(`edge ${e.source}->${e.target} to a missing node`);
        else if (e.born < Math.max(s.born, t.born)) problems.push(`edge ${e.source}->${e.target} born before its ends`);
        if (e.ended != null && e.ended < e.born) problems.push(`edge ${e.source}->${e.target} ends before birth`);
      }
      expect(problems.slice(0, 5)).toEqual([]);
      // The association appears once, the year the event log says, with membership edges.
      const assoc = net.nodes.filter((n) => n.kind === 'association');
      expect(assoc.length).toBe(1);
      const founded = run.events.find((e) => e.kind === 'association')!;
      expect(founded.text).toMatch(/founded by \d+ firms/);
      expect(assoc[0].born).toBe(founded.year);
      expect(net.edges.some((e) => e.kind === 'membership')).toBe(true);
      // Firms alive in the last year match the recorded count.
      const last = run.years[run.years.length - 1];
      const firmsAlive = net.nodes.filter((n) => (n.kind === 'localFirm' || n.kind === 'foreignFirm') && n.born <= last && n.died == null).length;
      const metric = scenario === 'tomato' ? 'processors' : 'farms';
      expect(firmsAlive).toBe(run.at(metric, last));
    });
  }

  it('service and input firms are nodes, as many alive as the metric counts', () => {
    for (const c of ['tomato', 'salmon']) {
      const run = simulate(c, { seed: 3 });
      const net = run.networkHistory();
      for (const year of [1990, run.years[run.years.length - 1]]) {
        const alive = net.nodes.filter((n) => n.kind === 'service' && n.born <= year && (n.died == null || n.died > year)).length;
        expect(alive, `${c} ${year}`).toBe(run.at('serviceFirms', year));
      }
    }
  });
});
