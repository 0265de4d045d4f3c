// Sizes per year in the network view: a firm is drawn by its capacity in the year shown, and a
// payload with one size per node (made before per-year sizes, or by another model) draws as it did.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../dist/src/simulation/simulate';
import { networkPayload, networkText, networkView, type NetworkHistory } from '../../dist/src/views/network';
import { networkFigure } from '../../dist/src/views/svg-network';
import { maxSizeOf, nodeRadius, sizeIn } from '../../dist/src/views/sizes';
import type { NetworkNode } from '../../dist/src/views/payloads';

/** The radius of the circle named `label` in a figure's SVG. */
function radiusOf(svg: string, label: string): number {
  const m = new RegExp(`<circle cx="[\\d.-]+" cy="[\\d.-]+" r="([\\d.]+)" fill="[^"]+"><title>${label.replace(/[()]/g, '\\$&')}</title>`).exec(svg);
  if (!m) throw new Error(`no circle named ${label}`);
  return Number(m[1]);
}

/** A small history: the state, a firm that grows, one that stays as it is, and a supplier. */
function growingHistory(): NetworkHistory {
  return {
    years: [1980, 1990],
    sizeLabel: 'capacity (t)',
    nodes: [
      { id: 's', label: 'State', kind: 'state', born: 1980 },
      { id: 'g', label: 'Grower', kind: 'localFirm', born: 1980, sizes: [100, 200, 400, 800, 1600, 3200, 6400, 12800, 12800, 12800, 12800], size: 12800 },
      { id: 'f', label: 'Steady', kind: 'localFirm', born: 1982, died: 1989, sizes: [3000, 3000, 3000, 3000, 3000, 3000, 3000], size: 3000 },
      { id: 'p', label: 'Supplier', kind: 'supplier', born: 1981 },
    ],
    edges: [
      { source: 's', target: 'g', kind: 'finance', born: 1980 },
      { source: 'g', target: 'p', kind: 'supply', born: 1981 },
      { source: 's', target: 'f', kind: 'finance', born: 1982 },
    ],
  };
}

describe('sizes per year', () => {
  const payload = networkPayload(growingHistory(), { iterations: 5 });
  const grower = payload.nodes.find((n) => n.id === 'g')!;

  it('reads the size of the year shown from the series, on one scale for all years', () => {
    expect(sizeIn(grower, 1980)).toBe(100);
    expect(sizeIn(grower, 1985)).toBe(3200);
    expect(maxSizeOf(payload.nodes)).toBe(12800);
    // Outside the series (never shown there), the one size.
    expect(sizeIn(grower, 1995)).toBe(12800);
  });

  it('draws a growing firm larger in a later year, and a steady one the same', () => {
    const early = networkFigure(payload, { year: 1982 }).svg;
    const late = networkFigure(payload, { year: 1988 }).svg;
    expect(radiusOf(late, 'Grower')).toBeGreaterThan(radiusOf(early, 'Grower'));
    expect(radiusOf(late, 'Steady')).toBe(radiusOf(early, 'Steady'));
    // In 1982 the steady firm is the larger of the two; by 1988 the grower has passed it.
    expect(radiusOf(early, 'Steady')).toBeGreaterThan(radiusOf(early, 'Grower'));
    expect(radiusOf(late, 'Grower')).toBeGreaterThan(radiusOf(late, 'Steady'));
  });

  it('says in the caption and the text which year the sizes are of', () => {
    expect(networkFigure(payload, { year: 1984 }).caption).toContain('Circle area: capacity (t) in 1984, on one scale for all years.');
    expect(networkText({ ...payload, year: 1984 })).toContain('largest in 1984 by capacity (t): Steady 3,000, Grower 1,600');
  });

  it('refuses a series that is not sizes, or runs past the last year, naming the node', () => {
    const bad = growingHistory();
    (bad.nodes[1] as { sizes: unknown }).sizes = [1, -2];
    expect(() => networkPayload(bad)).toThrow(/nodes\[1\]\.sizes\[1\] \(year 1981\) must be a finite number >= 0, got -2/);
    const long = growingHistory();
    long.nodes[2].sizes = new Array(12).fill(1);
    expect(() => networkPayload(long)).toThrow(/nodes\[2\]\.sizes has 12 values, but born 1982 leaves at most 9 years to 1990/);
  });
});

describe('a payload with one size per node', () => {
  // As payloads were before per-year sizes: `size` only.
  const old = networkPayload(growingHistory(), { iterations: 5 });
  for (const n of old.nodes as NetworkNode[]) delete n.sizes;
  old.sizeLabel = 'capacity of a lead firm in its last year (tonnes)';

  it('draws each node at its one size in every year, scaled among the sizes', () => {
    const early = networkFigure(old, { year: 1982 });
    const late = networkFigure(old, { year: 1988 });
    expect(radiusOf(early.svg, 'Grower')).toBe(radiusOf(late.svg, 'Grower'));
    const drawn = early.svg.match(/<circle /g)!.length;
    expect(radiusOf(early.svg, 'Steady')).toBeCloseTo(nodeRadius('localFirm', drawn, 3000, 12800), 1);
    expect(early.caption).toContain('Circle area: capacity of a lead firm in its last year (tonnes).');
    expect(early.caption).not.toContain('one scale');
    expect(networkText({ ...old, year: 1984 })).not.toContain('largest');
  });
});

describe('a cluster run’s network', () => {
  const run = simulate('tomato', { seed: 1 });
  const view = networkView(run.networkHistory(), { fallback: 'svg' });
  const payload = view.payload;
  // The state's pilot firm (Perez-Aleman 2005, 3.1) grows from its start.
  const pilot = payload.nodes.find((n) => n.kind === 'localFirm' && n.sizes && n.sizes.length > 20 && n.sizes.at(-1)! > 4 * n.sizes[0])!;

  it('gives each lead firm its capacity in every year it is shown, from its birth', () => {
    expect(pilot).toBeDefined();
    const last = pilot.died == null ? payload.years[1] : pilot.died - 1;
    expect(pilot.sizes!.length).toBe(last - pilot.born + 1);
    expect(pilot.size).toBe(pilot.sizes!.at(-1));
    expect(payload.sizeLabel).toBe('capacity of a lead firm (tonnes)');
    // Institutions have no size.
    expect(payload.nodes.find((n) => n.kind === 'state')!.sizes).toBeUndefined();
  });

  it('draws a firm that grew larger in the later year, in the static figure', () => {
    const early = pilot.born + 1;
    const late = Math.min(payload.years[1], pilot.died == null ? payload.years[1] : pilot.died - 1);
    expect(sizeIn(pilot, late)!).toBeGreaterThan(2 * sizeIn(pilot, early)!);
    const [a, b] = [early, late].map((year) => radiusOf(networkFigure(payload, { year }).svg, pilot.label));
    expect(b).toBeGreaterThan(a);
  });
});
