import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import type { NetworkNode, NetworkPayload } from '../../src/views/payloads';
import { NETWORK_MIME } from './mime';
import { nodeName, readTheme, sizeIn } from './palette';
import { Timeline, checkNetworkPayload, countText } from './timeline';
import { el, showError, watchTheme } from './dom';
import { buildLegend } from './legend';
import { NetworkRenderer } from './renderer';
import { buildScene, hexToRgb, yearBounds, type NetworkScene } from './scene';
import { networkFigure } from '../../src/views/svg-network';

/** Milliseconds per year while playing. */
const PLAY_STEP_MS = 450;
/** Pause in scrubbing after which labels come back (longer than a play step). */
const SCRUB_SETTLE_MS = 700;
/** Pause in panning or zooming after which labels (and, for large networks, edges) come back. */
const MOVE_SETTLE_MS = 200;
/** Quiet time after a payload is drawn before its picture is stored in the output as a PNG. */
const IMAGE_DELAY_MS = 800;
/**
 * Out of view this long, a widget gives back its WebGL context (its layers are ~13 MB, ~21 MB at
 * device pixel ratio 2, and Chromium drops a page's oldest context beyond ~16); it builds a new
 * one when it comes back, with the same year, camera and search.
 */
const RELEASE_AFTER_MS = 5000;
/** How far outside the window a widget counts as in view: it is drawn again before it shows. */
const VIEW_MARGIN = '200px 0px';
/** How long the wheel hint stays on the stage. */
const WHEEL_HINT_MS = 1500;
/** Above this many edges they are left out while the view moves: redrawing them all takes a whole frame in software. */
const EDGES_HIDDEN_ON_MOVE = 5000;
/**
 * Output metadata marking a picture this widget stored: saved with the notebook, it tells a reopened
 * notebook's widget that the picture is its own to replace, not one the kernel made.
 */
const WIDGET_PICTURE_KEY = 'clusterlab/widget-picture';

/**
 * The cluster's network as it stood in a chosen year. All nodes and edges of all years are drawn by
 * one WebGL canvas (NetworkRenderer), at positions from the payload so nothing moves as the network
 * grows; the year slider only changes a shader uniform. A re-render with a payload that extends the
 * one shown (a live run: same nodes first, more after) updates the buffers in place.
 */
export class NetworkWidget extends Widget implements IRenderMime.IRenderer {
  private readonly mimeType: string;
  private readonly toolbar = el('div', 'cl-network-toolbar');
  private readonly playButton = el('button', 'cl-network-play', '▶');
  private readonly slider = el('input', 'cl-network-year');
  private readonly yearLabel = el('span', 'cl-network-year-label');
  private readonly search = el('input', 'cl-network-search');
  private readonly matches = el('span', 'cl-network-matches');
  private readonly count = el('span', 'cl-network-count');
  private readonly fitButton = el('button', 'cl-network-fit', 'Fit');
  private readonly pngButton = el('button', 'cl-network-export', '⤓ PNG');
  private readonly svgButton = el('button', 'cl-network-export', '⤓ SVG');
  private readonly heading = el('div', 'cl-network-title');
  private readonly stage = el('div', 'cl-network-stage');
  private readonly tooltip = el('div', 'cl-network-tooltip');
  private readonly wheelHint = el('div', 'cl-network-hint', wheelHintText());
  private legend: HTMLElement = el('div', 'cl-legend');

  private renderer: NetworkRenderer | null = null;
  private payload: NetworkPayload | null = null;
  private timeline: Timeline | null = null;
  private scene: NetworkScene | null = null;
  private model: IRenderMime.IMimeModel | null = null;
  private year = 0;
  private query = '';
  private matched: number[] = [];
  private hovered: number | null = null;
  private drag: { x: number; y: number } | null = null;
  private playTimer: number | null = null;
  private settleTimer: number | null = null;
  private imageTimer: number | null = null;
  private hintTimer: number | null = null;
  private releaseTimer: number | null = null;
  private inView = true;
  /** The camera of a renderer given back while out of view (see release), or null. */
  private released: CameraView | null = null;
  /** The box the view was last fitted to (the nodes of a year). */
  private fitted: NetworkScene['bounds'] | null = null;
  /** Whether the output holds a picture of the payload shown. */
  private imageStored = false;
  /** The last picture this widget stored, to tell it from one the kernel sent. */
  private storedPng: string | null = null;
  /** The output came with the kernel's picture: keep it. */
  private kernelImage = false;
  private animation: number | null = null;
  private background = '#ffffff';
  private readonly stopWatchingTheme: () => void;
  private readonly resizeObserver: ResizeObserver | null;
  private readonly visibilityObserver: IntersectionObserver | null;

  constructor(options: IRenderMime.IRendererOptions) {
    super();
    this.mimeType = options.mimeType;
    this.addClass('cl-network');
    this.node.tabIndex = 0;
    this.node.setAttribute('aria-label', 'Cluster network; space plays or pauses the years');

    this.playButton.type = 'button';
    this.playButton.setAttribute('aria-label', 'Play');
    this.playButton.title = 'Play or pause the years (space)';
    this.slider.type = 'range';
    this.slider.step = '1';
    this.slider.setAttribute('aria-label', 'Year');
    this.search.type = 'search';
    this.search.placeholder = 'Search nodes';
    this.search.setAttribute('aria-label', 'Search nodes by name');
    this.count.setAttribute('aria-live', 'polite');
    this.tooltip.setAttribute('role', 'tooltip');
    this.tooltip.hidden = true;
    this.wheelHint.hidden = true;
    this.wheelHint.setAttribute('aria-hidden', 'true');

    for (const [button, title] of [
      [this.fitButton, 'Fit the view to the nodes of the year shown'],
      [this.pngButton, 'Download the picture as shown (PNG)'],
      [this.svgButton, 'Download the year shown as a figure (SVG, with legend)'],
    ] as const) {
      button.type = 'button';
      button.title = title;
      button.setAttribute('aria-label', title);
    }
    this.toolbar.append(this.playButton, this.slider, this.yearLabel, this.search, this.matches, this.count, this.fitButton, this.pngButton, this.svgButton);
    this.stage.append(this.tooltip, this.wheelHint);
    this.node.append(this.heading, this.toolbar, this.stage, this.legend);

    this.playButton.addEventListener('click', () => this.togglePlay());
    this.fitButton.addEventListener('click', () => this.fitYear());
    this.pngButton.addEventListener('click', () => this.exportPng());
    this.svgButton.addEventListener('click', () => this.exportSvg());
    this.slider.addEventListener('input', () => {
      this.stopPlay();
      this.setYear(Number(this.slider.value));
    });
    this.search.addEventListener('input', () => this.setQuery(this.search.value));
    this.search.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.focusFirstMatch();
    });
    this.node.addEventListener('keydown', (e) => this.onKey(e));
    this.stage.addEventListener('mousemove', (e) => this.onPointerMove(e));
    this.stage.addEventListener('mousedown', (e) => {
      if (e.button === 0) this.drag = { x: e.clientX, y: e.clientY };
      // A click on the network engages the wheel for zooming (see onWheel).
      if (!this.node.contains(document.activeElement)) this.node.focus({ preventScroll: true });
      this.hideWheelHint();
    });
    window.addEventListener('mouseup', this.endDrag);
    this.stage.addEventListener('mouseleave', () => this.hideTooltip());
    this.stage.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });

    this.stopWatchingTheme = watchTheme(() => this.applyTheme());
    // JupyterLab lays out notebooks lazily: the stage gets its size after it was rendered.
    this.resizeObserver = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => this.fitStage());
    this.resizeObserver?.observe(this.stage);
    // A cell scrolled far away and back keeps its size: draw again when it shows.
    this.visibilityObserver =
      typeof IntersectionObserver === 'undefined'
        ? null
        : new IntersectionObserver((entries) => this.onVisibility(entries[entries.length - 1].isIntersecting), {
            rootMargin: VIEW_MARGIN,
          });
    this.visibilityObserver?.observe(this.stage);
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const data = model.data[this.mimeType] ?? model.data[NETWORK_MIME];
    this.model = model;
    try {
      const payload = checkNetworkPayload(data);
      if (payload === this.payload) return;
      const sent = model.data['image/png'];
      // Storing our own picture changes the output, and JupyterLab renders it again: the network
      // is the one shown, so the reader's year, zoom and search stay as they are.
      if (this.payload && this.storedPng !== null && sent === this.storedPng) {
        this.payload = payload;
        return;
      }
      // A picture the kernel made (src/views/raster.ts: legend, every institution named, the same on
      // every machine) is kept; the widget stores its own only where the output has none, or has
      // one the widget stored before (marked in the output's metadata, so also after reopening).
      const ownPicture = sent === this.storedPng || model.metadata?.[WIDGET_PICTURE_KEY] === true;
      this.kernelImage = typeof sent === 'string' && sent !== '' && !ownPicture;
      this.imageStored = this.kernelImage;
      if (this.payload && (this.renderer || this.released) && extendsPayload(payload, this.payload)) this.extendWith(payload);
      else this.build(payload);
      this.scheduleImage();
    } catch (err) {
      this.stopPlay();
      this.renderer?.dispose();
      this.renderer = null;
      this.released = null;
      delete this.stage.dataset.gpu;
      this.payload = null;
      this.timeline = null;
      this.scene = null;
      this.toolbar.hidden = true;
      this.legend.hidden = true;
      showError(this.stage, err);
    }
  }

  /** The year shown, for tests and the static site. */
  get currentYear(): number {
    return this.year;
  }

  setYear(year: number): void {
    if (!this.timeline || !this.payload) return;
    const previous = this.year;
    this.year = this.timeline.clampYear(year);
    this.showYear();
    if (this.hovered !== null) {
      // A tooltip left over a node follows the year: its ties and size are the year's.
      if (!this.timeline.nodeVisible(this.hovered, this.year)) this.hideTooltip();
      else if (previous !== this.year) this.tooltip.replaceChildren(...this.tooltipOf(this.hovered));
    }
    if (previous === this.year) return;
    // The stored picture shows another year now. Flagged here, not only when settling: a widget that
    // gives back its canvas before it settles takes the picture when it draws again in view.
    if (!this.kernelImage) this.imageStored = false;
    if (!this.renderer) return;
    // Labels wait until scrubbing pauses: a frame is then only the year uniform and the changed edges.
    this.renderer.labelsShown = false;
    this.renderer.setYear(this.year);
    this.settleLater(SCRUB_SETTLE_MS);
  }

  /** Where a node is drawn, in pixels from the stage's top left; null when hidden or unknown. */
  nodePosition(id: string): { x: number; y: number } | null {
    const i = this.timeline?.nodeIndex.get(id);
    if (i === undefined || !this.renderer || !this.timeline!.nodeVisible(i, this.year)) return null;
    return this.renderer.position(i);
  }

  togglePlay(): void {
    if (this.playTimer !== null) this.stopPlay();
    else this.startPlay();
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.stopPlay();
    for (const timer of [this.settleTimer, this.imageTimer, this.hintTimer, this.releaseTimer]) if (timer !== null) window.clearTimeout(timer);
    if (this.animation !== null) cancelAnimationFrame(this.animation);
    window.removeEventListener('mouseup', this.endDrag);
    this.stopWatchingTheme();
    this.resizeObserver?.disconnect();
    this.visibilityObserver?.disconnect();
    this.renderer?.dispose();
    this.renderer = null;
    super.dispose();
  }

  protected override onAfterAttach(): void {
    this.fitStage();
  }

  protected override onResize(): void {
    this.fitStage();
  }

  private onVisibility(visible: boolean): void {
    this.inView = visible;
    if (this.releaseTimer !== null) window.clearTimeout(this.releaseTimer);
    this.releaseTimer = null;
    if (visible) this.fitStage();
    else if (this.renderer) this.releaseTimer = window.setTimeout(() => this.release(), RELEASE_AFTER_MS);
  }

  /** Gives back the WebGL context and all its GPU memory; fitStage builds a new one in view. */
  private release(): void {
    this.releaseTimer = null;
    const renderer = this.renderer;
    if (!renderer || this.inView) return;
    if (this.animation !== null) cancelAnimationFrame(this.animation);
    this.animation = null;
    this.hideTooltip();
    this.released = cameraView(renderer);
    renderer.dispose();
    this.renderer = null;
    this.stage.dataset.gpu = 'released';
  }

  /** Sizes the canvases to the stage and draws at once, so a resize never shows an empty canvas. */
  private fitStage(): void {
    if (this.renderer?.isLost) this.remount(cameraView(this.renderer));
    else if (this.released && this.inView) this.remount(this.released);
    if (!this.renderer?.resize()) return;
    this.renderer.render();
    // Rendered while hidden, it could not take its picture then.
    if (!this.imageStored && this.imageTimer === null && this.settleTimer === null) this.scheduleImage();
  }

  /**
   * A new canvas and WebGL context for the network shown, with the same view: a browser drops the
   * oldest contexts of a page that has many and does not give them back, so a widget scrolled back
   * into view would otherwise stay blank.
   */
  private remount(view: CameraView): void {
    this.renderer?.dispose();
    this.renderer = null;
    this.released = null;
    if (!this.scene || !this.payload) return;
    let renderer: NetworkRenderer;
    try {
      renderer = new NetworkRenderer(this.stage);
    } catch (err) {
      showError(this.stage, err);
      return;
    }
    this.renderer = renderer;
    this.stage.dataset.gpu = 'held';
    this.readColours();
    renderer.labelThreshold = labelThreshold(this.payload);
    renderer.setScene(
      this.scene,
      this.payload.nodes.map((n) => n.label),
    );
    renderer.fitTo(this.fitted);
    Object.assign(renderer.camera, view);
    renderer.setYear(this.year);
    renderer.setMatches(this.query ? this.matched : null);
    renderer.setHovered(this.hovered);
  }

  private build(payload: NetworkPayload): void {
    this.stopPlay();
    this.hideTooltip();
    this.payload = payload;
    this.timeline = new Timeline(payload);
    this.year = this.timeline.clampYear(payload.year ?? payload.years[1]);
    this.scene = buildScene(payload, this.timeline);
    if (this.released) {
      // Drawn when it comes back into view, fitted as a new payload is.
      this.released = { x: 0, y: 0, ratio: 1, fitted: true };
      this.fitted = yearBounds(this.scene, this.year);
    } else {
      if (!this.renderer) {
        this.stage.replaceChildren(this.tooltip, this.wheelHint);
        this.renderer = new NetworkRenderer(this.stage);
        this.stage.dataset.gpu = 'held';
        this.readColours();
      }
      this.renderer.labelThreshold = labelThreshold(payload);
      this.renderer.setScene(
        this.scene,
        payload.nodes.map((n) => n.label),
      );
      this.fitted = yearBounds(this.scene, this.year);
      this.renderer.fitTo(this.fitted);
      this.renderer.setYear(this.year);
    }

    this.heading.textContent = payload.title ?? '';
    this.heading.hidden = !payload.title;
    this.replaceLegend(payload);
    this.toolbar.hidden = false;
    this.setQuery(this.search.value);
    this.setSliderRange();
    this.showYear();
    this.fitStage();
  }

  /**
   * A payload that extends the one shown (a live run's next update): new buffers in the same
   * canvas, the same camera and search; the year follows the run if it was showing the last one.
   */
  private extendWith(payload: NetworkPayload): void {
    // Following the run only when it has gone on: the same years again keep the reader's year.
    const follows = this.year === this.timeline!.last && payload.years[1] > this.timeline!.last;
    this.hideTooltip();
    this.payload = payload;
    this.timeline = new Timeline(payload);
    this.year = follows ? this.timeline.clampYear(payload.year ?? payload.years[1]) : this.timeline.clampYear(this.year);
    this.scene = buildScene(payload, this.timeline);
    // Given back while out of view, the renderer is built with this scene when the widget shows.
    const renderer = this.renderer;
    if (renderer) {
      renderer.labelThreshold = labelThreshold(payload);
      renderer.setScene(
        this.scene,
        payload.nodes.map((n) => n.label),
      );
      if (renderer.camera.fitted) {
        this.fitted = yearBounds(this.scene, this.year);
        renderer.fitTo(this.fitted);
      }
      renderer.setYear(this.year);
    } else if (this.released?.fitted) this.fitted = yearBounds(this.scene, this.year);
    this.heading.textContent = payload.title ?? '';
    this.heading.hidden = !payload.title;
    this.replaceLegend(payload);
    this.setQuery(this.search.value);
    this.setSliderRange();
    this.showYear();
    this.fitStage();
  }

  private replaceLegend(payload: NetworkPayload): void {
    const legend = buildLegend(payload);
    this.legend.replaceWith(legend);
    this.legend = legend;
  }

  private setSliderRange(): void {
    const { first, last } = this.timeline!;
    this.slider.min = String(first);
    this.slider.max = String(last);
    this.slider.disabled = first === last;
    this.playButton.disabled = first === last;
  }

  private showYear(): void {
    this.slider.value = String(this.year);
    this.yearLabel.textContent = String(this.year);
    this.count.textContent = countText(this.timeline!.counts(this.year), this.year);
  }

  /** Labels (and edges hidden while moving) come back once nothing has moved for `ms`. */
  private settleLater(ms: number): void {
    if (this.settleTimer !== null) window.clearTimeout(this.settleTimer);
    this.settleTimer = window.setTimeout(() => {
      this.settleTimer = null;
      if (!this.renderer) return;
      this.followYear();
      this.renderer.labelsShown = true;
      if (!this.renderer.edgesShown) {
        this.renderer.edgesShown = true;
        this.renderer.invalidateEdges();
      }
      this.renderer.settle();
      this.scheduleImage();
    }, ms);
    if (this.imageTimer !== null) window.clearTimeout(this.imageTimer);
    this.imageTimer = null;
  }

  /** The view moved (pan, zoom): redraw without labels, and without edges when there are many. */
  private viewMoved(): void {
    const renderer = this.renderer;
    if (!renderer || !this.payload) return;
    renderer.labelsShown = false;
    if (this.payload.edges.length > EDGES_HIDDEN_ON_MOVE) renderer.edgesShown = false;
    renderer.invalidateEdges();
    this.settleLater(MOVE_SETTLE_MS);
  }

  /**
   * Stores the drawn picture in the output as image/png (as the time series does), so that a saved
   * notebook shows the network where this extension is not installed. Waits for a quiet moment.
   */
  private scheduleImage(): void {
    if (this.imageTimer !== null) window.clearTimeout(this.imageTimer);
    this.imageTimer = window.setTimeout(() => {
      this.imageTimer = null;
      if (this.settleTimer !== null) return; // settling schedules it again
      this.storeImage();
    }, IMAGE_DELAY_MS);
  }

  private storeImage(): void {
    const model = this.model;
    if (this.kernelImage) return;
    const picture = this.renderer?.snapshot(this.background);
    if (!model || !picture || this.isDisposed) return;
    const png = picture.toDataURL('image/png').split(',')[1];
    this.imageStored = Boolean(png);
    if (!png || model.data['image/png'] === png) return;
    this.storedPng = png;
    model.setData({ data: { ...model.data, 'image/png': png }, metadata: { ...model.metadata, [WIDGET_PICTURE_KEY]: true } });
  }

  private onPointerMove(e: MouseEvent): void {
    const renderer = this.renderer;
    if (!renderer) return;
    if (this.drag && e.buttons & 1) {
      renderer.camera.panBy(e.clientX - this.drag.x, e.clientY - this.drag.y);
      this.drag = { x: e.clientX, y: e.clientY };
      this.hideTooltip();
      this.viewMoved();
      return;
    }
    const box = this.stage.getBoundingClientRect();
    const x = e.clientX - box.left - this.stage.clientLeft;
    const y = e.clientY - box.top - this.stage.clientTop;
    const i = renderer.pick(x, y);
    if (i === null) this.hideTooltip();
    else if (i !== this.hovered) this.showTooltip(i, x, y);
  }

  private readonly endDrag = (): void => {
    this.drag = null;
  };

  /**
   * The wheel zooms only when the reader has engaged the network (it has focus: it was clicked) or
   * holds Ctrl/Cmd; a trackpad pinch arrives as a wheel with ctrlKey. Otherwise it scrolls the
   * notebook, as readers expect of plots in a page, and a hint says how to zoom.
   */
  private onWheel(e: WheelEvent): void {
    const renderer = this.renderer;
    if (!renderer || !this.payload) return;
    if (!e.ctrlKey && !e.metaKey && !this.node.contains(document.activeElement)) {
      this.showWheelHint();
      return;
    }
    e.preventDefault();
    this.hideWheelHint();
    const box = this.stage.getBoundingClientRect();
    const steps = Math.max(-3, Math.min(3, e.deltaY / (e.deltaMode === 1 ? 3 : 100)));
    renderer.camera.zoomAt(e.clientX - box.left, e.clientY - box.top, 1.2 ** steps);
    this.hideTooltip();
    this.viewMoved();
  }

  private showWheelHint(): void {
    this.wheelHint.hidden = false;
    if (this.hintTimer !== null) window.clearTimeout(this.hintTimer);
    this.hintTimer = window.setTimeout(() => this.hideWheelHint(), WHEEL_HINT_MS);
  }

  private hideWheelHint(): void {
    if (this.hintTimer !== null) window.clearTimeout(this.hintTimer);
    this.hintTimer = null;
    this.wheelHint.hidden = true;
  }

  /**
   * A view the user has not moved follows the extent of the year shown, once scrubbing or playing
   * pauses (refitting redraws everything; a year step alone redraws only what changed), and only
   * when the extent changed enough to show.
   */
  private followYear(): void {
    if (!this.renderer?.camera.fitted || !this.scene) return;
    const next = yearBounds(this.scene, this.year);
    if (boundsClose(next, this.fitted)) return;
    this.fitted = next;
    this.renderer.fitTo(next);
  }

  /** Fits the view to the nodes of the year shown (the Fit button). */
  fitYear(): void {
    if (!this.scene) return;
    this.fitted = yearBounds(this.scene, this.year);
    if (!this.renderer) {
      if (this.released) this.released = { x: 0, y: 0, ratio: 1, fitted: true };
      return;
    }
    this.renderer.fitTo(this.fitted);
    this.viewMoved();
  }

  /** Downloads the picture as shown, labels included. */
  private exportPng(): void {
    const renderer = this.renderer;
    if (!renderer) return;
    renderer.labelsShown = true;
    renderer.edgesShown = true;
    const picture = renderer.snapshot(this.background);
    picture?.toBlob((blob) => {
      if (blob) download(blob, `${this.fileStem()}.png`);
    }, 'image/png');
  }

  /** Downloads the year shown as the static figure: every institution named, legend and caption. */
  private exportSvg(): void {
    if (!this.payload) return;
    const figure = networkFigure(this.payload, { year: this.year });
    download(new Blob([figure.svg], { type: 'image/svg+xml' }), `${this.fileStem()}.svg`);
  }

  private fileStem(): string {
    const title =
      (this.payload?.title ?? 'network')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'network';
    return `${title.slice(0, 60)}-${this.year}`;
  }

  private setQuery(text: string): void {
    const query = text.trim().toLowerCase();
    if (query !== this.query) this.highlightChanged();
    this.query = query;
    this.matched = [];
    if (this.query && this.payload) {
      this.payload.nodes.forEach((node, i) => {
        if (node.label.toLowerCase().includes(this.query) || node.id.toLowerCase().includes(this.query)) this.matched.push(i);
      });
    }
    this.matches.textContent = this.query ? `${this.matched.length} found` : '';
    this.renderer?.setMatches(this.query ? this.matched : null);
  }

  /** The stored picture shows the old highlight: a new one is taken once the view is quiet. */
  private highlightChanged(): void {
    if (this.kernelImage) return;
    this.imageStored = false;
    if (this.renderer && this.settleTimer === null) this.scheduleImage();
  }

  /** Enter in the search box moves the camera to the first match visible this year. */
  private focusFirstMatch(): void {
    const renderer = this.renderer;
    const i = this.matched.find((i) => this.timeline!.nodeVisible(i, this.year));
    if (!renderer || i === undefined) return;
    const node = this.payload!.nodes[i];
    const camera = renderer.camera;
    const from = { x: camera.x, y: camera.y, ratio: camera.ratio };
    const start = performance.now();
    if (this.animation !== null) cancelAnimationFrame(this.animation);
    const step = () => {
      const t = Math.min(1, (performance.now() - start) / 400);
      const ease = t * (2 - t);
      camera.moveTo(from.x + (node.x - from.x) * ease, from.y + (node.y - from.y) * ease, from.ratio + (0.3 - from.ratio) * ease);
      this.viewMoved();
      this.animation = t < 1 ? requestAnimationFrame(step) : null;
    };
    this.animation = requestAnimationFrame(step);
  }

  private onKey(e: KeyboardEvent): void {
    // The search box types spaces, and the play button already toggles on space by itself.
    if (e.target === this.search || e.target === this.playButton) return;
    if (e.key === ' ' || e.code === 'Space') {
      e.preventDefault();
      this.togglePlay();
    } else if (e.target === this.node && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
      e.preventDefault();
      this.stopPlay();
      this.setYear(this.year + (e.key === 'ArrowRight' ? 1 : -1));
    }
  }

  private startPlay(): void {
    if (!this.timeline || this.timeline.first === this.timeline.last) return;
    if (this.year >= this.timeline.last) this.setYear(this.timeline.first);
    this.playButton.textContent = '⏸';
    this.playButton.setAttribute('aria-label', 'Pause');
    this.playTimer = window.setInterval(() => {
      if (!this.timeline || this.year >= this.timeline.last) this.stopPlay();
      else this.setYear(this.year + 1);
    }, PLAY_STEP_MS);
  }

  private stopPlay(): void {
    if (this.playTimer === null) return;
    window.clearInterval(this.playTimer);
    this.playTimer = null;
    this.playButton.textContent = '▶';
    this.playButton.setAttribute('aria-label', 'Play');
  }

  private showTooltip(i: number, x: number, y: number): void {
    if (!this.payload || !this.timeline) return;
    this.hovered = i;
    this.tooltip.replaceChildren(...this.tooltipOf(i));
    this.tooltip.hidden = false;
    // Keep the tooltip inside the stage: flip it to the left of or above the pointer near an edge.
    const width = this.stage.clientWidth;
    const height = this.stage.clientHeight;
    const box = this.tooltip.getBoundingClientRect();
    const left = x + 12 + box.width > width ? Math.max(0, x - 12 - box.width) : x + 12;
    const top = y + 12 + box.height > height ? Math.max(0, y - 12 - box.height) : y + 12;
    this.tooltip.style.left = `${left}px`;
    this.tooltip.style.top = `${top}px`;
    this.renderer?.setHovered(i);
  }

  /** The tooltip's lines for node i in the year shown. */
  private tooltipOf(i: number): HTMLElement[] {
    if (!this.payload || !this.timeline) return [];
    return tooltipLines(this.payload.nodes[i], this.timeline.degree(i, this.year), this.year, this.payload.sizeLabel);
  }

  private hideTooltip(): void {
    this.hovered = null;
    this.tooltip.hidden = true;
    this.renderer?.setHovered(null);
  }

  /** Theme colours for what the canvas draws (the canvas itself is transparent over the page). */
  private readColours(): void {
    const theme = readTheme(this.node);
    this.background = theme.background;
    if (!this.renderer) return;
    const rgba = (colour: string, alpha: number): [number, number, number, number] => {
      const [r, g, b] = cssRgb(colour);
      return [r / 255, g / 255, b / 255, alpha];
    };
    const [r, g, b] = cssRgb(theme.background);
    this.renderer.style = {
      fadedNode: rgba(theme.dark ? '#555555' : '#cccccc', 0.6),
      fadedEdge: rgba(theme.dark ? '#cccccc' : '#505050', 0.35),
      ring: rgba(theme.text, 1),
      labels: { colour: theme.text, halo: `rgba(${r}, ${g}, ${b}, 0.8)`, font: theme.font },
    };
  }

  /** JupyterLab swaps theme stylesheets, then sets body attributes: read the colours again and redraw. */
  private applyTheme(): void {
    if (!this.renderer || this.isDisposed) return;
    this.readColours();
    this.fitStage();
    this.scheduleImage();
  }
}

interface CameraView {
  x: number;
  y: number;
  ratio: number;
  fitted: boolean;
}

function cameraView(renderer: NetworkRenderer): CameraView {
  const { x, y, ratio, fitted } = renderer.camera;
  return { x, y, ratio, fitted };
}

/** Saves a blob through a temporary link (the browser's own download, no server round trip). */
function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Whether two boxes differ by less than a tenth of their size in extent and centre (refitting would barely show). */
function boundsClose(a: NetworkScene['bounds'], b: NetworkScene['bounds'] | null): boolean {
  if (!b) return false;
  const size = Math.max(a.maxX - a.minX, a.maxY - a.minY, b.maxX - b.minX, b.maxY - b.minY, 1e-9);
  const tolerance = 0.1 * size;
  return (
    Math.abs(a.maxX - a.minX - (b.maxX - b.minX)) < tolerance &&
    Math.abs(a.maxY - a.minY - (b.maxY - b.minY)) < tolerance &&
    Math.abs(a.minX + a.maxX - b.minX - b.maxX) / 2 < tolerance &&
    Math.abs(a.minY + a.maxY - b.minY - b.maxY) / 2 < tolerance
  );
}

/** Large networks label only their larger nodes. */
function labelThreshold(payload: NetworkPayload): number {
  return payload.nodes.length > 2000 ? 10 : 6;
}

/** True when `next` keeps every node of `previous` in the same place of the list and the same first year. */
function extendsPayload(next: NetworkPayload, previous: NetworkPayload): boolean {
  if (next.years[0] !== previous.years[0] || next.nodes.length < previous.nodes.length) return false;
  for (let i = 0; i < previous.nodes.length; i++) if (next.nodes[i].id !== previous.nodes[i].id) return false;
  return true;
}

let colourProbe: CanvasRenderingContext2D | null = null;

/** Any CSS colour (names, #rgb, rgb()) as 0..255 r, g, b: the 2D canvas parses it for us. */
function cssRgb(colour: string): [number, number, number] {
  colourProbe ??= document.createElement('canvas').getContext('2d');
  if (!colourProbe) return [128, 128, 128];
  colourProbe.fillStyle = '#808080';
  colourProbe.fillStyle = colour;
  const parsed = String(colourProbe.fillStyle);
  if (parsed.startsWith('#')) return hexToRgb(parsed);
  const [r, g, b] = (parsed.match(/[\d.]+/g) ?? ['128', '128', '128']).map(Number);
  return [r, g, b];
}

/** Names the modifier key of the reader's platform. */
function wheelHintText(): string {
  const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
  return `Click the network or hold ${mac ? '⌘' : 'Ctrl'} while scrolling to zoom`;
}

function tooltipLines(node: NetworkNode, degree: number, year: number, sizeLabel: string | undefined): HTMLElement[] {
  const lines = [
    el('div', 'cl-network-tooltip-title', node.label),
    el('div', undefined, nodeName(node.kind)),
    el('div', undefined, node.died != null ? `active ${node.born}–${node.died}` : `since ${node.born}`),
    el('div', undefined, `${degree} ${degree === 1 ? 'tie' : 'ties'} this year`),
  ];
  // A node with per-year sizes tells the year's; one with a single size, that size.
  const size = sizeIn(node, year);
  const when = node.sizes?.length ? ` in ${year}` : '';
  if (typeof size === 'number') lines.push(el('div', undefined, `size${when}: ${formatNumber(size)}${sizeLabel ? ` (${sizeLabel})` : ''}`));
  for (const [name, value] of Object.entries(node.attrs ?? {})) {
    lines.push(el('div', undefined, `${name}: ${typeof value === 'number' ? formatNumber(value) : String(value)}`));
  }
  return lines;
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(3);
}
