/** `clusterlab scenarios`: the models and their scenarios, and with --parameters each parameter. */
import { formatOption, guarded, parseArgs, UsageError } from './modelArgs';

const HELP = `usage: clusterlab scenarios [model] [--parameters] [--format table|json|csv | --json]

Lists the models and their scenarios (cases, counterfactuals, baselines); every name can be given
to simulate and targets. --parameters adds every parameter with its range, unit, meaning, source
and default (for the cluster cases, each case's calibrated default). With a model, only its own.
--json is --format json.`;

export async function run(args: string[]): Promise<number> {
  return guarded('scenarios', HELP, async () => {
    const p = parseArgs(args, ['format'], ['parameters', 'json', 'help']);
    if (p.flags.has('help')) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    if (p.positional.length > 1) throw new UsageError(`unexpected argument '${p.positional[1]}'`);
    const format = formatOption(p, ['table', 'json', 'csv'], true);
    const { scenarios, getModel, models } = await import('../src/models');
    const { parameters } = await import('../src/parameters');
    const only = p.positional[0] !== undefined ? getModel(p.positional[0]) : undefined;
    const list = scenarios().filter((s) => !only || s.model === only.name);
    const chosen = only ? [only] : models();
    if (format === 'json') {
      const params = chosen.flatMap((m) => m.parameters.map((spec) => ({ model: m.name, ...spec })));
      process.stdout.write(
        JSON.stringify({ scenarios: list, parameters: p.flags.has('parameters') || only ? params : Object.values(parameters) }, null, 2) + '\n',
      );
      return 0;
    }
    if (format === 'csv') {
      const cell = (v: unknown) => (/[",\n]/.test(String(v ?? '')) ? `"${String(v).replace(/"/g, '""')}"` : String(v ?? ''));
      if (p.flags.has('parameters')) {
        const head = ['model', 'path', 'kind', 'min', 'max', 'choices', 'default', 'unit', 'meaning', 'source'];
        const rows = chosen.flatMap((m) =>
          m.parameters.map((s) => [m.name, s.path, s.kind, s.min, s.max, s.choices?.join('|'), s.default, s.unit, s.meaning, s.source]),
        );
        process.stdout.write([head, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n');
      } else {
        const rows = list.map((s) => [s.name, s.model, s.kind, s.years[0], s.years[1], s.description]);
        process.stdout.write([['name', 'model', 'kind', 'first', 'last', 'description'], ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n');
      }
      return 0;
    }
    const width = Math.max(...list.map((s) => s.name.length));
    const lines = ['scenarios (models, then model/scenario):'];
    for (const s of list) lines.push(`  ${s.name.padEnd(width)}  [${s.kind}] ${s.description}`);
    if (p.flags.has('parameters')) {
      lines.push('', 'parameters (set with --set path=value):');
      const legacy = new Set(['tomato', 'salmon', 'arthur-urn']);
      if (!only || legacy.has(only.name)) {
        for (const info of Object.values(parameters)) {
          const d = info.defaults;
          if (only && (only.name === 'arthur-urn') !== (d.urn !== undefined)) continue;
          const range = info.kind === 'boolean' ? 'true|false' : info.kind === 'choice' ? (info.choices ?? []).join('|') : `[${info.min}, ${info.max}]`;
          const defaults =
            d.urn !== undefined
              ? `arthur-urn ${d.urn}`
              : (['tomato', 'salmon'] as const)
                  .filter((c) => d[c] !== undefined)
                  .map((c) => `${c} ${d[c]}`)
                  .join(', ');
          lines.push(`  ${info.path}  ${range} ${info.unit}; default ${defaults}`);
          lines.push(`      ${info.meaning} (${info.source})`);
        }
      }
      for (const m of chosen.filter((x) => !legacy.has(x.name))) {
        lines.push(`  -- ${m.name}`);
        for (const s of m.parameters) {
          const range = s.kind === 'boolean' ? 'true|false' : s.kind === 'choice' ? (s.choices ?? []).join('|') : `[${s.min}, ${s.max}]`;
          lines.push(`  ${s.path}  ${range} ${s.unit}; default ${m.name} ${s.default}`);
          lines.push(`      ${s.meaning} (${s.source})`);
        }
      }
    } else {
      lines.push('', 'Run `clusterlab scenarios --parameters` (or `clusterlab scenarios <model> --parameters`) for the parameters.');
    }
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  });
}
