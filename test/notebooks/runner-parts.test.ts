import { describe, expect, it } from 'vitest';
import { OutputCollector } from '../../dist/reproduce/outputs';
import { compareNotebooks } from '../../dist/reproduce/compare';
import { renderMarkdown, writeSite } from '../../dist/reproduce/site';
import type { Notebook, Output } from '../../dist/reproduce/notebook';
import type { ScorecardRow } from '../../dist/reproduce/scorecard';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function notebookWith(outputs: Output[][]): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: outputs.map((o, i) => ({ cell_type: 'code', id: `c${i}`, metadata: {}, source: 'x', execution_count: i + 1, outputs: o })),
  };
}

describe('OutputCollector', () => {
  it('merges stream chunks however the kernel split them', () => {
    const a = new OutputCollector();
    a.handle({ msg_type: 'stream', content: { name: 'stdout', text: 'one\ntw' } });
    a.handle({ msg_type: 'stream', content: { name: 'stdout', text: 'o\n' } });
    const b = new OutputCollector();
    b.handle({ msg_type: 'stream', content: { name: 'stdout', text: 'one\ntwo\n' } });
    expect(a.outputs).toEqual(b.outputs);
    expect(a.outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: ['one\n', 'two\n'] }]);
  });

  it('keeps stdout and stderr apart and in order', () => {
    const c = new OutputCollector();
    c.handle({ msg_type: 'stream', content: { name: 'stdout', text: 'a' } });
    c.handle({ msg_type: 'stream', content: { name: 'stderr', text: 'b' } });
    c.handle({ msg_type: 'stream', content: { name: 'stdout', text: 'c' } });
    expect(c.outputs.map((o) => (o.output_type === 'stream' ? o.name : ''))).toEqual(['stdout', 'stderr', 'stdout']);
  });

  it('applies update_display_data to the output with the same display id', () => {
    const c = new OutputCollector();
    c.handle({ msg_type: 'display_data', content: { data: { 'text/plain': 'step 1' }, metadata: {}, transient: { display_id: 'live' } } });
    c.handle({ msg_type: 'display_data', content: { data: { 'text/plain': 'other' }, metadata: {} } });
    c.handle({ msg_type: 'update_display_data', content: { data: { 'text/plain': 'step 9' }, metadata: {}, transient: { display_id: 'live' } } });
    expect(c.outputs).toHaveLength(2);
    expect(c.outputs[0]).toMatchObject({ output_type: 'display_data', data: { 'text/plain': ['step 9'] } });
  });

  it('clear_output with wait clears only when the next output arrives', () => {
    const c = new OutputCollector();
    c.handle({ msg_type: 'stream', content: { name: 'stdout', text: 'old' } });
    c.handle({ msg_type: 'clear_output', content: { wait: true } });
    expect(c.outputs).toHaveLength(1);
    c.handle({ msg_type: 'stream', content: { name: 'stdout', text: 'new' } });
    expect(c.outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: ['new'] }]);
  });

  it('keeps JSON MIME data as structure and records errors', () => {
    const c = new OutputCollector();
    c.handle({
      msg_type: 'execute_result',
      content: { execution_count: 3, data: { 'application/vnd.clusterlab.network+json': { version: 1 }, 'text/plain': 'a\nb' }, metadata: {} },
    });
    c.handle({ msg_type: 'error', content: { ename: 'TypeError', evalue: 'x is not a function', traceback: ['t'] } });
    expect(c.outputs[0]).toMatchObject({ data: { 'application/vnd.clusterlab.network+json': { version: 1 }, 'text/plain': ['a\n', 'b'] } });
    expect(c.outputs[1]).toEqual({ output_type: 'error', ename: 'TypeError', evalue: 'x is not a function', traceback: ['t'] });
  });
});

describe('compareNotebooks', () => {
  const base: Output[][] = [
    [{ output_type: 'stream', name: 'stdout', text: ['a\n', 'b\n'] }],
    [{ output_type: 'execute_result', execution_count: 2, data: { 'text/plain': ['42'], 'application/json': { a: 1, b: 2 } }, metadata: {} }],
  ];

  it('ignores execution counts, metadata, line splitting, key order and renderer PNGs', () => {
    const again = notebookWith([
      [{ output_type: 'stream', name: 'stdout', text: 'a\nb\n' }],
      [
        {
          output_type: 'execute_result',
          execution_count: 17,
          data: { 'application/json': { b: 2, a: 1 }, 'text/plain': '42', 'image/png': 'iVBOR' },
          metadata: { x: 1 },
        },
      ],
    ]);
    expect(compareNotebooks(notebookWith(base), again)).toEqual([]);
  });

  it('names the cell and the first differing line', () => {
    const changed = notebookWith([[{ output_type: 'stream', name: 'stdout', text: 'a\nB\n' }], base[1]]);
    const diffs = compareNotebooks(notebookWith(base), changed);
    expect(diffs).toHaveLength(1);
    expect(diffs[0].cell).toBe('cell 1 (c0)');
    expect(diffs[0].detail).toContain('line 2');
  });

  it('reports changed JSON data and a changed number of outputs', () => {
    const data = notebookWith([
      base[0],
      [{ output_type: 'execute_result', execution_count: 2, data: { 'text/plain': ['42'], 'application/json': { a: 1, b: 3 } }, metadata: {} }],
    ]);
    expect(compareNotebooks(notebookWith(base), data).map((d) => d.cell)).toEqual(['cell 2 (c1)']);
    const fewer = notebookWith([[], base[1]]);
    expect(compareNotebooks(notebookWith(base), fewer)[0].detail).toContain('committed has 1 outputs');
  });
});

describe('static site', () => {
  it('renders markdown tables and links sibling notebooks to their pages', () => {
    const html = renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |\n\nsee [the tour](00-tour.ipynb)');
    expect(html).toContain('<table>');
    expect(html).toContain('href="00-tour.html"');
  });

  it('writes one page per notebook with widgets embedded and text escaped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-site-'));
    try {
      const nb: Notebook = {
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: [
          { cell_type: 'markdown', metadata: {}, source: '# Tomato <b>cluster</b>' },
          {
            cell_type: 'code',
            metadata: {},
            source: 'show(x) // <script>',
            execution_count: 1,
            outputs: [
              { output_type: 'stream', name: 'stdout', text: '<img src=x onerror=alert(1)>' },
              {
                output_type: 'display_data',
                metadata: {},
                data: { 'application/vnd.clusterlab.timeseries+json': { version: 1, panels: [] }, 'text/html': '<svg></svg>', 'text/plain': 'ts' },
              },
              {
                output_type: 'display_data',
                metadata: {},
                data: { 'application/vnd.clusterlab.group+json': { version: 1, items: [] }, 'text/html': '<svg></svg>', 'text/plain': 'run' },
              },
            ],
          },
        ],
      };
      writeSite(dir, [{ name: '03-tomato', notebook: nb }], { scorecard: 'tomato-processors-1995  9  8.5  <pass>' });
      const page = readFileSync(join(dir, '03-tomato.html'), 'utf8');
      expect(page).toContain('data-mime="application/vnd.clusterlab.timeseries+json"');
      // show(run) gives a group of widgets; the site draws it live too.
      expect(page).toContain('data-mime="application/vnd.clusterlab.group+json"');
      expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(page).toContain('show(x) // &lt;script&gt;');
      expect(page).toContain('clusterlab.renderAll()');
      expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('href="03-tomato.html"');
      expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('href="scorecard.html"');
      expect(readFileSync(join(dir, 'scorecard.html'), 'utf8')).toContain('tomato-processors-1995  9  8.5  &lt;pass&gt;');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('scorecard text', () => {
  it('lists each fact with the model value, band, tolerance and result, and counts passes', async () => {
    const { scorecardText } = await import('../../dist/reproduce/scorecard');
    const row = (id: string, value: number, model: number, pass: boolean, use: string): ScorecardRow => ({
      id,
      year: 1995,
      value,
      model,
      p05: model - 1,
      p95: model + 1,
      tolerance: '±30%',
      use,
      pass,
      section: '3.1',
    });
    const text = scorecardText({ tomato: [row('a', 9, 8.5, true, 'calibration'), row('b', 1982, NaN, false, 'held out by time')] }, 100);
    expect(text).toMatch(/a\s+1995\s+9\s+8\.5\s+\[7\.5, 9\.5\]\s+±30%\s+calibration\s+pass/);
    expect(text).toMatch(/b\s+1995\s+1982\s+never\s+-\s+±30%\s+held out by time\s+FAIL/);
    expect(text).toContain('1/2 within tolerance (held out: 0/1)');
    expect(text).toContain('Overall: 1 of 2 facts within tolerance.');
  });
});
