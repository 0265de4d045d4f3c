#!/usr/bin/env node
/**
 * `npm run bench`: runs every compiled benchmark script in dist/bench/ (after `npm run build`),
 * one after another in its own node process (with --expose-gc, for benches that report memory),
 * so that one bench's JIT and heap do not colour the next. Modules that only support a bench (a
 * baseline implementation, fixtures, shared helpers) are named `*-baseline.ts`, `*-fixtures.ts`
 * or `*.lib.ts` and are skipped. Pass names to run a subset: `node bench/run.js schelling`.
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const dir = path.join(__dirname, '..', 'dist', 'bench');
if (!fs.existsSync(dir)) {
  console.error('bench: dist/bench not found; run `npm run build` first');
  process.exit(2);
}
const wanted = process.argv.slice(2);
const scripts = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.js') && !/(-baseline|-fixtures|\.lib)\.js$/.test(f))
  .filter((f) => wanted.length === 0 || wanted.includes(path.basename(f, '.js')))
  .sort();
if (scripts.length === 0) {
  console.error(`bench: no benchmark scripts${wanted.length ? ` named ${wanted.join(', ')}` : ''} in ${dir}`);
  process.exit(2);
}
let failed = 0;
for (const script of scripts) {
  console.log(`\n=== ${path.basename(script, '.js')} ===`);
  const result = spawnSync(process.execPath, ['--expose-gc', path.join(dir, script)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.error(`bench: ${script} exited with ${result.status ?? result.signal}`);
  }
}
process.exit(failed ? 1 : 0);
