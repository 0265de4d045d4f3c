/**
 * Lazy access to danfojs-node. It is heavy (TensorFlow.js underneath; about two seconds to load),
 * so it is required on first use only, never when clusterlab is imported or the kernel starts.
 *
 * Its own type declarations are deliberately not referenced: they need packages that are not
 * installed and take seconds to check, which the kernel would pay on every cell. `DataFrame` below
 * types what clusterlab uses and leaves the rest of danfo's API open (`any`).
 */

/** A danfojs DataFrame, typed loosely (see above). */
export interface DataFrame {
  columns: string[];
  shape: number[];
  values: unknown[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [member: string]: any;
}

/** The parts of the danfojs-node module clusterlab calls. */
export interface Danfo {
  DataFrame: new (data: unknown, options?: { columns?: string[] }) => DataFrame;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [member: string]: any;
}

let danfo: Danfo | undefined;

/** The danfojs-node module, required on the first call. */
export function loadDanfo(): Danfo {
  if (!danfo) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    danfo = require('danfojs-node') as Danfo;
  }
  return danfo;
}

/** Whether danfojs-node has been loaded yet (by this module). */
export function danfoLoaded(): boolean {
  return danfo !== undefined;
}
