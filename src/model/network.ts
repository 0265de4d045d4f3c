/** The model's temporal network as the engine's plain network history (src/engine/model.ts). */
import type { NetworkHistory } from '../engine/model';
import type { World } from './world';
import { ORIGIN_NAMES } from './world';

export function networkHistory(w: World): NetworkHistory {
  const net = w.network;
  const [start, end] = [w.recorder.startYear, w.recorder.endYear];
  // Details shown on hover for lead firms, from their final (or last) state.
  const attrs = new Map<number, Record<string, string | number | boolean>>();
  // Node size: a firm's output in its last year, or its capacity when it produced nothing.
  const sizes = new Map<number, number>();
  const f = w.firms;
  const fc = f.cols;
  for (let i = 0; i < f.end; i++) {
    if (!f.alive[i]) continue;
    sizes.set(fc.node[i], fc.output[i] > 0 ? fc.output[i] : fc.capacity[i]);
    attrs.set(fc.node[i], {
      capability: Math.round(fc.capability[i] * 1000) / 1000,
      capacityTonnes: Math.round(fc.capacity[i]),
      ownership: fc.foreign[i] ? 'foreign' : 'local',
      origin: ORIGIN_NAMES[fc.origin[i]],
      member: fc.member[i] === 1,
      certified: fc.certified[i] === 1,
      tutored: fc.tutored[i] === 1,
    });
  }
  const nodes: NetworkHistory['nodes'] = [];
  for (let n = 0; n < net.nodeCount; n++) {
    const died = net.nodeDied[n];
    const node: NetworkHistory['nodes'][number] = {
      id: `n${n}`,
      label: w.labels[n],
      kind: net.nodeKinds[net.nodeKind[n]],
      born: net.nodeBorn[n],
      died: died === Infinity ? null : died,
    };
    const a = attrs.get(n);
    if (a) node.attrs = a;
    const size = sizes.get(n);
    if (size !== undefined) node.size = Math.round(size);
    nodes.push(node);
  }
  const edges: NetworkHistory['edges'] = [];
  for (let e = 0; e < net.edgeCount; e++) {
    const ended = net.ended[e];
    edges.push({
      source: `n${net.src[e]}`,
      target: `n${net.dst[e]}`,
      kind: net.edgeKinds[net.kind[e]],
      born: net.born[e],
      ended: ended === Infinity ? null : ended,
    });
  }
  return { years: [start, end], nodes, edges };
}
