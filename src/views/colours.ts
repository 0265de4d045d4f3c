/**
 * Colours and display names of node and edge kinds, one table for both pictures: the static SVG
 * fallbacks here and the JupyterLab widgets (extension/src/palette.ts bundles this file; it imports
 * nothing but types, so the extension still never loads the model).
 */
import type { EdgeKind, NodeKind } from './payloads';

export const NODE_KIND_ORDER: readonly NodeKind[] = ['state', 'association', 'localFirm', 'foreignFirm', 'supplier', 'buyer'];
export const EDGE_KIND_ORDER: readonly EdgeKind[] = ['supply', 'membership', 'tutelage', 'spinoff', 'ownership', 'finance'];

export const NODE_COLOURS: Record<NodeKind, string> = {
  state: '#d62728',
  association: '#9467bd',
  localFirm: '#1f77b4',
  foreignFirm: '#ff7f0e',
  supplier: '#2ca02c',
  buyer: '#8c564b',
};

export const EDGE_COLOURS: Record<EdgeKind, string> = {
  supply: '#2ca02c',
  membership: '#9467bd',
  tutelage: '#d62728',
  spinoff: '#17becf',
  ownership: '#ff7f0e',
  finance: '#7f7f7f',
};

export const NODE_NAMES: Record<NodeKind, string> = {
  state: 'State agency',
  association: 'Association',
  localFirm: 'Local lead firm',
  foreignFirm: 'Foreign lead firm',
  supplier: 'Supplier',
  buyer: 'Foreign buyer',
};

export const EDGE_NAMES: Record<EdgeKind, string> = {
  supply: 'Supply contract',
  membership: 'Membership',
  tutelage: 'Tutelage',
  spinoff: 'Spin-off lineage',
  ownership: 'Ownership',
  finance: 'Finance',
};

export const SERIES_COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

export function nodeColour(kind: string): string {
  return (NODE_COLOURS as Record<string, string>)[kind] ?? '#999999';
}

export function edgeColour(kind: string): string {
  return (EDGE_COLOURS as Record<string, string>)[kind] ?? '#999999';
}
