/**
 * A short fingerprint of the library's sources (src/), stored in each executed notebook's
 * metadata. When `--check` finds different outputs, comparing fingerprints tells a changed model
 * (re-run with `--update` and commit) from a notebook that no longer reproduces on the same model.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

function sourceFiles(dir: string, root: string, out: string[]): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, root, out);
    else if (entry.name.endsWith('.ts')) out.push(path.relative(root, full).split(path.sep).join('/'));
  }
  return out;
}

export function libraryFingerprint(projectRoot: string): string {
  const hash = createHash('sha256');
  for (const file of sourceFiles(path.join(projectRoot, 'src'), projectRoot, []).sort()) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(path.join(projectRoot, file)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}
