#!/usr/bin/env node
'use strict';
// Entry point of `npx clusterlab`. The TypeScript sources compile to dist/; a fresh clone that has
// not been built yet is built once here so that the command works right after `npm ci`.
const path = require('path');
const fs = require('fs');
const { spawnSync } = require('child_process');

const root = path.join(__dirname, '..');
const entry = path.join(root, 'dist', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('clusterlab: first run, compiling TypeScript (npm run build)...\n');
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  const built = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err) => {
    process.stderr.write(`clusterlab: ${err && err.message ? err.message : err}\n`);
    process.exitCode = 1;
  });
