/**
 * Cost of the model interface on a run: for tomato and salmon, the median time of a run called
 * directly (`runCluster` on the resolved values), through the model (`model.run(values, seed)`:
 * the same run behind the interface), and
 * through `simulate` (resolve and validate the overrides, run, provenance, Run object). The three
 * alternate seed by seed so that drift of the machine's speed hits them alike. Ratios above 1 are
 * the interface's overhead. Run with `npm run bench -- model-interface`.
 */
import { getModel } from '../src/models';
import { runCluster } from '../src/cluster/run';
import { nest } from '../src/cluster/params';
import type { CaseName } from '../src/cluster/schema';
import { simulate } from '../src/simulation/simulate';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function compare(c: CaseName, reps: number): void {
  const model = getModel(c);
  const values = model.resolve();
  for (let i = 0; i < 5; i++) {
    runCluster(c, values, 900 + i);
    model.run(values, 900 + i);
    simulate(model, { seed: 900 + i });
  }
  const direct: number[] = [];
  const viaModel: number[] = [];
  const viaSimulate: number[] = [];
  for (let i = 0; i < reps; i++) {
    const seed = i + 1;
    direct.push(time(() => runCluster(c, values, seed).record));
    viaModel.push(time(() => model.run(values, seed).record));
    viaSimulate.push(time(() => simulate(model, { seed })));
  }
  // The interface's own work, without the run: resolve (validate), flat to nested, provenance.
  const calls = 2000;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    const v = model.resolve({ 'mechanisms.association': true });
    nest(v);
    model.provenance({ overrides: { 'mechanisms.association': true }, seeds: [i] });
  }
  const overheadMs = Number(process.hrtime.bigint() - t0) / 1e6 / calls;
  const d = median(direct);
  const m = median(viaModel);
  const s = median(viaSimulate);
  console.log(
    `${c.padEnd(7)} direct runCluster ${d.toFixed(2).padStart(6)} ms  model.run ${m.toFixed(2).padStart(6)} ms (ratio ${(m / d).toFixed(3)})  ` +
      `simulate ${s.toFixed(2).padStart(6)} ms (ratio ${(s / d).toFixed(3)})  interface work alone ${(overheadMs * 1000).toFixed(0)} us = ${((100 * overheadMs) / d).toFixed(2)}% of a run`,
  );
}

console.log('model interface overhead per run (median of 60 interleaved runs, one thread)');
compare('tomato', 60);
compare('salmon', 60);
