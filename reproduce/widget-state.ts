/**
 * Jupyter widget state in a notebook, as nbclient's `store_widget_state` and JupyterLab's "save
 * widget state" keep it (metadata.widgets, `application/vnd.jupyter.widget-state+json`), and a
 * readable rendering of it for readers without a widget manager (the static site): the controls'
 * descriptions and values, the HTML and outputs the widgets hold, laid out as their boxes are.
 */
import type { IopubMessage } from './outputs';
import type { Notebook } from './notebook';
import { NETWORK_MIME, TIMESERIES_MIME, type NetworkPayload, type TimeSeriesPayload } from '../src/views/payloads';
import { networkFigure } from '../src/views/svg-network';
import { timeseriesSvg } from '../src/views/svg-timeseries';
import { embedOutput } from './site-bundle';

export const WIDGET_STATE_MIME = 'application/vnd.jupyter.widget-state+json';
export const WIDGET_VIEW_MIME = 'application/vnd.jupyter.widget-view+json';

export interface SavedModel {
  model_name: string;
  model_module: string;
  model_module_version: string;
  state: Record<string, unknown>;
}

export interface WidgetStateDocument {
  version_major: 2;
  version_minor: 0;
  state: Record<string, SavedModel>;
}

/** Follows the kernel's widget comms through a run: opened models, their updates, closes. */
export class WidgetStateCollector {
  private readonly models = new Map<string, Record<string, unknown>>();

  handle(message: IopubMessage): void {
    const { msg_type: type, content } = message;
    if (type === 'comm_open' && content?.target_name === 'jupyter.widget') {
      this.models.set(String(content.comm_id), { ...(content.data?.state ?? {}) });
    } else if (type === 'comm_msg') {
      const model = this.models.get(String(content?.comm_id));
      const method = content?.data?.method;
      if (model && (method === 'update' || method === 'echo_update')) Object.assign(model, content.data.state ?? {});
    } else if (type === 'comm_close') {
      this.models.delete(String(content?.comm_id));
    }
  }

  document(): WidgetStateDocument | null {
    if (this.models.size === 0) return null;
    const state: Record<string, SavedModel> = {};
    for (const [id, s] of this.models) {
      state[id] = { model_name: String(s._model_name), model_module: String(s._model_module), model_module_version: String(s._model_module_version), state: s };
    }
    return { version_major: 2, version_minor: 0, state };
  }
}

/** Saves the collected state into the notebook's metadata (or removes stale state). */
export function storeWidgetState(nb: Notebook, doc: WidgetStateDocument | null): void {
  const metadata = nb.metadata as Record<string, any>;
  if (doc) metadata.widgets = { [WIDGET_STATE_MIME]: doc };
  else delete metadata.widgets;
}

export function savedWidgetState(nb: Notebook): WidgetStateDocument | null {
  const doc = (nb.metadata as Record<string, any>)?.widgets?.[WIDGET_STATE_MIME];
  return doc && typeof doc.state === 'object' ? (doc as WidgetStateDocument) : null;
}

const REF = 'IPY_MODEL_';
/** The kernel's comm ids, which are the widgets' model ids, are random UUIDs (kernel/comms.ts). */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * Gives the widget models of a re-executed notebook the ids they have in the committed one, when
 * both hold the same models in the same order (the same model names, opened in the same order).
 * The kernel draws a new random id for every model on every run, so without this each
 * `reproduce --update` would rewrite every id in the file and hide what really changed. The ids
 * are renamed wherever they occur: the saved state's keys, "IPY_MODEL_" references and the views'
 * model_id. Returns whether they were carried over (false: the models differ, nothing renamed).
 */
export function keepWidgetIds(result: Notebook, committed: Notebook): boolean {
  const now = savedWidgetState(result);
  const before = savedWidgetState(committed);
  if (!now || !before) return false;
  const fresh = Object.keys(now.state);
  const kept = Object.keys(before.state);
  if (fresh.length !== kept.length) return false;
  for (let i = 0; i < fresh.length; i++) if (now.state[fresh[i]].model_name !== before.state[kept[i]].model_name) return false;
  const id = new Map(fresh.map((f, i) => [f, kept[i]]));
  const renameText = (text: string): string => text.replace(UUID, (u) => id.get(u) ?? u);
  const rename = (value: unknown): unknown => {
    if (typeof value === 'string') return renameText(value);
    if (Array.isArray(value)) return value.map(rename);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) out[renameText(key)] = rename(v);
      return out;
    }
    return value;
  };
  result.cells = rename(result.cells) as Notebook['cells'];
  result.metadata.widgets = rename(result.metadata.widgets);
  return true;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function ref(value: unknown): string | null {
  return typeof value === 'string' && value.startsWith(REF) ? value.slice(REF.length) : null;
}

function outputHtml(o: any): string {
  if (o.output_type === 'stream') return `<pre>${escapeHtml(String(Array.isArray(o.text) ? o.text.join('') : o.text))}</pre>`;
  if (o.output_type === 'error') return `<pre class="error">${escapeHtml(`${o.ename}: ${o.evalue}`)}</pre>`;
  const data = o.data ?? {};
  const text = (v: unknown) => (Array.isArray(v) ? v.join('') : String(v));
  if (data['text/html'] !== undefined) return text(data['text/html']);
  if (data['image/svg+xml'] !== undefined) return text(data['image/svg+xml']);
  if (data['image/png'] !== undefined) return `<img alt="figure" src="data:image/png;base64,${text(data['image/png'])}">`;
  return `<pre>${escapeHtml(text(data['text/plain'] ?? ''))}</pre>`;
}

/**
 * The saved state of model `id` (and its children) as static HTML, or null when the notebook has
 * no state for it. Controls show "description: value"; boxes lay their children out in a row or a
 * column; tabs and accordions become sections; HTML and Output widgets show what they hold.
 */
export function widgetFallbackHtml(id: string, doc: WidgetStateDocument, depth = 0): string | null {
  const model = doc.state[id];
  if (!model || depth > 50) return null;
  const s = model.state;
  const name = model.model_name;
  const description = typeof s.description === 'string' && s.description ? `${escapeHtml(s.description)}: ` : '';
  const title = typeof s.tooltip === 'string' && s.tooltip ? ` title="${escapeHtml(s.tooltip)}"` : '';
  const children = () => (Array.isArray(s.children) ? s.children.map((c) => (ref(c) && widgetFallbackHtml(ref(c)!, doc, depth + 1)) || '') : []);
  switch (name) {
    case 'HBoxModel':
    case 'VBoxModel':
    case 'BoxModel':
      return `<div class="widget-box" style="display:flex;flex-direction:${name === 'HBoxModel' ? 'row' : 'column'};flex-wrap:wrap;gap:4px 14px">${children()
        .map((c) => `<div>${c}</div>`)
        .join('')}</div>`;
    case 'TabModel':
    case 'AccordionModel': {
      const titles = Array.isArray(s.titles) ? s.titles : [];
      return children()
        .map((c, i) => `<details${i === s.selected_index ? ' open' : ''}><summary>${escapeHtml(String(titles[i] ?? i))}</summary>${c}</details>`)
        .join('');
    }
    case 'HTMLModel':
    case 'HTMLMathModel':
      return `<div class="widget-html"${title}>${description}${String(s.value ?? '')}</div>`;
    case 'LabelModel':
      return `<div class="widget-label"${title}>${description}${escapeHtml(String(s.value ?? ''))}</div>`;
    case 'OutputModel':
      return `<div class="widget-output">${(Array.isArray(s.outputs) ? s.outputs : []).map(outputHtml).join('')}</div>`;
    case 'ButtonModel':
      return `<span class="widget-button"${title}>[${escapeHtml(String(s.description || 'button'))}]</span>`;
    case 'CheckboxModel':
    case 'ToggleButtonModel':
      return `<span class="widget-bool"${title}>${s.value ? '☑' : '☐'} ${escapeHtml(String(s.description ?? ''))}</span>`;
    case 'DropdownModel':
    case 'RadioButtonsModel':
    case 'ToggleButtonsModel':
    case 'SelectModel': {
      const labels = Array.isArray(s._options_labels) ? s._options_labels : [];
      const chosen = typeof s.index === 'number' ? labels[s.index] : '';
      return `<span class="widget-choice"${title}>${description}${escapeHtml(String(chosen ?? ''))}</span>`;
    }
    case 'AnyModel':
      return viewFallbackHtml(s);
    default: {
      if (!('value' in s)) return null;
      const v = s.value;
      const shown = Array.isArray(v) ? `${v[0]} – ${v[1]}` : String(v);
      return `<span class="widget-value"${title}>${description}${escapeHtml(shown)}</span>`;
    }
  }
}

/**
 * The network and time-series views (kernel/widgets-views.ts) as the site shows their outputs:
 * the live renderer where the page's scripts run (site-bundle.ts), their SVG where not. Other
 * ES-module widgets have nothing readable to show.
 */
function viewFallbackHtml(s: Record<string, unknown>): string | null {
  const payload = s.payload;
  if (!payload || typeof payload !== 'object') return null;
  try {
    if (s._anywidget_id === 'clusterlab.NetworkView') {
      const svg = networkFigure(payload as NetworkPayload).svg;
      return embedOutput(NETWORK_MIME, payload, `<div class="cl-static-network" style="max-width:100%;overflow-x:auto">${svg}</div>`);
    }
    if (s._anywidget_id === 'clusterlab.TimeSeriesView') return embedOutput(TIMESERIES_MIME, payload, timeseriesSvg(payload as TimeSeriesPayload));
  } catch {
    // A payload the figures cannot read (hand-edited state): no fallback rather than a broken page.
  }
  return null;
}
