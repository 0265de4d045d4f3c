/**
 * Turning a value into a Jupyter MIME bundle: the `jupyter.mimebundle` symbol first (how the
 * model's views and anything else opt in to rich display), then danfojs frames as tables, then
 * Node's own inspection as plain text.
 */
import { inspect } from 'node:util';

export type MimeBundle = Record<string, unknown>;
export const MIMEBUNDLE = Symbol.for('jupyter.mimebundle');

function hasBundle(value: unknown): value is { [MIMEBUNDLE]: () => unknown } {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as any)[MIMEBUNDLE] === 'function';
}

/** danfojs DataFrame or Series, recognised by shape so that the check never loads danfojs. */
function isDanfoFrame(value: any): boolean {
  const kind = value?.constructor?.name;
  return (kind === 'DataFrame' || kind === 'Series') && Array.isArray(value.columns) && Array.isArray(value.values);
}

function frameBundle(frame: any): MimeBundle {
  try {
    // The library's formatter (src/frames) knows how to elide long frames; it is optional here.
    const { frameBundle: format } = require('../src/frames/display');
    return format(frame);
  } catch {
    return { 'text/plain': String(frame.toString()) };
  }
}

export function plainText(value: unknown): string {
  return inspect(value, { depth: 4, maxArrayLength: 100, maxStringLength: 100_000, breakLength: 100 });
}

/** A bundle always carries `text/plain`, the one type every frontend understands. */
export function mimeBundle(value: unknown): MimeBundle {
  if (hasBundle(value)) {
    const bundle = value[MIMEBUNDLE]();
    if (bundle === null || typeof bundle !== 'object' || Array.isArray(bundle)) {
      throw new TypeError(`[Symbol.for('jupyter.mimebundle')]() must return an object of MIME type to data, got ${plainText(bundle)}`);
    }
    return { 'text/plain': plainText(value), ...(bundle as MimeBundle) };
  }
  if (isDanfoFrame(value)) return frameBundle(value);
  return { 'text/plain': plainText(value) };
}

/** Binary payloads travel base64-encoded in JSON, as Jupyter expects for images. */
export function encodeData(data: unknown): unknown {
  if (data instanceof Uint8Array) return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
  return data;
}
