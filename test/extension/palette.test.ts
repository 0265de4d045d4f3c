import { describe, expect, it } from 'vitest';
import { EDGE_KINDS, NODE_KINDS, edgeColour, nodeColour, nodeSize, withAlpha } from '../../extension/src/palette';

describe('extension palette', () => {
  it('colours every kind distinctly, with a grey for unknown kinds', () => {
    expect(new Set(NODE_KINDS.map(nodeColour)).size).toBe(NODE_KINDS.length);
    expect(new Set(EDGE_KINDS.map(edgeColour)).size).toBe(EDGE_KINDS.length);
    expect(nodeColour('unknown-kind')).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('draws institutions larger than suppliers, and everything smaller when crowded', () => {
    expect(nodeSize('state', 100)).toBeGreaterThan(nodeSize('supplier', 100));
    expect(nodeSize('localFirm', 10_000)).toBeLessThan(nodeSize('localFirm', 100));
  });

  it('turns a hex colour into rgba', () => {
    expect(withAlpha('#1f77b4', 0.5)).toBe('rgba(31, 119, 180, 0.5)');
    expect(withAlpha('red', 0.5)).toBe('red');
  });
});
