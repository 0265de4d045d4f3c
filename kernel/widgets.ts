/**
 * The Jupyter widgets protocol, version 2.1 (@jupyter-widgets/schema, messages.md), on the
 * kernel's comms: one `jupyter.widget` comm per widget model, `update` both ways, `echo_update`
 * of every frontend change to all frontends (so two tabs on one kernel agree), `request_state`,
 * `custom` messages and binary buffers anywhere in the state; the `jupyter.widget.control`
 * target answers `request_states` with every model's names and state, which is how a reloaded
 * page gets its widgets back. Frontends render the models with their own managers (JupyterLab's
 * @jupyter-widgets/jupyterlab-manager, VS Code's renderer).
 *
 * Handlers (observers, clicks, custom messages) that throw or reject never reach the kernel's
 * loop: their error goes to the Output widget capturing at the time, else to the `errorOutput`
 * of the widget or of the nearest box holding it, else to the error area of the cell that last
 * displayed the widget or such a box (widgets-errors.ts), else to iopub as an `error` of the
 * running request; and always to the log.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Comm, CommData, CommManager } from './comms';
import { MIMEBUNDLE } from './format';
import type { OutputRouter } from './output';

export const PROTOCOL_VERSION = '2.1.0';
export const WIDGET_TARGET = 'jupyter.widget';
export const CONTROL_TARGET = 'jupyter.widget.control';
export const WIDGET_VIEW_MIME = 'application/vnd.jupyter.widget-view+json';
export const WIDGET_STATE_MIME = 'application/vnd.jupyter.widget-state+json';

export type WidgetState = Record<string, unknown>;

export interface Change<T = unknown> {
  name: string;
  old: T;
  new: T;
  owner: Widget;
}
export type Observer<T = unknown> = (change: Change<T>) => unknown;

/** An nbformat output, as the Output widget keeps them in its `outputs` trait. */
export type NbOutput = Record<string, unknown> & { output_type: string };

/** Somewhere a handler's error can be shown (an Output widget). */
export interface ErrorSink {
  appendOutput(output: NbOutput): void;
}

export interface WidgetHost {
  comms: CommManager;
  output: OutputRouter;
  flushStreams(): void;
  describeError(error: unknown): { ename: string; evalue: string; traceback: string[] };
  log(text: string): void;
}

let host: WidgetHost | null = null;
const live = new Map<string, Widget>();

/** Output widgets capturing in the current async context (Output.capture). */
export const capturing = new AsyncLocalStorage<{ append(output: NbOutput): void; clear(wait: boolean): void }>();

/** Wires the widget targets into the kernel's comms; called once by the kernel. */
export function installWidgets(h: WidgetHost): void {
  host = h;
  h.comms.registerTarget(WIDGET_TARGET, (comm, data) => openedByFrontend(comm, data));
  h.comms.registerTarget(CONTROL_TARGET, (comm) => {
    comm.onMsg((data) => {
      if (data.method !== 'request_states') return;
      // Each model as jupyterlab-manager and ipywidgets keep them: names beside the state.
      const states: Record<string, WidgetState> = {};
      for (const [id, widget] of live) {
        const state = widget.fullState();
        states[id] = { model_name: state._model_name, model_module: state._model_module, model_module_version: state._model_module_version, state };
      }
      const { state, paths, buffers } = extractBuffers(states);
      comm.send({ method: 'update_states', states: state, buffer_paths: paths }, {}, buffers);
    });
  });
  const route: Record<string, (c: any) => NbOutput> = {
    stream: (c) => ({ output_type: 'stream', name: c.name, text: c.text }),
    display_data: (c) => ({ output_type: 'display_data', data: c.data, metadata: c.metadata ?? {} }),
    execute_result: (c) => ({ output_type: 'execute_result', data: c.data, metadata: c.metadata ?? {}, execution_count: c.execution_count ?? null }),
    error: (c) => ({ output_type: 'error', ename: c.ename, evalue: c.evalue, traceback: c.traceback }),
  };
  h.output.capture = (msgType, content: any) => {
    const sink = capturing.getStore();
    if (!sink) return false;
    if (msgType === 'clear_output') {
      sink.clear(Boolean(content.wait));
      return true;
    }
    const toOutput = route[msgType];
    if (!toOutput) return false;
    sink.append(toOutput(content));
    return true;
  };
}

function requireHost(): WidgetHost {
  if (!host) throw new Error('widgets need the clusterlab kernel (no comms outside a kernel)');
  return host;
}

/** Every widget model the kernel holds, by model id. */
export function liveWidgets(): ReadonlyMap<string, Widget> {
  return live;
}

// ---- binary buffers (messages.md: buffer_paths) ----------------------------------------------

function isBinary(value: unknown): value is ArrayBuffer | ArrayBufferView {
  return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

function toBuffer(value: ArrayBuffer | ArrayBufferView): Buffer {
  return value instanceof ArrayBuffer ? Buffer.from(value) : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/**
 * Takes binary values out of a state: removed from objects, `null` in arrays, their paths and
 * bytes returned beside it.
 */
export function extractBuffers(state: Record<string, unknown>): { state: Record<string, unknown>; paths: (string | number)[][]; buffers: Buffer[] } {
  const paths: (string | number)[][] = [];
  const buffers: Buffer[] = [];
  const walk = (value: unknown, path: (string | number)[]): unknown => {
    if (Array.isArray(value)) {
      return value.map((item, i) => {
        if (isBinary(item)) {
          paths.push([...path, i]);
          buffers.push(toBuffer(item));
          return null;
        }
        return walk(item, [...path, i]);
      });
    }
    if (value && typeof value === 'object' && !isBinary(value) && !(value instanceof Widget)) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        if (isBinary(item)) {
          paths.push([...path, key]);
          buffers.push(toBuffer(item));
        } else out[key] = walk(item, [...path, key]);
      }
      return out;
    }
    return value;
  };
  return { state: walk(state, []) as Record<string, unknown>, paths, buffers };
}

/** Puts received buffers back at their paths (as Uint8Array views of the frames). */
export function insertBuffers(state: Record<string, unknown>, paths: unknown, buffers: readonly Buffer[]): void {
  if (!Array.isArray(paths)) return;
  paths.forEach((path, k) => {
    if (!Array.isArray(path) || path.length === 0 || k >= buffers.length) return;
    let target: any = state;
    for (const key of path.slice(0, -1)) {
      if (target[key] === undefined || target[key] === null) target[key] = typeof key === 'number' ? [] : {};
      target = target[key];
    }
    const bytes = buffers[k];
    target[path[path.length - 1]] = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  });
}

// ---- references between models ("IPY_MODEL_<id>") ---------------------------------------------

const REF = 'IPY_MODEL_';

/** A widget in a state travels as "IPY_MODEL_<id>" (children, layout, style, link ends). */
function serialize(value: unknown): unknown {
  if (value instanceof Widget) return REF + value.model_id;
  if (Array.isArray(value)) return value.map(serialize);
  if (value && typeof value === 'object' && !isBinary(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, serialize(v)]));
  }
  return value;
}

function deserialize(value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith(REF)) return live.get(value.slice(REF.length)) ?? value;
  if (Array.isArray(value)) return value.map(deserialize);
  if (value && typeof value === 'object' && !isBinary(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deserialize(v)]));
  }
  return value;
}

// ---- traits -----------------------------------------------------------------------------------

/** Checks and normalises a value given to a trait; throws a clear error naming trait and range. */
export type Validator = (value: unknown, widget: Widget, name: string) => unknown;

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isBinary(a) || isBinary(b)) return false;
  if (a instanceof Widget || b instanceof Widget) return false;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface WidgetOptions {
  /** A comm the frontend opened (frontend-created models); otherwise the kernel opens one. */
  comm?: Comm;
  /** Traits kept in the kernel only (a selection's `value`, derived from the synced `index`). */
  local?: readonly string[];
}

/**
 * A widget model: its synced state (traits), observers, custom messages and its comm. Subclasses
 * (widgets-controls.ts) give the model names and the typed traits.
 */
export class Widget {
  readonly model_id: string;
  /** Where errors of this widget's handlers are shown when no Output captures them. */
  errorOutput: ErrorSink | null = null;
  /** The error area of the cell that last displayed this widget (widgets-errors.ts). */
  cellErrorArea: ErrorSink | null = null;
  protected readonly state: WidgetState;
  protected readonly validators: Record<string, Validator> = {};
  private readonly comm: Comm;
  private readonly observers = new Map<string, Set<Observer<any>>>();
  private readonly customHandlers = new Set<(content: unknown, buffers: Uint8Array[]) => unknown>();
  /** Names being applied from a frontend update: no `update` goes back for them unless changed. */
  private applying: WidgetState | null = null;
  private holding: WidgetState | null = null;
  private readonly local: ReadonlySet<string>;

  constructor(state: WidgetState, validators: Record<string, Validator> = {}, options: WidgetOptions = {}) {
    const h = requireHost();
    this.validators = validators;
    this.local = new Set(options.local ?? []);
    this.state = {};
    for (const [name, value] of Object.entries(state)) this.state[name] = validators[name] ? validators[name](value, this, name) : value;
    if (options.comm) {
      this.comm = options.comm;
    } else {
      const { state: wire, paths, buffers } = extractBuffers(this.wire(this.state));
      this.comm = h.comms.open(WIDGET_TARGET, { state: wire, buffer_paths: paths }, { version: PROTOCOL_VERSION }, buffers);
    }
    this.model_id = this.comm.id;
    live.set(this.model_id, this);
    this.comm.onMsg((data, message) => this.receive(data, message.buffers));
    this.comm.onClose(() => live.delete(this.model_id));
  }

  /** The value of a trait. */
  get<T = unknown>(name: string): T {
    return this.state[name] as T;
  }

  /** Sets traits, checked by their validators; one `update` carries every changed one. */
  set(name: string, value: unknown): this;
  set(values: WidgetState): this;
  set(nameOrValues: string | WidgetState, value?: unknown): this {
    const values = typeof nameOrValues === 'string' ? { [nameOrValues]: value } : nameOrValues;
    const checked: WidgetState = {};
    for (const [name, v] of Object.entries(values)) checked[name] = this.validators[name] ? this.validators[name](v, this, name) : v;
    const changes: Change[] = [];
    for (const [name, v] of Object.entries(checked)) {
      const old = this.state[name];
      if (same(old, v)) continue;
      this.state[name] = v;
      changes.push({ name, old, new: v, owner: this });
    }
    if (changes.length === 0) return this;
    const outgoing: WidgetState = {};
    for (const c of changes) {
      // A value a frontend just sent needs no update back (its echo_update went out already).
      if (this.applying && c.name in this.applying && same(this.applying[c.name], c.new)) continue;
      outgoing[c.name] = c.new;
    }
    if (this.holding) Object.assign(this.holding, outgoing);
    else this.sendState(outgoing, 'update');
    for (const change of changes) this.notify(change);
    return this;
  }

  /** Runs `fn` and sends all the changes it makes as one `update` (ipywidgets' hold_sync). */
  holdSync(fn: () => void): void {
    if (this.holding) {
      fn();
      return;
    }
    this.holding = {};
    try {
      fn();
    } finally {
      const held = this.holding;
      this.holding = null;
      if (Object.keys(held).length) this.sendState(held, 'update');
    }
  }

  /**
   * Calls `handler({ name, old, new, owner })` after `names` change (a name, a list, or '*').
   * Returns a function that removes the observer.
   */
  observe<T = unknown>(handler: Observer<T>, names?: string | readonly string[]): () => void;
  observe<T = unknown>(name: string, handler: Observer<T>): () => void;
  observe(a: string | Observer, b?: string | readonly string[] | Observer): () => void {
    const [handler, names] = typeof a === 'function' ? [a, (b as string | string[] | undefined) ?? '*'] : [b as Observer, a];
    if (typeof handler !== 'function') throw new TypeError('observe: handler must be a function ({ name, old, new, owner }) => void');
    const list = typeof names === 'string' ? [names] : [...names];
    for (const name of list) {
      if (name !== '*' && !(name in this.state))
        throw new RangeError(`observe: ${this.constructor.name} has no trait '${name}'; traits: ${this.traitNames().join(', ')}`);
      let set = this.observers.get(name);
      if (!set) this.observers.set(name, (set = new Set()));
      set.add(handler);
    }
    return () => {
      for (const name of list) this.observers.get(name)?.delete(handler);
    };
  }

  /** Sends a `custom` message (content and optional binary buffers) to the frontend views. */
  send(content: unknown, buffers: (ArrayBuffer | ArrayBufferView)[] = []): void {
    this.comm.send({ method: 'custom', content }, {}, buffers.map(toBuffer));
  }

  /** Calls `handler(content, buffers)` on each `custom` message from a frontend. */
  onCustom(handler: (content: any, buffers: Uint8Array[]) => unknown): () => void {
    this.customHandlers.add(handler);
    return () => this.customHandlers.delete(handler);
  }

  /** Closes the model: frontends remove its views. */
  close(): void {
    live.delete(this.model_id);
    this.comm.close();
  }

  get closed(): boolean {
    return this.comm.closed;
  }

  traitNames(): string[] {
    return Object.keys(this.state).filter((n) => !n.startsWith('_'));
  }

  /** The whole state as it travels (widgets as "IPY_MODEL_" references, buffers in place). */
  fullState(): WidgetState {
    return this.wire(this.state);
  }

  private wire(state: WidgetState): WidgetState {
    const out: WidgetState = {};
    for (const [name, value] of Object.entries(state)) if (!this.local.has(name)) out[name] = value;
    return serialize(out) as WidgetState;
  }

  /** One line a reader without widgets sees in place of the view. */
  fallbackText(): string {
    const description = this.get<string>('description');
    const value = this.state.value;
    const shown = Array.isArray(value) ? `${value[0]} – ${value[1]}` : value === undefined ? '' : String(value);
    return [description, shown].filter((s) => s !== undefined && s !== '').join(': ') || this.constructor.name;
  }

  fallbackHtml(): string {
    return `<span>${escapeHtml(this.fallbackText())}</span>`;
  }

  [MIMEBUNDLE](): Record<string, unknown> {
    return {
      [WIDGET_VIEW_MIME]: { model_id: this.model_id, version_major: 2, version_minor: 1 },
      'text/plain': this.fallbackText(),
      'text/html': `<div class="clusterlab-widget-fallback">${this.fallbackHtml()}</div>`,
    };
  }

  /** Reports an error of one of this widget's handlers (see the file comment). */
  reportError(error: unknown, what = 'widget handler'): void {
    const h = requireHost();
    const described = h.describeError(error);
    h.log(`${what} of ${this.constructor.name} ${this.model_id} failed: ${described.ename}: ${described.evalue}`);
    const output: NbOutput = { output_type: 'error', ...described };
    const capture = capturing.getStore();
    if (capture) {
      capture.append(output);
      return;
    }
    const sink = errorSinkOf(this);
    if (sink) sink.appendOutput(output);
    else h.output.publish('error', described);
  }

  /** Runs a handler; a throw or a rejected promise becomes a reported error. */
  protected call(run: () => unknown, what: string): void {
    try {
      const result = run();
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        (result as Promise<unknown>).then(undefined, (error) => this.reportError(error, what));
      }
    } catch (error) {
      this.reportError(error, what);
    }
  }

  private notify(change: Change): void {
    for (const key of [change.name, '*']) {
      for (const handler of [...(this.observers.get(key) ?? [])]) this.call(() => handler(change), `observer of '${change.name}'`);
    }
  }

  private sendState(state: WidgetState, method: 'update' | 'echo_update'): void {
    if (this.comm.closed) return;
    const sent = this.wire(state);
    if (Object.keys(sent).length === 0) return;
    const { state: wire, paths, buffers } = extractBuffers(sent);
    this.comm.send({ method, state: wire, buffer_paths: paths }, {}, buffers);
  }

  private receive(data: CommData, buffers: Buffer[]): void {
    switch (data.method) {
      case 'update': {
        const incoming = { ...((data.state as WidgetState) ?? {}) };
        insertBuffers(incoming, data.buffer_paths, buffers);
        // Protocol 2.1: echo the frontend's change to every frontend, with this message as parent.
        this.sendState(incoming, 'echo_update');
        const values = deserialize(incoming) as WidgetState;
        this.applying = values;
        try {
          this.applyFromFrontend(values);
        } finally {
          this.applying = null;
        }
        break;
      }
      case 'request_state':
        this.sendState(this.state, 'update');
        break;
      case 'custom': {
        const views = buffers.map((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
        for (const handler of [...this.customHandlers]) this.call(() => handler(data.content, views), 'custom message handler');
        break;
      }
      default:
        requireHost().log(`widget ${this.model_id}: unknown method '${String(data.method)}'`);
    }
  }

  /** A frontend's values: invalid ones are answered with the kernel's value so views snap back. */
  private applyFromFrontend(values: WidgetState): void {
    const accepted: WidgetState = {};
    for (const [name, value] of Object.entries(values)) {
      try {
        accepted[name] = this.validators[name] ? this.validators[name](value, this, name) : value;
      } catch (error) {
        this.reportError(error, `update of '${name}' from the frontend`);
        this.sendState({ [name]: this.state[name] }, 'update');
      }
    }
    this.set(accepted);
  }
}

/**
 * The sink for `widget`'s errors: its own `errorOutput`, else the nearest container's (a child
 * added to a box after the box was shown is covered too); failing those, the cell error area of
 * the widget, else of the nearest container. Containers are found through their `children`.
 */
function errorSinkOf(widget: Widget): ErrorSink | null {
  const chain: Widget[] = [widget];
  const seen = new Set<Widget>(chain);
  for (let level: Widget[] = chain; level.length; ) {
    const next: Widget[] = [];
    for (const candidate of live.values()) {
      const children = candidate.get<unknown>('children');
      if (seen.has(candidate) || !Array.isArray(children) || !level.some((w) => children.includes(w))) continue;
      seen.add(candidate);
      next.push(candidate);
    }
    chain.push(...next);
    level = next;
  }
  for (const w of chain) if (w.errorOutput) return w.errorOutput;
  for (const w of chain) if (w.cellErrorArea) return w.cellErrorArea;
  return null;
}

/** A model a frontend opened on `jupyter.widget`: kept with its state so that it syncs too. */
function openedByFrontend(comm: Comm, data: CommData): void {
  const state = { ...((data.state as WidgetState) ?? {}) };
  new Widget(deserialize(state) as WidgetState, {}, { comm });
}
