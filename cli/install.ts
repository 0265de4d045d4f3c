/** `clusterlab install [--user | --sys-prefix | --prefix DIR | --data-dir DIR]` */
import { installKernelspec } from '../kernel/install';
import { parseInstallTarget, TARGET_USAGE } from './install-target';

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(
      `usage: clusterlab install ${TARGET_USAGE}\n\nWrites the Jupyter kernelspec 'clusterlab' and copies the JupyterLab extension (when built).\nDefault location: the per-user Jupyter data dir.\n`,
    );
    return 0;
  }
  const result = installKernelspec(parseInstallTarget('install', args));
  for (const line of result.messages) process.stdout.write(`${line}\n`);
  return 0;
}
