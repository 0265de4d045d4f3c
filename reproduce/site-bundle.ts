/**
 * The browser bundle of clusterlab's renderers for static pages (the published site), built with
 * esbuild from extension/src/site.ts: the same NetworkWidget and TimeSeriesWidget as in JupyterLab,
 * plotly and our WebGL network renderer included, stylesheet inlined, one IIFE script.
 *
 * Contract with the site generator:
 *   const script = await buildSiteBundle(outDir);   // -> absolute path of clusterlab-views.js
 *   page: <script src="clusterlab-views.js"></script>, then outputs written with embedOutput(...):
 *     <div class="cl-output" data-mime="MIME"><script type="application/json">PAYLOAD</script>
 *       FALLBACK-HTML (the bundle's text/html, shown when scripts do not run)</div>
 *   and at the end: <script>clusterlab.renderAll()</script>
 *   renderAll(root = document) replaces each such div's content by the live widget and resolves to
 *   the widgets; outputs whose MIME type it does not know keep their fallback.
 */
import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomic } from '../src/io/atomic';

export const SITE_BUNDLE_FILE = 'clusterlab-views.js';

const ENTRY = path.resolve(__dirname, '..', '..', 'extension', 'src', 'site.ts');

export async function buildSiteBundle(outDir: string, opts: { minify?: boolean } = {}): Promise<string> {
  // esbuild is a build tool (devDependency): loaded only when a site is built.
  const esbuild = require('esbuild') as typeof import('esbuild');
  fs.mkdirSync(outDir, { recursive: true });
  const outfile = path.resolve(outDir, SITE_BUNDLE_FILE);
  // esbuild hands the files back rather than writing them in place, so a killed build leaves the old ones.
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    outfile,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: opts.minify ?? true,
    loader: { '.css': 'text' },
    legalComments: 'linked',
    logLevel: 'warning',
    write: false,
  });
  for (const file of result.outputFiles) writeFileAtomic(file.path, file.contents);
  return outfile;
}

/** Escapes text for HTML element content and attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * One output for the page: the payload as JSON inside a script element (with `<` written as
 * \u003c so that no label can close the script), then the static fallback.
 */
export function embedOutput(mime: string, payload: unknown, fallbackHtml = ''): string {
  const json = JSON.stringify(payload)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `<div class="cl-output" data-mime="${escapeHtml(mime)}"><script type="application/json">${json}</script>${fallbackHtml}</div>`;
}
