/**
 * The second model beside the paper's facts: for each calibration and held-out fact, the median
 * and 5-95% band over N seeds and whether the median is within tolerance.
 * `node dist/bench/cluster-fit.lib.js [tomato|salmon|both] [seeds] [path=value ...]`
 * (named .lib so that `npm run bench` does not run it; it is a report, not a timing).
 */
import { caseScenarioValues, fitTable, runSeeds } from '../src/cluster/fit';
import type { CaseName } from '../src/cluster/schema';

function fmt(x: number): string {
  if (!Number.isFinite(x)) return '-';
  if (Math.abs(x) >= 1000) return x.toFixed(0);
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(3);
}

function main(): void {
  const [which = 'both', seedsText = '20', ...rest] = process.argv.slice(2);
  const seeds = Number(seedsText);
  const scenario = rest.find((r) => r.startsWith('scenario='))?.slice(9);
  const overrides = rest.filter((r) => !r.startsWith('scenario='));
  const cases: CaseName[] = which === 'both' ? ['tomato', 'salmon'] : [which as CaseName];
  let passed = 0;
  let total = 0;
  for (const c of cases) {
    const values = caseScenarioValuesWith(c, scenario, overrides);
    const runs = runSeeds(c, values, seeds);
    console.log(`\n${c}${scenario ? `/${scenario}` : ''}: ${seeds} seeds`);
    console.log(
      `${'fact'.padEnd(32)} ${'use'.padEnd(11)} ${'paper'.padStart(9)} ${'median'.padStart(9)} ${'p05'.padStart(9)} ${'p95'.padStart(9)}  tol     n   ok`,
    );
    for (const r of fitTable(c, runs)) {
      total++;
      if (r.pass) passed++;
      console.log(
        `${r.id.padEnd(32)} ${r.use.padEnd(11)} ${fmt(r.value).padStart(9)} ${fmt(r.median).padStart(9)} ${fmt(r.p05).padStart(9)} ${fmt(r.p95).padStart(9)}  ${r.tolerance.padEnd(6)} ${String(r.n).padStart(3)}  ${r.pass ? 'yes' : 'NO'}`,
      );
    }
  }
  console.log(`\nwithin tolerance: ${passed} of ${total}`);
}

function caseScenarioValuesWith(c: CaseName, scenario: string | undefined, overrides: string[]) {
  return caseScenarioValues(
    c,
    scenario ? `${c}/${scenario}` : undefined,
    Object.fromEntries(
      overrides.map((o) => {
        const [k, v] = o.split('=');
        return [k, v === 'true' ? true : v === 'false' ? false : Number(v)];
      }),
    ),
  );
}

main();
