/** The model's temporal network as the engine's plain network history (src/engine/model.ts). */
import type { NetworkHistory } from '../engine/model';
import type { World } from './world';
import { ORIGIN_NAMES } from './world';

export function networkHistory(w: World): NetworkHistory {
  const net = w.network;
  const [start, end] = [w.recorder.startYear, w.recorder.endYear];
  // Details shown on hover for lead firms, from their final (or last) state.
  const attrs = new Map<number, Record<string, string | number | boolean>>();
  // Node size: a lead firm's capacity in the last year (rows of firms that left are reused, so
  // only firms alive at the end have one; the others are drawn at their kind's size).
  const size = new Map<number, number>();
  const f = w.firms;
  const fc = f.cols;
  for (let i = 0; i < f.end; i++) {
    if (!f.alive[i]) continue;
    size.set(fc.node[i], Math.round(fc.capacity[i]));
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
    const s = size.get(n);
    if (s !== undefined) node.size = s;
    const a = attrs.get(n);
    if (a) node.attrs = a;
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
  return { years: [start, end], sizeLabel: 'capacity in the last year (tonnes)', nodes, edges };
}
