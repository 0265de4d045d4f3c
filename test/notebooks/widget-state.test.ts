/**
 * Jupyter widgets in saved notebooks: the runner keeps the widgets' final state in
 * metadata.widgets (as nbclient's store_widget_state does), the static site shows that state as
 * readable controls and values (not an empty box), the classic notebook gets the kernel's
 * text/html fallback, and the comparison of re-executed outputs ignores the random model ids.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeNotebook } from '../../dist/reproduce/runner';
import { startClusterlabKernel } from '../../dist/reproduce/kernel-session';
import { writeSite } from '../../dist/reproduce/site';
import { compareNotebooks } from '../../dist/reproduce/compare';
import { keepWidgetIds, savedWidgetState, WIDGET_STATE_MIME } from '../../dist/reproduce/widget-state';
import type { Notebook } from '../../dist/reproduce/notebook';

function notebookOf(sources: string[]): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'clusterlab', display_name: 'TypeScript (clusterlab)', language: 'typescript' } },
    cells: sources.map((source, i) => ({ cell_type: 'code', id: `c${i}`, metadata: {}, source, execution_count: null, outputs: [] })),
  };
}

describe('widget state in executed notebooks', () => {
  const cells = [
    "const gain = new FloatSlider({ description: 'knowledge gain', value: 0.25, max: 0.5, tooltip: 'Perez-Aleman 2005, 3.2' });\n" +
      "const association = new Checkbox({ description: 'association', value: true });\n" +
      "const shown = new HTML('<b>the figure</b>');\n" +
      'new VBox([new HBox([association, gain]), shown])',
    "association.value = false; gain.value = 0.4; shown.value = '<i>redrawn</i>';",
  ];

  it('saves the final state and renders it in the site; classic gets text/html; model ids are not compared', async () => {
    const home = mkdtempSync(join(tmpdir(), 'clusterlab-widget-state-'));
    try {
      const executed = await executeNotebook(notebookOf(cells), { name: 'widgets', cwd: home, startKernel: startClusterlabKernel });
      const doc = savedWidgetState(executed)!;
      expect(doc).not.toBeNull();
      expect((executed.metadata as any).widgets[WIDGET_STATE_MIME].version_major).toBe(2);
      const models = Object.values(doc.state);
      expect(models.find((m) => m.model_name === 'CheckboxModel')!.state.value).toBe(false);
      expect(models.find((m) => m.model_name === 'FloatSliderModel')!.state.value).toBe(0.4);

      // The classic notebook (no widget manager) shows the text/html the kernel sent beside the view.
      const out = (executed.cells[0] as any).outputs[0];
      expect(Object.keys(out.data)).toEqual(expect.arrayContaining(['application/vnd.jupyter.widget-view+json', 'text/html', 'text/plain']));
      expect(String(out.data['text/html'])).toContain('knowledge gain: 0.25');

      // The site shows the saved (final) state: values after the second cell.
      writeSite(join(home, 'site'), [{ name: 'widgets', notebook: executed }]);
      const html = readFileSync(join(home, 'site', 'widgets.html'), 'utf8');
      expect(html).toContain('knowledge gain: 0.4');
      expect(html).toContain('☐ association');
      expect(html).toContain('<i>redrawn</i>');
      expect(html).toContain('title="Perez-Aleman 2005, 3.2"');

      // A second execution has other model ids and the same outputs.
      const again = await executeNotebook(notebookOf(cells), { name: 'widgets', cwd: home, startKernel: startClusterlabKernel });
      expect(Object.keys(savedWidgetState(again)!.state)).not.toEqual(Object.keys(doc.state));
      expect(compareNotebooks(executed, again)).toEqual([]);
      // `reproduce --update` keeps the committed ids when the models are the same, so the file
      // does not change; with other models it keeps the new ones.
      const other = await executeNotebook(notebookOf([cells[0], "new Checkbox({ description: 'one more' })"]), {
        name: 'widgets',
        cwd: home,
        startKernel: startClusterlabKernel,
      });
      const otherIds = Object.keys(savedWidgetState(other)!.state);
      expect(keepWidgetIds(other, executed)).toBe(false);
      expect(Object.keys(savedWidgetState(other)!.state)).toEqual(otherIds);
      expect(keepWidgetIds(again, executed)).toBe(true);
      expect(JSON.stringify(again.metadata.widgets)).toBe(JSON.stringify(executed.metadata.widgets));
      expect(JSON.stringify(again.cells)).toBe(JSON.stringify(executed.cells));
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 240_000);

  it('shows a saved NetworkView and TimeSeriesView in the site as live outputs over their SVG', async () => {
    const home = mkdtempSync(join(tmpdir(), 'clusterlab-widget-views-'));
    try {
      const viewCells = [
        "const nv = new NetworkView(simulate('salmon', { seed: 2 }));\nconst tv = new TimeSeriesView();\nnew VBox([new Label({ value: 'views' }), nv, tv])",
        "tv.update(ensemble('salmon', { seeds: 2 }), { title: 'two salmon runs' }); nv.update(simulate('salmon', { seed: 5 }), { title: 'salmon seed five' });",
      ];
      const executed = await executeNotebook(notebookOf(viewCells), { name: 'views', cwd: home, startKernel: startClusterlabKernel });
      const models = Object.values(savedWidgetState(executed)!.state);
      expect(models.filter((m) => m.model_name === 'AnyModel').map((m) => m.state._anywidget_id)).toEqual([
        'clusterlab.NetworkView',
        'clusterlab.TimeSeriesView',
      ]);
      // The classic notebook: the kernel's text/html, with the network's SVG as first drawn.
      expect(String((executed.cells[0] as any).outputs[0].data['text/html'])).toContain('<svg');
      writeSite(join(home, 'site'), [{ name: 'views', notebook: executed }]);
      const html = readFileSync(join(home, 'site', 'views.html'), 'utf8');
      expect(html).toContain('data-mime="application/vnd.clusterlab.network+json"');
      expect(html).toContain('data-mime="application/vnd.clusterlab.timeseries+json"');
      expect(html).toContain('salmon seed five');
      expect(html).toContain('two salmon runs');
      expect(html).toMatch(/<svg[^>]*aria-label="two salmon runs"/);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 240_000);
});
