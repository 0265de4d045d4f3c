/**
 * A displayable view: the kernel shows any object with a `Symbol.for('jupyter.mimebundle')` method.
 * Each view carries its widget payload plus a static `text/html` and a `text/plain`, so every
 * frontend shows something meaningful.
 */
import { GROUP_MIME, type GroupItem, type GroupPayload } from './payloads';

export const MIMEBUNDLE = Symbol.for('jupyter.mimebundle');
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

export type MimeBundle = Record<string, unknown>;

export class View<P = unknown> {
  constructor(
    readonly mimeType: string,
    readonly payload: P,
    readonly html: string,
    readonly text: string,
    /** More static representations, e.g. 'image/png' as base64. */
    readonly extra: Readonly<Record<string, string>> = {},
  ) {}

  [MIMEBUNDLE](): MimeBundle {
    return { [this.mimeType]: this.payload, 'text/html': this.html, ...this.extra, 'text/plain': this.text };
  }

  toString(): string {
    return this.text;
  }

  /** Printing a view in Node shows its summary, not a dump of thousands of nodes. */
  [INSPECT](): string {
    return this.text;
  }
}

/**
 * Several views shown as one output: the extension's group renderer stacks their widgets, and the
 * static HTML and text put theirs one after another.
 */
export class ViewGroup {
  constructor(readonly views: View[]) {
    if (views.length === 0) throw new RangeError('ViewGroup: needs at least one view');
  }

  get payload(): GroupPayload {
    return { version: 1, items: this.views.map((v) => ({ mime: v.mimeType, data: v.payload as GroupItem['data'] })) };
  }

  [MIMEBUNDLE](): MimeBundle {
    // One picture for readers that take only images (nbconvert to PDF, say): the first view's.
    const png = this.views.find((v) => v.extra['image/png'])?.extra['image/png'];
    return {
      [GROUP_MIME]: this.payload,
      'text/html': this.views.map((v) => v.html).join('\n'),
      ...(png ? { 'image/png': png } : {}),
      'text/plain': this.toString(),
    };
  }

  toString(): string {
    return this.views.map((v) => v.text).join('\n\n');
  }

  [INSPECT](): string {
    return this.toString();
  }
}
