import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { frameBundle, showFrame, summaryFrame, toFrame, wideRows } from '../../dist/src/frames';

const root = path.resolve(__dirname, '../..');

describe('frames', () => {
  it('does not load danfojs-node on import, only on first use', () => {
    const script = `
      const danfoInCache = () => Object.keys(require.cache).some((k) => k.includes('danfojs-node'));
      require('./dist/src/frames');
      require('./dist/src/engine');
      require('./dist/src/experiments');
      const before = danfoInCache();
      const { toFrame, danfoLoaded } = require('./dist/src/frames');
      const wasLoaded = danfoLoaded();
      toFrame([{ year: 1, metric: 'm', value: 2 }]);
      console.log(JSON.stringify({ before, wasLoaded, after: danfoInCache(), nowLoaded: danfoLoaded() }));`;
    const out = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout.trim().split('\n').pop()!)).toEqual({ before: false, wasLoaded: false, after: true, nowLoaded: true });
  });

  it('builds frames from tidy rows, run records and summaries', () => {
    const df = toFrame([
      { run: 0, seed: 1, year: 1990, metric: 'firms', value: 3 },
      { run: 0, seed: 1, year: 1991, metric: 'firms', value: 36 },
    ]);
    expect(df.columns).toEqual(['run', 'seed', 'year', 'metric', 'value']);
    expect(df.shape).toEqual([2, 5]);
    const fromRecords = toFrame([{ seed: 5, years: [1, 2], metrics: ['x'], values: Float64Array.from([1, NaN]), events: [] }]);
    expect(fromRecords.values).toEqual([[0, 5, 1, 'x', 1]]);
    const s = summaryFrame([{ scenario: 'salmon', year: 1990, metric: 'firms', median: 10, p05: 5, p95: 15, n: 50 }]);
    expect(s.columns).toEqual(['scenario', 'year', 'metric', 'median', 'p05', 'p95', 'n']);
    expect(() => toFrame([])).toThrow(/no rows/);
  });

  it('pivots tidy rows to one column per metric', () => {
    const wide = wideRows([
      { run: 0, seed: 1, year: 1991, metric: 'b', value: 4 },
      { run: 0, seed: 1, year: 1990, metric: 'a', value: 1 },
      { run: 0, seed: 1, year: 1990, metric: 'b', value: 2 },
    ]);
    expect(wide).toEqual([
      { year: 1990, a: 1, b: 2 },
      { year: 1991, b: 4 },
    ]);
  });

  it('renders an escaped HTML table and an aligned text table, eliding long frames', () => {
    const frame = {
      columns: ['name', 'value'],
      values: [
        ['<b>A&B</b>', 1.23456789],
        ['plain', 2],
      ],
    };
    const b = frameBundle(frame);
    expect(b['text/html']).toContain('<td>&lt;b&gt;A&amp;B&lt;/b&gt;</td>');
    expect(b['text/html']).not.toContain('<b>A');
    expect(b['text/html']).toContain('<td>1.23457</td>');
    expect(b['text/plain'].split('\n')).toEqual(['         name    value', '0  <b>A&B</b>  1.23457', '1       plain        2', '[2 rows × 2 columns]']);
    const long = { columns: ['i'], values: Array.from({ length: 100 }, (_, i) => [i]) };
    const lb = frameBundle(long, { maxRows: 4 });
    expect(lb['text/plain'].split('\n').map((l) => l.trim())).toEqual(['i', '0   0', '1   1', '…   …', '98  98', '99  99', '[100 rows × 1 columns]']);
    expect((lb['text/html'].match(/<tr>/g) ?? []).length).toBe(1 + 5);
    const shown = showFrame(frame)[Symbol.for('jupyter.mimebundle')]();
    expect(Object.keys(shown).sort()).toEqual(['text/html', 'text/plain']);
  });
});
