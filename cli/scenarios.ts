/** `clusterlab scenarios`: the scenarios and the parameter schema with each case's defaults. */
import { guarded, parseArgs } from './modelArgs';

const HELP = `usage: clusterlab scenarios [--parameters] [--json]

Lists the scenarios (cases, counterfactuals, baselines). --parameters adds every parameter with its
range, unit, meaning, paper section and each case's calibrated default; --json prints both as JSON.`;

export async function run(args: string[]): Promise<number> {
  return guarded('scenarios', HELP, async () => {
    const p = parseArgs(args, [], ['parameters', 'json', 'help']);
    if (p.flags.has('help')) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    if (p.positional.length > 0) throw new RangeError(`unexpected argument '${p.positional[0]}'`);
    const { scenarios, parameters } = await import('../src/model/api');
    const list = scenarios();
    if (p.flags.has('json')) {
      process.stdout.write(JSON.stringify({ scenarios: list, parameters: Object.values(parameters) }, null, 2) + '\n');
      return 0;
    }
    const width = Math.max(...list.map((s) => s.name.length));
    const lines = ['scenarios:'];
    for (const s of list) lines.push(`  ${s.name.padEnd(width)}  [${s.kind}] ${s.description}`);
    if (p.flags.has('parameters')) {
      lines.push('', 'parameters (set with --set path=value):');
      for (const info of Object.values(parameters)) {
        const range = info.kind === 'boolean' ? 'true|false' : `[${info.min}, ${info.max}]`;
        const d = info.defaults;
        const defaults = d.urn !== undefined ? `urn ${d.urn}` : `tomato ${d.tomato}, salmon ${d.salmon}`;
        lines.push(`  ${info.path}  ${range} ${info.unit}; default ${defaults}`);
        lines.push(`      ${info.meaning} (Perez-Aleman 2005, ${info.section})`);
      }
    } else {
      lines.push('', 'Run `clusterlab scenarios --parameters` for the parameters.');
    }
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  });
}
