/**
 * Kernel speed against stock tslab, both started the same way (a process on free ports, driven
 * over ZeroMQ by kernel/client.ts) in this one script:
 *   start-up   spawn to the first kernel_info_reply (median of STARTS runs)
 *   1+1        warm round trip of `1+1`, execute_request to idle (median of ROUNDS)
 *   function   warm round trip of a cell defining a typed function (median of ROUNDS)
 * Ratios are clusterlab / tslab: below 1 is faster. Run: npm run build && node dist/bench/kernel.js
 */
import { join } from 'node:path';
import { KernelClient } from '../kernel/client';

const ROOT = join(__dirname, '..', '..');
const STARTS = Number(process.env.KERNEL_BENCH_STARTS ?? 3);
const ROUNDS = Number(process.env.KERNEL_BENCH_ROUNDS ?? 15);

interface Kernel {
  name: string;
  argv: string[];
}

const KERNELS: Kernel[] = [
  { name: 'clusterlab', argv: [process.execPath, join(ROOT, 'bin', 'clusterlab.js'), 'kernel', '-f', '{connection_file}'] },
  { name: 'tslab', argv: [process.execPath, join(ROOT, 'node_modules', 'tslab', 'bin', 'tslab'), 'kernel', '--config-path', '{connection_file}'] },
];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function timed(client: KernelClient, code: string): Promise<number> {
  const t0 = performance.now();
  const r = await client.execute(code, { timeoutMs: 180_000 });
  if (r.status !== 'ok') throw new Error(`bench cell failed: ${code}\n${JSON.stringify(r.reply.content)}`);
  return performance.now() - t0;
}

type Figures = { startup: number[]; onePlusOne: number[]; fn: number[] };

/**
 * The machine is shared, so its load drifts: the two kernels are measured in alternation
 * (start-ups interleaved, then round by round) so that both see the same conditions.
 */
async function main(): Promise<void> {
  const figures: Record<string, Figures> = {};
  for (const k of KERNELS) figures[k.name] = { startup: [], onePlusOne: [], fn: [] };
  const clients: Record<string, KernelClient> = {};
  for (let i = 0; i < STARTS; i++) {
    for (const kernel of KERNELS) {
      const client = await KernelClient.start({ argv: kernel.argv, cwd: ROOT });
      figures[kernel.name].startup.push(client.startupMs!);
      if (i < STARTS - 1) await client.shutdown();
      else clients[kernel.name] = client;
    }
  }
  for (const kernel of KERNELS) {
    await timed(clients[kernel.name], '0'); // waits until the compiler is warm
    await timed(clients[kernel.name], '1+1');
  }
  for (let i = 0; i < ROUNDS; i++) {
    for (const kernel of KERNELS) {
      const c = clients[kernel.name];
      figures[kernel.name].onePlusOne.push(await timed(c, '1+1'));
      figures[kernel.name].fn.push(await timed(c, `function scale${i}(values: number[], factor: number): number[] { return values.map((v) => v * factor); }`));
    }
  }
  for (const kernel of KERNELS) await clients[kernel.name].shutdown();

  const ours = figures.clusterlab;
  const base = figures.tslab;
  const row = (label: string, key: keyof Figures) => {
    const a = median(ours[key]);
    const b = median(base[key]);
    return `${label.padEnd(28)} ${a.toFixed(1).padStart(10)} ${b.toFixed(1).padStart(10)} ${(a / b).toFixed(2).padStart(7)}`;
  };
  console.log(`kernel bench (medians of ${STARTS} start-ups and ${ROUNDS} warm rounds, in ms; ratio = clusterlab / tslab)`);
  console.log(`${''.padEnd(28)} ${'clusterlab'.padStart(10)} ${'tslab'.padStart(10)} ${'ratio'.padStart(7)}`);
  console.log(row('start-up to kernel_info', 'startup'));
  console.log(row('warm 1+1 round trip', 'onePlusOne'));
  console.log(row('typed function definition', 'fn'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
