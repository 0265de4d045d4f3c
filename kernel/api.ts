/**
 * The types of the names the kernel preloads into every cell (see prelude.ts). Cells are
 * type-checked against this file's declarations.
 */
export type { DisplayFunction, DisplayHandle, DisplayOptions } from './display';
export type { Comm, CommData, CommsApi, CommTargetHandler } from './comms';

/**
 * Shows a value richly. A run, an ensemble or a network history becomes the library's view of it
 * (network and trajectories, bands against the paper's values); anything else is displayed as by
 * `display` (frames as tables, objects with a MIME bundle richly). `options` go to the view.
 */
export type ShowFunction = (value: unknown, options?: Record<string, unknown>) => void;

/** Asks the person at the notebook for a line of text (`password` hides what they type). */
export type InputFunction = (prompt?: string, options?: { password?: boolean }) => Promise<string>;

/** Loads an ES module (a package without a CommonJS entry, or one using top-level await). */
export type ImportESM = (specifier: string) => Promise<any>;
