/**
 * The part of Lumino's `Widget` that the network and time-series renderers use (a node, classes,
 * attach, dispose), standing in for `@lumino/widgets` in the anywidget bundles (esm-build.js
 * aliases it). Inside a widget layout there is no Lumino parent to send messages, and the full
 * package is about 190 kB of the network bundle's 250 kB, sent with every view as `_esm`.
 * The renderers size themselves with a ResizeObserver, so `onResize` is never needed here.
 */
export class Widget {
  readonly node: HTMLElement;
  private disposed = false;
  private attached = false;

  constructor(options: { node?: HTMLElement } = {}) {
    this.node = options.node ?? document.createElement('div');
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  get isAttached(): boolean {
    return this.attached;
  }

  addClass(name: string): void {
    this.node.classList.add(name);
  }

  removeClass(name: string): void {
    this.node.classList.remove(name);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.attached) Widget.detach(this);
  }

  protected onAfterAttach(_msg?: unknown): void {}

  protected onBeforeDetach(_msg?: unknown): void {}

  protected onResize(_msg?: unknown): void {}

  /** Puts the widget's node in `host` (which must be in the page, as with Lumino) and tells it. */
  static attach(widget: Widget, host: HTMLElement): void {
    if (widget.attached) throw new Error('Widget is already attached.');
    if (!host.isConnected) throw new Error('Host is not attached.');
    host.append(widget.node);
    widget.attached = true;
    widget.onAfterAttach();
  }

  static detach(widget: Widget): void {
    if (!widget.attached) return;
    widget.onBeforeDetach();
    widget.node.remove();
    widget.attached = false;
  }
}
