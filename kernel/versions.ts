import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function packageVersion(file: string): string {
  try {
    return String(JSON.parse(readFileSync(file, 'utf8')).version);
  } catch {
    return 'unknown';
  }
}

/** The versions a `kernel_info_reply` reports, read from package files without loading TypeScript. */
export const versions = {
  clusterlab: packageVersion(join(__dirname, '..', '..', 'package.json')),
  typescript: packageVersion(join(require.resolve('@tslab/typescript-for-tslab/package.json'))),
  tslab: packageVersion(require.resolve('tslab/package.json')),
  node: process.versions.node,
};
