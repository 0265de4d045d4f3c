/**
 * Sensitivity bench: Sobol first-order and total indices of the Ishigami function with 2^14 base
 * samples (2^14 x 5 = 81,920 evaluations) and a 200-resample bootstrap, from design to intervals.
 * Three ways, timed in this script (median of --runs after a warm-up):
 * - arrays: saltelli + a loop over the unit design into a Float64Array + sobolIndices (the aim: < 1 s);
 * - model: modelSensitivity on the registered `ishigami` model (a Recorder per run, as every model
 *   pays), the path the CLI takes;
 * - naive: the same estimators on arrays of row arrays (bench/sensitivity-baseline.ts).
 *
 *   npm run build && node dist/bench/sensitivity.js [--runs 5]
 */
import { factorOf, saltelli } from '../src/experiments/designs';
import { sobolIndices } from '../src/experiments/sensitivity';
import { modelSensitivity } from '../src/experiments/modelAnalysis';
import { ishigami, ishigamiIndices, ishigamiModel } from '../src/engine/examples/testFunctions';
import { naiveSobol } from './sensitivity-baseline';

const N = 2 ** 14;
const RESAMPLES = 200;

function arrays(): number[] {
  const factors = ishigamiModel.parameters.map(factorOf);
  const design = saltelli(factors, N);
  const y = new Float64Array(design.size);
  const u = design.unit;
  const span = 2 * Math.PI;
  for (let i = 0; i < design.size; i++) y[i] = ishigami(-Math.PI + span * u[i * 3], -Math.PI + span * u[i * 3 + 1], -Math.PI + span * u[i * 3 + 2]);
  return sobolIndices(design, y, { resamples: RESAMPLES, seed: 1 }).rows.map((r) => r.S1);
}

function viaModel(): number[] {
  return modelSensitivity(ishigamiModel, { method: 'sobol', outcome: 'y@0', samples: N, resamples: RESAMPLES, seed: 1 }).rows.map(
    (r) => (r as { S1: number }).S1,
  );
}

function naive(): number[] {
  return naiveSobol(
    (x) => ishigami(x[0], x[1], x[2]),
    [
      [-Math.PI, Math.PI],
      [-Math.PI, Math.PI],
      [-Math.PI, Math.PI],
    ],
    N,
    RESAMPLES,
    1,
  ).S1;
}

function time(fn: () => number[], runs: number): { ms: number; S1: number[] } {
  let S1 = fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    S1 = fn();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { ms: ms[ms.length >> 1], S1 };
}

function main(): void {
  const i = process.argv.indexOf('--runs');
  const runs = i < 0 ? 5 : Number(process.argv[i + 1]);
  if (!Number.isInteger(runs) || runs < 1 || runs > 100) throw new RangeError(`--runs must be an integer in 1..100, got ${process.argv[i + 1]}`);
  const exact = ishigamiIndices().firstOrder;
  console.log(`Sobol indices of Ishigami, N = 2^14 (${N * 5} evaluations), ${RESAMPLES} bootstrap resamples, median of ${runs} runs, node ${process.version}`);
  console.log(`analytic S1: ${exact.map((v) => v.toFixed(4)).join(' ')}`);
  const a = time(arrays, runs);
  const m = time(viaModel, runs);
  const n = time(naive, runs);
  const line = (name: string, r: { ms: number; S1: number[] }) =>
    console.log(
      `${name.padEnd(8)} ${r.ms.toFixed(0).padStart(6)} ms   S1 ${r.S1.map((v) => v.toFixed(4)).join(' ')}   naive/this ${(n.ms / r.ms).toFixed(1)}x`,
    );
  line('arrays', a);
  line('model', m);
  line('naive', n);
  console.log(`aim: arrays under 1000 ms: ${a.ms < 1000 ? 'met' : 'NOT met'}`);
}

main();
