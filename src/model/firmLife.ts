/**
 * Birth and death of lead firms, with their network nodes and edges. Kept in one place so every
 * process that creates or ends a firm leaves the network and the tables consistent.
 */
import { Origin, World } from './world';

export interface NewFirm {
  capability: number;
  capacity: number;
  origin: Origin;
  foreign?: boolean;
  statePilot?: boolean;
  /** Years of losses a state loan carries (CORFO), 0 for none. */
  cash: number;
  label?: string;
}

export function addFirm(w: World, f: NewFirm): number {
  const foreign = f.foreign === true;
  const number = ++w.firmCounter;
  const label = f.label ?? `${foreign ? 'Foreign ' : ''}${w.names.firmNoun} ${number}`;
  const node = w.addNode(foreign ? 'foreignFirm' : 'localFirm', label, w.year);
  const id = w.firms.add({
    capability: f.capability,
    capacity: f.capacity,
    cash: f.cash,
    foreign: foreign ? 1 : 0,
    statePilot: f.statePilot ? 1 : 0,
    origin: f.origin,
    born: w.year,
    node,
    parent: -1,
  });
  if (f.statePilot) w.network.addEdge(w.stateNode, node, 'ownership', w.year);
  if (f.origin === Origin.Spinoff) w.network.addEdge(w.stateNode, node, 'spinoff', w.year);
  return id;
}

/** Ends a firm: its growers lose their buyer (they stay available to others), its ties end. */
export function removeFirm(w: World, i: number): void {
  const node = w.firms.cols.node[i];
  w.network.removeNode(node, w.year);
  w.firms.remove(i);
  if (w.pilotFirm === i) w.pilotFirm = -1;
  if (w.hasSuppliers) {
    const s = w.suppliers;
    const { firm, node: snode, contract } = s.cols;
    for (let k = 0; k < s.end; k++) {
      if (s.alive[k] && firm[k] === i) {
        firm[k] = -1;
        contract[k] = 0;
        w.network.nodeDied[snode[k]] = w.year;
        s.remove(k);
      }
    }
  }
}

/** Number of live firms, optionally only foreign-owned ones. */
export function countFirms(w: World, foreignOnly = false): number {
  const { alive, end } = w.firms;
  const foreign = w.firms.cols.foreign;
  let n = 0;
  for (let i = 0; i < end; i++) if (alive[i] && (!foreignOnly || foreign[i])) n++;
  return n;
}
