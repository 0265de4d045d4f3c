import { describe, expect, it } from 'vitest';
import { Recorder, TemporalNetwork, createRng } from '../../dist/src/engine';

function build() {
  const net = new TemporalNetwork({ nodeKinds: ['firm', 'supplier', 'association'], edgeKinds: ['supply', 'membership'], initialCapacity: 2 });
  const firm = net.addNode('firm', 1980);
  const s1 = net.addNode('supplier', 1981);
  const s2 = net.addNode('supplier', 1985);
  const assoc = net.addNode('association', 1986);
  const e1 = net.addEdge(s1, firm, 'supply', 1982);
  const e2 = net.addEdge(s2, firm, 'supply', 1985);
  const e3 = net.addEdge(firm, assoc, 'membership', 1986);
  net.endEdge(e1, 1990);
  return { net, firm, s1, s2, assoc, e1, e2, e3 };
}

describe('temporal network', () => {
  it('gives the edges active at a year: born <= year < ended', () => {
    const { net, e1, e2, e3 } = build();
    expect(Array.from(net.snapshot(1981))).toEqual([]);
    expect(Array.from(net.snapshot(1982))).toEqual([e1]);
    expect(Array.from(net.snapshot(1986))).toEqual([e1, e2, e3]);
    expect(Array.from(net.snapshot(1990))).toEqual([e2, e3]);
    expect(Array.from(net.snapshot(1990, undefined, 'membership'))).toEqual([e3]);
    expect(net.activeEdgeCount(1987, 'supply')).toBe(2);
  });

  it('answers degree queries at past years and keeps current degrees', () => {
    const { net, firm, s1, assoc } = build();
    expect(net.degreeAt(firm, 1986)).toBe(3);
    expect(net.degreeAt(firm, 1995)).toBe(2);
    expect(net.degreeAt(firm, 1986, 'supply')).toBe(2);
    expect(Array.from(net.degreesAt(1986))).toEqual([3, 1, 1, 1]);
    expect(net.currentDegree[firm]).toBe(2);
    expect(net.currentDegree[s1]).toBe(0);
    expect(net.currentDegree[assoc]).toBe(1);
  });

  it('does not duplicate an active edge, and allows it again once ended', () => {
    const { net, s1, firm, e1 } = build();
    const again = net.addEdge(s1, firm, 'supply', 1992);
    expect(again).not.toBe(e1);
    expect(net.addEdge(s1, firm, 'supply', 1993)).toBe(again);
    expect(net.findEdge(s1, firm, 'supply')).toBe(again);
    expect(net.endEdgeBetween(s1, firm, 'supply', 1995)).toBe(true);
    expect(net.findEdge(s1, firm, 'supply')).toBe(-1);
  });

  it('ends a removed node’s edges and exports its whole history', () => {
    const { net, firm, assoc } = build();
    net.removeNode(firm, 1999);
    expect(net.activeEdgeCount(1999)).toBe(0);
    expect(net.nodeAlive(firm, 1998)).toBe(true);
    expect(net.nodeAlive(firm, 1999)).toBe(false);
    const h = net.history();
    expect(h.nodes[firm]).toEqual({ id: firm, kind: 'firm', born: 1980, died: 1999 });
    expect(h.nodes[assoc].died).toBeNull();
    expect(h.edges.map((e) => [e.kind, e.born, e.ended])).toEqual([
      ['supply', 1982, 1990],
      ['supply', 1985, 1999],
      ['membership', 1986, 1999],
    ]);
  });

  it('gives snapshots as records of live nodes and active edges, and the recorder keeps them', () => {
    const { net, firm, s1, s2, assoc } = build();
    const at1985 = net.snapshotRecords(1985);
    expect(at1985.nodes.map((n) => n.id)).toEqual([firm, s1, s2]);
    expect(at1985.edges.map((e) => [e.source, e.target, e.kind])).toEqual([
      [s1, firm, 'supply'],
      [s2, firm, 'supply'],
    ]);
    const rec = new Recorder({ startYear: 1980, endYear: 2000, metrics: ['edges'] });
    rec.snapshotNetwork(1991, net);
    net.removeNode(assoc, 1995);
    rec.snapshotNetwork(1996, net);
    expect(rec.networks.map((n) => [n.year, n.nodes.length, n.edges.length])).toEqual([
      [1991, 4, 2],
      [1996, 3, 1],
    ]);
  });

  it('rejects unknown kinds and nodes', () => {
    const { net } = build();
    expect(() => net.addNode('bank' as 'firm', 1990)).toThrow(/unknown node kind 'bank'/);
    expect(() => net.addEdge(0, 99, 'supply', 1990)).toThrow(/node must be an id in 0\.\.3, got 99/);
    expect(() => net.addEdge(0, 1, 'loan' as 'supply', 1990)).toThrow(/unknown edge kind 'loan'/);
  });

  it('finds active edges by ends and kind through many additions and endings, as a map of them would', () => {
    // Memberships join and leave year after year: the active-edge index must follow, whatever it
    // does inside (its own hash table since it stopped being a Map).
    const net = new TemporalNetwork({ nodeKinds: ['firm'], edgeKinds: ['a', 'b', 'c'], initialCapacity: 4 });
    const nodes = 40;
    for (let i = 0; i < nodes; i++) net.addNode('firm', 0);
    const rng = createRng('network-index');
    const active = new Map<string, number>();
    for (let step = 0; step < 20000; step++) {
      const s = rng.int(nodes);
      const t = rng.int(nodes);
      const k = rng.int(3);
      const key = `${s}/${t}/${k}`;
      if (rng.bernoulli(0.55)) {
        const id = net.addEdge(s, t, k, step);
        if (active.has(key)) expect(id).toBe(active.get(key));
        else active.set(key, id);
      } else {
        expect(net.endEdgeBetween(s, t, k, step)).toBe(active.has(key));
        active.delete(key);
      }
      if (step % 997 === 0) {
        for (let a = 0; a < nodes; a++)
          for (let b = 0; b < nodes; b++) for (let c = 0; c < 3; c++) expect(net.findEdge(a, b, c)).toBe(active.get(`${a}/${b}/${c}`) ?? -1);
      }
    }
    expect(net.activeEdgeCount(20000)).toBe(active.size);
  });
});
