/**
 * A stable, seeded layout for a network that grows over time.
 *
 * Nodes are placed cohort by cohort in order of birth year. When a cohort arrives, every node
 * already placed stays frozen; only the newcomers move, for a few force-directed steps
 * (Fruchterman and Reingold 1991: springs along edges, repulsion between nearby nodes, found
 * through a uniform grid so a step costs O(n) rather than O(n^2)), with a weak pull towards a ring
 * for their kind (state at the centre, then associations, firms, suppliers, buyers outside).
 *
 * Everything a cohort uses comes from the past (earlier nodes, edges born by then, counts so far,
 * a per-node hash of the seed), so a node's position never changes as the history grows: laying
 * out the network up to 1990 or up to 2005 puts every node born by 1990 in the same place. The
 * widget then only hides and shows nodes as the year slider moves.
 */
import { hashSeed } from '../engine/rng';
import { entryOf } from './colours';
import { isInstitution } from './sizes';

export interface LayoutNode {
  id: string;
  kind: string;
  born: number;
}

export interface LayoutEdge {
  source: string;
  target: string;
  born: number;
}

export interface LayoutOptions {
  seed?: number | string;
  /** Force steps per cohort (default 30). */
  iterations?: number;
}

/** Ring radius per kind, as a multiple of the current overall radius. */
const RING: Record<string, number> = {
  state: 0,
  association: 0.3,
  localFirm: 0.55,
  foreignFirm: 0.65,
  supplier: 0.85,
  buyer: 1.1,
};
const DEFAULT_RING = 0.9;
/** Ideal edge length; the whole picture is in these units (the widget fits it to the screen). */
const K = 1;
const RADIAL_PULL = 0.3;
/** Institutions keep at least this fraction of the current radius (and 2k) between each other, so none hides another. */
const INSTITUTION_GAP = 0.25;

/**
 * Returns positions as [x0, y0, x1, y1, ...] in the order of `nodes`. Edges whose ends are not in
 * `nodes` are an error (named), since they would silently distort the picture.
 */
export function stableLayout(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], options: LayoutOptions = {}): Float64Array {
  const { seed = 0, iterations = 30 } = options;
  if (!Number.isInteger(iterations) || iterations < 0 || iterations > 1000) {
    throw new RangeError(`layout: iterations must be an integer in 0..1000, got ${iterations}`);
  }
  const n = nodes.length;
  const index = new Map<string, number>();
  nodes.forEach((node, i) => {
    if (!Number.isFinite(node.born)) throw new RangeError(`layout: nodes[${i}].born must be a finite year, got ${node.born}`);
    index.set(node.id, i);
  });
  const m = edges.length;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const edgeBorn = new Float64Array(m);
  edges.forEach((e, j) => {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined) throw new RangeError(`layout: edges[${j}].source '${e.source}' is not a node id`);
    if (t === undefined) throw new RangeError(`layout: edges[${j}].target '${e.target}' is not a node id`);
    src[j] = s;
    dst[j] = t;
    // An edge cannot act before both its ends exist.
    edgeBorn[j] = Math.max(e.born, nodes[s].born, nodes[t].born);
  });

  const xy = new Float64Array(2 * n);
  const placed = new Uint8Array(n);
  const moving = new Uint8Array(n);
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  const ring = new Float64Array(n);
  const count = new Int32Array(n);
  const jitter = new Float64Array(2 * n);
  const seedText = String(seed);
  nodes.forEach((node, i) => {
    ring[i] = entryOf(RING, node.kind) ?? DEFAULT_RING;
    const h = hashSeed(`${seedText}/${node.id}`);
    jitter[2 * i] = (h & 0xffff) / 0x10000;
    jitter[2 * i + 1] = (h >>> 16) / 0x10000;
  });

  // Cohorts: node indices sorted by birth year, ties in input order.
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => nodes[a].born - nodes[b].born || a - b);
  // Edges sorted by the year they can act, so each cohort adds a prefix of them.
  const edgeOrder = Int32Array.from({ length: m }, (_, j) => j).sort((a, b) => edgeBorn[a] - edgeBorn[b] || a - b);
  const active = new Int32Array(m);
  let activeCount = 0;
  let nextEdge = 0;
  let placedCount = 0;
  const grid = new Grid();
  const cohort: number[] = [];
  const institutions: number[] = [];

  for (let start = 0; start < n; ) {
    const year = nodes[order[start]].born;
    cohort.length = 0;
    let end = start;
    while (end < n && nodes[order[end]].born === year) cohort.push(order[end++]);
    while (nextEdge < m && edgeBorn[edgeOrder[nextEdge]] <= year) active[activeCount++] = edgeOrder[nextEdge++];

    const radius = K * Math.sqrt(placedCount + cohort.length) * 0.9 + K;
    // The frozen grid holds the nodes placed before this cohort.
    grid.build(xy, placed, n, 2 * K);
    for (const i of cohort) moving[i] = 1;
    seedPositions(cohort, radius);
    for (const i of cohort) placed[i] = 1;

    const movers = new Grid();
    for (let step = 0; step < iterations; step++) {
      const temperature = 2 * K * (1 - step / iterations) + 0.05 * K;
      for (const i of cohort) {
        dx[i] = 0;
        dy[i] = 0;
      }
      for (const i of cohort) grid.repel(i, xy, dx, dy, K);
      movers.build(xy, moving, n, 2 * K);
      for (const i of cohort) movers.repel(i, xy, dx, dy, K);
      for (let a = 0; a < activeCount; a++) {
        const j = active[a];
        const s = src[j];
        const t = dst[j];
        if (!moving[s] && !moving[t]) continue;
        const ex = xy[2 * s] - xy[2 * t];
        const ey = xy[2 * s + 1] - xy[2 * t + 1];
        // Linear springs (|F| = d / k): gentler than Fruchterman-Reingold's d^2 / k over long
        // distances, so a hub's many suppliers do not crush everything into the centre.
        const f = 1 / K;
        if (moving[s]) {
          dx[s] -= ex * f;
          dy[s] -= ey * f;
        }
        if (moving[t]) {
          dx[t] += ex * f;
          dy[t] += ey * f;
        }
      }
      for (const i of cohort) {
        // Radial pull towards the kind's ring keeps institutions central and buyers outside.
        const px = xy[2 * i];
        const py = xy[2 * i + 1];
        const r = Math.sqrt(px * px + py * py) || 1e-9;
        // Scaled by the node's ties so that springs to a hub cannot drag it off its ring.
        const pull = RADIAL_PULL * (ring[i] * radius - r) * (1 + count[i]);
        dx[i] += (px / r) * pull;
        dy[i] += (py / r) * pull;
        const len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
        if (len > 0) {
          const move = Math.min(len, temperature) / len;
          xy[2 * i] += dx[i] * move;
          xy[2 * i + 1] += dy[i] * move;
        }
      }
    }
    for (const i of cohort) {
      moving[i] = 0;
      if (!isInstitution(nodes[i].kind)) continue;
      separate(i, Math.max(2 * K, INSTITUTION_GAP * radius));
      institutions.push(i);
    }
    placedCount += cohort.length;
    start = end;
  }

  // Two decimals are plenty on screen and keep the payload small; rounding is deterministic.
  for (let k = 0; k < 2 * n; k++) xy[k] = Math.round(xy[k] * 100) / 100;
  return xy;

  /**
   * Moves institution i (just placed) out of reach `gap` of every institution placed before it,
   * away from each in turn, so that, say, the association never sits under the state agency.
   */
  function separate(i: number, gap: number): void {
    for (let round = 0; round < 20; round++) {
      let moved = false;
      for (const o of institutions) {
        let ex = xy[2 * i] - xy[2 * o];
        let ey = xy[2 * i + 1] - xy[2 * o + 1];
        const d = Math.sqrt(ex * ex + ey * ey);
        if (d >= gap) continue;
        if (d < 1e-9) {
          // Coincident: a direction fixed by the node's seeded jitter.
          ex = Math.cos(2 * Math.PI * jitter[2 * i]);
          ey = Math.sin(2 * Math.PI * jitter[2 * i]);
        } else {
          ex /= d;
          ey /= d;
        }
        xy[2 * i] = xy[2 * o] + ex * gap;
        xy[2 * i + 1] = xy[2 * o + 1] + ey * gap;
        moved = true;
      }
      if (!moved) return;
    }
  }

  /** Initial positions of a cohort (its members are already marked `moving`). */
  function seedPositions(members: readonly number[], radius: number): void {
    for (const i of members) {
      dx[i] = 0;
      dy[i] = 0;
      count[i] = 0;
    }
    for (let a = 0; a < activeCount; a++) {
      const j = active[a];
      const s = src[j];
      const t = dst[j];
      if (moving[s] && placed[t] && !moving[t]) {
        dx[s] += xy[2 * t];
        dy[s] += xy[2 * t + 1];
        count[s]++;
      } else if (moving[t] && placed[s] && !moving[s]) {
        dx[t] += xy[2 * s];
        dy[t] += xy[2 * s + 1];
        count[t]++;
      }
    }
    for (const i of members) {
      // Tied newcomers start on their ring in the direction of what they are tied to (so a firm's
      // suppliers gather in its sector); untied ones at a seeded angle.
      const tied = count[i] > 0;
      const spread = tied ? 0.6 * (jitter[2 * i] - 0.5) : 2 * Math.PI * jitter[2 * i];
      const angle = tied ? Math.atan2(dy[i] / count[i], dx[i] / count[i]) + spread : spread;
      const r = ring[i] * radius + K * (jitter[2 * i + 1] - 0.5) * 4;
      xy[2 * i] = r * Math.cos(angle);
      xy[2 * i + 1] = r * Math.sin(angle);
    }
  }
}

/**
 * A spatial hash of points into square cells (counting sort into buckets), answering "which points
 * are in the 3x3 cells around here" so that repulsion looks only at neighbours. Hashing, rather than
 * a dense grid over the bounding box, keeps a dense core with far outliers cheap.
 */
class Grid {
  private cell = 1;
  private mask = 0;
  private start = new Int32Array(1);
  private items = new Int32Array(0);
  private itemX = new Int32Array(0);
  private itemY = new Int32Array(0);
  private fill = new Int32Array(1);

  build(xy: Float64Array, member: Uint8Array, n: number, cellSize: number): void {
    this.cell = cellSize;
    let count = 0;
    for (let i = 0; i < n; i++) if (member[i]) count++;
    let buckets = 16;
    while (buckets < 2 * count) buckets *= 2;
    this.mask = buckets - 1;
    if (this.start.length < buckets + 1) {
      this.start = new Int32Array(buckets + 1);
      this.fill = new Int32Array(buckets);
    } else this.start.fill(0, 0, buckets + 1);
    if (this.items.length < count) {
      this.items = new Int32Array(count);
      this.itemX = new Int32Array(count);
      this.itemY = new Int32Array(count);
    }
    for (let i = 0; i < n; i++) {
      if (member[i]) this.start[this.bucket(Math.floor(xy[2 * i] / cellSize), Math.floor(xy[2 * i + 1] / cellSize)) + 1]++;
    }
    for (let b = 0; b < buckets; b++) this.start[b + 1] += this.start[b];
    this.fill.set(this.start.subarray(0, buckets));
    for (let i = 0; i < n; i++) {
      if (!member[i]) continue;
      const gx = Math.floor(xy[2 * i] / cellSize);
      const gy = Math.floor(xy[2 * i + 1] / cellSize);
      const slot = this.fill[this.bucket(gx, gy)]++;
      this.items[slot] = i;
      this.itemX[slot] = gx;
      this.itemY[slot] = gy;
    }
  }

  /** Adds to (dx, dy) of node i the push k^2/d from every point closer than 2k (not itself). */
  repel(i: number, xy: Float64Array, dx: Float64Array, dy: Float64Array, k: number): void {
    const x = xy[2 * i];
    const y = xy[2 * i + 1];
    const cx = Math.floor(x / this.cell);
    const cy = Math.floor(y / this.cell);
    const cutoff2 = 4 * k * k;
    for (let gy = cy - 1; gy <= cy + 1; gy++) {
      for (let gx = cx - 1; gx <= cx + 1; gx++) {
        const b = this.bucket(gx, gy);
        for (let p = this.start[b]; p < this.start[b + 1]; p++) {
          // Other cells can share a bucket: count each point once, from its own cell.
          if (this.itemX[p] !== gx || this.itemY[p] !== gy) continue;
          const o = this.items[p];
          if (o === i) continue;
          let ex = x - xy[2 * o];
          let ey = y - xy[2 * o + 1];
          let d2 = ex * ex + ey * ey;
          if (d2 >= cutoff2) continue;
          if (d2 < 1e-12) {
            // Coincident points: push apart along a direction fixed by the pair, not by chance.
            ex = Math.cos(i * 2.399 + o);
            ey = Math.sin(i * 2.399 + o);
            d2 = 1e-4;
          }
          const f = (k * k) / d2; // |F| = k^2 / d, along the unit vector e/d
          dx[i] += ex * f;
          dy[i] += ey * f;
        }
      }
    }
  }

  private bucket(gx: number, gy: number): number {
    return (Math.imul(gx, 73856093) ^ Math.imul(gy, 19349663)) & this.mask;
  }
}
