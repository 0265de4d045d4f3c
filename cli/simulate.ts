/** `clusterlab simulate <scenario>`: an ensemble summary as tidy rows. */
import { fmt, formatOption, guarded, parseArgs, parseSeeds, single, UsageError } from './modelArgs';

const HELP = `usage: clusterlab simulate <model|model/scenario> [--seeds N] [--set path=value ...] [--format csv|json|table] [--metric NAME ...] [--label TEXT] [--events]

Runs N seeded replications (default 20) of any registered model or scenario (listed by
\`clusterlab scenarios\`) and prints, per metric and year, the median and the 5th
and 95th percentiles across runs: scenario,year,metric,median,p05,p95,n. The provenance (model,
scenario, overrides, seeds, label, fingerprint, versions) heads the csv as '# ' lines (pandas:
comment='#'), is the 'provenance' field of the json ({ provenance, rows }) and heads the table.
--set overrides a parameter by dotted path, e.g. --set mechanisms.association=false (repeatable).
--metric keeps only the named metrics. --events prints, instead, the event log of one run (seed 1).
On a terminal a progress bar (runs done, time left) shows on stderr while the runs go.
Run \`clusterlab scenarios\` for the scenarios and \`clusterlab scenarios --parameters\` for parameters.`;

export async function run(args: string[]): Promise<number> {
  return guarded('simulate', HELP, async () => {
    const p = parseArgs(args, ['seeds', 'set', 'format', 'metric', 'label'], ['help', 'events']);
    if (p.flags.has('help')) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    if (p.positional.length !== 1)
      throw new UsageError(p.positional.length === 0 ? 'missing <scenario>' : `expected one scenario, got ${p.positional.join(' ')}`);
    const format = formatOption(p, ['csv', 'json', 'table']);
    const seeds = parseSeeds(single(p, 'seeds'), 20);
    const set = p.options.get('set') ?? [];
    const { ensemble, resolveTarget, simulate } = await import('../src/simulation/simulate');
    // Checked before the runs, so that a typo does not cost the whole ensemble.
    const known = resolveTarget(p.positional[0]).model.metrics.map((m) => m.name);
    const wanted = p.options.get('metric');
    for (const m of wanted ?? []) if (!known.includes(m)) throw new UsageError(`unknown metric '${m}'; metrics: ${known.join(', ')}`);
    const { provenanceComment } = await import('../src/simulation/summary');
    const label = single(p, 'label');
    if (label !== undefined && /[\r\n]/.test(label)) throw new UsageError('--label must be one line (it heads the csv as a # line)');
    if (p.flags.has('events')) {
      const ignored = ['seeds', 'format', 'metric', 'label'].find((o) => p.options.has(o));
      if (ignored) throw new UsageError(`--events prints the event log of one run (seed 1) as text; it does not take --${ignored}`);
      const r = simulate(p.positional[0], { seed: 1, set });
      process.stdout.write(r.events.map((e) => `${e.year}: ${e.text}`).join('\n') + '\n');
      return 0;
    }
    const { progressBar } = await import('./progress');
    const bar = progressBar();
    let ens: ReturnType<typeof ensemble>;
    try {
      ens = ensemble(p.positional[0], { seeds, set, label, onProgress: (done, total) => bar.update('runs', done, total) });
    } finally {
      bar.finish();
    }
    const rows = ens.summary.filter((r) => !wanted || wanted.includes(r.metric));
    const cols = ['scenario', 'year', 'metric', 'median', 'p05', 'p95', 'n'] as const;
    if (format === 'json') {
      process.stdout.write(JSON.stringify({ provenance: ens.provenance, rows }) + '\n');
    } else if (format === 'csv') {
      const out = [provenanceComment(ens.provenance), cols.join(',')];
      for (const r of rows) out.push([r.scenario, r.year, r.metric, fmt(r.median), fmt(r.p05), fmt(r.p95), r.n].join(','));
      process.stdout.write(out.join('\n') + '\n');
    } else {
      const cells = rows.map((r) => [r.scenario, String(r.year), r.metric, fmt(r.median), fmt(r.p05), fmt(r.p95), String(r.n)]);
      const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
      const line = (xs: readonly string[]) => xs.map((x, i) => (i < 3 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
      process.stdout.write([provenanceComment(ens.provenance), line(cols), ...cells.map(line)].join('\n') + '\n');
    }
    return 0;
  });
}
