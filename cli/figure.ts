/** `clusterlab figure <scenario> --out FILE`: a scenario's network or time series saved as SVG, PNG or HTML. */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { checkOutPath, guarded, parseArgs, parseSeeds, single, UsageError } from './modelArgs';

const HELP = `usage: clusterlab figure <scenario> --out FILE.svg|FILE.png|FILE.html [--view network|timeseries]
                         [--year Y] [--seed S] [--seeds N] [--set path=value ...] [--scale K]

Saves a figure of the scenario, in the format of the file's extension (written to a temporary file
and renamed, so an interrupted save leaves no half-written file).
--view network (default): the network of one seeded run (--seed, default 1) in year --year (default
  the last), nodes sized by capacity, institutions named; for the models that record one (tomato,
  salmon and their rivals).
--view timeseries: the ensemble of --seeds N runs (default 20): median and 5-95% band per metric,
  with the paper's values as markers.
--scale K: PNG pixels per figure pixel (default 2).
--set overrides a parameter by dotted path, as in \`clusterlab simulate\`.`;

export async function run(args: string[]): Promise<number> {
  return guarded('figure', HELP, async () => {
    const p = parseArgs(args, ['out', 'view', 'year', 'seed', 'seeds', 'set', 'scale'], ['help']);
    if (p.flags.has('help')) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    if (p.positional.length !== 1)
      throw new UsageError(p.positional.length === 0 ? 'missing <scenario>' : `expected one scenario, got ${p.positional.join(' ')}`);
    const out = single(p, 'out');
    if (!out) throw new UsageError('missing --out FILE (.svg, .png or .html)');
    if (!/\.(svg|png|html)$/i.test(out)) throw new UsageError(`--out must end in .svg, .png or .html, got '${out}'`);
    const folder = nodePath.dirname(nodePath.resolve(out));
    if (!fs.existsSync(folder)) throw new UsageError(`--out: folder ${folder} does not exist; create it first`);
    checkOutPath('--out', out, 'file');
    const view = single(p, 'view') ?? 'network';
    if (view !== 'network' && view !== 'timeseries') throw new UsageError(`--view must be network or timeseries, got '${view}'`);
    const year = number(single(p, 'year'), '--year', /^\s*-?\d+\s*$/, 'a whole year');
    const scale = number(single(p, 'scale'), '--scale', /^\s*\d+(\.\d+)?\s*$/, 'a number in (0, 8]');
    if (scale !== undefined && !(scale > 0 && scale <= 8)) throw new UsageError(`--scale must be a number in (0, 8], got '${single(p, 'scale')}'`);
    if (scale !== undefined && !/\.png$/i.test(out)) throw new UsageError('--scale applies to .png output only');
    const seedText = single(p, 'seed');
    const seed = seedText === undefined ? 1 : /^\s*-?\d+\s*$/.test(seedText) ? Number(seedText) : seedText;
    const set = p.options.get('set') ?? [];
    const scenario = p.positional[0];
    const { simulate, ensemble } = await import('../src/simulation/simulate');
    const { networkView, saveFigure, show } = await import('../src/views');
    let target: unknown;
    if (view === 'network') {
      if (p.options.has('seeds')) throw new UsageError('--seeds applies to --view timeseries; the network is of one run (--seed)');
      const r = simulate(scenario, { seed, set });
      if (!r.definition.nodeKinds?.length) throw new UsageError(`model '${r.model}' records no network; use --view timeseries`);
      target = networkView(r.networkHistory(), { title: `${r.scenario}, seed ${String(r.seed)}`, fallback: 'svg' });
    } else {
      if (year !== undefined) throw new UsageError('--year applies to --view network');
      if (seedText !== undefined) throw new UsageError('--seed applies to --view network; the time series is of --seeds N runs');
      target = show(ensemble(scenario, { seeds: parseSeeds(single(p, 'seeds'), 20), set }));
    }
    const path = saveFigure(target, out, { year, scale });
    process.stdout.write(`${path}\n`);
    return 0;
  });
}

function number(text: string | undefined, option: string, shape: RegExp, want: string): number | undefined {
  if (text === undefined) return undefined;
  if (!shape.test(text) || !Number.isFinite(Number(text))) throw new UsageError(`${option} must be ${want}, got '${text}'`);
  return Number(text);
}
