/**
 * Birth and death of lead firms with their practice gaps, beliefs and network nodes, in one place
 * so every process that creates or ends a firm leaves the tables and the network consistent.
 */
import { K } from './schema';
import { Origin, type World } from './world';

export interface NewFirm {
  origin: Origin;
  capacity: number;
  /** Practice levels 0..1, one per practice (read, not kept). */
  levels: ArrayLike<number>;
  cash: number;
  foreign?: boolean;
  pilot?: boolean;
  loanYears?: number;
  label?: string;
}

export function addFirm(w: World, f: NewFirm): number {
  const foreign = f.foreign === true;
  const number = ++w.firmCounter;
  const node = w.addNode(foreign ? 'foreignFirm' : 'localFirm', f.label ?? number, w.year, f.capacity);
  // Columns written one by one (add() zeroes the row), not through an object per firm.
  const id = w.firms.add();
  const fc = w.firms.cols;
  fc.capacity[id] = f.capacity;
  fc.cash[id] = f.cash;
  fc.foreign[id] = foreign ? 1 : 0;
  fc.pilot[id] = f.pilot ? 1 : 0;
  fc.origin[id] = f.origin;
  fc.born[id] = w.year;
  fc.node[id] = node;
  fc.loanLeft[id] = f.loanYears ?? 0;
  w.fitArrays();
  const p = w.cfg.perception;
  const v0 = p.priorSigma * p.priorSigma;
  for (let k = 0; k < K; k++) {
    const level = f.levels[k] < 0 ? 0 : f.levels[k] > 1 ? 1 : f.levels[k];
    w.gap[id * K + k] = 1 - level;
    // A newcomer sees only part of how far it is from best practice.
    w.perceived[id * K + k] = p.selfBias * (1 - level);
    w.variance[id * K + k] = v0;
  }
  if (f.pilot) w.network.addEdge(w.stateNode, node, 'ownership', w.year);
  if (f.origin === Origin.Spinoff) w.network.addEdge(w.stateNode, node, 'spinoff', w.year);
  if (f.loanYears) w.network.addEdge(w.stateNode, node, 'finance', w.year);
  w.entries++;
  return id;
}

export function removeFirm(w: World, i: number): void {
  const node = w.firms.cols.node[i];
  w.network.removeNode(node, w.year);
  w.firms.remove(i);
  if (w.pilotFirm === i) w.pilotFirm = -1;
  w.exits++;
}

export function countFirms(w: World): number {
  return w.firms.count;
}
