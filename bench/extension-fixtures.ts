/**
 * Synthetic network histories shaped like the model's (a few state agencies and associations, lead
 * firms entering over the decades, suppliers and buyers tied to them, some exits), of any size, for
 * the view tests and the extension benchmark. Seeded, so a size always gives the same history.
 */
import { createRng } from '../src/engine/rng';
import type { NetworkHistory } from '../src/views/network';
import type { EdgeKind, NodeKind } from '../src/views/payloads';

export function syntheticHistory(nodeCount: number, options: { seed?: number; first?: number; last?: number; hostileLabel?: string } = {}): NetworkHistory {
  const { seed = 1, first = 1960, last = 2005 } = options;
  const rng = createRng(`synthetic-network/${seed}/${nodeCount}`);
  const nodes: NetworkHistory['nodes'] = [];
  const edges: NetworkHistory['edges'] = [];
  const span = last - first;
  const add = (kind: NodeKind, born: number, died: number | null = null) => {
    const id = `${kind}-${nodes.length}`;
    const label = nodes.length === 1 && options.hostileLabel ? options.hostileLabel : `${kind} ${nodes.length}`;
    nodes.push({ id, label, kind, born, died, attrs: { capability: Math.round(rng.uniform() * 100) / 100 } });
    return nodes.length - 1;
  };
  const link = (s: number, t: number, kind: EdgeKind, born: number) => {
    const b = Math.max(born, nodes[s].born, nodes[t].born);
    const ends = [nodes[s].died, nodes[t].died].filter((d): d is number => d != null);
    const ended = ends.length ? Math.min(...ends) : null;
    if (ended !== null && ended <= b) return;
    edges.push({ source: nodes[s].id, target: nodes[t].id, kind, born: b, ended });
  };
  const states = [add('state', first), add('state', first + 8)];
  const associations: number[] = [];
  const firms: number[] = [];
  const rest = Math.max(0, nodeCount - states.length);
  for (let k = 0; k < rest; k++) {
    // Entry accelerates over time, as the clusters take off.
    const born = first + Math.floor(span * Math.sqrt(rng.uniform()));
    const roll = rng.uniform();
    const kind: NodeKind = roll < 0.01 ? 'association' : roll < 0.08 ? 'localFirm' : roll < 0.12 ? 'foreignFirm' : roll < 0.9 ? 'supplier' : 'buyer';
    const died = kind === 'supplier' && rng.bernoulli(0.2) ? Math.min(last, born + 1 + rng.int(15)) : null;
    const i = add(kind, born, died);
    if (kind === 'association') {
      associations.push(i);
      link(states[rng.int(states.length)], i, 'tutelage', born);
    } else if (kind === 'localFirm' || kind === 'foreignFirm') {
      firms.push(i);
      if (associations.length) link(i, associations[rng.int(associations.length)], 'membership', born + rng.int(5));
      if (kind === 'localFirm' && rng.bernoulli(0.3)) link(states[rng.int(states.length)], i, 'finance', born);
    }
  }
  // Ties: each supplier to one or two firms, buyers to firms; roughly two edges per node overall.
  for (let i = 0; i < nodes.length; i++) {
    const kind = nodes[i].kind;
    if ((kind !== 'supplier' && kind !== 'buyer') || firms.length === 0) continue;
    const ties = kind === 'supplier' ? 1 + rng.int(3) : 1 + rng.int(2);
    for (let t = 0; t < ties; t++) {
      const firm = firms[rng.int(firms.length)];
      link(kind === 'supplier' ? i : firm, kind === 'supplier' ? firm : i, 'supply', nodes[i].born + rng.int(4));
      if (kind === 'supplier' && rng.bernoulli(0.05)) link(firm, i, 'tutelage', nodes[i].born + rng.int(4));
    }
  }
  for (let k = 0; k + 1 < firms.length; k += 7) link(firms[k], firms[k + 1], rng.bernoulli(0.5) ? 'spinoff' : 'ownership', nodes[firms[k + 1]].born);
  return { years: [first, last], nodes, edges };
}
