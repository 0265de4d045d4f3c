import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import type { TimeSeriesPayload } from '../../src/views/payloads';
import { TIMESERIES_MIME } from './mime';
import { readTheme } from './palette';
import { buildFigure, checkTimeSeriesPayload } from './figure';
import { el, showError, watchTheme } from './dom';
import { loadPlotly } from './plotly';

const PLOT_CONFIG = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ['select2d', 'lasso2d'] };

/**
 * Ensemble trajectories against the paper's observations. A re-render of the same output (an
 * `update_display_data` while a run streams) redraws with Plotly.react on the same element, which
 * diffs the figure instead of rebuilding it: no flicker, and zoom survives through `uirevision`.
 */
export class TimeSeriesWidget extends Widget implements IRenderMime.IRenderer {
  private readonly mimeType: string;
  private readonly toolbar = el('div', 'cl-timeseries-toolbar');
  private readonly logBox = el('input', 'cl-timeseries-log');
  private readonly status = el('span', 'cl-timeseries-status');
  private readonly plot = el('div', 'cl-timeseries-plot');
  private payload: TimeSeriesPayload | null = null;
  private drawn = false;
  /** The JSON of the payload last drawn, so that storing our own PNG does not trigger a redraw. */
  private drawnSignature = '';
  /** Renders run one after another; only the newest waiting payload is drawn. */
  private queue: Promise<void> = Promise.resolve();
  private latest: IRenderMime.IMimeModel | null = null;
  private readonly stopWatchingTheme: () => void;
  private readonly resizeObserver: ResizeObserver | null;
  private lastWidth = 0;

  constructor(options: IRenderMime.IRendererOptions) {
    super();
    this.mimeType = options.mimeType;
    this.addClass('cl-timeseries');
    this.logBox.type = 'checkbox';
    const logLabel = el('label', 'cl-timeseries-logtoggle');
    logLabel.append(this.logBox, document.createTextNode(' log scale'));
    this.status.setAttribute('aria-live', 'polite');
    this.toolbar.append(logLabel, this.status);
    this.node.append(this.toolbar, this.plot);
    this.logBox.addEventListener('change', () => this.enqueue(() => this.redraw()));
    this.stopWatchingTheme = watchTheme(() => this.enqueue(() => this.redraw()));
    // JupyterLab lays out notebooks lazily: an output can get its width long after it is attached.
    this.resizeObserver = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => this.onResize());
    this.resizeObserver?.observe(this.plot);
  }

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.latest = model;
    return this.enqueue(async () => {
      if (this.latest === model) await this.draw(model);
    });
  }

  /** Runs drawing steps one after another; a failed step shows its error and does not stop later ones. */
  private enqueue(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(step).catch((err) => {
      this.drawn = false;
      showError(this.plot, err);
    });
    return this.queue;
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.stopWatchingTheme();
    this.resizeObserver?.disconnect();
    if (this.drawn) void loadPlotly().then((Plotly) => Plotly.purge(this.plot));
    super.dispose();
  }

  protected override onAfterAttach(): void {
    // JupyterLab renders before attaching, when the theme's CSS variables cannot be read yet:
    // redraw with the real colours, at the real width.
    void this.enqueue(async () => {
      if (!this.drawn) return;
      await this.redraw();
      await this.resize();
    });
  }

  protected override onResize(): void {
    if (this.drawn && this.plot.clientWidth > 0 && this.plot.clientWidth !== this.lastWidth) void this.resize();
  }

  /** Fits the plot to its element's width (the height is fixed by the figure); not while it has no width. */
  private async resize(): Promise<void> {
    if (this.plot.clientWidth === 0) return;
    this.lastWidth = this.plot.clientWidth;
    const Plotly = await loadPlotly();
    await Plotly.Plots.resize(this.plot);
  }

  private async draw(model: IRenderMime.IMimeModel): Promise<void> {
    const data = model.data[this.mimeType] ?? model.data[TIMESERIES_MIME];
    const signature = JSON.stringify(data);
    if (this.drawn && signature === this.drawnSignature) return;
    const payload = checkTimeSeriesPayload(data);
    this.payload = payload;
    this.drawnSignature = signature;
    const live = payload.live;
    this.status.textContent = live && !live.done ? `running: step ${live.step} of ${live.of}` : '';
    await this.redraw();
    if (!live || live.done) await this.storeImage(model);
  }

  private async redraw(): Promise<void> {
    if (!this.payload || this.isDisposed) return;
    const Plotly = await loadPlotly();
    const { data, layout } = buildFigure(this.payload, readTheme(this.node), { log: this.logBox.checked });
    // A fixed element height keeps plotly's autosize from collapsing the plot in a zero-height container.
    this.plot.style.height = `${layout.height}px`;
    if (this.drawn) {
      await Plotly.react(this.plot, data, layout, PLOT_CONFIG);
    } else {
      this.plot.replaceChildren();
      await Plotly.newPlot(this.plot, data, layout, PLOT_CONFIG);
      this.drawn = true;
    }
  }

  /** Leaves a PNG in the output (as jupyterlab-plotly does) so that viewers without this extension see the plot. */
  private async storeImage(model: IRenderMime.IMimeModel): Promise<void> {
    const Plotly = await loadPlotly();
    const url = await Plotly.toImage(this.plot, { format: 'png', width: Math.max(600, this.plot.clientWidth || 800) });
    const png = url.split(',')[1];
    if (!png || model.data['image/png'] === png) return;
    model.setData({ data: { ...model.data, 'image/png': png } });
  }
}
