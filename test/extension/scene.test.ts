// What the network renderer uploads and how it finds nodes, checked without a browser.
import { describe, expect, it } from 'vitest';
import { Timeline, checkNetworkPayload } from '../../extension/src/timeline';
import { buildScene, drawnNodeVisible, showSizesOf, yearBounds } from '../../extension/src/scene';
import { HitGrid } from '../../extension/src/hit-grid';
import { Camera } from '../../extension/src/camera';
import { nodeSize, tierOf } from '../../extension/src/palette';
import { networkPayload } from '../../dist/src/views/network';
import { syntheticHistory } from '../../dist/bench/extension-fixtures';

describe('network scene buffers', () => {
  const payload = networkPayload(syntheticHistory(600, { seed: 4 }), { iterations: 1 });
  const timeline = new Timeline(payload);
  const scene = buildScene(payload, timeline);

  it('draws suppliers, then firms, then institutions on top, the larger first within each', () => {
    const sizes = Array.from(scene.order, (i) => nodeSize(payload.nodes[i].kind, payload.nodes.length));
    const tiers = Array.from(scene.order, (i) => tierOf(payload.nodes[i].kind));
    expect(tiers).toEqual([...tiers].sort((a, b) => a - b));
    expect(tiers.at(-1)).toBe(2);
    for (let k = 1; k < sizes.length; k++) if (tiers[k] === tiers[k - 1]) expect(sizes[k]).toBeLessThanOrEqual(sizes[k - 1]);
    expect(Array.from(scene.nodeSize)).toEqual(sizes.map((s) => Math.fround(s)));
    expect(Array.from(scene.nodeTier)).toEqual(tiers);
    payload.nodes.forEach((node, i) => {
      const k = scene.rank[i];
      expect(scene.order[k]).toBe(i);
      expect([scene.nodePosition[2 * k], scene.nodePosition[2 * k + 1]]).toEqual([Math.fround(node.x), Math.fround(node.y)]);
    });
  });

  it('puts the bottom class (one size, one colour: here the suppliers) first, with its own lifetimes', () => {
    const suppliers = payload.nodes.filter((n) => n.kind === 'supplier').length;
    expect(scene.baseCount).toBe(suppliers);
    for (let k = 0; k < scene.nodeCount; k++) expect(payload.nodes[scene.order[k]].kind === 'supplier').toBe(k < scene.baseCount);
    for (const year of [1970, 2000]) {
      const alive = payload.nodes.filter((n, i) => n.kind === 'supplier' && timeline.nodeVisible(i, year)).length;
      expect(scene.baseLifetimes.countAt(year)).toBe(alive);
    }
  });

  it('gives the shaders the same lifetimes the counts use', () => {
    for (const year of [1965, 1990, 2005]) {
      let nodes = 0;
      for (let k = 0; k < scene.nodeCount; k++) if (drawnNodeVisible(scene, k, year)) nodes++;
      let edges = 0;
      for (let j = 0; j < scene.edgeCount; j++) if (scene.edgeLife[4 * j] <= year && year < scene.edgeLife[4 * j + 1]) edges++;
      expect({ nodes, edges }).toEqual(timeline.counts(year));
    }
  });

  it('joins each edge’s two vertices to its ends, and lists vertex pairs in start order', () => {
    const j = 17;
    const s = scene.rank[timeline.edgeSource[j]];
    const t = scene.rank[timeline.edgeTarget[j]];
    expect(Array.from(scene.edgePosition.slice(4 * j, 4 * j + 4))).toEqual([
      scene.nodePosition[2 * s],
      scene.nodePosition[2 * s + 1],
      scene.nodePosition[2 * t],
      scene.nodePosition[2 * t + 1],
    ]);
    const starts = Array.from({ length: scene.edgeCount }, (_, k) => scene.edgeLife[2 * scene.edgeVerticesByStart[2 * k]]);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(scene.edgeVerticesByStart[1]).toBe(scene.edgeVerticesByStart[0] + 1);
  });
});

describe('finding the node under the pointer', () => {
  it('visits exactly the points within the radius', () => {
    const xy = new Float32Array(2000);
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 100 - 50;
    for (let k = 0; k < xy.length; k++) xy[k] = random();
    const grid = new HitGrid(xy);
    for (const [x, y, r] of [
      [0, 0, 5],
      [40, -40, 12],
      [-49, 49, 3],
      [200, 200, 10],
    ]) {
      const seen: number[] = [];
      grid.forEachNear(x, y, r, (k) => seen.push(k));
      const want = [];
      for (let k = 0; k < xy.length / 2; k++) if (Math.hypot(xy[2 * k] - x, xy[2 * k + 1] - y) <= r) want.push(k);
      expect(seen.sort((a, b) => a - b)).toEqual(want);
    }
  });

  it('maps graph units to stage pixels and back, through zoom and pan', () => {
    const camera = new Camera();
    camera.frame({ minX: -10, maxX: 10, minY: -5, maxY: 5 }, 460, 260);
    // Fitted: 20 units across 400 pixels (30 pixels of padding each side), y up.
    expect(camera.toViewport(-10, 5)).toEqual({ x: 30, y: 30 });
    camera.zoomAt(100, 80, 0.5);
    const under = camera.toGraph(100, 80);
    camera.zoomAt(100, 80, 0.5);
    expect(camera.toGraph(100, 80).x).toBeCloseTo(under.x, 9);
    camera.panBy(25, -10);
    const p = camera.toViewport(3, 2);
    expect(camera.toGraph(p.x, p.y).x).toBeCloseTo(3, 9);
    expect(camera.toGraph(p.x, p.y).y).toBeCloseTo(2, 9);
    const [sx, sy, tx, ty] = camera.clipTransform();
    // Clip space: -1 at the left and bottom edges, +1 at the right and top.
    expect((p.x / 460) * 2 - 1).toBeCloseTo(3 * sx + tx, 9);
    expect(1 - (p.y / 260) * 2).toBeCloseTo(2 * sy + ty, 9);
  });
});

describe('sizes, labels and fitting a year', () => {
  const base = networkPayload(syntheticHistory(300, { seed: 9 }), { iterations: 1 });
  // Give a few firms capacities: the largest must come out largest, and be named before smaller ones.
  const firms = base.nodes.map((n, i) => [n, i] as const).filter(([n]) => n.kind === 'localFirm' || n.kind === 'foreignFirm');
  const payload = { ...base, sizeLabel: 'capacity (t)', nodes: base.nodes.map((n) => ({ ...n })) };
  firms.slice(0, 3).forEach(([, i], k) => (payload.nodes[i].size = [100, 400, 1600][k]));
  const timeline = new Timeline(payload);
  const scene = buildScene(payload, timeline);
  const sizeOf = (i: number) => scene.nodeSize[scene.rank[i]];

  it('draws a firm’s area in proportion to its size', () => {
    const [a, b, c] = firms.slice(0, 3).map(([, i]) => sizeOf(i));
    expect(c).toBeGreaterThan(b);
    expect(b).toBeGreaterThan(a);
    expect(c).toBeGreaterThan(sizeOf(payload.nodes.findIndex((n) => n.kind === 'state')));
    // Still under the institutions in drawing order, whatever its size.
    expect(scene.rank[firms[2][1]]).toBeLessThan(scene.rank[payload.nodes.findIndex((n) => n.kind === 'state')]);
  });

  it('offers institutions first to the labeller, then the largest nodes', () => {
    const tiers = Array.from(scene.labelOrder, (k) => scene.nodeTier[k]);
    expect(tiers).toEqual([...tiers].sort((a, b) => b - a));
    const firstFirm = scene.labelOrder[tiers.indexOf(1)];
    expect(scene.order[firstFirm]).toBe(firms[2][1]);
  });

  it('fits the box of the nodes alive in a year, never smaller than a fifth of the whole', () => {
    const year = 1975;
    const alive = payload.nodes.filter((_, i) => timeline.nodeVisible(i, year));
    const box = yearBounds(scene, year);
    for (const n of alive) {
      expect(Math.fround(n.x)).toBeGreaterThanOrEqual(box.minX);
      expect(Math.fround(n.x)).toBeLessThanOrEqual(box.maxX);
    }
    expect(box.maxX - box.minX).toBeLessThan(scene.bounds.maxX - scene.bounds.minX);
    const first = yearBounds(scene, payload.years[0]);
    const whole = Math.max(scene.bounds.maxX - scene.bounds.minX, scene.bounds.maxY - scene.bounds.minY);
    expect(first.maxX - first.minX).toBeGreaterThanOrEqual(0.2 * whole - 1e-6);
    expect(yearBounds(scene, 1000)).toEqual(scene.bounds);
  });
});

describe('sizes per year', () => {
  const base = networkPayload(syntheticHistory(300, { seed: 9 }), { iterations: 1 });
  const firms = base.nodes.map((n, i) => [n, i] as const).filter(([n]) => n.kind === 'localFirm' || n.kind === 'foreignFirm');
  const [, grower] = firms.find(([n]) => n.died == null && n.born < base.years[1] - 10)!;
  const [, steady] = firms.find(([n, i]) => i !== grower && n.died == null && n.born < base.years[1] - 10)!;
  const payload = { ...base, nodes: base.nodes.map((n) => ({ ...n })) };
  const g = payload.nodes[grower];
  // The grower's capacity doubles every year from 100; the steady firm keeps 5000.
  g.sizes = Array.from({ length: payload.years[1] - g.born + 1 }, (_, k) => Math.min(100 * 2 ** k, 50_000));
  g.size = g.sizes.at(-1);
  payload.nodes[steady].size = 5000;
  const timeline = new Timeline(payload);
  const early = g.born + 1;
  const late = payload.years[1];

  it('draws a growing firm larger in a later year, on one scale for all years', () => {
    const scene = buildScene(payload, timeline, early);
    const radius = (i: number) => scene.nodeSize[scene.rank[i]];
    const [growerEarly, steadyEarly] = [radius(grower), radius(steady)];
    expect(showSizesOf(scene, late)).toBe(true);
    expect(radius(grower)).toBeGreaterThan(growerEarly);
    expect(radius(steady)).toBe(steadyEarly);
    expect(steadyEarly).toBeGreaterThan(growerEarly);
    expect(radius(grower)).toBeGreaterThan(radius(steady));
    // The same year again changes nothing to upload.
    expect(showSizesOf(scene, late)).toBe(false);
    // The largest radius of any year bounds what a frame draws.
    expect(scene.maxNodeSize).toBeGreaterThanOrEqual(radius(grower));
    // The labeller offers the firms by the year's sizes: in the last year the grower before the steady firm.
    const firstOffered = (a: number, b: number) => scene.labelOrder.indexOf(scene.rank[a]) < scene.labelOrder.indexOf(scene.rank[b]);
    expect(firstOffered(grower, steady)).toBe(true);
    showSizesOf(scene, early);
    expect(firstOffered(steady, grower)).toBe(true);
  });

  it('keeps one set of radii for a payload with one size per node', () => {
    const old = { ...payload, nodes: payload.nodes.map(({ sizes: _sizes, ...n }) => n) };
    const scene = buildScene(old, new Timeline(old), early);
    expect(scene.yearRadii).toBeNull();
    const before = Float32Array.from(scene.nodeSize);
    expect(showSizesOf(scene, late)).toBe(false);
    expect(scene.nodeSize).toEqual(before);
    expect(scene.nodeSize[scene.rank[grower]]).toBe(nodeSize('localFirm', old.nodes.length, g.size, 50_000));
  });

  it('refuses a series that is not sizes, naming the node', () => {
    const bad = { ...payload, nodes: payload.nodes.map((n, i) => (i === grower ? { ...n, sizes: [1, Number.NaN] } : n)) };
    expect(() => checkNetworkPayload(bad)).toThrow(`network payload: nodes[${grower}].sizes must be an array of sizes >= 0, one a year from born`);
  });
});
