#!/usr/bin/env node
// Builds the anywidget ES modules of the network and time-series views (extension/src/esm) into
// dist/esm/, with the renderers' stylesheet beside them; kernel/widgets-views.ts sends them as
// `_esm` and `_css`. Run by `npm run build` after tsc. Lumino is replaced by the small stand-in
// (src/esm/lumino-lite.ts): there is no Lumino parent inside a widget layout, and it would be
// three quarters of the network bundle. Files are written with the project's atomic writer
// (dist/src/io/atomic.js, which tsc has just built).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');
const { writeFileAtomic } = require('../dist/src/io/atomic');

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'dist', 'esm');
const ENTRIES = { 'network-view': 'network-view.ts', 'timeseries-view': 'timeseries-view.ts' };

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const result = await esbuild.build({
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, path.join(__dirname, 'src', 'esm', file)])),
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    alias: { '@lumino/widgets': path.join(__dirname, 'src', 'esm', 'lumino-lite.ts') },
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
  });
  for (const file of result.outputFiles) writeFileAtomic(file.path, file.contents);
  writeFileAtomic(path.join(outDir, 'views.css'), fs.readFileSync(path.join(__dirname, 'style', 'index.css')));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
