/** `clusterlab uninstall [--user | --sys-prefix | --prefix DIR | --data-dir DIR]` */
import { uninstallKernelspec } from '../kernel/install';
import { parseInstallTarget, TARGET_USAGE } from './install-target';

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(
      `usage: clusterlab uninstall ${TARGET_USAGE}\n\nRemoves the kernelspec and the JupyterLab extension installed by \`clusterlab install\`.\n`,
    );
    return 0;
  }
  const removed = uninstallKernelspec(parseInstallTarget('uninstall', args));
  process.stdout.write(removed.length ? removed.map((p) => `removed ${p}\n`).join('') : 'nothing to remove\n');
  return 0;
}
