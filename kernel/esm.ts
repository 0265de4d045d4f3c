import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * tslab compiles cells to CommonJS, where `import()` becomes `require()`, which cannot load an
 * ES module that uses top-level await or exports no `require` entry. A function built at run
 * time keeps a real `import()`.
 */
const dynamicImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<any>;

export function importESM(specifier: string, rootDir: string): Promise<any> {
  if (typeof specifier !== 'string' || !specifier) throw new TypeError('importESM: specifier must be a package name or a path');
  const local = specifier.startsWith('.') || isAbsolute(specifier);
  return dynamicImport(local ? pathToFileURL(resolve(rootDir, specifier)).href : specifier);
}
