/**
 * The network and time-series views as widgets (kernel/widgets-views.ts), as a frontend sees them
 * from a real kernel process: anywidget models carrying the built ES modules, the same payload as
 * `show(x)`, updates in place of the payload trait only, bad payloads refused with the field named,
 * readable fallbacks, and the explorer drawing through them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kernelForBlock } from '../support/kernel';
import { waitFor } from '../support/wait';
import type { Message } from '../../dist/kernel/wire';
import '../../dist/src/models';
import { ensemble, simulate } from '../../dist/src/simulation/simulate';
import { show } from '../../dist/src/views/show';
import type { ViewGroup } from '../../dist/src/views/bundle';

/** What show(x) draws, computed here (same seeds, same payload): the items of a group or the view's payload. */
const shownPayload = (x: unknown, options = {}, item = 0): any => {
  const view = show(x, options) as ViewGroup;
  return JSON.parse(JSON.stringify(view.views ? view.views[item].payload : (view as any).payload));
};

const block = kernelForBlock('clusterlab-widget-views-');
const ESM_DIR = join(__dirname, '..', '..', 'dist', 'esm');

function since(start: number): Message[] {
  return block.kernel.iopubLog.slice(start);
}

function commOpens(messages: Message[]): Message[] {
  return messages.filter((m) => m.header.msg_type === 'comm_open' && m.content.target_name === 'jupyter.widget');
}

function updates(messages: Message[], commId: string): Message[] {
  return messages.filter((m) => m.header.msg_type === 'comm_msg' && m.content.comm_id === commId && m.content.data.method === 'update');
}

async function run(code: string) {
  const result = await block.kernel.execute(code);
  if (result.status !== 'ok') throw new Error(`cell failed: ${result.error?.ename}: ${result.error?.evalue}\n${code}`);
  return result;
}

/** A value of the kernel's, as JSON through stdout (no quoting of the text/plain repr to undo). */
async function json(code: string): Promise<any> {
  const result = await run(`console.log(JSON.stringify(${code}) ?? 'null')`);
  return JSON.parse(result.stdout);
}

describe('NetworkView and TimeSeriesView widgets', () => {
  let networkId = '';

  it('NetworkView(run) opens an anywidget model with the network ES module and the payload show(run) draws, in a layout', async () => {
    const start = block.kernel.iopubLog.length;
    const result = await run(
      "const run3 = simulate('salmon', { seed: 3 }); const nv = new NetworkView(run3); const box = new VBox([new IntSlider(), nv]); box",
    );
    const open = commOpens(since(start)).find((m) => m.content.data.state._anywidget_id === 'clusterlab.NetworkView')!;
    expect(open).toBeDefined();
    networkId = open.content.comm_id;
    const state = open.content.data.state;
    expect(state).toMatchObject({ _model_name: 'AnyModel', _model_module: 'anywidget', _view_name: 'AnyView' });
    expect(state._esm).toBe(readFileSync(join(ESM_DIR, 'network-view.js'), 'utf8'));
    expect(state._esm).toMatch(/render/);
    expect(state._css).toContain('.cl-network');
    const shown = shownPayload(simulate('salmon', { seed: 3 }));
    expect(state.payload).toEqual(shown);
    expect(state.payload.nodes.length).toBeGreaterThan(3);
    const boxOpen = commOpens(since(start)).find((m) => m.content.data.state._model_name === 'VBoxModel')!;
    expect(boxOpen.content.data.state.children).toContain(`IPY_MODEL_${networkId}`);
    // Readers without widgets: the network's SVG and its text summary.
    const bundle = result.result;
    expect(String(bundle?.['text/html'])).toContain('<svg');
    expect(String(bundle?.['text/plain'])).toMatch(/nodes/);
  });

  it('update(x) and payload = ... redraw in place: one update carrying only the payload, no new model', async () => {
    const start = block.kernel.iopubLog.length;
    await run("nv.update(simulate('salmon', { seed: 4 }), { title: 'seed 4' }); 0");
    const sent = updates(since(start), networkId);
    expect(commOpens(since(start))).toHaveLength(0);
    expect(sent).toHaveLength(1);
    expect(Object.keys(sent[0].content.data.state)).toEqual(['payload']);
    expect(sent[0].content.data.state.payload.title).toBe('seed 4');
    expect(sent[0].content.data.state.payload).toEqual(shownPayload(simulate('salmon', { seed: 4 }), { title: 'seed 4' }));
  });

  it('refuses a malformed payload with the field named and keeps the one shown', async () => {
    const result = await block.kernel.execute('nv.payload = { version: 1, years: [1990], nodes: [], edges: [] } as any');
    expect(result.status).toBe('error');
    expect(result.error?.evalue).toMatch(/NetworkView: payload\.years must be \[first, last\]/);
    expect(await json('nv.payload.title')).toBe('seed 4');
    const wrong = await block.kernel.execute('new TimeSeriesView({ nope: 1 })');
    expect(wrong.error?.evalue).toMatch(/TimeSeriesView: expected a run, an ensemble/);
  });

  it('TimeSeriesView(ensemble) carries the time-series payload of show(ensemble); an empty view says so', async () => {
    const start = block.kernel.iopubLog.length;
    const result = await run("const ens = ensemble('salmon', { seeds: 3 }); const tv = new TimeSeriesView(ens); tv");
    const open = commOpens(since(start)).find((m) => m.content.data.state._anywidget_id === 'clusterlab.TimeSeriesView')!;
    expect(open.content.data.state._esm).toBe(readFileSync(join(ESM_DIR, 'timeseries-view.js'), 'utf8'));
    expect(open.content.data.state.payload).toEqual(shownPayload(ensemble('salmon', { seeds: 3 })));
    const bundle = result.result!;
    expect(String(bundle['text/html'])).toContain('<svg');
    expect(String(bundle['text/html'])).toContain('Perez-Aleman 2005');
    const empty = await run('new TimeSeriesView()');
    expect(String(empty.result?.['text/plain'])).toBe('time-series view (nothing drawn yet)');
  });

  it('the explorer draws through them: a frontend change sends a new time-series payload, the network tab a network payload', async () => {
    const start = block.kernel.iopubLog.length;
    await run("const ex = explore('salmon', { seeds: 4 }); await ex.settled(); 0");
    const opens = commOpens(since(start));
    const figureId = await json('ex.figure.model_id');
    const figureOpen = opens.find((m) => m.content.comm_id === figureId)!;
    expect(figureOpen.content.data.state._anywidget_id).toBe('clusterlab.TimeSeriesView');
    const association = opens.find((m) => m.content.data.state.description === 'association')!;
    const changed = block.kernel.iopubLog.length;
    await block.kernel.notify(
      'comm_msg',
      { comm_id: association.content.comm_id, data: { method: 'update', state: { value: false }, buffer_paths: [] } },
      30_000,
    );
    const figureUpdate = await waitFor(() => updates(since(changed), figureId).find((m) => 'payload' in m.content.data.state), 'the figure update');
    const names = figureUpdate.content.data.state.payload.panels[0].series.map((s: { name: string }) => s.name);
    expect(names).toEqual(['default salmon', 'explored']);
    await run('await ex.settled()');
    const networkId = await json('ex.network.model_id');
    expect(await json('ex.network.payload')).toBeNull();
    const tab = opens.find((m) => m.content.data.state._model_name === 'TabModel')!;
    const opened = block.kernel.iopubLog.length;
    await block.kernel.notify('comm_msg', { comm_id: tab.content.comm_id, data: { method: 'update', state: { selected_index: 1 }, buffer_paths: [] } }, 30_000);
    const networkUpdate = await waitFor(() => updates(since(opened), networkId).find((m) => 'payload' in m.content.data.state), 'the network update');
    expect(networkUpdate.content.data.state.payload.nodes.length).toBeGreaterThan(3);
    expect(networkUpdate.content.data.state.payload.title).toMatch(/^salmon, seed /);
    await run('await ex.dispose()');
  }, 120_000);
});
