import * as fs from 'node:fs';
import * as path from 'node:path';

export const projectRoot = path.resolve(__dirname, '../..');

/** The section "Where the fit stands" of docs/calibration.md, which describes the committed posteriors. */
export function whereTheFitStands(): string {
  const doc = fs.readFileSync(path.join(projectRoot, 'docs/calibration.md'), 'utf8');
  const start = doc.indexOf('## Where the fit stands');
  if (start < 0) throw new Error('docs/calibration.md has no section "Where the fit stands"');
  return doc.slice(start, doc.indexOf('\n## ', start + 1));
}
