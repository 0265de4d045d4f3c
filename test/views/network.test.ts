import { describe, expect, it } from 'vitest';
import { networkView, NETWORK_MIME, MIMEBUNDLE } from '../../dist/src/views';
import { networkFigure } from '../../dist/src/views/svg-network';
import { syntheticHistory } from '../../dist/bench/extension-fixtures';

const HOSTILE = '<img src=x onerror=alert(1)>';

/** The tags of an HTML string, with quoted attribute values blanked (labels may sit there, escaped). */
function tags(html: string): string[] {
  return html.replace(/"[^"]*"/g, '""').match(/<[^>]*>/g) ?? [];
}

describe('networkView', () => {
  const history = syntheticHistory(400, { seed: 2, hostileLabel: HOSTILE });
  const view = networkView(history, { title: 'Salmon <cluster>', year: 1990 });
  const bundle = view[MIMEBUNDLE]();

  it('carries the widget payload, a PNG made in Node (alone and inside the HTML) and a summary', () => {
    expect(Object.keys(bundle).sort()).toEqual([NETWORK_MIME, 'image/png', 'text/html', 'text/plain'].sort());
    const png = Buffer.from(String(bundle['image/png']), 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(720);
    expect(String(bundle['text/html'])).toContain(`<img src="data:image/png;base64,${bundle['image/png']}"`);
    const payload = bundle[NETWORK_MIME] as any;
    expect(payload.version).toBe(1);
    expect(payload.years).toEqual(history.years);
    expect(payload.year).toBe(1990);
    expect(payload.nodes).toHaveLength(history.nodes.length);
    expect(payload.edges).toEqual(history.edges);
    for (const node of payload.nodes) {
      expect(Number.isFinite(node.x) && Number.isFinite(node.y)).toBe(true);
    }
    expect(payload.nodes.map((n: any) => n.id)).toEqual(history.nodes.map((n) => n.id));
    // The same bytes every time (a fixed font, never the system's): committed outputs reproduce.
    expect(networkView(history, { title: 'Salmon <cluster>', year: 1990 }).extra['image/png']).toBe(bundle['image/png']);
    expect(networkView(history, { fallback: 'svg' }).html).toMatch(/^<div class="cl-static-network"[^>]*><svg /s);
  });

  it('counts what lives in the year shown', () => {
    const alive = history.nodes.filter((n) => n.born <= 1990 && (n.died == null || 1990 < n.died));
    expect(String(bundle['text/plain'])).toContain(`in 1990: ${alive.length} nodes`);
    expect(String(bundle['text/plain'])).toContain(`ever: ${history.nodes.length} nodes`);
    expect(String(bundle['text/html'])).toContain(`${alive.length} nodes,`);
  });

  it('escapes labels and titles in the SVG and the PNG fallback', () => {
    const html = networkView(history, { title: 'Salmon <cluster>', year: 1990, fallback: 'svg' }).html;
    const svgOnly = networkView(history, { year: 2005, title: HOSTILE, fallback: 'svg' }).html;
    const withPng = networkView(history, { year: 2005, title: HOSTILE }).html;
    for (const text of [html, svgOnly, withPng]) {
      expect(tags(text).filter((t) => /^<img/i.test(t) && !/^<img src="" /.test(t))).toEqual([]);
      expect(tags(text).filter((t) => /onerror/i.test(t))).toEqual([]);
    }
    expect(withPng).toContain('alt="&lt;img src=x onerror=alert(1)&gt; in 2005');
    expect(svgOnly).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Salmon &lt;cluster&gt;');
    // The payload keeps the label as data: the widget, not the model, decides how to show it.
    expect((bundle[NETWORK_MIME] as any).nodes[1].label).toBe(HOSTILE);
  });

  it('keeps the HTML of a 10,000-node network small by drawing a sample', () => {
    const bigView = networkView(syntheticHistory(10_000, { seed: 5 }), { fallback: 'svg' });
    const big = { html: bigView.html };
    expect(big.html.length).toBeLessThan(600_000);
    expect((big.html.match(/<circle /g) ?? []).length).toBeLessThanOrEqual(1500 + 10);
    expect(big.html).toMatch(/Drawn: \d+ nodes/);
    // Every kind alive is represented in the sample, not only the institutions.
    expect(big.html).toContain('fill="#2ca02c"');
    expect(big.html).toContain('fill="#8c564b"');
    expect(networkFigure(bigView.payload).svg.length).toBeLessThan(600_000);
  }, 60_000);

  it('gives the same positions for every year shown, and other positions for another seed', () => {
    const at = (v: any) => v.payload.nodes.map((n: any) => [n.x, n.y]);
    const other = networkView(history, { year: 1975 });
    expect(at(other)).toEqual(at(view));
    expect(at(networkView(history, { year: 1975, seed: 99 }))).not.toEqual(at(view));
  });

  it('rejects a year outside the history and bad histories, naming the field', () => {
    expect(() => networkView(history, { year: 1900 })).toThrow(/year must be within years \[1960, 2005\]/);
    expect(() => networkView({ ...history, years: [2000, 1990] })).toThrow(/years must be \[first, last\]/);
    expect(() => networkView({ ...history, nodes: [...history.nodes, history.nodes[0]] })).toThrow(/is a duplicate/);
  });
});
