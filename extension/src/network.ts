import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import Graph from 'graphology';
import Sigma from 'sigma';
import type { NetworkNode, NetworkPayload } from '../../src/views/payloads';
import { NETWORK_MIME } from './mime';
import { NODE_LABELS, edgeColour, nodeColour, nodeSize, readTheme, withAlpha, type ThemeColours } from './palette';
import { Timeline, checkNetworkPayload, countText } from './timeline';
import { el, showError, watchTheme } from './dom';
import { buildLegend } from './legend';

/** Milliseconds per year while playing. */
const PLAY_STEP_MS = 450;
/** Pause in scrubbing after which labels and drawing order are recomputed (longer than a play step). */
const FULL_REFRESH_DELAY_MS = 700;

interface NodeAttrs {
  i: number;
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
}

interface EdgeAttrs {
  i: number;
  color: string;
  size: number;
}

/**
 * The cluster's network as it stood in a chosen year: sigma.js draws all nodes of all years once
 * (positions come from the payload, so nothing moves as the network grows), and the year slider
 * only changes which ones the reducers hide.
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
  private readonly heading = el('div', 'cl-network-title');
  private readonly stage = el('div', 'cl-network-stage');
  private readonly tooltip = el('div', 'cl-network-tooltip');
  private legend: HTMLElement = el('div', 'cl-legend');

  private sigma: Sigma<NodeAttrs, EdgeAttrs> | null = null;
  private graph: Graph<NodeAttrs, EdgeAttrs> | null = null;
  private payload: NetworkPayload | null = null;
  private timeline: Timeline | null = null;
  private year = 0;
  private query = '';
  private matched = new Set<string>();
  private hovered: string | null = null;
  private playTimer: number | null = null;
  private fullRefreshTimer: number | null = null;
  private fullRefreshPending = false;
  private fadedNode = '#cccccc';
  private fadedEdge = 'rgba(128,128,128,0.08)';
  private ringColour = '#212121';
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

    this.toolbar.append(this.playButton, this.slider, this.yearLabel, this.search, this.matches, this.count);
    this.stage.append(this.tooltip);
    this.node.append(this.heading, this.toolbar, this.stage, this.legend);

    this.playButton.addEventListener('click', () => this.togglePlay());
    this.slider.addEventListener('input', () => {
      this.stopPlay();
      this.setYear(Number(this.slider.value));
    });
    this.search.addEventListener('input', () => this.setQuery(this.search.value));
    this.search.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.focusFirstMatch();
    });
    this.node.addEventListener('keydown', (e) => this.onKey(e));

    this.stopWatchingTheme = watchTheme(() => this.applyTheme());
    // JupyterLab lays out notebooks lazily: the stage can get its size after sigma was created.
    this.resizeObserver = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => this.onStageResize());
    this.resizeObserver?.observe(this.stage);
    // Its size does not change when a far-away cell is skipped and comes back into view: check then.
    this.visibilityObserver =
      typeof IntersectionObserver === 'undefined'
        ? null
        : new IntersectionObserver((entries) => {
            if (entries.some((e) => e.isIntersecting)) this.onStageResize();
          });
    this.visibilityObserver?.observe(this.stage);
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const data = model.data[this.mimeType] ?? model.data[NETWORK_MIME];
    try {
      const payload = checkNetworkPayload(data);
      if (payload === this.payload) return;
      this.build(payload);
    } catch (err) {
      this.stopPlay();
      this.sigma?.kill();
      this.sigma = null;
      this.graph = null;
      this.payload = null;
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
    if (this.hovered !== null && !this.isNodeVisible(this.hovered)) this.hideTooltip();
    if (!this.sigma || previous === this.year) return;
    // Redraw only what appeared or disappeared between the two years: scrubbing stays cheap at
    // 10,000 nodes. Labels and drawing order catch up in one full refresh once scrubbing pauses.
    const { nodes, edges } = this.timeline.changes(previous, this.year);
    const ids = this.payload.nodes;
    this.redraw(nodes.map((i) => ids[i].id), edges.map((j) => `e${j}`));
    this.scheduleFullRefresh();
  }

  /**
   * Redraws some nodes and edges in place. Sigma can only do that once it has indexed the whole
   * graph: while a full refresh is pending, that refresh draws them anyway.
   */
  private redraw(nodes: string[], edges: string[] = []): void {
    if (!this.sigma) return;
    if (this.fullRefreshPending) this.sigma.scheduleRefresh();
    else this.sigma.refresh({ partialGraph: { nodes, edges }, skipIndexation: true, schedule: true });
  }

  private fullRefresh(): void {
    if (!this.sigma) return;
    this.fullRefreshPending = true;
    this.sigma.scheduleRefresh();
  }

  /** Where a node is drawn, in pixels from the stage's top left; null when hidden or unknown. */
  nodePosition(id: string): { x: number; y: number } | null {
    if (!this.sigma || !this.isNodeVisible(id)) return null;
    const display = this.sigma.getNodeDisplayData(id);
    return display ? this.sigma.framedGraphToViewport(display) : null;
  }

  private showYear(): void {
    this.slider.value = String(this.year);
    this.yearLabel.textContent = String(this.year);
    this.count.textContent = countText(this.timeline!.counts(this.year), this.year);
  }

  private scheduleFullRefresh(): void {
    if (this.fullRefreshTimer !== null) window.clearTimeout(this.fullRefreshTimer);
    this.fullRefreshTimer = window.setTimeout(() => {
      this.fullRefreshTimer = null;
      this.fullRefresh();
    }, FULL_REFRESH_DELAY_MS);
  }

  togglePlay(): void {
    if (this.playTimer !== null) this.stopPlay();
    else this.startPlay();
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.stopPlay();
    if (this.fullRefreshTimer !== null) window.clearTimeout(this.fullRefreshTimer);
    this.stopWatchingTheme();
    this.resizeObserver?.disconnect();
    this.visibilityObserver?.disconnect();
    this.sigma?.kill();
    this.sigma = null;
    super.dispose();
  }

  protected override onAfterAttach(): void {
    if (this.graph && !this.sigma) this.mount(this.graph);
    else if (this.sigma) {
      this.sigma.resize();
      this.fullRefresh();
    }
  }

  protected override onResize(): void {
    this.onStageResize();
  }

  /**
   * Sigma sizes its canvases when it draws; if it drew while the stage was hidden (JupyterLab hides
   * cells scrolled far away) they are 1x1 until the next full pass. Sigma also lays labels out for
   * the stage's size, so any change of size gets one.
   */
  private onStageResize(): void {
    // Sigma measures its container's offset size.
    const { offsetWidth: width, offsetHeight: height } = this.stage;
    if (!this.sigma || width === 0 || height === 0) return;
    const drawn = this.sigma.getDimensions();
    if (drawn.width === width && drawn.height === height) return;
    this.sigma.resize();
    this.fullRefresh();
  }

  private build(payload: NetworkPayload): void {
    this.stopPlay();
    this.hideTooltip();
    this.sigma?.kill();
    this.sigma = null;
    this.payload = payload;
    this.timeline = new Timeline(payload);
    // The reducers read the year while sigma draws for the first time.
    this.year = this.timeline.clampYear(payload.year ?? payload.years[1]);

    const graph = new Graph<NodeAttrs, EdgeAttrs>({ multi: true, type: 'directed', allowSelfLoops: true });
    const n = payload.nodes.length;
    payload.nodes.forEach((node, i) => {
      graph.addNode(node.id, {
        i,
        x: node.x,
        y: node.y,
        size: nodeSize(node.kind, n),
        color: nodeColour(node.kind),
        label: node.label,
      });
    });
    // Fainter edges when there are many, so that nodes stay visible through them.
    const edgeAlpha = payload.edges.length > 5000 ? 0.15 : payload.edges.length > 1000 ? 0.4 : 0.7;
    payload.edges.forEach((edge, j) => {
      graph.addEdgeWithKey(`e${j}`, edge.source, edge.target, {
        i: j,
        color: withAlpha(edgeColour(edge.kind), edgeAlpha),
        size: edge.kind === 'tutelage' || edge.kind === 'ownership' ? 1.5 : 0.7,
      });
    });

    this.heading.textContent = payload.title ?? '';
    this.heading.hidden = !payload.title;
    const legend = buildLegend(payload);
    this.legend.replaceWith(legend);
    this.legend = legend;

    this.toolbar.hidden = false;
    this.stage.replaceChildren(this.tooltip);
    // Everything the first draw reads is set before sigma is created, so it draws once, not twice.
    this.setQuery(this.search.value, false);
    this.graph = graph;
    // JupyterLab renders before it attaches the output: sigma then waits for a sized container,
    // which saves a whole pass over the graph.
    if (this.isAttached) this.mount(graph);
    const { first, last } = this.timeline;
    this.slider.min = String(first);
    this.slider.max = String(last);
    this.slider.disabled = first === last;
    this.playButton.disabled = first === last;
    this.showYear();
  }

  private mount(graph: Graph<NodeAttrs, EdgeAttrs>): void {
    const n = graph.order;
    const theme = this.readColours();
    const sigma = new Sigma<NodeAttrs, EdgeAttrs>(graph, this.stage, {
      allowInvalidContainer: true,
      zIndex: true,
      hideEdgesOnMove: n > 5000,
      labelRenderedSizeThreshold: n > 2000 ? 10 : 6,
      labelColor: { color: theme.text },
      labelFont: theme.font,
      // The tooltip names the node; on the canvas a ring in the theme's text colour marks it.
      defaultDrawNodeHover: (context, data) => this.drawHoverRing(context, data),
      nodeReducer: (key, attrs) => this.reduceNode(key, attrs),
      edgeReducer: (_key, attrs) => this.reduceEdge(attrs),
    });
    sigma.on('enterNode', ({ node, event }) => this.showTooltip(node, event.x, event.y));
    sigma.on('leaveNode', () => this.hideTooltip());
    sigma.on('afterProcess', () => {
      this.fullRefreshPending = false;
    });
    this.sigma = sigma;
  }

  private reduceNode(key: string, attrs: NodeAttrs): Partial<NodeAttrs & { hidden: boolean; highlighted: boolean; zIndex: number }> {
    if (!this.timeline!.nodeVisible(attrs.i, this.year)) return { ...attrs, hidden: true };
    if (this.query) {
      if (this.matched.has(key)) return { ...attrs, highlighted: true, zIndex: 2, size: attrs.size * 1.6 };
      return { ...attrs, color: this.fadedNode, label: '', zIndex: 0 };
    }
    if (key === this.hovered) return { ...attrs, highlighted: true, zIndex: 2 };
    return attrs;
  }

  private reduceEdge(attrs: EdgeAttrs): Partial<EdgeAttrs & { hidden: boolean }> {
    if (!this.timeline!.edgeVisible(attrs.i, this.year)) return { ...attrs, hidden: true };
    if (this.query) return { ...attrs, color: this.fadedEdge };
    return attrs;
  }

  private isNodeVisible(key: string): boolean {
    const i = this.timeline?.nodeIndex.get(key);
    return i !== undefined && this.timeline!.nodeVisible(i, this.year);
  }

  private setQuery(text: string, redraw = true): void {
    this.query = text.trim().toLowerCase();
    this.matched.clear();
    if (this.query && this.payload) {
      for (const node of this.payload.nodes) {
        if (node.label.toLowerCase().includes(this.query) || node.id.toLowerCase().includes(this.query)) this.matched.add(node.id);
      }
    }
    this.matches.textContent = this.query ? `${this.matched.size} found` : '';
    if (redraw) this.fullRefresh();
  }

  /** Enter in the search box moves the camera to the first match visible this year. */
  private focusFirstMatch(): void {
    if (!this.sigma) return;
    for (const key of this.matched) {
      if (!this.isNodeVisible(key)) continue;
      const display = this.sigma.getNodeDisplayData(key);
      if (display) void this.sigma.getCamera().animate({ x: display.x, y: display.y, ratio: 0.3 }, { duration: 400 });
      return;
    }
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

  private showTooltip(key: string, x: number, y: number): void {
    const i = this.timeline?.nodeIndex.get(key);
    if (i === undefined || !this.payload) return;
    this.hovered = key;
    const node = this.payload.nodes[i];
    this.tooltip.replaceChildren(...tooltipLines(node, this.degreeIn(key)));
    this.tooltip.hidden = false;
    // Keep the tooltip inside the stage: flip it to the left of or above the pointer near an edge.
    const width = this.stage.clientWidth;
    const height = this.stage.clientHeight;
    const box = this.tooltip.getBoundingClientRect();
    const left = x + 12 + box.width > width ? Math.max(0, x - 12 - box.width) : x + 12;
    const top = y + 12 + box.height > height ? Math.max(0, y - 12 - box.height) : y + 12;
    this.tooltip.style.left = `${left}px`;
    this.tooltip.style.top = `${top}px`;
    this.redraw([key]);
  }

  private hideTooltip(): void {
    const was = this.hovered;
    this.hovered = null;
    this.tooltip.hidden = true;
    if (was !== null) this.redraw([was]);
  }

  /** Ties the node has in the year shown. */
  private degreeIn(key: string): number {
    const graph = this.sigma?.getGraph();
    if (!graph || !this.timeline) return 0;
    let degree = 0;
    graph.forEachEdge(key, (_edge, attrs) => {
      if (this.timeline!.edgeVisible((attrs as EdgeAttrs).i, this.year)) degree++;
    });
    return degree;
  }

  private drawHoverRing(context: CanvasRenderingContext2D, data: { x: number; y: number; size: number }): void {
    context.beginPath();
    context.arc(data.x, data.y, data.size + 3, 0, 2 * Math.PI);
    context.lineWidth = 2;
    context.strokeStyle = this.ringColour;
    context.stroke();
  }

  private readColours(): ThemeColours {
    const theme = readTheme(this.node);
    this.ringColour = theme.text;
    this.fadedNode = withAlpha(theme.dark ? '#555555' : '#cccccc', 0.6);
    this.fadedEdge = theme.dark ? 'rgba(200,200,200,0.06)' : 'rgba(80,80,80,0.06)';
    return theme;
  }

  /**
   * JupyterLab hides the shell for a moment while it swaps theme stylesheets; sigma drawing then
   * would size its canvases to nothing. Wait (a few seconds at most) until the stage has a size.
   */
  private applyTheme(framesLeft = 300): void {
    if (!this.sigma || this.isDisposed) return;
    if (this.stage.offsetWidth === 0 || this.stage.offsetHeight === 0) {
      if (framesLeft > 0) requestAnimationFrame(() => this.applyTheme(framesLeft - 1));
      return;
    }
    // setSetting redraws.
    this.fullRefreshPending = true;
    this.sigma.setSetting('labelColor', { color: this.readColours().text });
  }
}

function tooltipLines(node: NetworkNode, degree: number): HTMLElement[] {
  const lines = [
    el('div', 'cl-network-tooltip-title', node.label),
    el('div', undefined, NODE_LABELS[node.kind] ?? node.kind),
    el('div', undefined, node.died != null ? `active ${node.born}–${node.died}` : `since ${node.born}`),
    el('div', undefined, `${degree} ${degree === 1 ? 'tie' : 'ties'} this year`),
  ];
  for (const [name, value] of Object.entries(node.attrs ?? {})) {
    lines.push(el('div', undefined, `${name}: ${typeof value === 'number' ? formatNumber(value) : String(value)}`));
  }
  return lines;
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(3);
}
