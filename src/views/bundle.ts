/**
 * A displayable view: the kernel shows any object with a `Symbol.for('jupyter.mimebundle')` method.
 * Each view carries its widget payload plus a static `text/html` and a `text/plain`, so every
 * frontend shows something meaningful.
 */
export const MIMEBUNDLE = Symbol.for('jupyter.mimebundle');
/** Views made of several outputs (a run's network and its time series) list them under this key. */
export const MIMEBUNDLES = Symbol.for('clusterlab.mimebundles');
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

export type MimeBundle = Record<string, unknown>;

export class View<P = unknown> {
  constructor(
    readonly mimeType: string,
    readonly payload: P,
    readonly html: string,
    readonly text: string,
  ) {}

  [MIMEBUNDLE](): MimeBundle {
    return { [this.mimeType]: this.payload, 'text/html': this.html, 'text/plain': this.text };
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
 * Several views shown together. As one bundle (what a plain `display` shows) it is the first view's
 * widget with every view's static HTML and text beside it; a frontend that knows
 * `Symbol.for('clusterlab.mimebundles')`, or a user looping over `views`, shows each widget.
 */
export class ViewGroup {
  constructor(readonly views: View[]) {
    if (views.length === 0) throw new RangeError('ViewGroup: needs at least one view');
  }

  [MIMEBUNDLE](): MimeBundle {
    const [first] = this.views;
    return {
      [first.mimeType]: first.payload,
      'text/html': this.views.map((v) => v.html).join('\n'),
      'text/plain': this.toString(),
    };
  }

  [MIMEBUNDLES](): MimeBundle[] {
    return this.views.map((v) => v[MIMEBUNDLE]());
  }

  toString(): string {
    return this.views.map((v) => v.text).join('\n\n');
  }

  [INSPECT](): string {
    return this.toString();
  }
}
