/**
 * The `display` function cells call, modelled on IPython's: show any value richly, show raw
 * HTML/Markdown/SVG/PNG/JSON, update an earlier output in place by display id, clear the output.
 */
import { randomBytes } from 'node:crypto';
import { encodeData, type MimeBundle, mimeBundle } from './format';
import type { OutputRouter } from './output';

export interface DisplayOptions {
  /** `true` for a fresh id, or an id of your own; the returned handle updates that output. */
  displayId?: string | true;
  metadata?: Record<string, unknown>;
}

export interface DisplayHandle {
  readonly displayId: string;
  /** Replaces the output shown under this id. */
  update(value: unknown): void;
  /** Shows the value again, as a new output that shares this id. */
  display(value: unknown): void;
}

export interface DisplayFunction {
  (value: unknown, options: DisplayOptions & { displayId: string | true }): DisplayHandle;
  (value: unknown, options?: DisplayOptions): void;
  html(html: string, options?: DisplayOptions): void;
  markdown(markdown: string, options?: DisplayOptions): void;
  svg(svg: string, options?: DisplayOptions): void;
  /** PNG bytes, or a base64 string. */
  png(png: Uint8Array | string, options?: DisplayOptions): void;
  json(value: unknown, options?: DisplayOptions): void;
  text(text: string, options?: DisplayOptions): void;
  /** A ready-made MIME bundle, e.g. `{'text/html': ..., 'text/plain': ...}`. */
  bundle(data: MimeBundle, options?: DisplayOptions): void;
  /** Clears the cell's output; with `wait`, only when the next output arrives (no flicker). */
  clear(wait?: boolean): void;
  /** Replaces the output shown under `displayId` by `value`. */
  update(displayId: string, value: unknown): void;
}

export function newDisplayId(): string {
  return randomBytes(8).toString('hex');
}

export function createDisplay(output: OutputRouter, flushStreams: () => void): DisplayFunction {
  function send(data: MimeBundle, options: DisplayOptions | undefined, update = false, id?: string): DisplayHandle | undefined {
    flushStreams();
    const displayId = id ?? (options?.displayId === true ? newDisplayId() : options?.displayId);
    const encoded = Object.fromEntries(Object.entries(data).map(([mime, value]) => [mime, encodeData(value)]));
    output.publish(update ? 'update_display_data' : 'display_data', {
      data: encoded,
      metadata: options?.metadata ?? {},
      transient: displayId ? { display_id: displayId } : {},
    });
    if (!displayId) return undefined;
    return {
      displayId,
      update: (value) => void send(mimeBundle(value), undefined, true, displayId),
      display: (value) => void send(mimeBundle(value), undefined, false, displayId),
    };
  }
  const raw = (mime: string, fallback: (data: any) => string) => (data: any, options?: DisplayOptions) =>
    void send({ [mime]: data, 'text/plain': fallback(data) }, options);

  const display = ((value: unknown, options?: DisplayOptions) => send(mimeBundle(value), options)) as DisplayFunction;
  display.html = raw('text/html', () => '<HTML>');
  display.markdown = raw('text/markdown', (md: string) => md);
  display.svg = raw('image/svg+xml', () => '<SVG image>');
  display.png = raw('image/png', () => '<PNG image>');
  display.json = raw('application/json', (value) => JSON.stringify(value, null, 2) ?? 'undefined');
  display.text = (text, options) => void send({ 'text/plain': text }, options);
  display.bundle = (data, options) => void send(data, options);
  display.clear = (wait = false) => {
    flushStreams();
    output.publish('clear_output', { wait });
  };
  display.update = (displayId, value) => void send(mimeBundle(value), undefined, true, displayId);
  return display;
}

/**
 * Notebooks written for stock tslab call `tslab.display.*` and `tslab.newDisplay()`; tslab's own
 * display object writes through a hook in its jupyter module, which we point at our iopub.
 */
export function routeTslabDisplay(output: OutputRouter, flushStreams: () => void): void {
  const jupyter = require('tslab/dist/jupyter');
  jupyter.lastWriteDisplayData = (data: { data: MimeBundle; metadata: object; transient: object }, update: boolean) => {
    flushStreams();
    output.publish(update ? 'update_display_data' : 'display_data', data);
  };
}
