/**
 * Handler errors in the notebook, as a frontend sees them, against a real kernel process: a cell
 * that displays a widget also displays an (empty) Output widget in the same cell, and an error
 * raised later by that widget's handlers (a click, an observer, a rejected promise, a child added
 * to a box afterwards) is appended to that Output's `outputs` state, which every widget manager
 * renders; nothing goes to iopub as a bare `error` that JupyterLab would drop.
 */
import { describe, expect, it } from 'vitest';
import { kernelForBlock } from '../support/kernel';
import { waitFor } from '../support/wait';
import type { Message } from '../../dist/kernel/wire';

const block = kernelForBlock('clusterlab-widget-errors-');
const VIEW = 'application/vnd.jupyter.widget-view+json';

async function run(code: string) {
  const result = await block.kernel.execute(code);
  if (result.status !== 'ok') throw new Error(`cell failed: ${result.error?.ename}: ${result.error?.evalue}\n${code}`);
  return result;
}

async function value(code: string): Promise<string> {
  return String((await run(code)).result?.['text/plain']);
}

const idOf = async (name: string) => (await value(`${name}.model_id`)).replace(/'/g, '');

function fromFrontend(commId: string, data: object): Promise<Message[]> {
  return block.kernel.notify('comm_msg', { comm_id: commId, data }, 30_000);
}

/** The model ids of the widgets a cell displayed, in order (display_data and execute_result). */
function shownWidgets(outputs: Message[]): string[] {
  return outputs
    .filter((m) => ['display_data', 'execute_result'].includes(m.header.msg_type) && m.content.data[VIEW])
    .map((m) => m.content.data[VIEW].model_id);
}

function outputModels(messages: Message[]): Set<string> {
  return new Set(
    messages.filter((m) => m.header.msg_type === 'comm_open' && m.content.data.state?._model_name === 'OutputModel').map((m) => m.content.comm_id),
  );
}

/** The latest `outputs` a message list sends for the Output model `id`. */
function outputsOf(messages: Message[], id: string): any[] | undefined {
  return messages
    .filter((m) => m.header.msg_type === 'comm_msg' && m.content.comm_id === id && m.content.data.state && 'outputs' in m.content.data.state)
    .map((m) => m.content.data.state.outputs)
    .pop();
}

describe('handler errors in the cell that displayed the widget', () => {
  let buttonArea = '';

  it('a cell showing a Button also shows an empty error Output; a failing click lands in it, not on iopub', async () => {
    const cell = await run("const b = new Button({ description: 'fail' }); b.onClick(() => { throw new RangeError('boom in click'); }); b");
    const buttonId = await idOf('b');
    const shown = shownWidgets(cell.outputs);
    // The error area comes after the widget, in the same cell (same parent request), and is empty.
    expect(shown[0]).toBe(buttonId);
    expect(shown).toHaveLength(2);
    buttonArea = shown[1];
    expect(outputModels(block.kernel.iopubLog).has(buttonArea)).toBe(true);
    const areaDisplay = cell.outputs.find((m) => m.content.data?.[VIEW]?.model_id === buttonArea)!;
    expect(areaDisplay.header.msg_type).toBe('display_data');
    expect(areaDisplay.parent_header.msg_id).toBe(cell.reply.parent_header.msg_id);
    expect(areaDisplay.content.data['text/plain']).toBe('');

    const iopub = await fromFrontend(buttonId, { method: 'custom', content: { event: 'click' } });
    expect(iopub.filter((m) => m.header.msg_type === 'error')).toEqual([]);
    const outputs = outputsOf(iopub, buttonArea)!;
    expect(outputs).toHaveLength(1);
    expect(outputs[0]).toMatchObject({ output_type: 'error', ename: 'RangeError', evalue: 'boom in click' });
    // The traceback is the kernel's (the error line, then the frames of the cell's code).
    expect(outputs[0].traceback[0]).toBe('RangeError: boom in click');
    expect(outputs[0].traceback.join('\n')).toMatch(/cell|<anonymous>/);
    expect(await value('1 + 1')).toBe('2');
  });

  it('shows one area per cell, shared by the widgets the cell displays', async () => {
    const cell = await run('const c1 = new Checkbox(); const c2 = new Text(); display(c1); display(c2);');
    const shown = shownWidgets(cell.outputs);
    expect(shown.filter((id) => outputModels(block.kernel.iopubLog).has(id))).toHaveLength(1);
    expect(shown).toHaveLength(3);
  });

  it('reports a rejected promise of an async observer', async () => {
    await run('b.observe("description", async () => { await new Promise((r) => setTimeout(r, 10)); throw new Error("async failure"); });');
    const start = block.kernel.iopubLog.length;
    await fromFrontend(await idOf('b'), { method: 'update', state: { description: 'again' }, buffer_paths: [] });
    const outputs = await waitFor(() => outputsOf(block.kernel.iopubLog.slice(start), buttonArea), 'the area update');
    expect(outputs.map((o) => o.evalue)).toEqual(['boom in click', 'async failure']);
  });

  it('sends errors of a widget created in one cell and shown in two to the latest cell only', async () => {
    await run('const moved = new IntSlider(); moved.observe("value", () => { throw new Error("moved failed"); });');
    const first = shownWidgets((await run('moved')).outputs)[1];
    const second = shownWidgets((await run('moved')).outputs)[1];
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    const iopub = await fromFrontend(await idOf('moved'), { method: 'update', state: { value: 3 }, buffer_paths: [] });
    expect(outputsOf(iopub, second)?.map((o) => o.evalue)).toEqual(['moved failed']);
    expect(outputsOf(iopub, first)).toBeUndefined();
  });

  it("sends errors of a box's children, added after the box was shown, to the box's cell", async () => {
    const area = shownWidgets((await run('const box = new VBox([]); box')).outputs)[1];
    await run('const late = new FloatSlider(); late.observe("value", () => { throw new TypeError("child failed"); }); box.children = [late];');
    const iopub = await fromFrontend(await idOf('late'), { method: 'update', state: { value: 2.5 }, buffer_paths: [] });
    expect(outputsOf(iopub, area)?.map((o) => o.evalue)).toEqual(['child failed']);
    expect(iopub.filter((m) => m.header.msg_type === 'error')).toEqual([]);
  });

  it('keeps the last 20 errors and says how many it dropped', async () => {
    const start = block.kernel.iopubLog.length;
    await run('let n = 0; const many = new Button(); many.onClick(() => { throw new Error(`failure ${n++}`); }); many');
    const manyId = await idOf('many');
    for (let i = 0; i < 25; i++) await fromFrontend(manyId, { method: 'custom', content: { event: 'click' } });
    const area = shownWidgets(block.kernel.iopubLog.slice(start))[1];
    const outputs = outputsOf(block.kernel.iopubLog.slice(start), area)!;
    expect(outputs).toHaveLength(21);
    expect(outputs[0]).toEqual({ output_type: 'stream', name: 'stderr', text: '(5 earlier handler errors not kept)\n' });
    expect(outputs[1].evalue).toBe('failure 5');
    expect(outputs[20].evalue).toBe('failure 24');
  });

  it('leaves interact alone: its own Output shows the errors and the cell gets no extra area', async () => {
    const cell = await run('const ui = interact(({ a }) => { if (a > 5) throw new Error("a is too big"); return a; }, { a: [0, 10] }); ui');
    expect(shownWidgets(cell.outputs)).toEqual([await idOf('ui')]);
    const slider = await idOf('ui.controls.a');
    await fromFrontend(slider, { method: 'update', state: { value: 8 }, buffer_paths: [] });
    expect(await value('ui.output.outputs.map((o: any) => o.evalue).join()')).toBe("'a is too big'");
  });
});
