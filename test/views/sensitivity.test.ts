import { describe, expect, it } from 'vitest';
import { show, MIMEBUNDLE, PLOTLY_MIME } from '../../dist/src/views';

const sobol = {
  method: 'sobol' as const,
  outcome: 'y@0',
  label: 'ishigami',
  confidence: 0.95,
  rows: [
    { parameter: 'x1', S1: 0.31, S1Low: 0.29, S1High: 0.33, ST: 0.56, STLow: 0.53, STHigh: 0.59 },
    { parameter: 'x2', S1: 0.44, S1Low: 0.42, S1High: 0.46, ST: 0.44, STLow: 0.42, STHigh: 0.46 },
    { parameter: '<x3>', S1: 0, S1Low: -0.01, S1High: 0.01, ST: 0.24, STLow: 0.22, STHigh: 0.26 },
  ],
};

const morris = {
  method: 'morris' as const,
  outcome: 'exportTonnes@2000',
  label: 'salmon',
  confidence: 0.95,
  rows: [
    { parameter: 'a', mu: -5, muStar: 7, muStarLow: 5, muStarHigh: 9, sigma: 3 },
    { parameter: 'b', mu: 20, muStar: 20, muStarLow: 18, muStarHigh: 22, sigma: 1 },
  ],
};

describe('sensitivity bar chart', () => {
  it('shows a Sobol result as bars with whiskers, most influential first, escaped', () => {
    const bundle = (show(sobol) as unknown as Record<symbol, () => Record<string, unknown>>)[MIMEBUNDLE]();
    const svg = bundle['image/svg+xml'] as string;
    expect(svg).toContain('Sobol indices of y@0 (ishigami)');
    expect(svg.match(/<rect [^>]*fill-opacity/g)).toHaveLength(6);
    expect(svg.match(/<path d="M/g)).toHaveLength(6);
    expect(svg).toContain('&lt;x3&gt;');
    expect(svg).not.toContain('<x3>');
    const text = bundle['text/plain'] as string;
    const order = ['x1', 'x2', '<x3>'].map((p) => text.indexOf(`\n${p} `));
    expect(order[0]).toBeLessThan(order[1]);
    expect(order[1]).toBeLessThan(order[2]);
    expect(bundle['text/html']).toContain('<table>');
    const fig = bundle[PLOTLY_MIME] as { data: { name: string; x: number[]; error_x: { array: number[] } }[] };
    expect(fig.data.map((d) => d.name)).toEqual(['first-order S1', 'total ST']);
    expect(fig.data[1].x).toEqual([0.56, 0.44, 0.24]);
    expect(fig.data[1].error_x.array.map((v) => +v.toFixed(6))).toEqual([0.03, 0.02, 0.02]);
  });

  it('shows a Morris result as mu* with intervals beside sigma, ranked by mu*', () => {
    const bundle = (show(morris) as unknown as Record<symbol, () => Record<string, unknown>>)[MIMEBUNDLE]();
    const text = bundle['text/plain'] as string;
    expect(text.split('\n')[0]).toBe('Morris elementary effects of exportTonnes@2000 (salmon)');
    expect(text.indexOf('\nb ')).toBeLessThan(text.indexOf('\na '));
    expect((bundle['image/svg+xml'] as string).match(/<path d="M/g)).toHaveLength(2);
  });
});
