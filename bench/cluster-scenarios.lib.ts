/**
 * The second model's scenarios side by side: for each scenario of both cases, medians over 24 seeds
 * (replicationSeed(7, i)) of lead firms, export tonnes and value in the last year, mean practice,
 * the first export-ready year, and how many seeds took off (exports above 10,000 t in the last
 * year). `node dist/bench/cluster-scenarios.lib.js [seeds]`; a report, not a timing (hence .lib).
 */
import type { RunRecord } from '../src/engine/recorder';
import { replicationSeed } from '../src/engine/rng';
import { caseScenarioValues } from '../src/cluster/fit';
import { salmonModel, tomatoModel } from '../src/cluster/models';
import { runCluster } from '../src/cluster/run';

const at = (r: RunRecord, m: string, y: number) => r.values[r.metrics.indexOf(m) * r.years.length + r.years.indexOf(y)];
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
function firstYear(r: RunRecord, metric: string): number {
  const m = r.metrics.indexOf(metric);
  for (let y = 0; y < r.years.length; y++) if (r.values[m * r.years.length + y] > 0) return r.years[y];
  return NaN;
}

function main(): void {
  const seeds = Number(process.argv[2] ?? 24);
  console.log('| scenario | lead firms at end | exports at end (t) | exports at end (US$M) | mean practice | first export-ready year | took off |');
  console.log('|---|---|---|---|---|---|---|');
  for (const def of [tomatoModel, salmonModel]) {
    const c = def.name as 'tomato' | 'salmon';
    const end = def.years[1];
    const lead = c === 'tomato' ? 'processors' : 'farms';
    // The case itself first, then each of its scenarios, named as `clusterlab simulate` names them.
    for (const s of [undefined, ...def.scenarios!.filter((x) => x.kind !== 'case')]) {
      const values = caseScenarioValues(c, s?.name);
      const rs: RunRecord[] = [];
      for (let i = 0; i < seeds; i++) rs.push(runCluster(c, values, replicationSeed(7, i)).record);
      const ready = rs.map((r) => firstYear(r, 'exportReadyFirms')).filter(Number.isFinite);
      const cells = [
        s ? `${c}/${s.name}` : c,
        String(median(rs.map((r) => at(r, lead, end)))),
        median(rs.map((r) => at(r, 'exportTonnes', end))).toFixed(0),
        median(rs.map((r) => at(r, 'exportValueUSDm', end))).toFixed(0),
        median(rs.map((r) => at(r, 'meanCapability', end))).toFixed(2),
        ready.length >= seeds / 2 ? String(median(ready)) : `never (${ready.length}/${seeds})`,
        `${rs.filter((r) => at(r, 'exportTonnes', end) > 10000).length}/${seeds}`,
      ];
      console.log(`| ${cells.join(' | ')} |`);
    }
  }
}

main();
