// saveFigure from code and `clusterlab figure` from the shell: SVG, PNG and HTML, written atomically.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { saveFigure } from '../../dist/src';
import { networkView, show, timeseriesView } from '../../dist/src/views';
import { syntheticHistory } from '../../dist/bench/extension-fixtures';

const BIN = resolve(__dirname, '../../bin/clusterlab.js');
const dir = mkdtempSync(join(tmpdir(), 'clusterlab-figures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const history = syntheticHistory(300, { seed: 3 });
const network = networkView(history, { title: 'Synthetic <cluster>' });
const series = timeseriesView(
  [
    { scenario: 'demo', metric: 'firms', year: 2000, median: 1, p05: 0, p95: 2, n: 3 },
    { scenario: 'demo', metric: 'firms', year: 2001, median: 3, p05: 1, p95: 4, n: 3 },
  ] as any,
  { title: 'Firms' },
);

/** Width and height of a PNG, from its header. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('saveFigure', () => {
  it('writes a network as SVG, PNG (twice the size by default) and HTML, by extension', () => {
    const svg = readFileSync(saveFigure(network, join(dir, 'net.svg')), 'utf8');
    expect(svg).toMatch(/^<\?xml[^>]*>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('Synthetic &lt;cluster&gt;');
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    const height = Number(/height="(\d+)"/.exec(svg)![1]);
    expect(pngSize(readFileSync(saveFigure(network, join(dir, 'net.png'))))).toEqual([2 * width, 2 * height]);
    expect(pngSize(readFileSync(saveFigure(network, join(dir, 'net1.png'), { scale: 1 })))).toEqual([width, height]);
    const html = readFileSync(saveFigure(network, join(dir, 'net.html')), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg ');
    expect(html).toContain('<title>Synthetic &lt;cluster&gt; in 2005</title>');
  });

  it('draws the year asked for, and refuses one outside the history', () => {
    const svg = readFileSync(saveFigure(network, join(dir, 'y.svg'), { year: 1980 }), 'utf8');
    expect(svg).toContain('in 1980');
    expect(() => saveFigure(network, join(dir, 'y.svg'), { year: 1900 })).toThrow(/year must be within the network's years \[1960, 2005\], got 1900/);
  });

  it('writes a time series, and either view of a run-like pair', () => {
    expect(readFileSync(saveFigure(series, join(dir, 'ts.svg')), 'utf8')).toContain('Firms');
    pngSize(readFileSync(saveFigure(series, join(dir, 'ts.png'))));
    const pair = show(history);
    expect(readFileSync(saveFigure(pair, join(dir, 'pair.svg'), { view: 'network' }), 'utf8')).toContain('nodes,');
    expect(() => saveFigure(pair, join(dir, 'pair.svg'), { view: 'timeseries' })).toThrow(/has no timeseries view/);
  });

  it('refuses other formats and bad options, naming them', () => {
    expect(() => saveFigure(network, join(dir, 'f.pdf'))).toThrow(/must be one of \.svg, \.png, \.html, got '\.pdf'/);
    expect(() => saveFigure(network, join(dir, 'f.svg'), { scale: 2 })).toThrow(/scale applies to \.png only/);
    expect(() => saveFigure(network, join(dir, 'f.png'), { scale: 100 })).toThrow(/scale must be in \(0, 8\]/);
    expect(() => saveFigure(42, join(dir, 'f.svg'))).toThrow(/expected a run/);
  });

  it('replaces a figure whole and leaves no temporary file, also when the write fails', () => {
    const target = join(dir, 'replace.svg');
    writeFileSync(target, 'old');
    saveFigure(network, target);
    expect(readFileSync(target, 'utf8')).toContain('<svg');
    expect(() => saveFigure(network, join(dir, 'missing-folder', 'f.svg'))).toThrow(/ENOENT/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('clusterlab figure', () => {
  function cli(...args: string[]) {
    const r = spawnSync(process.execPath, [BIN, 'figure', ...args], { encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  it('saves a scenario’s network in a year as PNG, and its ensemble as SVG', () => {
    const png = join(dir, 'salmon.png');
    const r = cli('salmon', '--out', png, '--year', '1995');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(png);
    expect(pngSize(readFileSync(png))[0]).toBe(1440);
    const svg = join(dir, 'tomato.svg');
    expect(cli('tomato', '--view', 'timeseries', '--seeds', '3', '--out', svg).code).toBe(0);
    expect(readFileSync(svg, 'utf8')).toContain('Perez-Aleman 2005');
  });

  it('names bad options and exits 2 without writing', () => {
    const pdf = cli('salmon', '--out', join(dir, 'x.pdf'));
    expect(pdf.code).toBe(2);
    expect(pdf.err).toContain('--out must end in .svg, .png or .html, got');
    expect(cli('salmon', '--out', join(dir, 'x.svg'), '--view', 'map').err).toContain("--view must be network or timeseries, got 'map'");
    expect(cli('salmon', '--out', join(dir, 'x.svg'), '--year', '1900').err).toContain('year must be within');
    expect(cli('salmon').err).toContain('missing --out');
    expect(existsSync(join(dir, 'x.svg'))).toBe(false);
  });
});

describe('saveFigure in a notebook cell', () => {
  it('is preloaded and type-checked like the other views', async () => {
    const { Cells } = await import('../../dist/kernel/cells');
    const { buildPrelude } = await import('../../dist/kernel/prelude');
    const folder = mkdtempSync(join(tmpdir(), 'clusterlab-cells-'));
    const none = () => undefined;
    const cells = new Cells(folder, () => buildPrelude({ display: none, show: none, input: none, comms: {}, dfd: null, importESM: none }));
    try {
      cells.ensure();
      const target = join(dir, 'cell.svg');
      const ok = await cells.execute(`saveFigure(simulate('salmon', { seed: 2 }), ${JSON.stringify(target)}, { year: 1990 })`, 1);
      expect(ok.status).toBe('ok');
      expect(ok.status === 'ok' && ok.value).toBe(target);
      expect(readFileSync(target, 'utf8')).toContain('· 1990');
      const typo = await cells.execute(`saveFigure(simulate('salmon'), 'x.svg', { yaer: 1990 })`, 2);
      expect(typo.status).toBe('error');
    } finally {
      cells.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
