/**
 * The Jupyter widgets protocol 2.1 as a frontend sees it, message by message, against a real
 * kernel process: comm_open with state, buffer_paths and version; update both ways; echo_update;
 * request_state; custom messages; binary buffers both ways; the control comm's update_states (what
 * a reloaded page asks); display bundles; handler errors shown, not fatal; Output capture;
 * interact; and the explorer re-running on a frontend change.
 */
import { describe, expect, it } from 'vitest';
import { kernelForBlock } from '../support/kernel';
import { sleep, waitFor } from '../support/wait';
import type { Message } from '../../dist/kernel/wire';

const block = kernelForBlock('clusterlab-widgets-');

function since(start: number): Message[] {
  return block.kernel.iopubLog.slice(start);
}

function commOpens(messages: Message[]): Message[] {
  return messages.filter((m) => m.header.msg_type === 'comm_open' && m.content.target_name === 'jupyter.widget');
}

function commMsgs(messages: Message[], commId: string, method?: string): Message[] {
  return messages.filter((m) => m.header.msg_type === 'comm_msg' && m.content.comm_id === commId && (!method || m.content.data.method === method));
}

async function run(code: string) {
  const result = await block.kernel.execute(code);
  if (result.status !== 'ok') throw new Error(`cell failed: ${result.error?.ename}: ${result.error?.evalue}\n${code}`);
  return result;
}

async function value(code: string): Promise<string> {
  const result = await run(code);
  return String(result.result?.['text/plain']);
}

/** A comm_msg from "the frontend" to a widget; resolves with the iopub it caused. */
function fromFrontend(commId: string, data: object, buffers?: Buffer[]): Promise<Message[]> {
  return block.kernel.notify('comm_msg', { comm_id: commId, data }, 30_000, buffers);
}

describe('widget models over comms (protocol 2.1)', () => {
  let sliderId = '';

  it('opens a comm per model with state, buffer_paths and version 2.1.0, and displays the view with a readable fallback', async () => {
    const start = block.kernel.iopubLog.length;
    const result = await run("const s = new IntSlider({ value: 3, min: 0, max: 10, description: 'firms' }); s");
    const opens = commOpens(since(start));
    const slider = opens.find((m) => m.content.data.state._model_name === 'IntSliderModel')!;
    expect(slider).toBeDefined();
    sliderId = slider.content.comm_id;
    expect(slider.metadata).toEqual({ version: '2.1.0' });
    expect(slider.content.data.buffer_paths).toEqual([]);
    const state = slider.content.data.state;
    expect(state).toMatchObject({
      _model_module: '@jupyter-widgets/controls',
      _model_module_version: '2.0.0',
      _view_name: 'IntSliderView',
      _view_module: '@jupyter-widgets/controls',
      value: 3,
      min: 0,
      max: 10,
      step: 1,
      description: 'firms',
      readout_format: 'd',
    });
    // Layout and style are models of their own, referenced as IPY_MODEL_<id>, opened first.
    const layout = opens.find((m) => `IPY_MODEL_${m.content.comm_id}` === state.layout)!;
    expect(layout.content.data.state).toMatchObject({ _model_name: 'LayoutModel', _model_module: '@jupyter-widgets/base', _model_module_version: '2.0.0' });
    const style = opens.find((m) => `IPY_MODEL_${m.content.comm_id}` === state.style)!;
    expect(style.content.data.state._model_name).toBe('SliderStyleModel');
    expect(opens.indexOf(layout)).toBeLessThan(opens.indexOf(slider));

    expect(result.result?.['application/vnd.jupyter.widget-view+json']).toEqual({ model_id: sliderId, version_major: 2, version_minor: 1 });
    expect(result.result?.['text/plain']).toBe('firms: 3');
    expect(String(result.result?.['text/html'])).toContain('firms: 3');

    const info = await block.kernel.request('comm_info_request', { target_name: 'jupyter.widget' });
    expect(info.content.comms[sliderId]).toEqual({ target_name: 'jupyter.widget' });
  });

  it('sends an update when the kernel sets a trait, clamped into range as ipywidgets does', async () => {
    const start = block.kernel.iopubLog.length;
    await run('s.value = 7; s.value = 99');
    const updates = commMsgs(since(start), sliderId, 'update').map((m) => m.content.data.state);
    expect(updates).toEqual([{ value: 7 }, { value: 10 }]);
    expect(await value('s.value')).toBe('10');
  });

  it('applies a frontend update, echoes it to all frontends (echo_update, parent = the update) and calls observers', async () => {
    await run('const seen: number[] = []; s.observe("value", (c) => seen.push(c.new as number));');
    const iopub = await fromFrontend(sliderId, { method: 'update', state: { value: 4 }, buffer_paths: [] });
    const echo = commMsgs(iopub, sliderId, 'echo_update');
    expect(echo.map((m) => m.content.data.state)).toEqual([{ value: 4 }]);
    // The frontend's own value is not sent back as an update.
    expect(commMsgs(iopub, sliderId, 'update')).toEqual([]);
    expect(await value('seen')).toBe('[ 4 ]');
    expect(await value('s.value')).toBe('4');
  });

  it('answers an invalid frontend value with the kernel value and an error, and keeps going', async () => {
    const iopub = await fromFrontend(sliderId, { method: 'update', state: { value: 'many' }, buffer_paths: [] });
    expect(commMsgs(iopub, sliderId, 'update').map((m) => m.content.data.state)).toEqual([{ value: 4 }]);
    // The slider was displayed by a cell, so the error goes to that cell's error area (widget-errors.test.ts).
    const area = (await value('(s.cellErrorArea as any).model_id')).replace(/'/g, '');
    const [error] = commMsgs(iopub, area, 'update').map((m) => m.content.data.state.outputs.pop());
    expect(error.evalue).toMatch(/IntSlider\.value must be an integer, got "many"/);
    expect(await value('s.value')).toBe('4');
  });

  it('answers request_state with the whole state', async () => {
    const iopub = await fromFrontend(sliderId, { method: 'request_state' });
    const [update] = commMsgs(iopub, sliderId, 'update');
    expect(Object.keys(update.content.data.state)).toEqual(
      expect.arrayContaining(['_model_name', '_view_name', 'layout', 'style', 'value', 'min', 'max', 'step', 'description', 'continuous_update', 'readout']),
    );
    expect(update.content.data.state.value).toBe(4);
  });

  it('carries custom messages both ways: button clicks to onClick, send() with buffers to the frontend', async () => {
    const start = block.kernel.iopubLog.length;
    await run("const b = new Button({ description: 'go' }); let clicks = 0; b.onClick(() => clicks++); b.send({ hello: 1 }, [new Uint8Array([7, 8, 9])]);");
    const button = commOpens(since(start)).find((m) => m.content.data.state._model_name === 'ButtonModel')!;
    const [custom] = commMsgs(since(start), button.content.comm_id, 'custom');
    expect(custom.content.data.content).toEqual({ hello: 1 });
    expect([...custom.buffers[0]]).toEqual([7, 8, 9]);
    await fromFrontend(button.content.comm_id, { method: 'custom', content: { event: 'click' } });
    await fromFrontend(button.content.comm_id, { method: 'custom', content: { event: 'click' } });
    expect(await value('clicks')).toBe('2');
  });

  it('moves binary buffers at their buffer_paths both ways', async () => {
    const start = block.kernel.iopubLog.length;
    await run(
      `const raw = new Widget({ _model_name: 'DataModel', _model_module: 'x', _model_module_version: '1', data: { bytes: new Uint8Array([1, 2, 3]), list: [new Float32Array([1.5]), 'a'] } });`,
    );
    const open = commOpens(since(start)).find((m) => m.content.data.state._model_name === 'DataModel')!;
    expect(open.content.data.buffer_paths).toEqual([
      ['data', 'bytes'],
      ['data', 'list', 0],
    ]);
    expect(open.content.data.state.data).toEqual({ list: [null, 'a'] });
    expect([...open.buffers[0]]).toEqual([1, 2, 3]);
    expect(open.buffers[1].readFloatLE(0)).toBe(1.5);

    const iopub = await fromFrontend(open.content.comm_id, { method: 'update', state: { blob: {} }, buffer_paths: [['blob', 'payload']] }, [
      Buffer.from([5, 6]),
    ]);
    const [echo] = commMsgs(iopub, open.content.comm_id, 'echo_update');
    expect(echo.content.data.buffer_paths).toEqual([['blob', 'payload']]);
    expect([...echo.buffers[0]]).toEqual([5, 6]);
    expect(await value('Array.from(raw.get<any>("blob").payload)')).toBe('[ 5, 6 ]');
  });

  it('gives a reloaded page every model through jupyter.widget.control (request_states -> update_states)', async () => {
    const controlId = 'control-comm-1';
    await block.kernel.notify('comm_open', { comm_id: controlId, target_name: 'jupyter.widget.control', data: {} });
    const iopub = await fromFrontend(controlId, { method: 'request_states' });
    const [reply] = commMsgs(iopub, controlId, 'update_states');
    const { states, buffer_paths } = reply.content.data;
    // Each model with its names beside its state, as jupyterlab-manager's _loadFromKernelModels reads them.
    expect(states[sliderId]).toMatchObject({ model_name: 'IntSliderModel', model_module: '@jupyter-widgets/controls', model_module_version: '2.0.0' });
    expect(states[sliderId].state).toMatchObject({ _model_name: 'IntSliderModel', value: 4 });
    const layoutId = String(states[sliderId].state.layout).replace('IPY_MODEL_', '');
    expect(states[layoutId].model_name).toBe('LayoutModel');
    // Buffers of every model, with the model id and 'state' in front of the path.
    const rawId = Object.keys(states).find((id) => states[id].model_name === 'DataModel')!;
    const k = buffer_paths.findIndex((p: unknown[]) => p.join('/') === `${rawId}/state/data/bytes`);
    expect(k).toBeGreaterThanOrEqual(0);
    expect([...reply.buffers[k]]).toEqual([1, 2, 3]);
  });

  it('shows a failing observer as an error in the notebook and keeps the kernel alive', async () => {
    await run('const t = new Text({ value: "a" }); t.observe("value", () => { throw new RangeError("handler broke"); });');
    const id = await value('t.model_id');
    const iopub = await fromFrontend(id.replace(/'/g, ''), { method: 'update', state: { value: 'b' }, buffer_paths: [] });
    const error = iopub.find((m) => m.header.msg_type === 'error')!;
    expect(error.content.ename).toBe('RangeError');
    expect(error.content.evalue).toBe('handler broke');
    expect(await value('1 + 1')).toBe('2');
  });

  it('stops a runaway handler on an interrupt, shows why, and keeps the kernel', async () => {
    await run('const busy = new IntSlider(); busy.observe("value", () => { for (;;) {} });');
    const id = (await value('busy.model_id')).replace(/'/g, '');
    const handled = fromFrontend(id, { method: 'update', state: { value: 1 }, buffer_paths: [] });
    await sleep(300);
    expect((await block.kernel.interrupt()).content.status).toBe('ok');
    const error = (await handled).find((m) => m.header.msg_type === 'error')!;
    expect(error.content.evalue).toBe('a loop in a cell was stopped by an interrupt');
    expect(await value('busy.value')).toBe('1');
  });

  it('routes a handler error into the Output widget that captures it', async () => {
    const start = block.kernel.iopubLog.length;
    await run(
      'const out = new Output(); const b2 = new Button(); b2.onClick(() => out.capture(() => { console.log("clicked"); display.html("<b>shown</b>"); throw new Error("in the click"); }));',
    );
    const outId = commOpens(since(start)).find((m) => m.content.data.state._model_name === 'OutputModel')!.content.comm_id;
    const buttonId = commOpens(since(start)).find((m) => m.content.data.state._model_name === 'ButtonModel')!.content.comm_id;
    const iopub = await fromFrontend(buttonId, { method: 'custom', content: { event: 'click' } });
    // Nothing escapes to iopub as plain output: it is in the Output model's state.
    expect(iopub.filter((m) => ['stream', 'display_data', 'error'].includes(m.header.msg_type))).toEqual([]);
    const outputs = commMsgs(iopub, outId, 'update')
      .map((m) => m.content.data.state.outputs)
      .pop();
    expect(outputs).toEqual([
      { output_type: 'stream', name: 'stdout', text: 'clicked\n' },
      { output_type: 'display_data', data: { 'text/html': '<b>shown</b>', 'text/plain': '<HTML>' }, metadata: {} },
      expect.objectContaining({ output_type: 'error', ename: 'Error', evalue: 'in the click' }),
    ]);
  });

  it('builds interact controls and re-runs the function into its output on a frontend change', async () => {
    const start = block.kernel.iopubLog.length;
    await run('const ui = interact(({ a, label }) => `${label}: ${a * 2}`, { a: [0, 10], label: "twice" }); ui');
    const slider = commOpens(since(start)).find((m) => m.content.data.state._model_name === 'IntSliderModel')!;
    expect(slider.content.data.state).toMatchObject({ description: 'a', min: 0, max: 10, value: 5 });
    const shown = () => value('ui.output.outputs.map((o: any) => o.data["text/plain"]).join(" | ")');
    expect(await shown()).toBe(`"'twice: 10'"`);
    await fromFrontend(slider.content.comm_id, { method: 'update', state: { value: 3 }, buffer_paths: [] });
    expect(await shown()).toBe(`"'twice: 6'"`);
  });

  it('links traits kernel side and front side', async () => {
    const start = block.kernel.iopubLog.length;
    await run(
      'const l1 = new FloatSlider({ value: 1 }); const l2 = new FloatSlider({ value: 2 }); link([l1, "value"], [l2, "value"]); l1.value = 3.5; const j = jslink([l1, "value"], [l2, "max"]);',
    );
    expect(await value('l2.value')).toBe('3.5');
    const jsl = commOpens(since(start)).find((m) => m.content.data.state._model_name === 'LinkModel')!;
    expect(jsl.content.data.state.source[1]).toBe('value');
    expect(jsl.content.data.state.source[0]).toMatch(/^IPY_MODEL_/);
  });

  it('opens ES-module widgets as anywidget models (_esm, _css, traits) and refuses one without a module', async () => {
    const start = block.kernel.iopubLog.length;
    await run(
      "const any = new AnyWidget({ esm: 'export default { render({ el }) { el.textContent = 1; } }', css: '.x { color: red }', traits: { count: 1 } });",
    );
    const open = commOpens(since(start)).find((m) => m.content.data.state._model_name === 'AnyModel')!;
    expect(open.content.data.state).toMatchObject({
      _model_module: 'anywidget',
      _view_name: 'AnyView',
      _view_module: 'anywidget',
      _css: '.x { color: red }',
      count: 1,
    });
    expect(open.content.data.state._esm).toContain('render');
    const result = await block.kernel.execute("new AnyWidget({ esm: '' })");
    expect(result.error?.evalue).toMatch(/AnyWidget: esm must be the source of an ES module/);
  });

  it('explore(): a frontend change of a mechanism re-runs the ensemble and replaces the figure in place', async () => {
    const start = block.kernel.iopubLog.length;
    await run("const ex = explore('salmon', { seeds: 4 }); await ex.settled(); ex");
    const opens = commOpens(since(start));
    const association = opens.find((m) => m.content.data.state.description === 'association')!;
    expect(association.content.data.state).toMatchObject({ _model_name: 'CheckboxModel', value: true });
    expect(association.content.data.state.tooltip).toMatch(/Perez-Aleman 2005, 3\.1/);
    const knowledge = opens.find((m) => m.content.data.state.description === 'knowhowGain')!;
    expect(knowledge.content.data.state).toMatchObject({ _model_name: 'FloatSliderModel', min: 0, max: 0.5 });
    const figureId = (await value('ex.figure.model_id')).replace(/'/g, '');
    expect(Number(await value('ex.figure.payload.panels.length'))).toBeGreaterThan(0);

    const changed = block.kernel.iopubLog.length;
    await fromFrontend(association.content.comm_id, { method: 'update', state: { value: false }, buffer_paths: [] });
    const figureUpdate = await waitFor(() => commMsgs(since(changed), figureId, 'update').find((m) => 'payload' in m.content.data.state), 'the figure update');
    const seriesNames = JSON.stringify(figureUpdate.content.data.state.payload.panels[0].series.map((s: { name: string }) => s.name));
    expect(seriesNames).toBe(JSON.stringify(['default salmon', 'explored']));
    await run('await ex.settled()');
    expect(await value('ex.code.value')).toContain("ensemble('salmon', { seeds: 4, set: { 'mechanisms.association': false } })");
    // Opening the network tab draws the first run's network.
    const tab = opens.find((m) => m.content.data.state._model_name === 'TabModel')!;
    await fromFrontend(tab.content.comm_id, { method: 'update', state: { selected_index: 1 }, buffer_paths: [] });
    expect(Number(await value('ex.network.payload.nodes.length'))).toBeGreaterThan(3);
    await run('await ex.dispose()');
  }, 120_000);
});
