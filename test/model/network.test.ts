import { describe, expect, it } from 'vitest';
import { simulate } from '../../dist/src/index';

const NODE_KINDS = ['state', 'localFirm', 'foreignFirm', 'supplier', 'association', 'buyer'];
const EDGE_KINDS = ['supply', 'membership', 'tutelage', 'spinoff', 'ownership', 'finance'];

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
      const firmsAlive = net.nodes.filter((n) => (n.kind === 'localFirm' || n.kind === 'foreignFirm') && n.born <= last && n.died == null && n.attrs).length;
      const metric = scenario === 'tomato' ? 'processors' : 'firms';
      expect(firmsAlive).toBe(run.at(metric, last));
    });
  }

  it('tomato suppliers are supply-tied to processors, and the count matches the metric', () => {
    const run = simulate('tomato', { seed: 3 });
    const net = run.networkHistory();
    const year = 1995;
    const live = (born: number, died: number | null | undefined) => born <= year && (died == null || died > year);
    const suppliers = net.nodes.filter((n) => n.kind === 'supplier' && live(n.born, n.died)).length;
    expect(suppliers).toBe(run.at('suppliers', year));
    expect(net.edges.filter((e) => e.kind === 'supply' && live(e.born, e.ended)).length).toBe(suppliers);
  });
});
