import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * tslab compiles cells to CommonJS, where `import()` becomes `require()`, which cannot load an
 * ES module that uses top-level await or offers no `require` entry. A function built at run
 * time keeps a real `import()`; since it would resolve packages from the kernel's own folder,
 * bare package names are resolved here from the notebook's folder first.
 */
const dynamicImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<any>;

const ENTRY_CONDITIONS = ['import', 'node', 'default'];

function pickExport(target: unknown): string | null {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) return target.map(pickExport).find((t) => t) ?? null;
  if (target && typeof target === 'object') {
    for (const condition of ENTRY_CONDITIONS) {
      const picked = pickExport((target as Record<string, unknown>)[condition]);
      if (picked) return picked;
    }
  }
  return null;
}

/** The file a bare `import 'pkg'` or `import 'pkg/sub'` loads, searching node_modules upwards. */
export function resolvePackageEntry(specifier: string, fromDir: string): string | null {
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const subpath = parts.length > nameLength ? `./${parts.slice(nameLength).join('/')}` : '.';
  for (let dir = resolve(fromDir); ; dir = dirname(dir)) {
    const pkgDir = join(dir, 'node_modules', name);
    const manifest = join(pkgDir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      let entry: string | null = null;
      if (pkg.exports !== undefined) {
        const exportsMap = pkg.exports;
        const isSubpathMap =
          exportsMap && typeof exportsMap === 'object' && !Array.isArray(exportsMap) && Object.keys(exportsMap).some((k) => k.startsWith('.'));
        entry = pickExport(isSubpathMap ? exportsMap[subpath] : subpath === '.' ? exportsMap : undefined);
      } else {
        entry = subpath === '.' ? (pkg.module ?? pkg.main ?? 'index.js') : subpath;
      }
      return entry ? join(pkgDir, entry) : null;
    }
    if (dirname(dir) === dir) return null;
  }
}

export function importESM(specifier: string, rootDir: string): Promise<any> {
  if (typeof specifier !== 'string' || !specifier) throw new TypeError('importESM: specifier must be a package name or a path');
  if (specifier.startsWith('node:')) return dynamicImport(specifier);
  const local = specifier.startsWith('.') || isAbsolute(specifier);
  const file = local ? resolve(rootDir, specifier) : resolvePackageEntry(specifier, rootDir);
  return dynamicImport(file ? pathToFileURL(file).href : specifier);
}
