/**
 * Composition of widgets as in ipywidgets: `link` (kernel side), `jslink` (in the frontend, a
 * LinkModel), `interact(fn, { param: spec })`, and custom widgets as ES modules in the manner of
 * anywidget (`_esm`, `_css`, rendered by anywidget's front-end).
 */
import { Checkbox, Dropdown, FloatSlider, IntSlider, Layout, Output, Text, VBox } from './widgets-controls';
import { type Change, type Validator, Widget, type WidgetState } from './widgets';

type End = readonly [Widget, string];

/** Keeps two traits equal, kernel side (a change to either sets the other). Returns an unlink. */
export function link(source: End, target: End, transform?: { forward?: (v: any) => unknown; back?: (v: any) => unknown }): () => void {
  for (const [w, name] of [source, target]) {
    if (!(w instanceof Widget)) throw new TypeError('link: each end must be [widget, traitName]');
    if (!w.traitNames().includes(name) && !(name in w)) throw new RangeError(`link: ${w.constructor.name} has no trait '${name}'`);
  }
  let busy = false;
  const copy = (from: End, to: End, f?: (v: any) => unknown) => (change: Change) => {
    if (busy) return;
    busy = true;
    try {
      to[0].set(to[1], f ? f(change.new) : change.new);
    } finally {
      busy = false;
    }
  };
  target[0].set(target[1], transform?.forward ? transform.forward(source[0].get(source[1])) : source[0].get(source[1]));
  const off1 = source[0].observe(source[1], copy(source, target, transform?.forward));
  const off2 = target[0].observe(target[1], copy(target, source, transform?.back));
  return () => {
    off1();
    off2();
  };
}

/** Links two traits in the frontend only (no kernel round trip): a LinkModel. */
export class JsLink extends Widget {
  constructor(source: End, target: End, directional = false) {
    super({
      _model_module: '@jupyter-widgets/controls',
      _model_module_version: '2.0.0',
      _model_name: directional ? 'DirectionalLinkModel' : 'LinkModel',
      _view_module: '@jupyter-widgets/controls',
      _view_module_version: '2.0.0',
      _view_name: null,
      _view_count: null,
      source: [source[0], source[1]],
      target: [target[0], target[1]],
    });
  }
  unlink(): void {
    this.close();
  }
}

export function jslink(source: End, target: End): JsLink {
  return new JsLink(source, target);
}

/**
 * What `interact` makes a control of: a widget as is; `[min, max]` or `[min, max, step]` a
 * slider (integer when all are integers); a boolean a checkbox; a string a text box; an array
 * of values or of [label, value] pairs a dropdown.
 */
export type InteractSpec = Widget | readonly [number, number] | readonly [number, number, number] | boolean | string | readonly unknown[];

function controlFor(name: string, spec: InteractSpec): Widget {
  if (spec instanceof Widget) return spec;
  if (typeof spec === 'boolean') return new Checkbox({ description: name, value: spec });
  if (typeof spec === 'string') return new Text({ description: name, value: spec });
  if (Array.isArray(spec)) {
    if ((spec.length === 2 || spec.length === 3) && spec.every((x) => typeof x === 'number')) {
      const [min, max, step] = spec as number[];
      if (min > max) throw new RangeError(`interact: '${name}': min ${min} is above max ${max}`);
      const integer = spec.every(Number.isInteger);
      const value = integer ? Math.round((min + max) / 2) : (min + max) / 2;
      return integer
        ? new IntSlider({ description: name, min, max, step: step ?? 1, value })
        : new FloatSlider({ description: name, min, max, step: step ?? (max - min) / 100, value });
    }
    if (spec.length > 0) return new Dropdown({ description: name, options: spec as unknown[] });
  }
  throw new TypeError(`interact: '${name}': expected a widget, [min, max(, step)], a boolean, a string or an array of options, got ${JSON.stringify(spec)}`);
}

/** The value a spec's control gives the function. */
export type ValueOf<T> = T extends boolean
  ? boolean
  : T extends string
    ? string
    : T extends readonly number[]
      ? number
      : T extends { value: infer V }
        ? V
        : T extends readonly (infer V)[]
          ? V extends readonly [string, infer W]
            ? W
            : V
          : unknown;

export interface Interactive<P> extends VBox {
  /** The controls by parameter name. */
  controls: { [K in keyof P]: Widget };
  /** Where the function's output goes. */
  output: Output;
  /** Runs the function again with the controls' current values. */
  update(): void;
}

/**
 * Controls for `fn`'s parameters; each change calls `fn({ ...values })` again with its output
 * (display, console, errors, and its return value when not undefined) shown below, replacing
 * the last. Returns the box; a cell ending in it shows it.
 */
export function interact<S extends Record<string, InteractSpec>, P extends { [K in keyof S]: ValueOf<S[K]> } = { [K in keyof S]: ValueOf<S[K]> }>(
  fn: (values: P) => unknown,
  specs: S,
): Interactive<P> {
  if (typeof fn !== 'function') throw new TypeError('interact: the first argument must be a function ({ ...values }) => unknown');
  const controls = Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, controlFor(name, spec as InteractSpec)])) as {
    [K in keyof P]: Widget;
  };
  const output = new Output();
  const box = new VBox([...Object.values(controls), output], {}) as Interactive<P>;
  box.controls = controls;
  box.output = output;
  for (const control of Object.values(controls)) control.errorOutput = output;
  box.errorOutput = output; // the box's own output shows errors: no cell error area for it
  box.update = () => {
    const values = Object.fromEntries(Object.entries(controls).map(([name, c]) => [name, (c as Widget).get('value')])) as P;
    output.clear(true);
    const shown = (result: unknown) => {
      if (result !== undefined) output.appendDisplay(result);
    };
    const result = output.capture(() => fn(values));
    if (result && typeof (result as Promise<unknown>).then === 'function') void (result as Promise<unknown>).then(shown);
    else shown(result);
  };
  for (const control of Object.values(controls)) (control as Widget).observe('value', () => box.update());
  box.update();
  return box;
}

/**
 * A custom widget as an ES module, as anywidget defines them: `esm` exports `render({ model, el })`
 * (and optionally `initialize`); `model.get/set/save_changes/on` talk to these traits. Shown by
 * anywidget's front-end (the `anywidget` JupyterLab extension).
 */
export class AnyWidget extends Widget {
  constructor(definition: { esm: string; css?: string; traits?: WidgetState; validators?: Record<string, Validator> }) {
    if (typeof definition?.esm !== 'string' || !definition.esm.trim())
      throw new TypeError('AnyWidget: esm must be the source of an ES module exporting render({ model, el })');
    super(
      {
        _model_module: 'anywidget',
        _model_module_version: '*',
        _model_name: 'AnyModel',
        _view_module: 'anywidget',
        _view_module_version: '*',
        _view_name: 'AnyView',
        _view_count: null,
        _dom_classes: [],
        layout: new Layout(),
        tabbable: null,
        tooltip: null,
        _esm: definition.esm,
        _css: definition.css ?? '',
        _anywidget_id: 'clusterlab.AnyWidget',
        ...(definition.traits ?? {}),
      },
      definition.validators,
    );
  }
  override fallbackText(): string {
    return `custom widget (${this.traitNames()
      .map((n) => `${n}: ${JSON.stringify(this.get(n))}`)
      .join(', ')})`;
  }
}
