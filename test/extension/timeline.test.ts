// The extension's pure logic, imported from its TypeScript sources (vitest transpiles them).
import { describe, expect, it } from 'vitest';
import { NEVER, Timeline, checkNetworkPayload, countText } from '../../extension/src/timeline';
import { sortedBy } from '../../extension/src/lifetimes';
import { networkPayload } from '../../dist/src/views/network';
import { syntheticHistory } from '../../dist/bench/extension-fixtures';

describe('year filtering in the network widget', () => {
  const payload = networkPayload(syntheticHistory(500, { seed: 6 }), { iterations: 2 });
  const timeline = new Timeline(payload);

  it('shows a node from its birth year until the year it dies, and an edge only while both ends live', () => {
    for (const year of [1960, 1972, 1989, 2005]) {
      const alive = new Set(payload.nodes.filter((n) => n.born <= year && (n.died == null || year < n.died)).map((n) => n.id));
      const edges = payload.edges.filter((e) => e.born <= year && (e.ended == null || year < e.ended) && alive.has(e.source) && alive.has(e.target));
      expect(timeline.counts(year)).toEqual({ nodes: alive.size, edges: edges.length });
      payload.nodes.forEach((n, i) => expect(timeline.nodeVisible(i, year)).toBe(alive.has(n.id)));
    }
  });

  it('grows and shrinks as the slider moves, and clamps to the covered years', () => {
    expect(timeline.counts(1960).nodes).toBeLessThan(timeline.counts(1990).nodes);
    expect(timeline.clampYear(1900)).toBe(1960);
    expect(timeline.clampYear(2050)).toBe(2005);
    expect(timeline.clampYear(1990.4)).toBe(1990);
  });

  it('hides an edge whose end died even if the edge was never closed', () => {
    const t = new Timeline({
      version: 1,
      years: [2000, 2010],
      nodes: [
        { id: 'a', label: 'a', kind: 'localFirm', born: 2000, died: 2005, x: 0, y: 0 },
        { id: 'b', label: 'b', kind: 'supplier', born: 2001, x: 1, y: 1 },
      ],
      edges: [{ source: 'a', target: 'b', kind: 'supply', born: 2002 }],
    });
    expect([2000, 2001, 2002, 2004, 2005].map((y) => t.counts(y))).toEqual([
      { nodes: 1, edges: 0 },
      { nodes: 2, edges: 0 },
      { nodes: 2, edges: 1 },
      { nodes: 2, edges: 1 },
      { nodes: 1, edges: 0 },
    ]);
  });

  it('writes the count the browser tests read', () => {
    expect(countText({ nodes: 412, edges: 980 }, 1990)).toBe('412 nodes, 980 edges in 1990');
    expect(countText({ nodes: 1, edges: 1 }, 1970)).toBe('1 node, 1 edge in 1970');
  });

  it('rejects malformed payloads naming the field', () => {
    expect(() => checkNetworkPayload(null)).toThrow('network payload: the payload must be an object');
    expect(() => checkNetworkPayload({ ...payload, years: [2000] })).toThrow(/years must be two finite numbers/);
    expect(() => checkNetworkPayload({ ...payload, nodes: [{ ...payload.nodes[0], x: 'a' }] })).toThrow(/nodes\[0\]\.x\/y must be finite numbers/);
    expect(() => checkNetworkPayload({ ...payload, edges: [{ source: 'nobody', target: payload.nodes[0].id, kind: 'supply', born: 1 }] })).toThrow(
      /edges\[0\]\.source must be the id of a node/,
    );
    expect(checkNetworkPayload(payload)).toBe(payload);
  });
});

describe('what changes between two years', () => {
  const payload = networkPayload(syntheticHistory(700, { seed: 8 }), { iterations: 1 });
  const timeline = new Timeline(payload);

  /** The edges `changes` points at that show in exactly one of the two years. */
  function changedEdges(from: number, to: number): number[] {
    const c = timeline.edges.changes(from, to);
    const candidates = [...timeline.edges.byStart.slice(c.startFrom, c.startTo), ...timeline.edges.byStop.slice(c.stopFrom, c.stopTo)];
    return [...new Set(candidates)].filter((j) => timeline.edgeVisible(j, from) !== timeline.edgeVisible(j, to)).sort((a, b) => a - b);
  }

  it('points at every edge whose visibility differs, in either direction', () => {
    for (const [from, to] of [
      [1970, 1971],
      [1990, 1975],
      [1960, 2005],
      [2004, 2005],
      [1980, 1980],
    ]) {
      const want = payload.edges.map((_, j) => j).filter((j) => timeline.edgeVisible(j, from) !== timeline.edgeVisible(j, to));
      expect(changedEdges(from, to)).toEqual(want);
    }
  });

  it('adds exactly the edges starting in between and removes exactly those stopping in between', () => {
    // What the renderer relies on: going forward, the start range holds only edges that appear
    // (or never show), the stop range only edges that vanish (or never show).
    const c = timeline.edges.changes(1990, 1991);
    for (const j of timeline.edges.byStart.slice(c.startFrom, c.startTo)) expect(timeline.edgeVisible(j, 1990)).toBe(false);
    for (const j of timeline.edges.byStop.slice(c.stopFrom, c.stopTo)) expect(timeline.edgeVisible(j, 1991)).toBe(false);
  });

  it('touches only a small part of a large network for one year step', () => {
    const c = timeline.edges.changes(1990, 1991);
    expect(c.startTo - c.startFrom + c.stopTo - c.stopFrom).toBeGreaterThan(0);
    expect(c.startTo - c.startFrom + c.stopTo - c.stopFrom).toBeLessThan(payload.edges.length / 5);
  });

  it('counts a node’s ties in the year shown', () => {
    for (const year of [1975, 2000]) {
      payload.nodes.slice(0, 50).forEach((node, i) => {
        const ties = payload.edges.filter((e, j) => (e.source === node.id || e.target === node.id) && timeline.edgeVisible(j, year)).length;
        expect(timeline.degree(i, year)).toBe(ties);
      });
    }
  });
});

describe('sorting lifetimes', () => {
  it('orders by year then index, for whole years, "never", negative and fractional years alike', () => {
    const cases = [
      Float32Array.from([1990, 1985, 1990, NEVER, 1985, -5, 2000]),
      Float32Array.from([1990.5, 1985, 1990.25, NEVER, 1985, -5.5, 2000]),
      new Float32Array(0),
    ];
    for (const years of cases) {
      const want = Array.from(years, (_, i) => i).sort((a, b) => years[a] - years[b] || a - b);
      expect(Array.from(sortedBy(years))).toEqual(want);
    }
  });
});
