// The static network figure: sizes by capacity, institutions on top, apart and named.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../dist/src/simulation/simulate';
import { networkPayload } from '../../dist/src/views/network';
import { networkFigure } from '../../dist/src/views/svg-network';
import { nodeRadius } from '../../dist/src/views/sizes';

/** cx, cy, r and the label of every circle of the figure, in drawing order. */
function circles(svg: string): { x: number; y: number; r: number; fill: string; label: string }[] {
  return [...svg.matchAll(/<circle cx="([\d.-]+)" cy="([\d.-]+)" r="([\d.]+)" fill="([^"]+)"><title>([^<]*)<\/title>/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    r: Number(m[3]),
    fill: m[4],
    label: m[5],
  }));
}

describe('the network figure of salmon in 2003', () => {
  const history = simulate('salmon', { seed: 1 }).networkHistory();
  const payload = networkPayload(history, { title: 'Salmon' });
  const figure = networkFigure(payload, { year: 2003 });
  const drawn = circles(figure.svg);
  const state = payload.nodes.find((n) => n.kind === 'state')!;
  const association = payload.nodes.find((n) => n.kind === 'association')!;

  it('carries each lead firm’s capacity as its size, and says what size measures', () => {
    const firms = payload.nodes.filter((n) => n.kind === 'localFirm' || n.kind === 'foreignFirm');
    expect(firms.filter((n) => n.size != null).length).toBeGreaterThan(10);
    expect(payload.sizeLabel).toMatch(/capacity/);
    expect(figure.svg).toContain(`Circle area: ${payload.sizeLabel}`);
  });

  it('draws larger firms as larger circles', () => {
    const sized = payload.nodes.filter((n) => n.size != null && n.born <= 2003 && (n.died == null || 2003 < n.died));
    const byLabel = new Map(drawn.map((c) => [c.label, c.r]));
    const [small, large] = [sized.reduce((a, b) => (b.size! < a.size! ? b : a)), sized.reduce((a, b) => (b.size! > a.size! ? b : a))];
    expect(large.size!).toBeGreaterThan(4 * small.size!);
    expect(byLabel.get(large.label)!).toBeGreaterThan(2 * byLabel.get(small.label)!);
  });

  it('draws the institutions last, apart from each other, and names them', () => {
    // Salmon's research institute (INTESAL) is there by 2003 with the state agency and the association.
    const institute = payload.nodes.find((n) => n.kind === 'institute')!;
    const institutions = [state.label, association.label, institute.label];
    const last = drawn
      .slice(-3)
      .map((c) => c.label)
      .sort();
    expect(last).toEqual([...institutions].sort());
    const [a, b] = drawn.slice(-3).filter((c) => c.label !== institute.label);
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(a.r + b.r);
    for (const label of institutions) expect(figure.svg).toContain(`font-weight="bold">${label.replace(/&/g, '&amp;')}</text>`);
  });
});

describe('the layout of the institutions', () => {
  it('keeps the association clear of the state agency (salmon, three seeds)', () => {
    for (const seed of [1, 2, 3]) {
      const payload = networkPayload(simulate('salmon', { seed }).networkHistory());
      const state = payload.nodes.find((n) => n.kind === 'state')!;
      const association = payload.nodes.find((n) => n.kind === 'association')!;
      // Two ideal edge lengths at least, about an eighth of the picture's width here.
      expect(Math.hypot(state.x - association.x, state.y - association.y)).toBeGreaterThan(1.95); // positions are rounded to 0.01
    }
  });
});

describe('node radius', () => {
  it('grows with the square root of size, and falls back to the kind without one', () => {
    const r = (size: number) => nodeRadius('localFirm', 10, size, 100);
    expect(r(100)).toBeGreaterThan(r(25));
    expect((r(100) - r(0)) / (r(25) - r(0))).toBeCloseTo(2, 5);
    expect(nodeRadius('state', 10)).toBeGreaterThan(nodeRadius('localFirm', 10));
    expect(nodeRadius('localFirm', 10, NaN, 100)).toBe(nodeRadius('localFirm', 10));
  });
});

describe('the kinds the cluster models draw', () => {
  it('each has its own colour and a name in the legend, not the grey and raw name of an unknown kind', () => {
    const { getModel } = require('../../dist/src/index') as typeof import('../../dist/src/index');
    const { edgeColour, edgeName, nodeColour, nodeName, UNKNOWN_COLOUR } =
      require('../../dist/src/views/colours') as typeof import('../../dist/src/views/colours');
    for (const name of ['tomato', 'salmon', 'foreign-imitation']) {
      const { nodeKinds = [], edgeKinds = [] } = getModel(name);
      for (const { kind } of nodeKinds) {
        expect(nodeColour(kind), `node kind ${kind}`).not.toBe(UNKNOWN_COLOUR);
        expect(nodeName(kind), `node kind ${kind}`).not.toBe(kind);
      }
      for (const { kind } of edgeKinds) {
        expect(edgeColour(kind), `edge kind ${kind}`).not.toBe(UNKNOWN_COLOUR);
        expect(edgeName(kind), `edge kind ${kind}`).not.toBe(kind);
      }
      expect(new Set(nodeKinds.map((k) => nodeColour(k.kind))).size, `${name}: node colours`).toBe(nodeKinds.length);
      expect(new Set(edgeKinds.map((k) => edgeColour(k.kind))).size, `${name}: edge colours`).toBe(edgeKinds.length);
    }
    // Salmon in 2003 has multinational parents, service firms and imitation ties: the legend names them.
    const payload = networkPayload(simulate('salmon', { seed: 1 }).networkHistory());
    const legend = [...networkFigure(payload, { year: 2003 }).svg.matchAll(/<text x="14" y="0">([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(legend.join('; ')).toMatch(/Multinational parent \(\d+\).*Service or input firm \(\d+\)/);
    expect(legend.join('; ')).toMatch(/Imitates \(\d+\)/);
  });

  it('draws the research institute with the institutions: on top and named', () => {
    const { isInstitution } = require('../../dist/src/views/sizes') as typeof import('../../dist/src/views/sizes');
    expect(isInstitution('institute')).toBe(true);
  });
});
