/**
 * What every cell sees without importing anything: the clusterlab library's public API, `dfd`
 * (danfojs, loaded on first use), `display`, `show`, `input`, `comms`, `importESM` and the
 * Jupyter widgets (widgets-api.ts: IntSlider, ..., interact, explore).
 *
 * Two halves: runtime values (stored where tslab keeps cell variables) and TypeScript
 * declarations (the converter's prelude file, which every cell's name lookup ends in), so that
 * the type checker knows the preloaded names and their types exactly as if they had been
 * imported in an earlier cell.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GuardedTimers } from './timers';

/** The compiled library entry (`src/index.ts` -> `dist/src/index.js`). */
export const LIBRARY_ENTRY = join(__dirname, '..', 'src', 'index');
const KERNEL_API = join(__dirname, 'api');
const WIDGETS_API = join(__dirname, 'widgets-api');

/** Names the kernel defines itself; a library export of the same name is left to `import`. */
export const KERNEL_GLOBALS = ['display', 'show', 'input', 'comms', 'dfd', 'importESM'] as const;

/** Export names of the library's declaration file, values and types alike. */
function libraryExportNames(dts: string): string[] {
  const ts = require('@tslab/typescript-for-tslab') as typeof import('typescript');
  const program = ts.createProgram([dts], { noEmit: true, skipLibCheck: true, types: [] });
  const source = program.getSourceFile(dts);
  const checker = program.getTypeChecker();
  const symbol = source && checker.getSymbolAtLocation(source);
  if (!symbol) return [];
  return checker.getExportsOfModule(symbol).map((s) => s.getName());
}

/** danfojs is hundreds of megabytes of JavaScript: require it when a cell first touches `dfd`. */
function lazyModule(id: string, from: string): object {
  let loaded: any = null;
  const load = () => (loaded ??= require(require.resolve(id, { paths: [from, __dirname] })));
  return new Proxy(
    {},
    {
      get: (_t, key) => load()[key],
      has: (_t, key) => key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_t, key) => {
        const d = Reflect.getOwnPropertyDescriptor(load(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
}

function resolvePackageDir(id: string): string | null {
  try {
    return dirname(require.resolve(`${id}/package.json`, { paths: [process.cwd(), __dirname] }));
  } catch {
    return null;
  }
}

/** `show`: the library's view of a clusterlab object, or plain rich display for anything else. */
function viewThenDisplay(view: (value: unknown, options?: object) => unknown, display: (value: unknown) => void) {
  return (value: unknown, options?: object) => {
    let shown: unknown;
    try {
      shown = view(value, options);
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      shown = value; // not a clusterlab object: the library has no view of it
    }
    display(shown);
  };
}

export interface Prelude {
  declarations: string;
  /** Declarations added only once a cell mentions `name`. */
  lazyDeclarations: { name: string; declaration: string }[];
  values: Record<string, unknown>;
  /** Why the library is missing, when it is. */
  warning?: string;
}

/**
 * @param timers the cells' own timer functions (timers.ts); they shadow the globals of the same
 *   names in cells only, so the kernel and libraries keep Node's
 */
export function buildPrelude(kernelValues: Record<(typeof KERNEL_GLOBALS)[number], unknown>, timers?: GuardedTimers): Prelude {
  const declarations = [
    `declare const display: import(${JSON.stringify(KERNEL_API)}).DisplayFunction;`,
    `declare const show: import(${JSON.stringify(KERNEL_API)}).ShowFunction;`,
    `declare const input: import(${JSON.stringify(KERNEL_API)}).InputFunction;`,
    `declare const comms: import(${JSON.stringify(KERNEL_API)}).CommsApi;`,
    `declare const importESM: import(${JSON.stringify(KERNEL_API)}).ImportESM;`,
  ];
  const values: Record<string, unknown> = { ...kernelValues };
  // Widgets (widgets-api.ts): types and values, as if imported.
  const widgets = require(WIDGETS_API) as typeof import('./widgets-api');
  declarations.push(`import { ${widgets.WIDGET_GLOBALS.join(', ')} } from ${JSON.stringify(WIDGETS_API)};`);
  for (const name of widgets.WIDGET_GLOBALS) values[name] = widgets[name];
  if (timers) {
    for (const name of Object.keys(timers)) declarations.push(`declare const ${name}: typeof globalThis.${name};`);
    Object.assign(values, timers);
  }
  const lazyDeclarations: Prelude['lazyDeclarations'] = [];
  const danfo = resolvePackageDir('danfojs-node');
  if (danfo) {
    lazyDeclarations.push({ name: 'dfd', declaration: `declare const dfd: typeof import(${JSON.stringify(danfo)});\n` });
    values.dfd = lazyModule('danfojs-node', process.cwd());
  } else {
    delete values.dfd;
  }
  let warning: string | undefined;
  if (existsSync(`${LIBRARY_ENTRY}.js`) && existsSync(`${LIBRARY_ENTRY}.d.ts`)) {
    try {
      const library = require(LIBRARY_ENTRY);
      const names = libraryExportNames(`${LIBRARY_ENTRY}.d.ts`).filter(
        (name) => name !== 'default' && !(KERNEL_GLOBALS as readonly string[]).includes(name) && !(widgets.WIDGET_GLOBALS as readonly string[]).includes(name),
      );
      if (names.length > 0) declarations.push(`import { ${names.join(', ')} } from ${JSON.stringify(LIBRARY_ENTRY)};`);
      for (const name of names) if (name in library) values[name] = library[name];
      if (typeof library.show === 'function') values.show = viewThenDisplay(library.show, kernelValues.display as (v: unknown) => void);
    } catch (error) {
      warning = `the clusterlab library could not be preloaded: ${(error as Error).message}`;
    }
  } else {
    warning = `the clusterlab library is not built (${LIBRARY_ENTRY}.js missing); run \`npm run build\``;
  }
  return { declarations: declarations.join('\n') + '\n', lazyDeclarations, values, warning };
}
