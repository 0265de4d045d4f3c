/** `clusterlab install [--user | --sys-prefix | --prefix DIR | --data-dir DIR]` */
import { installKernelspec } from '../kernel/install';
import { parseInstallTarget, TARGET_USAGE } from './install-target';
import { guarded } from './modelArgs';

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(
      `usage: clusterlab install ${TARGET_USAGE}\n\nWrites the Jupyter kernelspec 'clusterlab' and copies the JupyterLab extension (when built).\nDefault location: the per-user Jupyter data dir.\n`,
    );
    return 0;
  }
  // A bad option is a usage error (exit 2, usage shown), as in the other commands.
  return guarded('install', `usage: clusterlab install ${TARGET_USAGE}`, () => {
    const target = parseInstallTarget(args);
    const result = installKernelspec(target);
    for (const line of result.messages) process.stdout.write(`${line}\n`);
    return 0;
  });
}
