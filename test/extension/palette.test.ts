import { describe, expect, it } from 'vitest';
import { GROUP_MIME as EXT_GROUP, NETWORK_MIME as EXT_NETWORK, TIMESERIES_MIME as EXT_TIMESERIES } from '../../extension/src/mime';
import { EDGE_KINDS, NODE_KINDS, edgeColour, nodeColour, nodeSize, withAlpha } from '../../extension/src/palette';
import { GROUP_MIME, NETWORK_MIME, TIMESERIES_MIME } from '../../dist/src/views/payloads';
import { EDGE_COLOURS, NODE_COLOURS } from '../../dist/src/views/colours';

describe('extension palette and MIME types', () => {
  it('spells the MIME types as the model side does', () => {
    expect(EXT_NETWORK).toBe(NETWORK_MIME);
    expect(EXT_TIMESERIES).toBe(TIMESERIES_MIME);
    expect(EXT_GROUP).toBe(GROUP_MIME);
  });

  it('colours every kind as the static fallback does, distinctly', () => {
    for (const kind of NODE_KINDS) expect(nodeColour(kind)).toBe((NODE_COLOURS as any)[kind]);
    for (const kind of EDGE_KINDS) expect(edgeColour(kind)).toBe((EDGE_COLOURS as any)[kind]);
    expect(new Set(NODE_KINDS.map(nodeColour)).size).toBe(NODE_KINDS.length);
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
