/**
 * The textbook layout the extension benchmark compares against: Fruchterman and Reingold (1991)
 * over all nodes at once, every pair repelling every other (O(n^2) per step), typed arrays.
 */
import type { LayoutEdge, LayoutNode } from '../src/views/layout';

export function allPairsLayout(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], iterations: number): Float64Array {
  const n = nodes.length;
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const src = Int32Array.from(edges, (e) => index.get(e.source)!);
  const dst = Int32Array.from(edges, (e) => index.get(e.target)!);
  const xy = new Float64Array(2 * n);
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // A deterministic spiral start.
    const a = i * 2.399963;
    const r = Math.sqrt(i + 1);
    xy[2 * i] = r * Math.cos(a);
    xy[2 * i + 1] = r * Math.sin(a);
  }
  const k = 1;
  for (let step = 0; step < iterations; step++) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const ex = xy[2 * i] - xy[2 * j];
        const ey = xy[2 * i + 1] - xy[2 * j + 1];
        const d2 = ex * ex + ey * ey || 1e-9;
        const f = (k * k) / d2;
        dx[i] += ex * f;
        dy[i] += ey * f;
        dx[j] -= ex * f;
        dy[j] -= ey * f;
      }
    }
    for (let e = 0; e < src.length; e++) {
      const s = src[e];
      const t = dst[e];
      const ex = xy[2 * s] - xy[2 * t];
      const ey = xy[2 * s + 1] - xy[2 * t + 1];
      const d = Math.sqrt(ex * ex + ey * ey);
      dx[s] -= (ex * d) / k;
      dy[s] -= (ey * d) / k;
      dx[t] += (ex * d) / k;
      dy[t] += (ey * d) / k;
    }
    const temperature = 10 * (1 - step / iterations) + 0.1;
    for (let i = 0; i < n; i++) {
      const len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
      if (len > 0) {
        const move = Math.min(len, temperature) / len;
        xy[2 * i] += dx[i] * move;
        xy[2 * i + 1] += dy[i] * move;
      }
    }
  }
  return xy;
}
