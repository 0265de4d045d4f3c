/** `clusterlab uninstall [--user | --sys-prefix | --prefix DIR | --data-dir DIR]` */
import { uninstallKernelspec } from '../kernel/install';
import { parseInstallTarget, TARGET_USAGE } from './install-target';
import { guarded } from './modelArgs';

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(
      `usage: clusterlab uninstall ${TARGET_USAGE}\n\nRemoves the kernelspec and the JupyterLab extension installed by \`clusterlab install\`.\n`,
    );
    return 0;
  }
  // A bad option is a usage error (exit 2, usage shown), as in the other commands.
  return guarded('uninstall', `usage: clusterlab uninstall ${TARGET_USAGE}`, () => {
    const target = parseInstallTarget(args);
    const removed = uninstallKernelspec(target);
    process.stdout.write(removed.length ? removed.map((p) => `removed ${p}\n`).join('') : 'nothing to remove\n');
    return 0;
  });
}
