/**
 * Colours and display names of node and edge kinds, one table for both pictures: the static SVG
 * fallbacks here and the JupyterLab widgets (extension/src/palette.ts bundles this file; it imports
 * nothing but types, so the extension still never loads the model).
 */
import type { EdgeKind, NodeKind } from './payloads';

// The cluster models' kinds (src/cluster/world.ts) and 'supplier'/'supply' of networks built by hand.
export const NODE_KIND_ORDER: readonly NodeKind[] = [
  'state',
  'association',
  'institute',
  'localFirm',
  'foreignFirm',
  'multinational',
  'service',
  'supplier',
  'buyer',
];
export const EDGE_KIND_ORDER: readonly EdgeKind[] = ['supply', 'membership', 'tutelage', 'spinoff', 'ownership', 'finance', 'imitation', 'certification'];

export const NODE_COLOURS: Record<NodeKind, string> = {
  state: '#d62728',
  association: '#9467bd',
  localFirm: '#1f77b4',
  foreignFirm: '#ff7f0e',
  supplier: '#2ca02c',
  buyer: '#8c564b',
  institute: '#e377c2',
  multinational: '#bcbd22',
  service: '#98df8a',
};

export const EDGE_COLOURS: Record<EdgeKind, string> = {
  supply: '#2ca02c',
  membership: '#9467bd',
  tutelage: '#d62728',
  spinoff: '#17becf',
  ownership: '#ff7f0e',
  finance: '#7f7f7f',
  imitation: '#bcbd22',
  certification: '#e377c2',
};

export const NODE_NAMES: Record<NodeKind, string> = {
  state: 'State agency',
  association: 'Association',
  localFirm: 'Local lead firm',
  foreignFirm: 'Foreign lead firm',
  supplier: 'Supplier',
  buyer: 'Foreign buyer',
  institute: 'Research institute',
  multinational: 'Multinational parent',
  service: 'Service or input firm',
};

export const EDGE_NAMES: Record<EdgeKind, string> = {
  supply: 'Supply contract',
  membership: 'Membership',
  tutelage: 'Tutelage',
  spinoff: 'Spin-off lineage',
  ownership: 'Ownership',
  finance: 'Finance',
  imitation: 'Imitates',
  certification: 'Certification',
};

export const SERIES_COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

/** Colour of kinds the tables do not name. */
export const UNKNOWN_COLOUR = '#999999';

/**
 * A table's own entry for a key, or undefined. Kinds come from data: a kind named `constructor`,
 * `toString` or `__proto__` must not find Object.prototype's members through a plain index.
 */
export function entryOf<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

export function nodeColour(kind: string): string {
  return entryOf<string>(NODE_COLOURS, kind) ?? UNKNOWN_COLOUR;
}

export function edgeColour(kind: string): string {
  return entryOf<string>(EDGE_COLOURS, kind) ?? UNKNOWN_COLOUR;
}

/** Display name of a node kind; a kind the tables do not know is shown as it is. */
export function nodeName(kind: string): string {
  return entryOf<string>(NODE_NAMES, kind) ?? String(kind);
}

export function edgeName(kind: string): string {
  return entryOf<string>(EDGE_NAMES, kind) ?? String(kind);
}
