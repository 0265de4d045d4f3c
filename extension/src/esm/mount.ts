/**
 * Mounts one of the extension's MIME renderer widgets in an anywidget view: the payload comes from
 * the model's `payload` trait (the same JSON as the MIME bundle), a change of the trait renders it
 * again on the same widget (the renderers update in place), and the returned cleanup disposes the
 * widget (which gives back its WebGL context). anywidget's model interface is what is used here.
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';

/** The part of anywidget's model that a view reads (anywidget's AnyModel). */
export interface AnyModel {
  get(name: string): unknown;
  on(event: string, callback: () => void): void;
  off(event: string, callback: () => void): void;
}

export type RendererWidget = Widget & IRenderMime.IRenderer;

/** Nothing here renders HTML from data, but the options require a sanitizer: this one keeps only text. */
const textOnly: IRenderMime.ISanitizer = {
  sanitize: (dirty) => dirty.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
};

/** The trait's payload as an output model; a widget's stored picture has nowhere to go here. */
function traitModel(mimeType: string, payload: unknown): IRenderMime.IMimeModel {
  return { trusted: true, data: { [mimeType]: payload } as IRenderMime.IMimeModel['data'], metadata: {}, setData: () => undefined };
}

export function mountRenderer(
  create: (options: IRenderMime.IRendererOptions) => RendererWidget,
  mimeType: string,
  model: AnyModel,
  el: HTMLElement,
): () => void {
  const waiting = document.createElement('p');
  waiting.className = 'cl-view-waiting';
  waiting.textContent = 'Nothing drawn yet.';
  el.append(waiting);
  let widget: RendererWidget | null = null;
  let frame = 0;
  // anywidget calls render before the view's element is in the page; Lumino attaches only to a
  // host in the page, so the widget waits for it (its sizes and observers need it there).
  const attach = () => {
    if (!widget || widget.isDisposed) return;
    if (el.isConnected) Widget.attach(widget, el);
    else frame = requestAnimationFrame(attach);
  };
  const draw = () => {
    const payload = model.get('payload');
    if (payload === null || payload === undefined) return;
    if (!widget) {
      waiting.remove();
      widget = create({ mimeType, sanitizer: textOnly, resolver: null, linkHandler: null, latexTypesetter: null });
      attach();
    }
    void widget.renderModel(traitModel(mimeType, payload));
  };
  draw();
  model.on('change:payload', draw);
  return () => {
    cancelAnimationFrame(frame);
    model.off('change:payload', draw);
    widget?.dispose();
    widget?.node.remove();
    waiting.remove();
  };
}
