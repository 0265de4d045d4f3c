/** apache-arrow, required on first use: loading it takes about 0.2 s, which the kernel should not pay at start. */
import type * as ArrowModule from 'apache-arrow';

let arrow: typeof ArrowModule | undefined;

export function loadArrow(): typeof ArrowModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (arrow ??= require('apache-arrow') as typeof ArrowModule);
}
