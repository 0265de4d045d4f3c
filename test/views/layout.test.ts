// Layout tests import the compiled library from dist/ (npm test builds first).
import { describe, expect, it } from 'vitest';
import { stableLayout } from '../../dist/src/views/layout';
import { syntheticHistory } from '../../dist/bench/extension-fixtures';

/** The history as it would have been recorded up to `year`: later nodes and edges do not exist yet. */
function truncated(history: ReturnType<typeof syntheticHistory>, year: number) {
  const nodes = history.nodes.filter((n) => n.born <= year);
  const ids = new Set(nodes.map((n) => n.id));
  const edges = history.edges.filter((e) => e.born <= year && ids.has(e.source) && ids.has(e.target));
  return { nodes, edges };
}

describe('stable layout', () => {
  const history = syntheticHistory(600, { seed: 3 });

  it('is a pure function of the history and the seed', () => {
    const a = stableLayout(history.nodes, history.edges, { seed: 7 });
    const b = stableLayout(history.nodes, history.edges, { seed: 7 });
    const c = stableLayout(history.nodes, history.edges, { seed: 8 });
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(c)).not.toEqual(Array.from(a));
    expect(a.every(Number.isFinite)).toBe(true);
  });

  it('never moves a node as the network grows: a layout up to 1980 places earlier nodes where the full one does', () => {
    const full = stableLayout(history.nodes, history.edges, { seed: 1 });
    const position = new Map(history.nodes.map((n, i) => [n.id, [full[2 * i], full[2 * i + 1]]]));
    for (const year of [1970, 1980, 1995]) {
      const part = truncated(history, year);
      expect(part.nodes.length).toBeGreaterThan(2);
      expect(part.nodes.length).toBeLessThan(history.nodes.length);
      const xy = stableLayout(part.nodes, part.edges, { seed: 1 });
      part.nodes.forEach((n, i) => expect([xy[2 * i], xy[2 * i + 1]]).toEqual(position.get(n.id)));
    }
  });

  it('spreads nodes out (no pile-up on one point) and keeps institutions nearer the centre than buyers', () => {
    const xy = stableLayout(history.nodes, history.edges, { seed: 1 });
    const keys = new Set<string>();
    for (let i = 0; i < history.nodes.length; i++) keys.add(`${xy[2 * i]},${xy[2 * i + 1]}`);
    expect(keys.size).toBeGreaterThan(history.nodes.length * 0.95);
    const cx = history.nodes.reduce((s, _, i) => s + xy[2 * i], 0) / history.nodes.length;
    const cy = history.nodes.reduce((s, _, i) => s + xy[2 * i + 1], 0) / history.nodes.length;
    const meanRadius = (kind: string) => {
      const r = history.nodes.flatMap((n, i) => (n.kind === kind ? [Math.hypot(xy[2 * i] - cx, xy[2 * i + 1] - cy)] : []));
      return r.reduce((s, v) => s + v, 0) / r.length;
    };
    expect(meanRadius('state')).toBeLessThan(meanRadius('buyer'));
    expect(meanRadius('association')).toBeLessThan(meanRadius('buyer'));
  });

  it('names the bad field', () => {
    const nodes = [{ id: 'a', kind: 'state', born: 1970 }];
    expect(() => stableLayout(nodes, [{ source: 'a', target: 'zz', born: 1970 }])).toThrow(/edges\[0\]\.target 'zz'/);
    expect(() => stableLayout([{ id: 'a', kind: 'state', born: NaN }], [])).toThrow(/nodes\[0\]\.born/);
    expect(() => stableLayout(nodes, [], { iterations: -1 })).toThrow(/iterations must be an integer in 0\.\.1000/);
  });
});
