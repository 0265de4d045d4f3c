/**
 * The network and time-series views as widgets that live inside widget layouts:
 * `new VBox([new IntSlider(), new NetworkView(run)])`. Each is an anywidget ES module (built from
 * extension/src/esm by `npm run build` into dist/esm) drawing the `payload` trait, the same JSON
 * as the MIME bundles `show(run)` and `show(ensemble)` display; setting the payload (or calling
 * `update(x)`) redraws the view in place. Readers without a widget manager (the classic notebook,
 * the static site) see the library's SVG of the same payload.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NetworkPayload, TimeSeriesPayload } from '../src/views/payloads';
import type { ShowOptions } from '../src/views/show';
import { AnyWidget } from './widgets-interact';
import { escapeHtml, type Validator } from './widgets';

/** The views of the library, loaded from the build next to the kernel, on first use. */
function views() {
  const root = join(__dirname, '..', 'src', 'views');
  return {
    show: require(join(root, 'show')) as typeof import('../src/views/show'),
    network: require(join(root, 'network')) as typeof import('../src/views/network'),
    timeseries: require(join(root, 'timeseries')) as typeof import('../src/views/timeseries'),
    svgNetwork: require(join(root, 'svg-network')) as typeof import('../src/views/svg-network'),
    svgTimeseries: require(join(root, 'svg-timeseries')) as typeof import('../src/views/svg-timeseries'),
  };
}

const bundles = new Map<string, string>();

/** A file of dist/esm, read once. */
function bundle(file: string): string {
  let text = bundles.get(file);
  if (text === undefined) {
    const path = join(__dirname, '..', 'esm', file);
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new Error(`the views' ES module ${path} is missing: build it with \`npm run build\``);
    }
    bundles.set(file, text);
  }
  return text;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

const checkNetworkPayload: Validator = (value) => {
  if (value === null) return null;
  const fail = (field: string, want: string): never => {
    throw new TypeError(`NetworkView: payload.${field} must be ${want}`);
  };
  if (!isObject(value)) throw new TypeError('NetworkView: payload must be a network payload { version: 1, years, nodes, edges } or null');
  if (value.version !== 1) fail('version', '1');
  const years = value.years as unknown[];
  if (!Array.isArray(years) || years.length !== 2 || !years.every(Number.isFinite) || (years[0] as number) > (years[1] as number))
    fail('years', '[first, last] with first <= last');
  if (!Array.isArray(value.nodes)) fail('nodes', 'an array');
  if (!Array.isArray(value.edges)) fail('edges', 'an array');
  return value;
};

const checkTimeSeriesPayload: Validator = (value) => {
  if (value === null) return null;
  if (!isObject(value)) throw new TypeError('TimeSeriesView: payload must be a time-series payload { version: 1, panels } or null');
  if (value.version !== 1) throw new TypeError('TimeSeriesView: payload.version must be 1');
  if (!Array.isArray(value.panels)) throw new TypeError('TimeSeriesView: payload.panels must be an array');
  return value;
};

/**
 * A run's network (or a network history's) with the year slider, zoom, search and hover of the
 * JupyterLab view, drawn by WebGL, inside any widget layout.
 */
export class NetworkView extends AnyWidget {
  /**
   * @param source what `show(x)` draws as a network: a run, a network history; or nothing, for a
   *   view that gets its payload later (`view.payload = ...` or `view.update(run)`)
   * @param options as `show(x, options)`: `title`, `network: { year, seed, ... }`
   */
  constructor(source?: unknown, options: ShowOptions = {}) {
    super({
      esm: bundle('network-view.js'),
      css: bundle('views.css'),
      traits: { _anywidget_id: 'clusterlab.NetworkView', payload: source === undefined || source === null ? null : NetworkView.payloadOf(source, options) },
      validators: { payload: checkNetworkPayload },
    });
  }

  /** The payload `show(x, options)` would draw as the network of x. */
  static payloadOf(source: unknown, options: ShowOptions = {}): NetworkPayload {
    const lib = views();
    const input = lib.show.networkInput(source, options);
    if (!input) throw new TypeError('NetworkView: expected a run or a network history { years, nodes, edges }');
    return lib.network.networkPayload(input.history, input.options);
  }

  get payload(): NetworkPayload | null {
    return this.get<NetworkPayload | null>('payload');
  }

  set payload(payload: NetworkPayload | null) {
    this.set('payload', payload);
  }

  /** Draws the network of another run or history in place. */
  update(source: unknown, options: ShowOptions = {}): this {
    return this.set('payload', NetworkView.payloadOf(source, options));
  }

  override fallbackText(): string {
    const payload = this.payload;
    return payload ? views().network.networkText(payload) : 'network view (nothing drawn yet)';
  }

  override fallbackHtml(): string {
    const payload = this.payload;
    if (!payload) return `<span>${escapeHtml(this.fallbackText())}</span>`;
    return `<div class="cl-static-network" style="max-width:100%;overflow-x:auto">${views().svgNetwork.networkFigure(payload).svg}</div>`;
  }
}

/**
 * An ensemble's (or a run's, or several's) time series against the paper's values, with hover
 * values and band toggles, inside any widget layout.
 */
export class TimeSeriesView extends AnyWidget {
  /**
   * @param source what `show(x)` draws as a time series: an ensemble, a run, a list of them; or
   *   nothing, for a view that gets its payload later
   * @param options as `show(x, options)`: `title`, `timeseries: { metrics, ... }`
   */
  constructor(source?: unknown, options: ShowOptions = {}) {
    super({
      esm: bundle('timeseries-view.js'),
      css: bundle('views.css'),
      traits: {
        _anywidget_id: 'clusterlab.TimeSeriesView',
        payload: source === undefined || source === null ? null : TimeSeriesView.payloadOf(source, options),
      },
      validators: { payload: checkTimeSeriesPayload },
    });
  }

  /** The payload `show(x, options)` would draw as the time series of x. */
  static payloadOf(source: unknown, options: ShowOptions = {}): TimeSeriesPayload {
    const lib = views();
    const input = lib.show.timeseriesInput(source, options);
    if (!input) throw new TypeError('TimeSeriesView: expected a run, an ensemble, or a list of runs or ensembles');
    return lib.timeseries.timeseriesPayload(input.input, input.options);
  }

  get payload(): TimeSeriesPayload | null {
    return this.get<TimeSeriesPayload | null>('payload');
  }

  set payload(payload: TimeSeriesPayload | null) {
    this.set('payload', payload);
  }

  /** Draws the time series of another ensemble or run in place. */
  update(source: unknown, options: ShowOptions = {}): this {
    return this.set('payload', TimeSeriesView.payloadOf(source, options));
  }

  override fallbackText(): string {
    const payload = this.payload;
    return payload ? views().timeseries.timeseriesText(payload) : 'time-series view (nothing drawn yet)';
  }

  override fallbackHtml(): string {
    const payload = this.payload;
    return payload ? views().svgTimeseries.timeseriesSvg(payload) : `<span>${escapeHtml(this.fallbackText())}</span>`;
  }
}
