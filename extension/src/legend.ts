import type { NetworkPayload } from '../../src/views/payloads';
import { EDGE_KINDS, NODE_KINDS, edgeColour, edgeName, nodeColour, nodeName } from './palette';
import { el } from './dom';

/** A legend listing only the node and edge kinds present in the payload. */
export function buildLegend(payload: NetworkPayload): HTMLElement {
  const legend = el('div', 'cl-legend');
  legend.setAttribute('role', 'list');
  legend.setAttribute('aria-label', 'Legend');
  const nodeKinds = new Set(payload.nodes.map((n) => n.kind));
  const edgeKinds = new Set(payload.edges.map((e) => e.kind));
  for (const kind of NODE_KINDS) {
    if (nodeKinds.has(kind)) legend.append(entry('cl-legend-node', nodeColour(kind), nodeName(kind)));
  }
  for (const kind of EDGE_KINDS) {
    if (edgeKinds.has(kind)) legend.append(entry('cl-legend-edge', edgeColour(kind), edgeName(kind)));
  }
  return legend;
}

function entry(className: string, colour: string, label: string): HTMLElement {
  const item = el('span', `cl-legend-item ${className}`);
  item.setAttribute('role', 'listitem');
  const swatch = el('span', 'cl-legend-swatch');
  swatch.style.background = colour;
  item.append(swatch, el('span', 'cl-legend-label', label));
  return item;
}
