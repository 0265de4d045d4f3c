/**
 * The kernel over its real wire protocol, driven by our ZeroMQ client: one kernel process for
 * the whole file (starting TypeScript is the slow part), restarted once at the end.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KernelClient } from '../../dist/kernel/client';
import { childMessage, encode } from '../../dist/kernel/wire';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('clusterlab kernel protocol', () => {
  let kernel: KernelClient;
  const home = mkdtempSync(join(tmpdir(), 'clusterlab-protocol-'));
  const notebookDir = join(home, 'notebooks');

  beforeAll(async () => {
    mkdirSync(join(notebookDir, 'node_modules', 'esm-only'), { recursive: true });
    writeFileSync(join(notebookDir, 'helper.ts'), 'export function triple(x: number): number { return 3 * x; }\n');
    writeFileSync(
      join(notebookDir, 'node_modules', 'esm-only', 'package.json'),
      JSON.stringify({ name: 'esm-only', type: 'module', exports: { import: './index.js' } }),
    );
    writeFileSync(join(notebookDir, 'node_modules', 'esm-only', 'index.js'), 'await Promise.resolve();\nexport const answer = 42;\n');
    kernel = await KernelClient.start({
      cwd: notebookDir,
      env: { ...process.env, JUPYTER_DATA_DIR: join(home, 'data') },
    });
    // Wait for the compiler once, so that no test below measures the warm-up.
    await kernel.execute('0', { timeoutMs: 180_000 });
  }, 240_000);

  afterAll(async () => {
    await kernel?.shutdown();
    rmSync(home, { recursive: true, force: true });
  });

  it('answers kernel_info with status, versions, language and help links', async () => {
    const reply = await kernel.request('kernel_info_request');
    expect(reply.content.status).toBe('ok');
    expect(reply.content.protocol_version).toMatch(/^5\.[3-9]/);
    expect(reply.content.implementation).toBe('clusterlab');
    expect(reply.content.language_info).toMatchObject({ name: 'typescript', file_extension: '.ts' });
    expect(reply.content.language_info.version).toMatch(/^5\.\d+\.\d+$/);
    expect(reply.content.banner).toContain(process.versions.node);
    expect(reply.content.help_links.length).toBeGreaterThan(0);
  });

  it('publishes execute_input and the last value as execute_result; declarations carry over', async () => {
    const first = await kernel.execute('const firms: number = 41;\nfirms + 1');
    expect(first.status).toBe('ok');
    expect(first.result).toEqual({ 'text/plain': '42' });
    const input = kernel.iopubLog.find((m) => m.header.msg_type === 'execute_input' && m.parent_header.msg_id === first.reply.parent_header.msg_id);
    expect(input?.content.code).toBe('const firms: number = 41;\nfirms + 1');
    expect(input?.content.execution_count).toBe(first.executionCount);
    const second = await kernel.execute('firms * 2');
    expect(second.result).toEqual({ 'text/plain': '82' });
    expect(second.executionCount).toBe(first.executionCount! + 1);
  });

  it('reports type errors with ename, evalue and the cell line and column', async () => {
    const r = await kernel.execute('const ok = 1;\nconst bad: string = 5;');
    expect(r.status).toBe('error');
    expect(r.reply.content.ename).toBe('TypeScriptError');
    expect(r.reply.content.evalue).toMatch(/^cell:2:7 - Type 'number' is not assignable to type 'string'/);
    expect(r.error?.traceback.join('\n')).toContain('cell:2:7');
  });

  it('reports thrown errors with name, message and a traceback', async () => {
    const r = await kernel.execute('function explode(): never { throw new RangeError("too many firms"); }\nexplode()');
    expect(r.status).toBe('error');
    expect(r.error).toMatchObject({ ename: 'RangeError', evalue: 'too many firms' });
    expect(r.error!.traceback[0]).toBe('RangeError: too many firms');
    expect(r.error!.traceback.some((line) => line.includes('explode'))).toBe(true);
  });

  it('points traceback frames at the lines of the cells that wrote them', async () => {
    const defined = await kernel.execute('// a helper\nfunction fail(why: string): never {\n  throw new RangeError(why);\n}');
    const r = await kernel.execute('const x = 1;\n\nfail("too few firms");');
    expect(r.error!.traceback.slice(0, 3)).toEqual(['RangeError: too few firms', `    at fail (<cell [${defined.executionCount}]>:3:9)`, '    at <cell>:3:1']);
    expect(r.error!.traceback.join('\n')).not.toMatch(/clusterlab-cell-|evalmachine|tslab/);
    const later = await kernel.execute('await Promise.resolve();\nconst values = [1, 2];\nvalues.map((v) => {\n  if (v > 1) throw new TypeError("no");\n});');
    expect(later.error!.traceback[1]).toMatch(/^ {4}at <cell>:4:20$/);
  });

  it('aborts queued cells after an error when stop_on_error is set, and not otherwise', async () => {
    const failing = kernel.execute('throw new Error("first")');
    const queued = kernel.execute('"never runs"');
    expect((await failing).status).toBe('error');
    expect((await queued).status).toBe('aborted');
    const tolerant = kernel.execute('throw new Error("again")', { stopOnError: false });
    const next = kernel.execute('"runs"');
    expect((await tolerant).status).toBe('error');
    expect((await next).result).toEqual({ 'text/plain': "'runs'" });
  });

  it('honours silent and store_history, and evaluates user_expressions', async () => {
    const before = await kernel.execute('1');
    const silent = await kernel.execute('2', { silent: true });
    expect(silent.outputs).toEqual([]);
    expect(silent.executionCount).toBe(before.executionCount);
    const unstored = await kernel.execute('3', { storeHistory: false });
    expect(unstored.executionCount).toBe(before.executionCount);
    const withExpressions = await kernel.execute('const q = 6', { userExpressions: { doubled: 'q * 2', broken: 'nope(' } });
    expect(withExpressions.reply.content.user_expressions.doubled).toEqual({ status: 'ok', data: { 'text/plain': '12' }, metadata: {} });
    expect(withExpressions.reply.content.user_expressions.broken.status).toBe('error');
  });

  it('completes and inspects with types and doc comments', async () => {
    await kernel.execute('/** Doubles a count of firms. */\nfunction doubleFirms(n: number): number { return 2 * n; }');
    const complete = await kernel.request('complete_request', { code: 'doubleFi', cursor_pos: 8 });
    expect(complete.content).toMatchObject({ status: 'ok', cursor_start: 0, cursor_end: 8 });
    expect(complete.content.matches).toContain('doubleFirms');
    const inspect = await kernel.request('inspect_request', { code: 'doubleFirms(2)', cursor_pos: 3, detail_level: 0 });
    expect(inspect.content.found).toBe(true);
    expect(inspect.content.data['text/plain']).toContain('function doubleFirms(n: number): number');
    expect(inspect.content.data['text/plain']).toContain('Doubles a count of firms.');
    const isComplete = await kernel.request('is_complete_request', { code: 'for (const x of [1]) {' });
    expect(isComplete.content.status).toBe('incomplete');
  });

  it('pages `name?` and `name??` as IPython does, and says when a name is unknown', async () => {
    const brief = await kernel.execute('doubleFirms?');
    expect(brief.status).toBe('ok');
    expect(brief.result).toBeNull();
    expect(brief.reply.content.payload).toHaveLength(1);
    const page = brief.reply.content.payload[0];
    expect(page).toMatchObject({ source: 'page', start: 0 });
    expect(page.data['text/plain']).toContain('function doubleFirms(n: number): number');
    expect(page.data['text/plain']).toContain('Doubles a count of firms.');
    expect(page.data['text/plain']).not.toContain('Source');
    const full = await kernel.execute('?? doubleFirms');
    expect(full.reply.content.payload[0].data['text/plain']).toMatch(
      /Doubles a count of firms\.[\s\S]*Source \(as compiled to JavaScript\):\nfunction doubleFirms\(n\) \{ return 2 \* n; \}/,
    );
    const missing = await kernel.execute('noSuchName?');
    expect(missing.status).toBe('ok');
    expect(missing.reply.content.payload).toEqual([]);
    expect(missing.stdout).toBe('Object `noSuchName` not found.\n');
  });

  it('shows for `simulate?` and inspect the signature, the doc comment and each option with its type', async () => {
    const isComplete = await kernel.request('is_complete_request', { code: 'simulate?' });
    expect(isComplete.content.status).toBe('complete');
    const paged = (await kernel.execute('simulate?')).reply.content.payload[0].data['text/plain'];
    const inspected = (await kernel.request('inspect_request', { code: 'simulate("salmon")', cursor_pos: 4, detail_level: 0 })).content.data['text/plain'];
    for (const text of [paged, inspected]) {
      expect(text).toContain('simulate(target: ModelTarget, options?: SimulateOptions): Run');
      expect(text).toContain('One seeded run of a model or scenario');
      expect(text).toMatch(/\n\nOptions \(options: SimulateOptions\):\n {2}seed\?: [\w.]*Seed\n {2}set\?: Overrides - Parameter overrides by dotted path/);
    }
    const ensembleHelp = (await kernel.request('inspect_request', { code: 'ensemble', cursor_pos: 3, detail_level: 0 })).content.data['text/plain'];
    expect(ensembleHelp).toMatch(/ {2}seeds: number \| readonly number\[\] - Number of runs, or the seed of each run\./);
    expect(ensembleHelp).toMatch(/ {2}masterSeed\?: [\w.]*Seed - Seed the run seeds derive from/);
  });

  it('displays, updates by display_id and clears output', async () => {
    const r = await kernel.execute('const h = display("first", { displayId: "d1" });\nh.update("second");\ndisplay.clear(true);\ndisplay.html("<b>after</b>")');
    const types = r.outputs.map((m) => m.header.msg_type);
    expect(types).toEqual(['display_data', 'update_display_data', 'clear_output', 'display_data']);
    expect(r.outputs[0].content.transient).toEqual({ display_id: 'd1' });
    expect(r.outputs[1].content).toMatchObject({ data: { 'text/plain': "'second'" }, transient: { display_id: 'd1' } });
    expect(r.outputs[2].content).toEqual({ wait: true });
    expect(r.outputs[3].content.data['text/html']).toBe('<b>after</b>');
  });

  it('displays objects offering a MIME bundle and runs stock tslab notebooks unchanged', async () => {
    const bundle = await kernel.execute('({ [Symbol.for("jupyter.mimebundle")]: () => ({ "text/html": "<i>rich</i>", "text/plain": "rich" }) })');
    expect(bundle.result).toEqual({ 'text/html': '<i>rich</i>', 'text/plain': 'rich' });
    const tslab = await kernel.execute(
      'import * as tslab from "tslab";\ntslab.display.html("<u>t</u>");\nconst nd = tslab.newDisplay();\nnd.text("a");\nnd.text("b")',
    );
    expect(tslab.status).toBe('ok');
    expect(tslab.outputs.map((m) => m.header.msg_type)).toEqual(['display_data', 'display_data', 'update_display_data']);
    expect(tslab.outputs[0].content.data).toEqual({ 'text/html': '<u>t</u>' });
    expect(tslab.outputs[2].content.transient.display_id).toBe(tslab.outputs[1].content.transient.display_id);
  });

  it('preloads the clusterlab library', async () => {
    const r = await kernel.execute('[typeof simulate, typeof ensemble, Array.isArray(facts)]');
    expect(r.status).toBe('ok');
    expect(r.result).toEqual({ 'text/plain': "[ 'function', 'function', true ]" });
  });

  it('shows runs through the library views and danfojs frames as HTML tables with a text fallback', async () => {
    const run = await kernel.execute('show(simulate("salmon", { seed: 1 }))');
    expect(run.status).toBe('ok');
    const shown = run.outputs.filter((m) => m.header.msg_type === 'display_data');
    expect(shown).toHaveLength(1);
    expect(Object.keys(shown[0].content.data)).toEqual(expect.arrayContaining(['text/html', 'text/plain']));
    const plain = await kernel.execute('show(7)');
    expect(plain.outputs[0].content.data).toEqual({ 'text/plain': '7' });
    const frame = await kernel.execute('new dfd.DataFrame({ year: [1990, 2000], firms: [12, 40] })', { timeoutMs: 120_000 });
    expect(frame.status).toBe('ok');
    expect(frame.result!['text/html']).toMatch(/<table[\s\S]*<th>year<\/th>[\s\S]*<td>1990<\/td>/);
    expect(frame.result!['text/plain']).toMatch(/year\s+firms/);
  }, 120_000);

  it('imports from the notebook folder, and ES modules through importESM with a clear hint', async () => {
    const local = await kernel.execute('import { triple } from "./helper";\ntriple(14)');
    expect(local.result).toEqual({ 'text/plain': '42' });
    const viaImport = await kernel.execute('import { answer } from "esm-only";\nanswer');
    expect(viaImport.status).toBe('error');
    expect(viaImport.error!.evalue).toContain('importESM');
    const viaImportESM = await kernel.execute('(await importESM("esm-only")).answer');
    expect(viaImportESM.result).toEqual({ 'text/plain': '42' });
  });

  it('asks for input on the stdin channel', async () => {
    const prompts: string[] = [];
    const r = await kernel.execute('const who = await input("Which cluster? ");\n`studying ${who}`', {
      onInput: (prompt) => {
        prompts.push(prompt);
        return 'salmon';
      },
    });
    expect(prompts).toEqual(['Which cluster? ']);
    expect(r.result).toEqual({ 'text/plain': "'studying salmon'" });
    const refused = await kernel.execute('await input("x")', { allowStdin: false });
    expect(refused.error?.evalue).toContain('allow_stdin');
  });

  it('opens comms from a cell and echoes frontend messages back', async () => {
    const r = await kernel.execute('const chan = comms.open("clusterlab.test", { hello: 1 });\nchan.onMsg((data) => chan.send({ echo: data }));\nchan.id');
    const open = r.outputs.find((m) => m.header.msg_type === 'comm_open')!;
    expect(open.content).toMatchObject({ target_name: 'clusterlab.test', data: { hello: 1 } });
    const commId = open.content.comm_id;
    expect(r.result).toEqual({ 'text/plain': `'${commId}'` });
    const info = await kernel.request('comm_info_request', { target_name: 'clusterlab.test' });
    expect(info.content.comms[commId]).toEqual({ target_name: 'clusterlab.test' });
    const echoed = await kernel.notify('comm_msg', { comm_id: commId, data: { year: 1990 } });
    expect(echoed.find((m) => m.header.msg_type === 'comm_msg')?.content).toMatchObject({ comm_id: commId, data: { echo: { year: 1990 } } });
  });

  it('accepts comms opened by the frontend on registered targets and closes unknown ones', async () => {
    await kernel.execute(
      'comms.registerTarget("clusterlab.echo", (comm, data) => {\n  comm.send({ opened: data });\n  comm.onMsg((d) => comm.send(d));\n  comm.onClose(() => console.log("closed"));\n});',
    );
    const opened = await kernel.notify('comm_open', { comm_id: 'front-1', target_name: 'clusterlab.echo', data: { who: 'lab' } });
    expect(opened.find((m) => m.header.msg_type === 'comm_msg')?.content).toMatchObject({ comm_id: 'front-1', data: { opened: { who: 'lab' } } });
    const echoed = await kernel.notify('comm_msg', { comm_id: 'front-1', data: { ping: true } });
    expect(echoed.find((m) => m.header.msg_type === 'comm_msg')?.content.data).toEqual({ ping: true });
    const closed = await kernel.notify('comm_close', { comm_id: 'front-1', data: {} });
    expect(closed.find((m) => m.header.msg_type === 'stream')?.content.text).toBe('closed\n');
    const unknown = await kernel.notify('comm_open', { comm_id: 'front-2', target_name: 'nobody.home', data: {} });
    expect(unknown.find((m) => m.header.msg_type === 'comm_close')?.content.comm_id).toBe('front-2');
    const info = await kernel.request('comm_info_request', {});
    expect(Object.keys(info.content.comms)).not.toContain('front-1');
    expect(Object.keys(info.content.comms)).not.toContain('front-2');
  });

  it('interrupts a busy loop from the control channel while the heartbeat keeps answering', async () => {
    const running = kernel.execute('let spins = 0;\nwhile (true) { spins++; }');
    await sleep(1500);
    expect(await kernel.heartbeat(2000)).toBe(true);
    const reply = await kernel.interrupt();
    expect(reply.content.status).toBe('ok');
    const r = await running;
    expect(r.status).toBe('error');
    expect(r.error?.ename).toBe('Interrupted');
    expect((await kernel.execute('"alive"')).result).toEqual({ 'text/plain': "'alive'" });
  });

  it('interrupts a pending await, and a busy loop on SIGINT', async () => {
    const waiting = kernel.execute('await new Promise(() => undefined)');
    await sleep(500);
    await kernel.interrupt();
    expect((await waiting).error?.ename).toBe('Interrupted');
    const busy = kernel.execute('while (true) {}');
    await sleep(1000);
    process.kill(kernel.pid!, 'SIGINT');
    expect((await busy).error?.ename).toBe('Interrupted');
    expect((await kernel.execute('1 + 1')).result).toEqual({ 'text/plain': '2' });
  });

  it('rejects messages with a bad or missing signature and never runs them', async () => {
    const forged = childMessage(null, 'execute_request', { code: '(globalThis as any).forged = true', silent: false }, 'attacker');
    const frames = encode(forged, kernel.signer);
    frames[frames.findIndex((f) => f.toString() === '<IDS|MSG>') + 1] = Buffer.from('0'.repeat(64));
    await kernel.sendFrames('shell', frames);
    const unsigned = encode(forged, kernel.signer);
    unsigned[unsigned.findIndex((f) => f.toString() === '<IDS|MSG>') + 1] = Buffer.alloc(0);
    await kernel.sendFrames('shell', unsigned);
    await kernel.sendFrames('control', frames);
    await kernel.sendFrames('shell', [Buffer.from('garbage')]);
    await kernel.sendFrames('shell', [Buffer.from('<IDS|MSG>'), Buffer.from('sig'), Buffer.from('{')]);
    await sleep(300);
    const r = await kernel.execute('(globalThis as any).forged === undefined');
    expect(r.result).toEqual({ 'text/plain': 'true' });
  });

  it('answers signed but malformed requests with an error reply', async () => {
    const execute = await kernel.request('execute_request', { code: 42 });
    expect(execute.content).toMatchObject({ status: 'error', ename: 'TypeError' });
    expect(execute.content.evalue).toContain('content.code must be a string');
    const history = await kernel.request('history_request', { hist_access_type: 'sideways' });
    expect(history.content.evalue).toContain("hist_access_type must be 'tail', 'range' or 'search'");
    await kernel.notify('comm_msg', { data: {} });
    expect(await kernel.notify('no_such_request', {})).toEqual([]);
    expect((await kernel.execute('"fine"')).result).toEqual({ 'text/plain': "'fine'" });
  });

  it('stays up after unhandled rejections, errors in timers and 50 MB of output', async () => {
    const rejection = await kernel.execute('Promise.reject(new Error("nobody awaits me")); await new Promise((r) => setTimeout(r, 50));');
    expect(rejection.stderr).toContain('nobody awaits me');
    const timer = await kernel.execute('setTimeout(() => { throw new Error("late failure"); }, 10); await new Promise((r) => setTimeout(r, 100));');
    expect(timer.stderr).toContain('late failure');
    const big = await kernel.execute('console.log("x".repeat(50 * 1024 * 1024))', { timeoutMs: 120_000 });
    expect(big.status).toBe('ok');
    expect(big.stdout.length).toBe(50 * 1024 * 1024 + 1);
    expect((await kernel.execute('"still here"')).result).toEqual({ 'text/plain': "'still here'" });
  }, 180_000);

  it('restarts with fresh state and keeps the history of earlier sessions', async () => {
    const before = await kernel.request('history_request', { hist_access_type: 'tail', n: 1000, output: false, raw: true });
    const session = before.content.history.at(-1)[0];
    await kernel.restart();
    const gone = await kernel.execute('firms', { timeoutMs: 180_000 });
    expect(gone.error?.evalue).toContain("Cannot find name 'firms'");
    const after = await kernel.request('history_request', { hist_access_type: 'search', pattern: 'const firms*', output: false, raw: true });
    expect(after.content.history.map((h: unknown[]) => h[0])).toContain(session);
    const range = await kernel.request('history_request', { hist_access_type: 'range', session: -1, start: 1, stop: 3, output: false, raw: true });
    expect(range.content.history.map((h: unknown[]) => h[0])).toEqual([session, session]);
  }, 240_000);
});
