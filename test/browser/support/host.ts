/**
 * What the browser tests serve: the labextension and clusterlab's JupyterLab 4 app (lab/host),
 * built by the same code `clusterlab lab` uses (cli/lab-app.ts), once per machine and change.
 */
import { appBuildDir, appDir, ensureLabApp, projectRoot } from '../../../cli/lab-app';

export const repoRoot = projectRoot;
export const hostDir = appDir;
export const hostBuildDir = appBuildDir;

/** Makes sure the labextension and the JupyterLab 4 app are built; returns the app's build folder. */
export const ensureBrowserAssets = ensureLabApp;
