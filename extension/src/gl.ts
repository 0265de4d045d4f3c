/** Small WebGL helpers: compiling a program with fixed attribute slots, finding its uniforms. */

export type GL = WebGLRenderingContext | WebGL2RenderingContext;

export interface Program {
  program: WebGLProgram;
  uniforms: Record<string, WebGLUniformLocation | null>;
}

/** Attribute i of `attributes` is bound to slot i, so buffers can be set up the same way for every program. */
export function createProgram(gl: GL, vertex: string, fragment: string, attributes: string[], uniforms: string[]): Program {
  const program = gl.createProgram();
  if (!program) throw new Error('WebGL: cannot create a program');
  for (const [type, source] of [
    [gl.VERTEX_SHADER, vertex],
    [gl.FRAGMENT_SHADER, fragment],
  ] as const) {
    const shader = gl.createShader(type)!;
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    gl.attachShader(program, shader);
    gl.deleteShader(shader);
  }
  attributes.forEach((name, slot) => gl.bindAttribLocation(program, slot, name));
  gl.linkProgram(program);
  // Only asked after linking: the driver compiles in parallel meanwhile.
  if (!gl.getProgramParameter(program, gl.LINK_STATUS) && !gl.isContextLost()) {
    throw new Error(`WebGL: shader program failed to link: ${gl.getProgramInfoLog(program)}`);
  }
  return { program, uniforms: Object.fromEntries(uniforms.map((name) => [name, gl.getUniformLocation(program, name)])) };
}

export function uploadBuffer(gl: GL, target: number, buffer: WebGLBuffer | null, data: ArrayBufferView, usage: number): WebGLBuffer {
  const b = buffer ?? gl.createBuffer()!;
  gl.bindBuffer(target, b);
  gl.bufferData(target, data, usage);
  return b;
}
