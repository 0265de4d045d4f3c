/**
 * Entry of the static-site bundle (built by reproduce/site-bundle.ts): the same renderer widgets as
 * in JupyterLab, mounted on a plain HTML page. Exposes `window.clusterlab.renderAll(root?)`, which
 * replaces every `<div class="cl-output" data-mime="MIME"><script type="application/json">payload
 * </script>…fallback…</div>` with the live widget for that MIME type.
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import css from '../style/index.css';
import { GROUP_MIME, NETWORK_MIME, TIMESERIES_MIME } from './mime';
import { NetworkWidget } from './network';
import { TimeSeriesWidget } from './timeseries';
import { GroupWidget } from './group';

type Renderer = Widget & IRenderMime.IRenderer;
const FACTORIES: Record<string, (options: IRenderMime.IRendererOptions) => Renderer> = {
  [NETWORK_MIME]: (options) => new NetworkWidget(options),
  [TIMESERIES_MIME]: (options) => new TimeSeriesWidget(options),
  [GROUP_MIME]: (options) => new GroupWidget(options),
};

/** A read-only output model: the page has nowhere to store data such as a rendered PNG. */
function pageModel(mimeType: string, payload: unknown): IRenderMime.IMimeModel {
  return {
    trusted: true,
    data: { [mimeType]: payload } as IRenderMime.IMimeModel['data'],
    metadata: {},
    setData: () => undefined,
  };
}

/** Nothing here renders HTML from data, but the options require a sanitizer: this one keeps only text. */
const textOnly: IRenderMime.ISanitizer = {
  sanitize: (dirty) => dirty.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
};

function injectStyle(): void {
  if (document.getElementById('clusterlab-style')) return;
  const style = document.createElement('style');
  style.id = 'clusterlab-style';
  style.textContent = css;
  document.head.append(style);
}

/** Renders every embedded output under `root`; resolves to the widgets, in page order. */
export async function renderAll(root: ParentNode = document): Promise<Renderer[]> {
  injectStyle();
  const widgets: Renderer[] = [];
  for (const host of Array.from(root.querySelectorAll<HTMLElement>('div.cl-output[data-mime]'))) {
    if (host.dataset.rendered === 'true') continue;
    const mimeType = host.dataset.mime!;
    const create = Object.prototype.hasOwnProperty.call(FACTORIES, mimeType) ? FACTORIES[mimeType] : undefined;
    const script = host.querySelector('script[type="application/json"]');
    if (!create || !script) continue;
    const widget = create({ mimeType, sanitizer: textOnly, resolver: null, linkHandler: null, latexTypesetter: null });
    host.replaceChildren();
    host.dataset.rendered = 'true';
    Widget.attach(widget, host);
    await widget.renderModel(pageModel(mimeType, JSON.parse(script.textContent ?? 'null')));
    widgets.push(widget);
  }
  return widgets;
}

(globalThis as { clusterlab?: unknown }).clusterlab = { renderAll, NETWORK_MIME, TIMESERIES_MIME, GROUP_MIME };
