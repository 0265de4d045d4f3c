/**
 * The types of the names the kernel preloads into every cell (see prelude.ts). Cells are
 * type-checked against this file's declarations.
 */
export type { DisplayFunction, DisplayHandle, DisplayOptions } from './display';
export type { Comm, CommData, CommsApi, CommTargetHandler } from './comms';

/** Shows each value richly: views from the library, frames, anything with a MIME bundle. */
export type ShowFunction = (...values: unknown[]) => void;

/** Asks the person at the notebook for a line of text (`password` hides what they type). */
export type InputFunction = (prompt?: string, options?: { password?: boolean }) => Promise<string>;

/** Loads an ES module (a package without a CommonJS entry, or one using top-level await). */
export type ImportESM = (specifier: string) => Promise<any>;
