import type { InstallTarget } from '../kernel/install';
import { UsageError } from './modelArgs';

export const TARGET_USAGE = '[--user | --sys-prefix | --prefix DIR | --data-dir DIR]';

/** Parses the location options shared by `install` and `uninstall`. */
export function parseInstallTarget(args: string[]): InstallTarget {
  const target: InstallTarget = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (name: string) => {
      const inline = arg.startsWith(`${name}=`) ? arg.slice(name.length + 1) : null;
      const v = inline ?? args[++i];
      if (!v || v.startsWith('--')) throw new UsageError(`${name} needs a directory, got '${v ?? ''}'`);
      return v;
    };
    if (arg === '--user') target.user = true;
    else if (arg === '--sys-prefix') target.sysPrefix = true;
    else if (arg === '--prefix' || arg.startsWith('--prefix=')) target.prefix = value('--prefix');
    else if (arg === '--data-dir' || arg.startsWith('--data-dir=')) target.dataDir = value('--data-dir');
    else throw new UsageError(`unknown option '${arg}'`);
  }
  if (Object.keys(target).length > 1) throw new UsageError('choose one install location: --user, --sys-prefix, --prefix DIR or --data-dir DIR');
  return target;
}
