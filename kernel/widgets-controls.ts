/**
 * The core controls, with the model and view names, modules and state attributes of
 * @jupyter-widgets/controls 2.0.0 and @jupyter-widgets/base 2.0.0 (ipywidgets 8,
 * jupyterlab-manager 5), and typed traits: `slider.value = 3` syncs, `slider.value` reads.
 * Every control has its own Layout model and, where the view has one, its Style model, as in
 * ipywidgets.
 */
import { capturing, escapeHtml, type NbOutput, type Validator, Widget, type WidgetState } from './widgets';
import { mimeBundle, encodeData } from './format';

const CONTROLS = '@jupyter-widgets/controls';
const BASE = '@jupyter-widgets/base';
const VERSION = '2.0.0';

function modelNames(model: string, view: string | null, module = CONTROLS, viewModule = CONTROLS, version = VERSION): WidgetState {
  return {
    _model_module: module,
    _model_module_version: version,
    _model_name: model,
    _view_module: viewModule,
    _view_module_version: version,
    _view_name: view,
    _view_count: null,
  };
}

/** Defines `name` accessors on a class's prototype that read and set the trait. */
function traits(cls: { prototype: object }, names: readonly string[]): void {
  for (const name of names) {
    Object.defineProperty(cls.prototype, name, {
      get(this: Widget) {
        return this.get(name);
      },
      set(this: Widget, value: unknown) {
        this.set(name, value);
      },
      configurable: true,
    });
  }
}

// ---- validators -------------------------------------------------------------------------------

const where = (w: Widget, name: string) => `${w.constructor.name}.${name}`;

const bool: Validator = (v, w, n) => {
  if (typeof v !== 'boolean') throw new TypeError(`${where(w, n)} must be true or false, got ${JSON.stringify(v)}`);
  return v;
};
const str: Validator = (v, w, n) => {
  if (typeof v !== 'string') throw new TypeError(`${where(w, n)} must be a string, got ${JSON.stringify(v)}`);
  return v;
};
const optionalStr: Validator = (v, w, n) => (v === null ? null : str(v, w, n));
function finite(v: unknown, w: Widget, n: string, integer: boolean): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
    throw new TypeError(`${where(w, n)} must be ${integer ? 'an integer' : 'a finite number'}, got ${JSON.stringify(v)}`);
  }
  return v;
}
const number =
  (integer: boolean): Validator =>
  (v, w, n) =>
    finite(v, w, n, integer);
/** A slider's value: a number clamped into [min, max], as ipywidgets does. */
const bounded =
  (integer: boolean): Validator =>
  (v, w, n) => {
    const x = finite(v, w, n, integer);
    const min = w.get<number>('min');
    const max = w.get<number>('max');
    return min === undefined || max === undefined ? x : Math.min(max, Math.max(min, x));
  };
const boundedPair =
  (integer: boolean): Validator =>
  (v, w, n) => {
    if (!Array.isArray(v) || v.length !== 2) throw new TypeError(`${where(w, n)} must be a pair [lower, upper], got ${JSON.stringify(v)}`);
    const lo = bounded(integer)(v[0], w, n) as number;
    const hi = bounded(integer)(v[1], w, n) as number;
    if (lo > hi) throw new RangeError(`${where(w, n)}: lower ${lo} is above upper ${hi}`);
    return [lo, hi];
  };
const widgetList: Validator = (v, w, n) => {
  if (!Array.isArray(v) || !v.every((c) => c instanceof Widget)) throw new TypeError(`${where(w, n)} must be an array of widgets`);
  return [...v];
};
const strList: Validator = (v, w, n) => {
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' || s === null)) throw new TypeError(`${where(w, n)} must be an array of strings`);
  return [...v];
};
const oneOf =
  (allowed: readonly string[]): Validator =>
  (v, w, n) => {
    if (typeof v !== 'string' || !allowed.includes(v))
      throw new RangeError(`${where(w, n)} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${JSON.stringify(v)}`);
    return v;
  };
const optionalIndex: Validator = (v, w, n) => {
  if (v === null) return null;
  const i = finite(v, w, n, true);
  const count = (w.get<unknown[]>('_options_labels') ?? w.get<unknown[]>('children') ?? []).length;
  if (i < 0 || i >= count) throw new RangeError(`${where(w, n)} must be in 0..${count - 1}, got ${i}`);
  return i;
};

// ---- layout and style -------------------------------------------------------------------------

/** CSS layout of a widget (LayoutModel): width, height, margin, display, flex_flow, ... */
export class Layout extends Widget {
  constructor(values: Record<string, string | null> = {}) {
    super({ ...modelNames('LayoutModel', 'LayoutView', BASE, BASE), ...values });
  }
}

/** A control's style model (description_width, handle_color, button_color, ...). */
export class Style extends Widget {
  constructor(model: string, values: Record<string, string | null> = {}) {
    super({ ...modelNames(model, 'StyleView', CONTROLS, BASE), description_width: '', ...values });
  }
}

export interface DOMOptions {
  layout?: Record<string, string | null>;
  style?: Record<string, string | null>;
  tooltip?: string | null;
  description?: string;
  disabled?: boolean;
}

/** A widget with a view: its layout, tooltip and classes; `description` and `style` when `styleModel` is given. */
export class DOMWidget extends Widget {
  declare layout: Layout;
  declare tooltip: string | null;
  constructor(
    model: string,
    view: string,
    values: WidgetState,
    validators: Record<string, Validator>,
    options: DOMOptions,
    styleModel: string | null,
    local: string[] = [],
  ) {
    const state: WidgetState = {
      ...modelNames(model, view),
      _dom_classes: [],
      layout: new Layout(options.layout),
      tabbable: null,
      tooltip: options.tooltip ?? null,
    };
    if (styleModel) {
      state.style = new Style(styleModel, options.style);
      state.description = options.description ?? '';
      state.description_allow_html = false;
    }
    super({ ...state, ...values }, { tooltip: optionalStr, description: str, disabled: bool, ...validators }, { local });
  }
}
traits(DOMWidget, ['layout', 'tooltip', 'description', 'disabled', 'style']);

// ---- sliders ----------------------------------------------------------------------------------

export interface SliderOptions<V> extends DOMOptions {
  value?: V;
  min?: number;
  max?: number;
  step?: number;
  orientation?: 'horizontal' | 'vertical';
  readout?: boolean;
  readout_format?: string;
  /** False: the frontend sends the value when the handle is released, not while dragging. */
  continuous_update?: boolean;
}

function sliderState<V>(o: SliderOptions<V>, integer: boolean, value: V): WidgetState {
  return {
    min: o.min ?? 0,
    max: o.max ?? 100,
    step: o.step ?? (integer ? 1 : 0.1),
    value,
    orientation: o.orientation ?? 'horizontal',
    readout: o.readout ?? true,
    readout_format: o.readout_format ?? (integer ? 'd' : '.2f'),
    continuous_update: o.continuous_update ?? true,
    disabled: o.disabled ?? false,
    behavior: 'drag-tap',
  };
}

function sliderValidators(integer: boolean, pair: boolean): Record<string, Validator> {
  return {
    min: number(integer),
    max: number(integer),
    step: (v, w, n) => {
      const x = finite(v, w, n, integer);
      if (x <= 0) throw new RangeError(`${where(w, n)} must be above 0, got ${x}`);
      return x;
    },
    value: pair ? boundedPair(integer) : bounded(integer),
    orientation: oneOf(['horizontal', 'vertical']),
    readout: bool,
    readout_format: str,
    continuous_update: bool,
  };
}

function checkRange(o: { min?: number; max?: number }, what: string): void {
  if (o.min !== undefined && o.max !== undefined && o.min > o.max) throw new RangeError(`${what}: min ${o.min} is above max ${o.max}`);
}

export class IntSlider extends DOMWidget {
  declare value: number;
  declare min: number;
  declare max: number;
  declare step: number;
  constructor(options: SliderOptions<number> = {}) {
    checkRange(options, 'IntSlider');
    super(
      'IntSliderModel',
      'IntSliderView',
      sliderState(options, true, options.value ?? options.min ?? 0),
      sliderValidators(true, false),
      options,
      'SliderStyleModel',
    );
  }
}

export class FloatSlider extends DOMWidget {
  declare value: number;
  declare min: number;
  declare max: number;
  declare step: number;
  constructor(options: SliderOptions<number> = {}) {
    checkRange(options, 'FloatSlider');
    super(
      'FloatSliderModel',
      'FloatSliderView',
      sliderState(options, false, options.value ?? options.min ?? 0),
      sliderValidators(false, false),
      options,
      'SliderStyleModel',
    );
  }
}

export class IntRangeSlider extends DOMWidget {
  declare value: [number, number];
  declare min: number;
  declare max: number;
  declare step: number;
  constructor(options: SliderOptions<[number, number]> = {}) {
    checkRange(options, 'IntRangeSlider');
    const lo = options.min ?? 0;
    const hi = options.max ?? 100;
    const value = options.value ?? [lo + Math.round((hi - lo) * 0.25), lo + Math.round((hi - lo) * 0.75)];
    super('IntRangeSliderModel', 'IntRangeSliderView', sliderState(options, true, value), sliderValidators(true, true), options, 'SliderStyleModel');
  }
}

export class FloatRangeSlider extends DOMWidget {
  declare value: [number, number];
  declare min: number;
  declare max: number;
  declare step: number;
  constructor(options: SliderOptions<[number, number]> = {}) {
    checkRange(options, 'FloatRangeSlider');
    const lo = options.min ?? 0;
    const hi = options.max ?? 100;
    const value = options.value ?? [lo + (hi - lo) * 0.25, lo + (hi - lo) * 0.75];
    super('FloatRangeSliderModel', 'FloatRangeSliderView', sliderState(options, false, value), sliderValidators(false, true), options, 'SliderStyleModel');
  }
}
traits(DOMWidget, ['value', 'min', 'max', 'step', 'orientation', 'readout', 'readout_format', 'continuous_update']);

export interface PlayOptions extends DOMOptions {
  value?: number;
  min?: number;
  max?: number;
  step?: number;
  /** Milliseconds between steps. */
  interval?: number;
  repeat?: boolean;
  playing?: boolean;
}

/** Steps `value` from min to max in the frontend; link it to a slider to animate. */
export class Play extends DOMWidget {
  declare value: number;
  declare playing: boolean;
  declare interval: number;
  constructor(o: PlayOptions = {}) {
    checkRange(o, 'Play');
    super(
      'PlayModel',
      'PlayView',
      {
        min: o.min ?? 0,
        max: o.max ?? 100,
        step: o.step ?? 1,
        value: o.value ?? o.min ?? 0,
        interval: o.interval ?? 100,
        repeat: o.repeat ?? false,
        playing: o.playing ?? false,
        show_repeat: true,
        disabled: o.disabled ?? false,
      },
      {
        min: number(true),
        max: number(true),
        step: number(true),
        value: bounded(true),
        interval: number(true),
        repeat: bool,
        playing: bool,
        show_repeat: bool,
      },
      o,
      'DescriptionStyleModel',
    );
  }
}
traits(Play, ['playing', 'interval', 'repeat']);

// ---- booleans and text ------------------------------------------------------------------------

export interface BoolOptions extends DOMOptions {
  value?: boolean;
}

export class Checkbox extends DOMWidget {
  declare value: boolean;
  constructor(o: BoolOptions & { indent?: boolean } = {}) {
    super(
      'CheckboxModel',
      'CheckboxView',
      { value: o.value ?? false, disabled: o.disabled ?? false, indent: o.indent ?? true },
      { value: bool, indent: bool },
      o,
      'CheckboxStyleModel',
    );
  }
}

export type ButtonStyleName = '' | 'primary' | 'success' | 'info' | 'warning' | 'danger';
const BUTTON_STYLES = ['', 'primary', 'success', 'info', 'warning', 'danger'];

export class ToggleButton extends DOMWidget {
  declare value: boolean;
  constructor(o: BoolOptions & { button_style?: ButtonStyleName; icon?: string } = {}) {
    super(
      'ToggleButtonModel',
      'ToggleButtonView',
      { value: o.value ?? false, disabled: o.disabled ?? false, button_style: o.button_style ?? '', icon: o.icon ?? '' },
      { value: bool, button_style: oneOf(BUTTON_STYLES), icon: str },
      o,
      'ToggleButtonStyleModel',
    );
  }
}

export interface TextOptions extends DOMOptions {
  value?: string;
  placeholder?: string;
  continuous_update?: boolean;
}

export class Text extends DOMWidget {
  declare value: string;
  constructor(o: TextOptions = {}) {
    super(
      'TextModel',
      'TextView',
      { value: o.value ?? '', placeholder: o.placeholder ?? '\u200b', continuous_update: o.continuous_update ?? true, disabled: o.disabled ?? false },
      { value: str, placeholder: str, continuous_update: bool },
      o,
      'TextStyleModel',
    );
  }
}

/** Plain text that is not a control (LabelModel). */
export class Label extends DOMWidget {
  declare value: string;
  constructor(o: TextOptions | string = {}) {
    const opts = typeof o === 'string' ? { value: o } : o;
    super(
      'LabelModel',
      'LabelView',
      { value: opts.value ?? '', placeholder: opts.placeholder ?? '\u200b' },
      { value: str, placeholder: str },
      opts,
      'LabelStyleModel',
    );
  }
}

/** HTML shown as is (HTMLModel): a figure's SVG, a table. */
export class HTML extends DOMWidget {
  declare value: string;
  constructor(o: TextOptions | string = {}) {
    const opts = typeof o === 'string' ? { value: o } : o;
    super(
      'HTMLModel',
      'HTMLView',
      { value: opts.value ?? '', placeholder: opts.placeholder ?? '\u200b' },
      { value: str, placeholder: str },
      opts,
      'HTMLStyleModel',
    );
  }
  override fallbackHtml(): string {
    const description = this.get<string>('description');
    return `${description ? `<span>${escapeHtml(description)}</span> ` : ''}${this.value}`;
  }
  /** The text of the HTML, without markup (a figure's SVG becomes "[figure]"). */
  override fallbackText(): string {
    const description = this.get<string>('description');
    const text = this.value
      .replace(/<svg[\s\S]*?<\/svg>/g, '[figure]')
      .replace(/<[^>]*>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim();
    return [description, text].filter(Boolean).join(': ');
  }
}
traits(DOMWidget, ['placeholder']);

export class Button extends DOMWidget {
  declare button_style: ButtonStyleName;
  declare icon: string;
  private readonly clickHandlers = new Set<(button: Button) => unknown>();
  constructor(o: DOMOptions & { button_style?: ButtonStyleName; icon?: string } = {}) {
    super(
      'ButtonModel',
      'ButtonView',
      { disabled: o.disabled ?? false, button_style: o.button_style ?? '', icon: o.icon ?? '' },
      { button_style: oneOf(BUTTON_STYLES), icon: str },
      o,
      'ButtonStyleModel',
    );
    delete this.state.description_allow_html;
    this.onCustom((content) => {
      if ((content as { event?: string })?.event !== 'click') return;
      for (const handler of [...this.clickHandlers]) this.call(() => handler(this), 'click handler');
    });
  }
  /** Calls `handler(button)` on each click (ipywidgets' on_click); returns a remover. */
  onClick(handler: (button: Button) => unknown): () => void {
    if (typeof handler !== 'function') throw new TypeError('Button.onClick: handler must be a function (button) => void');
    this.clickHandlers.add(handler);
    return () => this.clickHandlers.delete(handler);
  }
  /** Acts as if the button were clicked (ipywidgets' click). */
  click(): void {
    for (const handler of [...this.clickHandlers]) this.call(() => handler(this), 'click handler');
  }
  override fallbackText(): string {
    return `[${this.get<string>('description') || 'button'}]`;
  }
}
traits(Button, ['button_style', 'icon']);

// ---- selections -------------------------------------------------------------------------------

/** Options as ipywidgets takes them: values (shown as text) or [label, value] pairs. */
export type SelectionOptions<V> = readonly V[] | readonly (readonly [string, V])[];

export interface SelectOptions<V> extends DOMOptions {
  options: SelectionOptions<V>;
  value?: V;
}

function labelled<V>(options: SelectionOptions<V>, what: string): { labels: string[]; values: V[] } {
  if (!Array.isArray(options) || options.length === 0) throw new TypeError(`${what}: options must be a non-empty array of values or [label, value] pairs`);
  const pairs = options.every((o) => Array.isArray(o) && o.length === 2 && typeof o[0] === 'string');
  return pairs
    ? { labels: options.map((o) => (o as [string, V])[0]), values: options.map((o) => (o as [string, V])[1]) }
    : { labels: options.map((o) => String(o)), values: [...(options as V[])] };
}

/**
 * Dropdown, RadioButtons and ToggleButtons: the frontend knows the labels and the `index`;
 * `value` lives in the kernel and follows the index both ways.
 */
class Selection<V> extends DOMWidget {
  declare index: number | null;
  private values: V[];
  constructor(model: string, view: string, o: SelectOptions<V>, extra: WidgetState, extraValidators: Record<string, Validator>, styleModel: string) {
    const { labels, values } = labelled(o.options, model.replace(/Model$/, ''));
    let index = 0;
    if (o.value !== undefined) {
      index = values.findIndex((v) => same(v, o.value));
      if (index < 0) throw new RangeError(`${model.replace(/Model$/, '')}: value ${JSON.stringify(o.value)} is not one of the options (${labels.join(', ')})`);
    }
    super(
      model,
      view,
      { _options_labels: labels, index, value: values[index], disabled: o.disabled ?? false, ...extra },
      {
        _options_labels: strList,
        index: optionalIndex,
        value: (v, w, n) => {
          if (!(w as Selection<V>).values) return v; // the constructor's own first value
          const i = (w as Selection<V>).values.findIndex((x) => same(x, v));
          if (i < 0) throw new RangeError(`${where(w, n)}: ${JSON.stringify(v)} is not one of the options (${(w as Selection<V>).labels.join(', ')})`);
          return (w as Selection<V>).values[i];
        },
        ...extraValidators,
      },
      o,
      styleModel,
      ['value'],
    );
    this.values = values;
    this.observe('index', (c) => void this.set('value', c.new === null ? null : this.values[c.new as number]));
    this.observe(
      'value',
      (c) =>
        void this.set(
          'index',
          this.values.findIndex((x) => same(x, c.new)),
        ),
    );
  }
  get value(): V {
    return this.get<V>('value');
  }
  set value(v: V) {
    this.set('value', v);
  }
  get labels(): string[] {
    return this.get<string[]>('_options_labels');
  }
  get label(): string | null {
    const i = this.index;
    return i === null ? null : this.labels[i];
  }
  override fallbackText(): string {
    const description = this.get<string>('description');
    return `${description ? `${description}: ` : ''}${this.label ?? ''}`;
  }
}
traits(Selection, ['index']);

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export class Dropdown<V = unknown> extends Selection<V> {
  constructor(o: SelectOptions<V>) {
    super('DropdownModel', 'DropdownView', o, {}, {}, 'DescriptionStyleModel');
  }
}

export class RadioButtons<V = unknown> extends Selection<V> {
  constructor(o: SelectOptions<V> & { orientation?: 'vertical' | 'horizontal' }) {
    super(
      'RadioButtonsModel',
      'RadioButtonsView',
      o,
      { orientation: o.orientation ?? 'vertical' },
      { orientation: oneOf(['vertical', 'horizontal']) },
      'DescriptionStyleModel',
    );
  }
}

export class ToggleButtons<V = unknown> extends Selection<V> {
  constructor(o: SelectOptions<V> & { tooltips?: string[]; button_style?: ButtonStyleName }) {
    super(
      'ToggleButtonsModel',
      'ToggleButtonsView',
      o,
      { tooltips: o.tooltips ?? [], icons: [], button_style: o.button_style ?? '' },
      { tooltips: strList, icons: strList, button_style: oneOf(BUTTON_STYLES) },
      'ToggleButtonsStyleModel',
    );
  }
}

// ---- containers -------------------------------------------------------------------------------

export interface BoxOptions extends DOMOptions {
  box_style?: '' | 'success' | 'info' | 'warning' | 'danger';
}

class Box extends DOMWidget {
  declare children: Widget[];
  constructor(
    model: string,
    view: string,
    children: readonly Widget[],
    o: BoxOptions,
    extra: WidgetState = {},
    extraValidators: Record<string, Validator> = {},
  ) {
    super(
      model,
      view,
      { children: [...children], box_style: o.box_style ?? '', ...extra },
      { children: widgetList, box_style: oneOf(['', 'success', 'info', 'warning', 'danger']), ...extraValidators },
      o,
      null,
    );
  }
  override fallbackText(): string {
    return this.children.map((c) => c.fallbackText()).join('\n');
  }
  override fallbackHtml(): string {
    const direction = this.get<string>('_model_name') === 'HBoxModel' ? 'row' : 'column';
    return `<div style="display:flex;flex-direction:${direction};gap:4px 12px;flex-wrap:wrap">${this.children.map((c) => `<div>${c.fallbackHtml()}</div>`).join('')}</div>`;
  }
}
traits(Box, ['children', 'box_style']);

export class HBox extends Box {
  constructor(children: readonly Widget[] = [], o: BoxOptions = {}) {
    super('HBoxModel', 'HBoxView', children, o);
  }
}

export class VBox extends Box {
  constructor(children: readonly Widget[] = [], o: BoxOptions = {}) {
    super('VBoxModel', 'VBoxView', children, o);
  }
}

/** Tab and Accordion: children with titles, one selected. */
class Selector extends Box {
  declare titles: string[];
  declare selected_index: number | null;
  constructor(
    model: string,
    view: string,
    children: readonly Widget[],
    o: BoxOptions & { titles?: string[]; selected_index?: number | null },
    first: number | null,
  ) {
    const titles = o.titles ?? children.map((_, i) => String(i));
    super(
      model,
      view,
      children,
      o,
      { titles, selected_index: o.selected_index === undefined ? first : o.selected_index },
      { titles: strList, selected_index: optionalIndex },
    );
  }
  override fallbackHtml(): string {
    return this.children
      .map(
        (c, i) =>
          `<details${i === this.selected_index ? ' open' : ''}><summary>${escapeHtml(this.titles[i] ?? String(i))}</summary>${c.fallbackHtml()}</details>`,
      )
      .join('');
  }
}
traits(Selector, ['titles', 'selected_index']);

export class Tab extends Selector {
  constructor(children: readonly Widget[] = [], o: BoxOptions & { titles?: string[]; selected_index?: number | null } = {}) {
    super('TabModel', 'TabView', children, o, children.length ? 0 : null);
  }
}

export class Accordion extends Selector {
  constructor(children: readonly Widget[] = [], o: BoxOptions & { titles?: string[]; selected_index?: number | null } = {}) {
    super('AccordionModel', 'AccordionView', children, o, null);
  }
}

// ---- output -----------------------------------------------------------------------------------

/**
 * An output area inside a layout. What a callback run with `capture` displays, prints or throws
 * lands in `outputs`, which the kernel syncs; so output that appears after the message that
 * triggered it has finished (an async re-run) still shows, and the notebook's saved widget
 * state keeps it.
 */
export class Output extends Widget {
  declare outputs: NbOutput[];
  private clearOnNext = false;
  constructor(o: { layout?: Record<string, string | null> } = {}) {
    super(
      {
        ...modelNames('OutputModel', 'OutputView', '@jupyter-widgets/output', '@jupyter-widgets/output', '1.0.0'),
        _dom_classes: [],
        layout: new Layout(o.layout),
        msg_id: '',
        outputs: [],
        tabbable: null,
        tooltip: null,
      },
      {
        outputs: (v, w, n) => {
          if (!Array.isArray(v)) throw new TypeError(`${where(w, n)} must be an array of nbformat outputs`);
          return v;
        },
      },
    );
  }

  appendOutput(output: NbOutput): void {
    const base = this.clearOnNext ? [] : this.outputs;
    this.clearOnNext = false;
    // Consecutive stream text of one name joins into one output, as Jupyter frontends show it.
    const last = base[base.length - 1];
    if (output.output_type === 'stream' && last?.output_type === 'stream' && last.name === output.name) {
      this.outputs = [...base.slice(0, -1), { ...last, text: String(last.text) + String(output.text) }];
    } else {
      this.outputs = [...base, output];
    }
  }

  appendStdout(text: string): void {
    this.appendOutput({ output_type: 'stream', name: 'stdout', text });
  }

  appendStderr(text: string): void {
    this.appendOutput({ output_type: 'stream', name: 'stderr', text });
  }

  /** Shows a value as `display` would (rich MIME bundle). */
  appendDisplay(value: unknown): void {
    const data = mimeBundle(value);
    for (const mime of Object.keys(data)) data[mime] = encodeData(data[mime]);
    this.appendOutput({ output_type: 'display_data', data, metadata: {} });
  }

  /** Clears the outputs; with `wait`, when the next output arrives (no flicker). */
  clear(wait = false): void {
    if (wait) this.clearOnNext = true;
    else this.outputs = [];
  }

  /**
   * Runs `fn` with its display, console and error output going here; an error thrown (or a
   * rejection) is shown here too and not rethrown. Returns what `fn` returns (awaited).
   */
  capture<T>(fn: () => T): T | Promise<Awaited<T> | undefined> | undefined {
    const sink = { append: (o: NbOutput) => this.appendOutput(o), clear: (wait: boolean) => this.clear(wait) };
    const flush = () => capturing.run(sink, () => flushStreams());
    flushStreams();
    return capturing.run(sink, () => {
      try {
        const result = fn();
        if (result && typeof (result as unknown as Promise<unknown>).then === 'function') {
          return (result as unknown as Promise<Awaited<T>>).then(
            (value) => {
              flush();
              return value;
            },
            (error) => {
              flush();
              this.reportError(error, 'captured callback');
              return undefined;
            },
          );
        }
        flushStreams();
        return result;
      } catch (error) {
        flushStreams();
        this.reportError(error, 'captured callback');
        return undefined;
      }
    });
  }

  override reportError(error: unknown, what?: string): void {
    // Errors of a captured callback belong in this area even outside the capture context.
    capturing.run({ append: (o) => this.appendOutput(o), clear: (w) => this.clear(w) }, () => super.reportError(error, what));
  }

  override fallbackText(): string {
    return this.outputs.map(outputText).join('');
  }

  override fallbackHtml(): string {
    return this.outputs.map(outputHtml).join('');
  }
}

traits(Output, ['outputs', 'msg_id']);

let flushStreams: () => void = () => undefined;
/** The kernel's stream flush, so captured console output is published before a capture ends. */
export function setStreamFlush(flush: () => void): void {
  flushStreams = flush;
}

function outputText(o: NbOutput): string {
  if (o.output_type === 'stream') return String(o.text);
  if (o.output_type === 'error') return `${o.ename}: ${o.evalue}\n`;
  const data = (o.data ?? {}) as Record<string, unknown>;
  return `${String(data['text/plain'] ?? '')}\n`;
}

function outputHtml(o: NbOutput): string {
  if (o.output_type === 'stream') return `<pre>${escapeHtml(String(o.text))}</pre>`;
  if (o.output_type === 'error') return `<pre class="error">${escapeHtml(`${o.ename}: ${o.evalue}`)}</pre>`;
  const data = (o.data ?? {}) as Record<string, unknown>;
  if (typeof data['text/html'] === 'string') return data['text/html'];
  if (typeof data['image/svg+xml'] === 'string') return data['image/svg+xml'];
  if (typeof data['image/png'] === 'string') return `<img src="data:image/png;base64,${data['image/png']}">`;
  return `<pre>${escapeHtml(String(data['text/plain'] ?? ''))}</pre>`;
}
