/** `clusterlab targets <scenario>`: each fact of the paper beside the ensemble's value. */
import { fmt, guarded, parseArgs, parseSeeds, single, UsageError } from './modelArgs';

const HELP = `usage: clusterlab targets <model|model/scenario> [--seeds N] [--set path=value ...] [--strict] [--format table|json|csv]

Runs N seeded replications (default 100) and prints each calibration and held-out fact of the
scenario's case (Perez-Aleman 2005) beside the ensemble median, its 5-95% band, the tolerance and
pass or fail. Exits 0 even when facts fail (the table says so); with --strict a failed calibration
fact makes the exit code 1.`;

export async function run(args: string[]): Promise<number> {
  return guarded('targets', HELP, async () => {
    const p = parseArgs(args, ['seeds', 'set', 'format'], ['help', 'strict', 'json']);
    if (p.flags.has('help')) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    if (p.positional.length !== 1) throw new UsageError(p.positional.length === 0 ? 'missing <scenario>' : `expected one scenario, got ${p.positional.join(' ')}`);
    const seeds = parseSeeds(single(p, 'seeds'), 100);
    const format = p.flags.has('json') ? 'json' : single(p, 'format') ?? 'table';
    if (!['csv', 'json', 'table'].includes(format)) throw new UsageError(`--format must be table, json or csv, got '${format}'`);
    const { targets } = await import('../src/simulation/targets');
    const rows = targets(p.positional[0], { seeds, set: p.options.get('set') ?? [] });
    if (format === 'json') {
      process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    } else if (format === 'csv') {
      const { csvCell } = await import('../src/simulation/summary');
      const head = ['id', 'case', 'metric', 'year', 'value', 'unit', 'model', 'p05', 'p95', 'n', 'tolerance', 'use', 'pass', 'section'] as const;
      process.stdout.write([head.join(','), ...rows.map((r) => head.map((h) => csvCell(r[h])).join(','))].join('\n') + '\n');
    } else {
      const head = ['fact', 'use', 'year', 'paper', 'model', 'p05-p95', 'tolerance', 'result'];
      const cells = rows.map((r) => [r.id, r.use, String(r.year), fmt(r.value), fmt(r.model), `${fmt(r.p05)}-${fmt(r.p95)}`, r.tolerance, r.pass ? 'pass' : 'FAIL']);
      const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
      const line = (xs: string[]) => xs.map((x, i) => x.padEnd(widths[i])).join('  ');
      const lines = [line(head), ...cells.map(line)];
      for (const use of ['calibration', 'heldOut'] as const) {
        const mine = rows.filter((r) => r.use === use);
        lines.push(`${use === 'calibration' ? 'calibration facts' : 'held-out facts'}: ${mine.filter((r) => r.pass).length} of ${mine.length} within tolerance`);
      }
      lines.push(`(${seeds} seeds; Perez-Aleman 2005, Sections 3.1-3.2)`);
      process.stdout.write(lines.join('\n') + '\n');
    }
    const failedCalibration = rows.some((r) => r.use === 'calibration' && !r.pass);
    return p.flags.has('strict') && failedCalibration ? 1 : 0;
  });
}
