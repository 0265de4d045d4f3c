/**
 * Schelling benchmark (ABMFrameworksComparison declaration): median milliseconds per run, model
 * set-up included, for the small and large configurations; the engine version against an
 * object-per-agent baseline timed in this same script, and against the published Mesa 3.2 figures.
 * Ratios use wall-clock medians; CPU medians are printed beside them.
 *
 *   npm run bench:schelling            (builds, then runs dist/bench/schelling.js)
 *   node dist/bench/schelling.js --runs 15
 */
import { runSchelling, SCHELLING_LARGE, SCHELLING_SMALL, type SchellingOptions } from '../src/engine/examples/schelling';
import { runSchellingObjects } from './schelling-baseline';

// Mesa 3.2 on this kind of machine (issue 2), and Agents.jl's published speed-up over Mesa.
const MESA_MS = { small: 97, large: 2290 };
const AGENTS_JL_OVER_MESA = 30;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Median wall-clock and CPU milliseconds per run. On a shared machine the wall time includes time
 * the process waited for a core; the CPU time (user + system) shows what a run itself costs.
 */
function timeRuns(run: (seed: number) => unknown, runs: number, warmup: number): { wall: number; cpu: number } {
  for (let i = 0; i < warmup; i++) run(1000 + i);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = process.hrtime.bigint();
    run(i);
    wall.push(Number(process.hrtime.bigint() - t) / 1e6);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1e3);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

function parseRuns(argv: string[]): number {
  const i = argv.indexOf('--runs');
  if (i < 0) return 21;
  const n = Number(argv[i + 1]);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new RangeError(`--runs must be an integer in 1..1000, got ${argv[i + 1]}`);
  return n;
}

function main(): void {
  const runs = parseRuns(process.argv.slice(2));
  const configs: [keyof typeof MESA_MS, SchellingOptions][] = [
    ['small', SCHELLING_SMALL],
    ['large', SCHELLING_LARGE],
  ];
  console.log(`Schelling (ABMFrameworksComparison), median of ${runs} runs after warm-up, set-up + ${SCHELLING_SMALL.steps} steps, node ${process.version}`);
  console.log('size   grid     agents  r  happy>=  engine ms (cpu)  objects ms (cpu)  engine/objects  Mesa 3.2 ms  Mesa/engine  (Agents.jl ~30x Mesa)');
  for (const [name, cfg] of configs) {
    const engine = timeRuns((seed) => runSchelling(cfg, seed), runs, 10);
    const objects = timeRuns((seed) => runSchellingObjects(cfg, seed), runs, 10);
    const engineMs = engine.wall;
    const objectMs = objects.wall;
    const speedup = MESA_MS[name] / engineMs;
    console.log(
      [
        name.padEnd(5),
        `${cfg.width}x${cfg.height}`.padEnd(7),
        String(cfg.agents).padStart(7),
        String(cfg.radius).padStart(2),
        String(cfg.minHappy).padStart(8),
        `${engineMs.toFixed(2)} (${engine.cpu.toFixed(2)})`.padStart(16),
        `${objectMs.toFixed(2)} (${objects.cpu.toFixed(2)})`.padStart(17),
        `${(objectMs / engineMs).toFixed(1)}x faster`.padStart(15),
        String(MESA_MS[name]).padStart(12),
        `${speedup.toFixed(0)}x`.padStart(12),
        speedup > AGENTS_JL_OVER_MESA ? '  beats Agents.jl ratio' : '  below Agents.jl ratio',
      ].join(' '),
    );
  }
}

main();
