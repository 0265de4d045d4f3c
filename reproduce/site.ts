/**
 * The static site: one HTML page per executed notebook plus an index, readable with no server and
 * no kernel. Markdown is rendered with markdown-it and its HTML sanitised (`sanitize.ts`), as
 * JupyterLab treats untrusted output; file names are escaped wherever they appear; code cells show
 * their source and outputs;
 * clusterlab's network and time-series outputs become live widgets through the renderers bundled
 * by `site-bundle.ts` (the same ones JupyterLab uses), with their static SVG as the fallback.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { joinText, type MimeBundle, type Notebook, type Output } from './notebook';
import { embedOutput, SITE_BUNDLE_FILE } from './site-bundle';
import { stripAnsi } from './outputs';
import { sanitizeHtml } from './sanitize';
import { writeFileAtomic } from '../src/io/atomic';
import { GROUP_MIME, NETWORK_MIME, TIMESERIES_MIME } from '../src/views/payloads';
import { savedWidgetState, widgetFallbackHtml, WIDGET_VIEW_MIME, type WidgetStateDocument } from './widget-state';

export interface SitePage {
  /** File stem, e.g. "03-tomato". */
  name: string;
  notebook: Notebook;
}

const WIDGET_MIMES = [GROUP_MIME, NETWORK_MIME, TIMESERIES_MIME];

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// Prose may contain inline HTML, which is sanitised after rendering; links to sibling notebooks point at their pages.
const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });
const defaultLink = markdown.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
markdown.renderer.rules.link_open = (tokens, i, options, env, self) => {
  const href = tokens[i].attrGet('href');
  if (href && /^[\w.-]+\.ipynb(#.*)?$/.test(href)) tokens[i].attrSet('href', href.replace(/\.ipynb/, '.html'));
  return defaultLink(tokens, i, options, env, self);
};

export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source));
}

/** A page's address from its file stem: percent-encoded, so a name is never read as a scheme, query or fragment. */
function pageHref(name: string): string {
  return escapeHtml(encodeURIComponent(`${name}.html`));
}

/** The title of a notebook: its first level-1 heading, else its file stem. */
export function notebookTitle(page: SitePage): string {
  for (const cell of page.notebook.cells) {
    if (cell.cell_type !== 'markdown') continue;
    const heading = /^#\s+(.+)$/m.exec(joinText(cell.source));
    if (heading) return heading[1].replace(/[*_`]/g, '').trim();
  }
  return page.name;
}

function renderBundle(data: MimeBundle, widgets: WidgetStateDocument | null): string {
  const text = (mime: string) => joinText(data[mime] as string | string[]);
  // A Jupyter widget: its saved state, as readable HTML; else the kernel's own text/html fallback.
  const view = data[WIDGET_VIEW_MIME] as { model_id?: string } | undefined;
  const saved = view?.model_id && widgets ? widgetFallbackHtml(view.model_id, widgets) : null;
  if (saved !== null) return `<div class="jupyter-widget-fallback">${saved}</div>`;
  const widget = WIDGET_MIMES.find((mime) => mime in data);
  if (widget) return embedOutput(widget, data[widget], 'text/html' in data ? text('text/html') : `<pre>${escapeHtml(text('text/plain'))}</pre>`);
  if ('text/html' in data) return `<div class="html-output">${text('text/html')}</div>`;
  if ('image/svg+xml' in data) return `<div class="svg-output">${text('image/svg+xml')}</div>`;
  if ('image/png' in data) return `<img alt="figure" src="data:image/png;base64,${escapeHtml(text('image/png').replace(/\s/g, ''))}">`;
  if ('text/markdown' in data) return `<div class="markdown-output">${renderMarkdown(text('text/markdown'))}</div>`;
  if ('application/json' in data) return `<pre>${escapeHtml(JSON.stringify(data['application/json'], null, 2))}</pre>`;
  if ('text/plain' in data) return `<pre>${escapeHtml(text('text/plain'))}</pre>`;
  return '';
}

function renderOutput(output: Output, widgets: WidgetStateDocument | null): string {
  switch (output.output_type) {
    case 'stream':
      return `<pre class="stream ${output.name}">${escapeHtml(joinText(output.text))}</pre>`;
    case 'error': {
      // Tracebacks carry ANSI colour codes for terminals.
      const trace = stripAnsi(output.traceback.join('\n'));
      return `<pre class="error">${escapeHtml(trace || `${output.ename}: ${output.evalue}`)}</pre>`;
    }
    default:
      return renderBundle(output.data, widgets);
  }
}

const STYLE = `
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1d2330; background: #fff; }
nav { background: #1d3557; padding: .6em 1.5em; }
nav a { color: #f1faee; margin-right: 1.2em; text-decoration: none; font-size: 14px; }
nav a.current { font-weight: 700; text-decoration: underline; }
main { max-width: 980px; margin: 0 auto; padding: 1em 1.5em 4em; }
.cell { margin: 1em 0; }
.input { background: #f6f8fa; border-left: 3px solid #457b9d; padding: .6em .9em; overflow-x: auto; font-size: 13px; }
.output pre { margin: .4em 0; padding: .4em .9em; overflow-x: auto; font-size: 13px; }
pre.stderr { background: #fff4e5; }
pre.error { background: #fdecea; color: #8a1c1c; }
table { border-collapse: collapse; margin: .8em 0; font-size: 14px; }
th, td { border: 1px solid #d0d7de; padding: .3em .6em; text-align: left; }
code { font-size: 90%; }
.prompt { color: #8b949e; font: 12px monospace; }
.cl-output { margin: .5em 0; min-height: 2em; }
.jupyter-widget-fallback { border-left: 3px solid #d0d7de; padding: .3em .8em; margin: .5em 0; font-size: 14px; }
footer { color: #6b7280; font-size: 13px; margin-top: 3em; }
`;

function pageHtml(page: SitePage, pages: SitePage[]): string {
  const nav = pages.map((p) => `<a href="${pageHref(p.name)}"${p.name === page.name ? ' class="current"' : ''}>${escapeHtml(p.name)}</a>`).join('');
  const widgets = savedWidgetState(page.notebook);
  const body = page.notebook.cells
    .map((cell) => {
      const source = joinText(cell.source);
      if (cell.cell_type === 'markdown') return `<section class="cell markdown">${renderMarkdown(source)}</section>`;
      if (cell.cell_type !== 'code') return `<pre class="cell raw">${escapeHtml(source)}</pre>`;
      const prompt = cell.execution_count == null ? '[ ]' : `[${cell.execution_count}]`;
      return [
        '<section class="cell code">',
        `<div class="prompt">In ${prompt}</div><pre class="input"><code>${escapeHtml(source)}</code></pre>`,
        `<div class="output">${cell.outputs.map((o) => renderOutput(o, widgets)).join('\n')}</div>`,
        '</section>',
      ].join('\n');
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(notebookTitle(page))} - clusterlab</title>
<style>${STYLE}</style>
<script src="${SITE_BUNDLE_FILE}"></script>
</head>
<body>
<nav><a href="index.html">clusterlab</a>${nav}</nav>
<main>
${body}
<footer>Executed by <code>npm start</code> from <code>notebooks/${escapeHtml(page.name)}.ipynb</code> on the clusterlab kernel.</footer>
</main>
<script>if (window.clusterlab) clusterlab.renderAll();</script>
</body>
</html>
`;
}

function indexHtml(pages: SitePage[], withScorecard: boolean): string {
  const items = pages.map((p) => `<li><a href="${pageHref(p.name)}">${escapeHtml(p.name)}</a>: ${escapeHtml(notebookTitle(p))}</li>`).join('\n');
  const scorecard = withScorecard
    ? '<p>The <a href="scorecard.html">reproduction scorecard</a> sets each fact of the paper beside the model\'s ensemble value.</p>'
    : '';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>clusterlab notebooks</title><style>${STYLE}</style></head>
<body>
<nav><a href="index.html" class="current">clusterlab</a></nav>
<main>
<h1>clusterlab: the notebooks</h1>
<p>Perez-Aleman (2005), <em>Cluster formation, institutions and learning: the emergence of clusters and
development in Chile</em>, worked through with an agent-based model. Each page is a notebook executed
headlessly on the clusterlab kernel; the network and time-series figures are interactive.</p>
<ol>
${items}
</ol>
${scorecard}
</main>
</body>
</html>
`;
}

function scorecardHtml(text: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Reproduction scorecard - clusterlab</title><style>${STYLE}</style></head>
<body>
<nav><a href="index.html">clusterlab</a></nav>
<main>
<h1>Reproduction scorecard</h1>
<pre>${escapeHtml(text)}</pre>
</main>
</body>
</html>
`;
}

/**
 * Writes `<name>.html` for each page, `index.html` and, when given, `scorecard.html` into `outDir`.
 * The widget bundle itself (`clusterlab-views.js`) is written by `buildSiteBundle`, which the
 * caller runs once.
 */
export function writeSite(outDir: string, pages: SitePage[], options: { scorecard?: string } = {}): string[] {
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const page of pages) {
    const file = path.join(outDir, `${page.name}.html`);
    writeFileAtomic(file, pageHtml(page, pages));
    written.push(file);
  }
  if (options.scorecard) writeFileAtomic(path.join(outDir, 'scorecard.html'), scorecardHtml(options.scorecard.trim()));
  writeFileAtomic(path.join(outDir, 'index.html'), indexHtml(pages, Boolean(options.scorecard)));
  return written;
}
