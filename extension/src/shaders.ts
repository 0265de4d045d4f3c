/**
 * The network's shaders (GLSL ES 1.00, valid in WebGL 1 and 2; highp throughout, since uniforms
 * shared by both stages must agree in precision). Every node and edge of every year is
 * in the buffers; a `u_year` uniform hides what does not exist in the year shown, so the slider never
 * changes a buffer.
 */

/** Moves an item outside the clip volume: the GPU then drops it before rasterising. */
const HIDE = 'gl_Position = vec4(2.0, 2.0, 2.0, 1.0); gl_PointSize = 1.0; return;';

export const EDGE_VERTEX = `
attribute vec2 a_position;
attribute vec2 a_life;
attribute vec4 a_colour;
uniform vec4 u_transform;
uniform float u_year;
varying vec4 v_colour;
void main() {
  if (u_year < a_life.x || u_year >= a_life.y) { ${HIDE} }
  gl_Position = vec4(a_position * u_transform.xy + u_transform.zw, 0.0, 1.0);
  v_colour = a_colour;
}`;

/** Straight to the screen, premultiplied, for contexts without float render targets. */
export const EDGE_DIRECT_FRAGMENT = `
precision highp float;
uniform float u_fade;
uniform vec4 u_fadedColour;
varying vec4 v_colour;
void main() {
  vec4 c = mix(v_colour, u_fadedColour, u_fade);
  gl_FragColor = vec4(c.rgb * c.a, c.a);
}`;

/**
 * Into the accumulation texture: each edge adds its optical depth -ln(1 - alpha) and its colour
 * weighted by it. Sums can be taken back out (reverse-subtract blending), so a year step only draws
 * the edges that appeared or vanished; over-compositing k edges of alpha a gives 1 - exp(-k ln(1/(1-a))),
 * which the resolve pass computes, so the picture is the same as drawing them one over another.
 */
export const EDGE_ACCUMULATE_FRAGMENT = `
precision highp float;
varying vec4 v_colour;
void main() {
  float depth = -log(1.0 - min(v_colour.a, 0.98));
  gl_FragColor = vec4(v_colour.rgb * depth, depth);
}`;

export const RESOLVE_VERTEX = `
attribute vec2 a_corner;
varying vec2 v_uv;
void main() {
  v_uv = a_corner * 0.5 + 0.5;
  gl_Position = vec4(a_corner, 0.0, 1.0);
}`;

/**
 * Composes the summed layers where the network is: the bottom class of nodes (see NetworkScene)
 * over the edges, and while searching that class's matches over both, each turned from optical
 * depth back into colour and opacity.
 */
export const RESOLVE_FRAGMENT = `
precision highp float;
uniform sampler2D u_edges;
uniform sampler2D u_base;
uniform float u_edgesOn;
uniform float u_fade;
uniform vec4 u_fadedColour;
uniform vec4 u_baseColour;
uniform sampler2D u_matched;
uniform float u_matchedOn;
uniform vec4 u_matchedColour;
varying vec2 v_uv;
void main() {
  vec4 result = vec4(0.0);
  if (u_edgesOn > 0.5) {
    vec4 sum = max(texture2D(u_edges, v_uv), 0.0);
    if (sum.a >= 1e-3) {
      vec3 colour = mix(sum.rgb / sum.a, u_fadedColour.rgb, u_fade);
      float alpha = (1.0 - exp(-sum.a)) * mix(1.0, u_fadedColour.a, u_fade);
      result = vec4(colour * alpha, alpha);
    }
  }
  float base = (1.0 - exp(-max(texture2D(u_base, v_uv).r, 0.0))) * u_baseColour.a;
  result = vec4(u_baseColour.rgb * base, base) + result * (1.0 - base);
  if (u_matchedOn > 0.5) {
    float matched = 1.0 - exp(-max(texture2D(u_matched, v_uv).r, 0.0));
    result = vec4(u_matchedColour.rgb * matched, matched) + result * (1.0 - matched);
  }
  if (result.a < 1e-3) discard;
  gl_FragColor = result;
}`;

/**
 * Nodes as round points. u_pass: 0 draws every living node (faded, unless it matches, while a search
 * is on: matches are then drawn by pass 1, on top), 2 draws one node with a ring (the hovered one).
 */
export const NODE_VERTEX = `
attribute vec2 a_position;
attribute vec2 a_life;
attribute vec4 a_colour;
attribute float a_size;
attribute float a_flag;
uniform vec4 u_transform;
uniform float u_year;
uniform float u_sizeScale;
uniform float u_pixelRatio;
uniform float u_search;
uniform float u_pass;
uniform vec4 u_fadedColour;
varying vec4 v_colour;
varying float v_radius;
varying float v_half;
void main() {
  if (u_year < a_life.x || u_year >= a_life.y) { ${HIDE} }
  bool match = a_flag > 0.5;
  if (u_search > 0.5 && ((u_pass < 0.5 && match) || (u_pass > 0.5 && u_pass < 1.5 && !match))) { ${HIDE} }
  gl_Position = vec4(a_position * u_transform.xy + u_transform.zw, 0.0, 1.0);
  v_radius = a_size * u_sizeScale * u_pixelRatio * (u_search > 0.5 && match ? 1.6 : 1.0);
  v_half = v_radius + (u_pass > 1.5 ? 5.0 * u_pixelRatio : 1.0);
  gl_PointSize = 2.0 * v_half;
  v_colour = u_search > 0.5 && !match ? u_fadedColour : a_colour;
}`;

export const NODE_FRAGMENT = `
precision highp float;
uniform float u_pass;
uniform float u_pixelRatio;
uniform vec4 u_ringColour;
varying vec4 v_colour;
varying float v_radius;
varying float v_half;
void main() {
  float d = length(gl_PointCoord - 0.5) * 2.0 * v_half;
  float fill = clamp(v_radius - d + 0.5, 0.0, 1.0);
  vec4 colour = vec4(v_colour.rgb * v_colour.a, v_colour.a) * fill;
  if (u_pass > 1.5) {
    float ring = clamp(u_pixelRatio - abs(d - v_radius - 3.0 * u_pixelRatio) + 0.5, 0.0, 1.0);
    colour = colour * (1.0 - ring) + vec4(u_ringColour.rgb, 1.0) * ring;
  }
  if (colour.a <= 0.0) discard;
  gl_FragColor = colour;
}`;

/** The bottom class of nodes into its layer: each adds the optical depth of its coverage. */
export const NODE_ACCUMULATE_FRAGMENT = `
precision highp float;
varying vec4 v_colour;
varying float v_radius;
varying float v_half;
void main() {
  float d = length(gl_PointCoord - 0.5) * 2.0 * v_half;
  float cover = clamp(v_radius - d + 0.5, 0.0, 0.99);
  if (cover <= 0.0) discard;
  gl_FragColor = vec4(-log(1.0 - cover));
}`;
