// Kinds come from data: names that are also members of Object.prototype must not break the widget.
import { describe, expect, it } from 'vitest';
import { Timeline } from '../../extension/src/timeline';
import { buildScene } from '../../extension/src/scene';
import { edgeColour, edgeName, nodeColour, nodeName, nodeSize } from '../../extension/src/palette';
import { networkView } from '../../dist/src/views/network';
import type { NetworkHistory } from '../../dist/src/views/network';

const ODD_KINDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

function oddHistory(): NetworkHistory {
  const nodes = [
    { id: 'state', label: 'State', kind: 'state', born: 2000 },
    ...ODD_KINDS.map((kind, i) => ({ id: `n${i}`, label: `Node ${kind}`, kind, born: 2000 + i })),
  ] as NetworkHistory['nodes'];
  const edges = ODD_KINDS.map((kind, i) => ({ source: 'state', target: `n${i}`, kind, born: 2001 + i })) as NetworkHistory['edges'];
  return { years: [2000, 2010], nodes, edges };
}

describe('node and edge kinds named like Object.prototype members', () => {
  it('get the unknown colour and their own name, not a function from the prototype', () => {
    for (const kind of ODD_KINDS) {
      expect(nodeColour(kind)).toBe('#999999');
      expect(edgeColour(kind)).toBe('#999999');
      expect(nodeName(kind)).toBe(kind);
      expect(edgeName(kind)).toBe(kind);
      expect(Number.isFinite(nodeSize(kind, 10))).toBe(true);
    }
  });

  it('are laid out, drawn in the static figure and summarised', () => {
    const view = networkView(oddHistory(), { fallback: 'svg' });
    expect(networkView(oddHistory()).html).toContain('<img src="data:image/png;base64,');
    for (const node of view.payload.nodes) expect([node.x, node.y].every(Number.isFinite)).toBe(true);
    expect(view.text).toContain('6 nodes');
    for (const kind of ODD_KINDS) expect(view.html).toContain(`Node ${kind}`);
  });

  it('build the renderer’s buffers with grey nodes and edges', () => {
    const payload = networkView(oddHistory()).payload;
    const scene = buildScene(payload, new Timeline(payload));
    expect(scene.nodeCount).toBe(6);
    for (let k = 0; k < scene.nodeCount; k++) {
      if (payload.nodes[scene.order[k]].kind === 'state') continue;
      expect(Array.from(scene.nodeColour.slice(4 * k, 4 * k + 3))).toEqual([153, 153, 153]);
    }
    for (let j = 0; j < scene.edgeCount; j++) expect(Array.from(scene.edgeColour.slice(8 * j, 8 * j + 3))).toEqual([153, 153, 153]);
  });
});

describe('a group output whose item names an Object.prototype member as its MIME type', () => {
  it('is refused with a message naming the field, not called as a renderer', async () => {
    const { checkGroupPayload } = await import('../../extension/src/group-payload');
    const mimes = ['application/vnd.clusterlab.network+json', 'application/vnd.clusterlab.timeseries+json'];
    for (const mime of ['constructor', '__proto__', 'toString']) {
      expect(() => checkGroupPayload({ version: 1, items: [{ mime, data: {} }] }, mimes)).toThrow(`items[0].mime must be one of`);
    }
    expect(checkGroupPayload({ version: 1, items: [{ mime: mimes[0], data: {} }] }, mimes).items).toHaveLength(1);
  });
});
