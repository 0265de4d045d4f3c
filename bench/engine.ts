/**
 * Engine building blocks against the obvious alternatives, timed in the same process:
 * - random draws: the engine's Rng against seedrandom's generators called directly and Math.random;
 * - a pass over 1,000,000 agents: typed-array columns against an array of objects;
 * - an ensemble of 24 large Schelling runs on 1 and 2 worker threads (identical results);
 * - heap in use over 1,000 consecutive small Schelling runs (nothing should be retained).
 *
 *   npm run build && node bench/run.js engine
 */
import * as path from 'path';
import seedrandom from 'seedrandom';
import { runSchelling, SCHELLING_LARGE, SCHELLING_SMALL } from '../src/engine/examples/schelling';
import { createRng, defineAgents } from '../src/engine';
import { runEnsemble } from '../src/experiments';

/** Median over 5 timed calls (after one warm-up) of nanoseconds per unit of work. */
function nsPer(label: string, n: number, body: () => number): number {
  body();
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t = process.hrtime.bigint();
    const sink = body();
    times.push(Number(process.hrtime.bigint() - t) / n);
    if (Number.isNaN(sink)) throw new Error(`${label}: no result`);
  }
  return times.sort((a, b) => a - b)[2];
}

function draws(next: () => number, n: number): () => number {
  return () => {
    let s = 0;
    for (let i = 0; i < n; i++) s += next();
    return s;
  };
}

async function main(): Promise<void> {
  const n = 2_000_000;
  const rng = createRng(1);
  const rows: [string, number][] = [
    [
      'engine Rng.uniform (xoshiro128**, seeded by seedrandom)',
      nsPer('rng', n, () => {
        let s = 0;
        for (let i = 0; i < n; i++) s += rng.uniform();
        return s;
      }),
    ],
    ['seedrandom xor4096 called directly', nsPer('xor4096', n, draws(seedrandom.xor4096('1'), n))],
    ['seedrandom alea called directly', nsPer('alea', n, draws(seedrandom.alea('1'), n))],
    ['seedrandom default (ARC4)', nsPer('arc4', n, draws(seedrandom('1'), n))],
    ['Math.random (unseeded)', nsPer('Math.random', n, draws(Math.random, n))],
  ];
  console.log('random draws, ns per uniform number:');
  for (const [label, ns] of rows) console.log(`  ${label.padEnd(58)} ${ns.toFixed(1).padStart(6)}`);

  const agents = 1_000_000;
  const table = defineAgents({ capability: 'f64', size: 'f64', member: 'u8' }, agents);
  const objects: { capability: number; size: number; member: number }[] = [];
  const init = createRng(2);
  for (let i = 0; i < agents; i++) {
    const v = { capability: init.uniform(), size: init.uniform() * 100, member: init.bernoulli(0.3) ? 1 : 0 };
    table.add(v);
    objects.push(v);
  }
  const passes = 20;
  const columnsNs = nsPer('columns', agents * passes, () => {
    const { capability, size, member } = table.cols;
    const alive = table.alive;
    let total = 0;
    for (let p = 0; p < passes; p++) {
      for (let i = 0; i < table.end; i++) {
        if (alive[i] && member[i]) {
          capability[i] += 0.01 * (1 - capability[i]);
          total += size[i] * capability[i];
        }
      }
    }
    return total;
  });
  const objectsNs = nsPer('objects', agents * passes, () => {
    let total = 0;
    for (let p = 0; p < passes; p++) {
      for (const a of objects) {
        if (a.member) {
          a.capability += 0.01 * (1 - a.capability);
          total += a.size * a.capability;
        }
      }
    }
    return total;
  });
  console.log(`\nlearning update over ${agents.toLocaleString('en')} agents (${passes} passes), ns per agent-update:`);
  console.log(`  typed-array columns (AgentTable) ${columnsNs.toFixed(2).padStart(8)}  = ${(1e3 / columnsNs).toFixed(0)} M agent-updates/s`);
  console.log(`  array of objects                 ${objectsNs.toFixed(2).padStart(8)}  (${(objectsNs / columnsNs).toFixed(1)}x the columns' time)`);

  const task = { module: path.join(__dirname, '../src/engine/examples/schelling.js'), exportName: 'schellingReplication', args: SCHELLING_LARGE };
  console.log('\nensemble of 24 large Schelling runs (results identical for any worker count):');
  let reference = '';
  for (const workers of [1, 2]) {
    const t = process.hrtime.bigint();
    const result = await runEnsemble(task, { seeds: 24, masterSeed: 'bench', workers });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    const digest = JSON.stringify(result.summary);
    if (!reference) reference = digest;
    console.log(`  workers ${workers}: ${ms.toFixed(0).padStart(6)} ms wall  ${digest === reference ? 'same summary' : 'DIFFERENT SUMMARY'}`);
  }
}

function heapAfterRuns(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  const heapMb = () => {
    gc?.();
    return process.memoryUsage().heapUsed / 2 ** 20;
  };
  const marks: string[] = [];
  for (let i = 0; i <= 1000; i++) {
    if (i % 250 === 0) marks.push(`${i}: ${heapMb().toFixed(1)} MB`);
    if (i < 1000) runSchelling(SCHELLING_SMALL, i);
  }
  console.log(`\nheap in use over 1,000 consecutive small Schelling runs${gc ? '' : ' (run node with --expose-gc for exact figures)'}:`);
  console.log(`  ${marks.join('  ')}`);
}

main()
  .then(heapAfterRuns)
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
