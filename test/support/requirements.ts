import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Tests that drive real Jupyter clients or a browser need Debian packages (.ci/run installs
 * them). On a developer machine without them such a test is skipped with the reason; under CI a
 * missing package is a failure, never a silent skip.
 */
export function missingRequirement(check: { python?: string[]; executables?: string[] }): string | null {
  for (const exe of check.executables ?? []) {
    if (!existsSync(exe)) return `${exe} is not installed`;
  }
  for (const mod of check.python ?? []) {
    try {
      execFileSync('/usr/bin/python3', ['-c', `import ${mod}`], { stdio: 'ignore' });
    } catch {
      return `python module ${mod} is not installed for /usr/bin/python3`;
    }
  }
  return null;
}

/** Returns true when the suite should be skipped; throws under CI so that CI cannot pass vacuously. */
export function skipUnless(check: { python?: string[]; executables?: string[] }): boolean {
  const missing = missingRequirement(check);
  if (!missing) return false;
  if (process.env.CI) throw new Error(`CI needs ${missing}: see .ci/run`);
  console.warn(`skipping: ${missing} (install the Debian packages listed in .ci/run)`);
  return true;
}
