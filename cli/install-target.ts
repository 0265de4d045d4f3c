import type { InstallTarget } from '../kernel/install';

export const TARGET_USAGE = '[--user | --sys-prefix | --prefix DIR | --data-dir DIR]';

/** Parses the location options shared by `install` and `uninstall`. */
export function parseInstallTarget(command: string, args: string[]): InstallTarget {
  const target: InstallTarget = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (name: string) => {
      const inline = arg.startsWith(`${name}=`) ? arg.slice(name.length + 1) : null;
      const v = inline ?? args[++i];
      if (!v) throw new Error(`clusterlab ${command}: ${name} needs a directory`);
      return v;
    };
    if (arg === '--user') target.user = true;
    else if (arg === '--sys-prefix') target.sysPrefix = true;
    else if (arg === '--prefix' || arg.startsWith('--prefix=')) target.prefix = value('--prefix');
    else if (arg === '--data-dir' || arg.startsWith('--data-dir=')) target.dataDir = value('--data-dir');
    else throw new Error(`clusterlab ${command}: unknown option '${arg}'; usage: clusterlab ${command} ${TARGET_USAGE}`);
  }
  return target;
}
