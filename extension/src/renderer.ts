import { Camera } from './camera';
import { createProgram, uploadBuffer, type GL, type Program } from './gl';
import { HitGrid } from './hit-grid';
import { drawLabels, type LabelStyle } from './labels';
import { drawnNodeVisible, showSizesOf, type NetworkScene } from './scene';
import type { LifetimeIndex } from './lifetimes';
import {
  EDGE_ACCUMULATE_FRAGMENT,
  NODE_ACCUMULATE_FRAGMENT,
  EDGE_DIRECT_FRAGMENT,
  EDGE_VERTEX,
  NODE_FRAGMENT,
  NODE_VERTEX,
  RESOLVE_FRAGMENT,
  RESOLVE_VERTEX,
} from './shaders';

type Rgba = [number, number, number, number];

export interface RendererStyle {
  /** Colours as 0..1 rgba. */
  fadedNode: Rgba;
  fadedEdge: Rgba;
  ring: Rgba;
  labels: LabelStyle;
}

/** Attribute slots shared by all programs (see createProgram). */
const POSITION = 0;
const LIFE = 1;
const COLOUR = 2;
const SIZE = 3;
const FLAG = 4;

interface Buffers {
  nodePosition: WebGLBuffer;
  nodeLife: WebGLBuffer;
  nodeColour: WebGLBuffer;
  nodeSize: WebGLBuffer;
  nodeFlag: WebGLBuffer;
  edgePosition: WebGLBuffer;
  edgeLife: WebGLBuffer;
  edgeColour: WebGLBuffer;
  edgesByStart: WebGLBuffer;
  edgesByStop: WebGLBuffer;
  baseByStart: WebGLBuffer;
  baseByStop: WebGLBuffer;
  corners: WebGLBuffer;
}

/** A float texture that holds a sum over the items shown in one year, kept up to date step by step. */
interface Layer {
  texture: WebGLTexture;
  framebuffer: WebGLFramebuffer;
  width: number;
  height: number;
  /** The year the texture holds, or null when it must be drawn whole. */
  year: number | null;
  /** Year steps applied since it was last drawn whole (sums round a little with each, half floats more). */
  steps: number;
}

/** How to draw one summed layer: its program set up, its items, and their lifetimes. */
interface LayerItems {
  use: () => Program;
  primitive: number;
  verticesPerItem: number;
  count: number;
  lifetimes: LifetimeIndex;
  byStart: WebGLBuffer;
  byStop: WebGLBuffer;
}

/**
 * Draws a network on one WebGL canvas, with a 2D canvas above it for labels. All nodes and edges of
 * all years are uploaded once; the year is a shader uniform. In a software rasteriser (SwiftShader,
 * as on CI) a frame's cost is per primitive: 20,000 lines take ~60 ms, 10,000 points ~15 ms. So
 * edges, and the bottom class of nodes (one size and colour, usually the suppliers), are summed
 * into float textures that a year step updates with only the items that appeared or vanished (a
 * year's few hundred), and one pass composes them; the other nodes are drawn whole every frame.
 * Without float render targets, everything is drawn whole.
 */
export class NetworkRenderer {
  readonly canvas: HTMLCanvasElement;
  readonly labelCanvas: HTMLCanvasElement;
  readonly camera = new Camera();
  private readonly gl: GL;
  private programs!: { edgeDirect: Program; edgeAccumulate: Program | null; nodeAccumulate: Program | null; resolve: Program | null; node: Program };
  private buffers!: Buffers;
  /** `matched`: the bottom class's search matches, summed while a search is on (they are often thousands). */
  private layers: { edges: Layer; base: Layer; matched: Layer | null; width: number; height: number } | null = null;
  private canAccumulate = false;
  private fullFloat = false;
  private scene: NetworkScene | null = null;
  /** What the camera fits when it is fitted (the year's nodes, see fitTo); null: the whole network. */
  private fitBounds: NetworkScene['bounds'] | null = null;
  private labels: readonly string[] = [];
  private grid: HitGrid | null = null;
  private year = 0;
  private matches: Uint8Array | null = null;
  private hovered: number | null = null;
  private pixelRatio = 1;
  private frameRequest: number | null = null;
  private lost = false;
  /** Labels are left out while the year or the view moves, and edges while the view moves. */
  labelsShown = true;
  edgesShown = true;
  /** Smallest rendered radius (CSS pixels) that gets a label. */
  labelThreshold = 6;
  style: RendererStyle = {
    fadedNode: [0.8, 0.8, 0.8, 0.6],
    fadedEdge: [0.3, 0.3, 0.3, 0.4],
    ring: [0.13, 0.13, 0.13, 1],
    labels: { colour: '#212121', halo: 'rgba(255,255,255,0.8)', font: 'sans-serif' },
  };

  constructor(private readonly container: HTMLElement) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'cl-network-canvas';
    this.labelCanvas = document.createElement('canvas');
    this.labelCanvas.className = 'cl-network-labels';
    for (const c of [this.canvas, this.labelCanvas]) {
      c.style.position = 'absolute';
      c.style.left = '0';
      c.style.top = '0';
      c.style.width = '100%';
      c.style.height = '100%';
      c.style.pointerEvents = 'none';
    }
    const options: WebGLContextAttributes = { antialias: false, alpha: true, premultipliedAlpha: true, depth: false, stencil: false };
    const gl = (this.canvas.getContext('webgl2', options) ?? this.canvas.getContext('webgl', options)) as GL | null;
    if (!gl) throw new Error('This browser cannot draw the network: WebGL is unavailable (enable hardware acceleration or WebGL).');
    this.gl = gl;
    this.canvas.addEventListener('webglcontextlost', (e) => {
      e.preventDefault();
      this.lost = true;
    });
    this.canvas.addEventListener('webglcontextrestored', () => {
      this.lost = false;
      this.layers = null;
      this.initialise();
      if (this.scene) this.upload(this.scene);
      this.requestRender();
    });
    this.initialise();
    container.append(this.canvas, this.labelCanvas);
  }

  private initialise(): void {
    const gl = this.gl;
    const webgl2 = typeof WebGL2RenderingContext !== 'undefined' && gl instanceof WebGL2RenderingContext;
    this.canAccumulate = webgl2 && gl.getExtension('EXT_color_buffer_float') !== null;
    // Full floats where they can be blended: exact sums, and a software rasteriser's own format.
    this.fullFloat = this.canAccumulate && gl.getExtension('EXT_float_blend') !== null;
    const edgeUniforms = ['u_transform', 'u_year', 'u_fade', 'u_fadedColour'];
    const edgeAttributes = ['a_position', 'a_life', 'a_colour'];
    const nodeAttributes = ['a_position', 'a_life', 'a_colour', 'a_size', 'a_flag'];
    const nodeUniforms = ['u_transform', 'u_year', 'u_sizeScale', 'u_pixelRatio', 'u_search', 'u_pass', 'u_fadedColour', 'u_ringColour'];
    const sums = this.canAccumulate;
    this.programs = {
      edgeDirect: createProgram(gl, EDGE_VERTEX, EDGE_DIRECT_FRAGMENT, edgeAttributes, edgeUniforms),
      edgeAccumulate: sums ? createProgram(gl, EDGE_VERTEX, EDGE_ACCUMULATE_FRAGMENT, edgeAttributes, edgeUniforms) : null,
      nodeAccumulate: sums ? createProgram(gl, NODE_VERTEX, NODE_ACCUMULATE_FRAGMENT, nodeAttributes, nodeUniforms) : null,
      resolve: sums
        ? createProgram(
            gl,
            RESOLVE_VERTEX,
            RESOLVE_FRAGMENT,
            ['a_corner'],
            ['u_edges', 'u_base', 'u_edgesOn', 'u_fade', 'u_fadedColour', 'u_baseColour', 'u_matched', 'u_matchedOn', 'u_matchedColour'],
          )
        : null,
      node: createProgram(gl, NODE_VERTEX, NODE_FRAGMENT, nodeAttributes, nodeUniforms),
    };
    const b = () => gl.createBuffer()!;
    this.buffers = {
      nodePosition: b(),
      nodeLife: b(),
      nodeColour: b(),
      nodeSize: b(),
      nodeFlag: b(),
      edgePosition: b(),
      edgeLife: b(),
      edgeColour: b(),
      edgesByStart: b(),
      edgesByStop: b(),
      baseByStart: b(),
      baseByStop: b(),
      corners: uploadBuffer(gl, gl.ARRAY_BUFFER, null, new Float32Array([-1, -1, 3, -1, -1, 3]), gl.STATIC_DRAW),
    };
  }

  /** Uploads a network (all its years); keeps the camera if the user has moved it. */
  setScene(scene: NetworkScene, labels: readonly string[]): void {
    this.scene = scene;
    showSizesOf(scene, this.year);
    this.labels = labels;
    this.grid = new HitGrid(scene.nodePosition);
    this.hovered = null;
    this.matches = null;
    this.dropMatchedLayer();
    this.upload(scene);
    this.camera.frame(this.fitBounds ?? scene.bounds, this.camera.width, this.camera.height);
    this.invalidateEdges();
  }

  /**
   * Fits the view to `bounds` (graph units), and keeps fitting them on resizes until the user pans
   * or zooms; null fits the whole network.
   */
  fitTo(bounds: NetworkScene['bounds'] | null): void {
    this.fitBounds = bounds;
    this.camera.fitted = true;
    if (this.scene) this.camera.frame(bounds ?? this.scene.bounds, this.camera.width, this.camera.height);
    this.invalidateEdges();
  }

  private upload(scene: NetworkScene): void {
    const gl = this.gl;
    const buffers = this.buffers;
    uploadBuffer(gl, gl.ARRAY_BUFFER, buffers.nodePosition, scene.nodePosition, gl.STATIC_DRAW);
    uploadBuffer(gl, gl.ARRAY_BUFFER, buffers.nodeLife, scene.nodeLife, gl.STATIC_DRAW);
    uploadBuffer(gl, gl.ARRAY_BUFFER, buffers.nodeColour, scene.nodeColour, gl.STATIC_DRAW);
    uploadBuffer(gl, gl.ARRAY_BUFFER, buffers.nodeSize, scene.nodeSize, gl.STATIC_DRAW);
    uploadBuffer(gl, gl.ARRAY_BUFFER, buffers.nodeFlag, this.matches ?? new Uint8Array(scene.nodeCount), gl.DYNAMIC_DRAW);
    uploadBuffer(gl, gl.ARRAY_BUFFER, buffers.edgePosition, scene.edgePosition, gl.STATIC_DRAW);
    uploadBuffer(gl, gl.ARRAY_BUFFER, buffers.edgeLife, scene.edgeLife, gl.STATIC_DRAW);
    uploadBuffer(gl, gl.ARRAY_BUFFER, buffers.edgeColour, scene.edgeColour, gl.STATIC_DRAW);
    if (this.canAccumulate) {
      uploadBuffer(gl, gl.ELEMENT_ARRAY_BUFFER, buffers.edgesByStart, scene.edgeVerticesByStart, gl.STATIC_DRAW);
      uploadBuffer(gl, gl.ELEMENT_ARRAY_BUFFER, buffers.edgesByStop, scene.edgeVerticesByStop, gl.STATIC_DRAW);
      uploadBuffer(gl, gl.ELEMENT_ARRAY_BUFFER, buffers.baseByStart, scene.baseLifetimes.byStart, gl.STATIC_DRAW);
      uploadBuffer(gl, gl.ELEMENT_ARRAY_BUFFER, buffers.baseByStop, scene.baseLifetimes.byStop, gl.STATIC_DRAW);
    }
  }

  setYear(year: number): void {
    if (year === this.year) return;
    this.year = year;
    // Per-year sizes: the year's radii replace the last; the summed bottom class keeps one size.
    if (this.scene && showSizesOf(this.scene, year))
      uploadBuffer(this.gl, this.gl.ARRAY_BUFFER, this.buffers.nodeSize, this.scene.nodeSize, this.gl.DYNAMIC_DRAW);
    this.requestRender();
  }

  /** Marks search matches (by payload node index); null ends the search. */
  setMatches(matched: Iterable<number> | null): void {
    if (!this.scene) return;
    if (matched === null) this.matches = null;
    else {
      this.matches = new Uint8Array(this.scene.nodeCount);
      for (const i of matched) this.matches[this.scene.rank[i]] = 1;
    }
    const gl = this.gl;
    uploadBuffer(gl, gl.ARRAY_BUFFER, this.buffers.nodeFlag, this.matches ?? new Uint8Array(this.scene.nodeCount), gl.DYNAMIC_DRAW);
    if (this.matches === null) this.dropMatchedLayer();
    else if (this.layers?.matched) this.layers.matched.year = null;
    this.requestRender();
  }

  /** Rings a node (payload index), or none. */
  setHovered(i: number | null): void {
    const k = i === null || !this.scene ? null : this.scene.rank[i];
    if (k === this.hovered) return;
    this.hovered = k;
    this.requestRender();
  }

  /** Call after the camera moved: the summed layers are in screen space. */
  invalidateEdges(): void {
    if (this.layers) {
      this.layers.edges.year = this.layers.base.year = null;
      if (this.layers.matched) this.layers.matched.year = null;
    }
    this.requestRender();
  }

  /** Sizes the canvases to the container; returns false when it has no size (hidden). */
  resize(): boolean {
    const width = this.container.clientWidth;
    const height = this.container.clientHeight;
    if (width === 0 || height === 0) return false;
    const ratio = Math.min(2, window.devicePixelRatio || 1);
    const pixelWidth = Math.round(width * ratio);
    const pixelHeight = Math.round(height * ratio);
    if (this.canvas.width !== pixelWidth || this.canvas.height !== pixelHeight || this.camera.width !== width || this.camera.height !== height) {
      this.pixelRatio = ratio;
      for (const c of [this.canvas, this.labelCanvas]) {
        c.width = pixelWidth;
        c.height = pixelHeight;
      }
      if (this.scene) this.camera.frame(this.fitBounds ?? this.scene.bounds, width, height);
      else Object.assign(this.camera, { width, height });
      this.invalidateEdges();
    }
    return true;
  }

  /** The browser took the WebGL context away (it drops the oldest when a page has too many). */
  get isLost(): boolean {
    return this.lost;
  }

  get hasSize(): boolean {
    return this.camera.width > 0 && this.canvas.width > 1;
  }

  requestRender(): void {
    if (this.frameRequest !== null) return;
    this.frameRequest = requestAnimationFrame(() => {
      this.frameRequest = null;
      this.render();
    });
  }

  /** Draws now (the drawing buffer is then readable until the task ends, see snapshot). */
  render(): void {
    if (this.frameRequest !== null) {
      cancelAnimationFrame(this.frameRequest);
      this.frameRequest = null;
    }
    if (this.lost || !this.scene || !this.hasSize) return;
    const gl = this.gl;
    gl.viewport(0, 0, this.canvas.width, this.canvas.height);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
    gl.enable(gl.BLEND);
    gl.blendEquation(gl.FUNC_ADD);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    const scene = this.scene;
    if (this.canAccumulate && this.prepareLayers()) {
      this.drawLayers();
      this.drawNodePass(0, scene.baseCount, scene.nodeCount - scene.baseCount);
      // The bottom class's matches, if summed, were composed with the layers (see compose).
      const matched = this.matches !== null && this.layers!.matched !== null;
      if (this.matches) this.drawNodePass(1, matched ? scene.baseCount : 0, matched ? scene.nodeCount - scene.baseCount : scene.nodeCount);
    } else {
      if (this.edgesShown && scene.edgeCount > 0) this.drawEdgesDirect();
      this.drawNodePass(0, 0, scene.nodeCount);
      if (this.matches) this.drawNodePass(1, 0, scene.nodeCount);
    }
    if (this.hovered !== null) this.drawNodePass(2, this.hovered, 1);
    this.labelCanvas.hidden = !this.labelsShown;
    if (this.labelsShown) {
      drawLabels(this.labelCanvas.getContext('2d')!, this.scene, this.labels, this.camera, {
        year: this.year,
        threshold: this.labelThreshold,
        pixelRatio: this.pixelRatio,
        matches: this.matches,
        style: this.style.labels,
      });
    }
  }

  private bindAttribute(slot: number, buffer: WebGLBuffer, size: number, type: number, normalized = false): void {
    const gl = this.gl;
    gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
    gl.enableVertexAttribArray(slot);
    gl.vertexAttribPointer(slot, size, type, normalized, 0, 0);
  }

  private useEdgeProgram(program: Program): Program {
    const gl = this.gl;
    gl.useProgram(program.program);
    this.bindAttribute(POSITION, this.buffers.edgePosition, 2, gl.FLOAT);
    this.bindAttribute(LIFE, this.buffers.edgeLife, 2, gl.FLOAT);
    this.bindAttribute(COLOUR, this.buffers.edgeColour, 4, gl.UNSIGNED_BYTE, true);
    gl.disableVertexAttribArray(SIZE);
    gl.disableVertexAttribArray(FLAG);
    gl.uniform4fv(program.uniforms.u_transform, this.camera.clipTransform());
    gl.uniform1f(program.uniforms.u_fade, this.matches ? 1 : 0);
    gl.uniform4fv(program.uniforms.u_fadedColour, this.style.fadedEdge);
    return program;
  }

  private useNodeProgram(program: Program): Program {
    const gl = this.gl;
    const u = program.uniforms;
    gl.useProgram(program.program);
    this.bindAttribute(POSITION, this.buffers.nodePosition, 2, gl.FLOAT);
    this.bindAttribute(LIFE, this.buffers.nodeLife, 2, gl.FLOAT);
    this.bindAttribute(COLOUR, this.buffers.nodeColour, 4, gl.UNSIGNED_BYTE, true);
    this.bindAttribute(SIZE, this.buffers.nodeSize, 1, gl.FLOAT);
    this.bindAttribute(FLAG, this.buffers.nodeFlag, 1, gl.UNSIGNED_BYTE);
    gl.uniform4fv(u.u_transform, this.camera.clipTransform());
    gl.uniform1f(u.u_year, this.year);
    gl.uniform1f(u.u_sizeScale, this.camera.sizeScale);
    gl.uniform1f(u.u_pixelRatio, this.pixelRatio);
    gl.uniform1f(u.u_search, 0);
    gl.uniform1f(u.u_pass, 0);
    gl.uniform4fv(u.u_fadedColour, this.style.fadedNode);
    gl.uniform4fv(u.u_ringColour, this.style.ring);
    return program;
  }

  private drawEdgesDirect(): void {
    const gl = this.gl;
    const program = this.useEdgeProgram(this.programs.edgeDirect);
    gl.uniform1f(program.uniforms.u_year, this.year);
    gl.drawArrays(gl.LINES, 0, 2 * this.scene!.edgeCount);
  }

  /** Brings both summed layers to the year shown, then composes them onto the cleared canvas. */
  private drawLayers(): void {
    const gl = this.gl;
    const scene = this.scene!;
    const layers = this.layers!;
    const edgesOn = this.edgesShown && scene.edgeCount > 0;
    if (edgesOn) {
      this.updateLayer(layers.edges, {
        use: () => this.useEdgeProgram(this.programs.edgeAccumulate!),
        primitive: gl.LINES,
        verticesPerItem: 2,
        count: scene.edgeCount,
        lifetimes: scene.edgeLifetimes,
        byStart: this.buffers.edgesByStart,
        byStop: this.buffers.edgesByStop,
      });
    }
    this.updateLayer(layers.base, {
      use: () => this.useNodeProgram(this.programs.nodeAccumulate!),
      primitive: gl.POINTS,
      verticesPerItem: 1,
      count: scene.baseCount,
      lifetimes: scene.baseLifetimes,
      byStart: this.buffers.baseByStart,
      byStop: this.buffers.baseByStop,
    });
    if (this.matches) {
      const gl2 = gl as WebGL2RenderingContext;
      layers.matched ??= this.createLayer(this.fullFloat ? gl2.R32F : gl2.R16F, gl2.RED, layers.width, layers.height, gl.NEAREST);
      if (layers.matched) {
        this.updateLayer(layers.matched, {
          // The node program's search pass: only matches, drawn larger.
          use: () => {
            const program = this.useNodeProgram(this.programs.nodeAccumulate!);
            gl.uniform1f(program.uniforms.u_search, 1);
            gl.uniform1f(program.uniforms.u_pass, 1);
            return program;
          },
          primitive: gl.POINTS,
          verticesPerItem: 1,
          count: scene.baseCount,
          lifetimes: scene.baseLifetimes,
          byStart: this.buffers.baseByStart,
          byStop: this.buffers.baseByStop,
        });
      }
    }
    // The composition runs first on a cleared canvas (nothing to blend with).
    gl.disable(gl.BLEND);
    this.compose(
      edgesOn ? layers.edges.texture : null,
      layers.base.texture,
      this.matches ? this.style.fadedNode : this.baseColour(),
      this.matches ? layers.matched : null,
    );
    gl.enable(gl.BLEND);
  }

  /** The bottom class's colour, opaque. */
  private baseColour(): Rgba {
    const c = this.scene!.nodeColour;
    return [c[0] / 255, c[1] / 255, c[2] / 255, 1];
  }

  /**
   * Composes summed edges (or none), a summed node coverage in `colour` and, while searching, the
   * bottom class's matches onto the canvas, only where the network is: in a software rasteriser its
   * cost is per pixel, so the matches share this pass. They then lie under the other nodes that do
   * not match (drawn after it), where those overlap them; drawing every item in order puts them over.
   */
  private compose(edges: WebGLTexture | null, nodes: WebGLTexture, colour: Rgba, matched: Layer | null): void {
    const gl = this.gl;
    const resolve = this.programs.resolve!;
    const u = resolve.uniforms;
    gl.useProgram(resolve.program);
    this.bindAttribute(POSITION, this.buffers.corners, 2, gl.FLOAT);
    for (const slot of [LIFE, COLOUR, SIZE, FLAG]) gl.disableVertexAttribArray(slot);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, edges ?? this.layers!.edges.texture);
    gl.activeTexture(gl.TEXTURE1);
    gl.bindTexture(gl.TEXTURE_2D, nodes);
    gl.uniform1i(u.u_edges, 0);
    gl.uniform1i(u.u_base, 1);
    gl.uniform1f(u.u_edgesOn, edges ? 1 : 0);
    gl.uniform1f(u.u_fade, this.matches ? 1 : 0);
    gl.uniform4fv(u.u_fadedColour, this.style.fadedEdge);
    gl.uniform4fv(u.u_baseColour, colour);
    gl.activeTexture(gl.TEXTURE2);
    gl.bindTexture(gl.TEXTURE_2D, matched?.texture ?? nodes);
    gl.uniform1i(u.u_matched, 2);
    gl.uniform1f(u.u_matchedOn, matched ? 1 : 0);
    gl.uniform4fv(u.u_matchedColour, this.baseColour());
    const box = this.sceneBox(matched ? 1.6 : 1);
    gl.enable(gl.SCISSOR_TEST);
    gl.scissor(box.x, box.y, box.width, box.height);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    gl.disable(gl.SCISSOR_TEST);
    gl.activeTexture(gl.TEXTURE0);
  }

  /** The part of the canvas (device pixels, GL's bottom-left origin) the network can cover. */
  private sceneBox(grow: number): { x: number; y: number; width: number; height: number } {
    const { bounds, maxNodeSize } = this.scene!;
    const camera = this.camera;
    const a = camera.toViewport(bounds.minX, bounds.maxY);
    const b = camera.toViewport(bounds.maxX, bounds.minY);
    const r = this.pixelRatio;
    // Nodes at the edge of the bounds reach out by their radius.
    const margin = maxNodeSize * grow * camera.sizeScale + 3;
    const x0 = Math.max(0, Math.floor((a.x - margin) * r));
    const x1 = Math.min(this.canvas.width, Math.ceil((b.x + margin) * r));
    const top = Math.max(0, Math.floor((a.y - margin) * r));
    const bottom = Math.min(this.canvas.height, Math.ceil((b.y + margin) * r));
    return { x: x0, y: this.canvas.height - bottom, width: Math.max(0, x1 - x0), height: Math.max(0, bottom - top) };
  }

  /** Makes the layers' textures match the canvas; false if float render targets fail here. */
  private prepareLayers(): boolean {
    const gl = this.gl as WebGL2RenderingContext;
    const { width, height } = this.canvas;
    if (this.layers && this.layers.width === width && this.layers.height === height) return true;
    for (const layer of this.layers ? [this.layers.edges, this.layers.base, this.layers.matched] : []) if (layer) this.deleteLayer(layer);
    this.layers = null;
    // Edges are summed at CSS-pixel resolution and smoothed up: on a high-density screen, lines one
    // device pixel wide would be too faint to see.
    const scale = 1 / this.pixelRatio;
    const filterable = !this.fullFloat || gl.getExtension('OES_texture_float_linear') !== null;
    const smooth = this.pixelRatio > 1 && filterable ? gl.LINEAR : gl.NEAREST;
    const [rgba, red] = this.fullFloat ? [gl.RGBA32F, gl.R32F] : [gl.RGBA16F, gl.R16F];
    const edges = this.createLayer(rgba, gl.RGBA, Math.ceil(width * scale), Math.ceil(height * scale), smooth);
    const base = this.createLayer(red, gl.RED, width, height, gl.NEAREST);
    if (!edges || !base) {
      this.canAccumulate = false;
      return false;
    }
    this.layers = { edges, base, matched: null, width, height };
    return true;
  }

  private deleteLayer(layer: Layer): void {
    this.gl.deleteTexture(layer.texture);
    this.gl.deleteFramebuffer(layer.framebuffer);
  }

  /** Without a search the matches' layer is memory for nothing. */
  private dropMatchedLayer(): void {
    if (!this.layers?.matched) return;
    this.deleteLayer(this.layers.matched);
    this.layers.matched = null;
  }

  private createLayer(internalFormat: number, format: number, width: number, height: number, filter: number): Layer | null {
    const gl = this.gl as WebGL2RenderingContext;
    const texture = gl.createTexture()!;
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.texImage2D(gl.TEXTURE_2D, 0, internalFormat, width, height, 0, format, this.fullFloat ? gl.FLOAT : gl.HALF_FLOAT, null);
    for (const p of [gl.TEXTURE_MIN_FILTER, gl.TEXTURE_MAG_FILTER]) gl.texParameteri(gl.TEXTURE_2D, p, filter);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    const framebuffer = gl.createFramebuffer()!;
    gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
    const complete = gl.checkFramebufferStatus(gl.FRAMEBUFFER) === gl.FRAMEBUFFER_COMPLETE;
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    if (complete) return { texture, framebuffer, width, height, year: null, steps: 0 };
    gl.deleteTexture(texture);
    gl.deleteFramebuffer(framebuffer);
    return null;
  }

  private updateLayer(layer: Layer, items: LayerItems): void {
    if (layer.year === this.year) return;
    const gl = this.gl;
    gl.bindFramebuffer(gl.FRAMEBUFFER, layer.framebuffer);
    gl.viewport(0, 0, layer.width, layer.height);
    const program = items.use();
    gl.blendFunc(gl.ONE, gl.ONE);
    const changes = layer.year === null ? null : items.lifetimes.changes(layer.year, this.year);
    const changed = changes ? changes.startTo - changes.startFrom + changes.stopTo - changes.stopFrom : Infinity;
    if (changes === null || changed > items.count / 2) {
      gl.clearColor(0, 0, 0, 0);
      gl.clear(gl.COLOR_BUFFER_BIT);
      gl.blendEquation(gl.FUNC_ADD);
      gl.uniform1f(program.uniforms.u_year, this.year);
      gl.drawArrays(items.primitive, 0, items.verticesPerItem * items.count);
      layer.steps = 0;
    } else {
      // Items starting in between show in the later year only; items stopping in between, in the
      // earlier one only: add what the new year shows, take out what the old one showed.
      const forward = this.year > layer.year!;
      const later = Math.max(layer.year!, this.year);
      const earlier = Math.min(layer.year!, this.year);
      const passes: [WebGLBuffer, number, number, number, boolean][] = [
        [items.byStart, changes.startFrom, changes.startTo, later, forward],
        [items.byStop, changes.stopFrom, changes.stopTo, earlier, !forward],
      ];
      for (const [indices, from, to, year, add] of passes) {
        if (to <= from) continue;
        gl.blendEquation(add ? gl.FUNC_ADD : gl.FUNC_REVERSE_SUBTRACT);
        gl.uniform1f(program.uniforms.u_year, year);
        gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, indices);
        gl.drawElements(items.primitive, items.verticesPerItem * (to - from), gl.UNSIGNED_INT, 4 * items.verticesPerItem * from);
      }
      layer.steps++;
    }
    layer.year = this.year;
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.viewport(0, 0, this.canvas.width, this.canvas.height);
    gl.blendEquation(gl.FUNC_ADD);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
  }

  /** Redraws the layers whole at the next frame if year steps have accumulated rounding. */
  settle(): void {
    const layers = this.layers;
    if (layers && layers.edges.steps + layers.base.steps + (layers.matched?.steps ?? 0) > 0) this.invalidateEdges();
    else this.requestRender();
  }

  /** `count` nodes from draw position `from` in one pass of the node program (see NODE_VERTEX). */
  private drawNodePass(pass: number, from: number, count: number): void {
    if (count <= 0) return;
    const gl = this.gl;
    const u = this.useNodeProgram(this.programs.node).uniforms;
    gl.uniform1f(u.u_search, this.matches ? 1 : 0);
    gl.uniform1f(u.u_pass, pass);
    gl.drawArrays(gl.POINTS, from, count);
  }

  /** The payload index of the topmost node shown under (x, y) CSS pixels of the stage, or null. */
  pick(x: number, y: number): number | null {
    const scene = this.scene;
    if (!scene || !this.grid || !this.hasSize) return null;
    const scale = this.camera.sizeScale;
    const perUnit = this.camera.pixelsPerUnit;
    const reach = (scene.maxNodeSize * scale * 1.6 + 2) / perUnit;
    const at = this.camera.toGraph(x, y);
    let best = -1;
    let bestRank = -1;
    this.grid.forEachNear(at.x, at.y, reach, (k, distance) => {
      if (!drawnNodeVisible(scene, k, this.year)) return;
      const match = this.matches !== null && this.matches[k] === 1;
      const radius = scene.nodeSize[k] * scale * (match ? 1.6 : 1) + 2;
      if (distance * perUnit > radius) return;
      // What is drawn last is on top: matches after everything else while searching.
      const drawnRank = k + (match ? scene.nodeCount : 0);
      if (drawnRank > bestRank) [best, bestRank] = [k, drawnRank];
    });
    return best < 0 ? null : scene.order[best];
  }

  /** Where node i (payload index) is drawn, in CSS pixels of the stage. */
  position(i: number): { x: number; y: number } | null {
    if (!this.scene || !this.hasSize) return null;
    const k = this.scene.rank[i];
    return this.camera.toViewport(this.scene.nodePosition[2 * k], this.scene.nodePosition[2 * k + 1]);
  }

  /** The picture as a 2D canvas on `background` (labels included), drawn fresh so it can be read. */
  snapshot(background: string): HTMLCanvasElement | null {
    if (this.lost || !this.hasSize) return null;
    this.render();
    const out = document.createElement('canvas');
    out.width = this.canvas.width;
    out.height = this.canvas.height;
    const context = out.getContext('2d')!;
    context.fillStyle = background;
    context.fillRect(0, 0, out.width, out.height);
    context.drawImage(this.canvas, 0, 0);
    if (this.labelsShown) context.drawImage(this.labelCanvas, 0, 0);
    return out;
  }

  dispose(): void {
    if (this.frameRequest !== null) cancelAnimationFrame(this.frameRequest);
    this.frameRequest = null;
    this.scene = null;
    // Frees the GPU memory now rather than when the page gets round to collecting the canvas.
    this.gl.getExtension('WEBGL_lose_context')?.loseContext();
    this.canvas.remove();
    this.labelCanvas.remove();
  }
}
