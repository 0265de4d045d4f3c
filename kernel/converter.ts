/**
 * Our TypeScript converter: type-checks a cell against the preloaded names and the declarations
 * of the cells run before it, and compiles it to CommonJS for tslab's executor (which runs it and
 * keeps the values).
 *
 * Like tslab's converter (node_modules/tslab/dist/converter.js), a program holds the prelude, the
 * earlier cells' declarations (as the compiler emits them, in two files: see `Declarations`) and
 * the cell, each a module whose name lookup goes on into the file before it (cell -> recent ->
 * settled -> prelude), so that a redeclared name shadows. Unlike it, for speed:
 * - the prelude is a file of its own that never changes, not part of the re-parsed declarations;
 * - one program per cell, built from the last one with cached source files and module
 *   resolutions; tslab's watch builder builds two per cell (the second to export the cell's
 *   names) plus a builder state;
 * - CommonJS (with a source map) and declarations in one emit; tslab emits ES modules and
 *   converts them with a second compiler run.
 * The executor's "previous declarations" string is our key for the declarations in force.
 * Every loop in a cell starts its body with an interrupt check (loopguard.ts); modules the cells
 * import are compiled without it.
 *
 * The compiler is the TypeScript 5.0 that tslab bundles (@tslab/typescript-for-tslab): it is
 * always installed with the kernel, and quick info and completions use the entry points tslab
 * patched into it.
 */
import { statSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import type * as TS from '@tslab/typescript-for-tslab';
import type { CompletionInfo, Converter, ConvertResult, Diagnostic } from 'tslab/dist/converter';
import { cellNames, declarationsText, type Piece, piecesOf, shadow } from './declarations';
import { ensureLoopGuard, guardLoops } from './loopguard';
import { optionsSection } from './options';
import { decodeMappings, type LineSegments } from './sourcemap';

const ts = require('@tslab/typescript-for-tslab') as typeof TS;
/** The internal entry points tslab's TypeScript exports (see the module comment). */
const tsInternal = ts as unknown as {
  getQuickInfoAtPosition(file: TS.SourceFile, checker: TS.TypeChecker, token: TS.CancellationToken, position: number): TS.QuickInfo | undefined;
  Completions: {
    getCompletionsAtPositionForTslab(
      host: object,
      program: TS.Program,
      log: (s: string) => void,
      file: TS.SourceFile,
      position: number,
      preferences: object,
      trigger: undefined,
      kind: number,
      token: TS.CancellationToken,
    ): TS.CompletionInfo | undefined;
  };
};

/** The names a module file declares at its top level (the binder's table; not public API). */
const localsOf = (file: TS.SourceFile): Map<string, TS.Symbol> | undefined => (file as unknown as { locals?: Map<string, TS.Symbol> }).locals;

/** The property the executor reads the cell's value from (it deletes it afterwards). */
const LAST_VALUE = '__clusterlab_last__';
/** Diagnostics about top-level await under CommonJS; the executor runs such cells in an async function. */
const TOP_LEVEL_AWAIT_CODES = new Set([1378, 1432]);
const IDENTIFIER_PART = /[\p{ID_Continue}$\u200c\u200d]/u;
const TSLAB_DIR = dirname(require.resolve('tslab/package.json'));
const NEVER_CANCELLED: TS.CancellationToken = { isCancellationRequested: () => false, throwIfCancellationRequested: () => undefined };

/**
 * The declarations in force after some cells ran; the executor passes its key back with the next
 * cell. They are kept in two files so that a cell's declarations re-parse a small one: the recent
 * pieces, and the settled ones, which change only when a cell redeclares one of their names or
 * the recent ones are many and move over.
 */
interface Declarations {
  settled: readonly Piece[];
  recent: readonly Piece[];
  /** Parsed on first use: a cell that failed leaves its declarations unused. */
  settledFile: TS.SourceFile | null;
  recentFile: TS.SourceFile | null;
}
const RECENT_PIECES = 32;

export interface CompiledCell {
  /** The name the cell's script runs under (its `//# sourceURL`), as it appears in stack frames. */
  scriptName: string;
  lines: LineSegments;
  /** Whether the executor runs it in an async function (it awaits at the top level). */
  async: boolean;
}

export interface ConverterOptions {
  /** Where relative imports resolve (the notebook's folder). */
  rootDir: string;
  /** Declarations every cell sees (a module's text: imports and `declare`s). */
  prelude: string;
  /** Declarations added to the prelude the first time a cell mentions `name`. */
  lazyDeclarations: { name: string; declaration: string }[];
  /** Told about every compiled cell, for mapping stack frames. */
  onCompiled?: (cell: CompiledCell) => void;
}

export function createCellConverter(options: ConverterOptions): Converter {
  ensureLoopGuard();
  const cwd = options.rootDir;
  const preludeName = join(cwd, '__prelude__.d.ts');
  const outDir = join(cwd, '__clusterlab_out__');
  const compilerOptions = compilerOptionsFor(cwd, outDir);
  const host = new CachingHost(compilerOptions, cwd);

  const settledName = join(cwd, '__settled__.d.ts');
  const recentName = join(cwd, '__recent__.d.ts');
  const cellName = join(cwd, '__cell__.ts');
  let preludeText = options.prelude + '\nexport {};\n';
  const pendingLazy = [...options.lazyDeclarations];
  let prelude = host.setVirtual(preludeName, preludeText);
  const states = new Map<string, Declarations>([['', { settled: [], recent: [], settledFile: null, recentFile: null }]]);
  let nextCell = 1;
  let lastProgram: TS.Program | undefined;
  /** Local modules (files next to the notebook) already handed to the executor, by version. */
  const sideEmitted = new Map<string, TS.SourceFile>();

  function declarationsFor(key: string): Declarations {
    const state = states.get(key);
    if (!state) throw new Error(`unknown declarations key ${JSON.stringify(key)}`);
    return state;
  }

  /** The heavy declarations (danfojs) join the prelude once a cell names them; a cell's own declaration shadows them. */
  function addLazyDeclarations(src: string): void {
    for (let i = pendingLazy.length - 1; i >= 0; i--) {
      const { name, declaration } = pendingLazy[i];
      if (!new RegExp(`\\b${name}\\b`).test(src)) continue;
      preludeText = declaration + preludeText;
      prelude = host.setVirtual(preludeName, preludeText);
      pendingLazy.splice(i, 1);
    }
  }

  /** The program for `cell` (named `cellName`) after `state`'s declarations. */
  function buildProgram(state: Declarations, cell: TS.SourceFile): { program: TS.Program; checker: TS.TypeChecker; earlier: Set<TS.SourceFile> } {
    state.settledFile ??= ts.createSourceFile(settledName, declarationsText(state.settled), ts.ScriptTarget.ES2022, false);
    state.recentFile ??= ts.createSourceFile(recentName, declarationsText(state.recent), ts.ScriptTarget.ES2022, false);
    const settled = host.setVirtual(settledName, state.settledFile);
    const recent = host.setVirtual(recentName, state.recentFile);
    host.setVirtual(cellName, cell);
    // The same root names every time, so the compiler reuses the last program's files.
    const rootNames = [preludeName, settledName, recentName, cellName];
    const program = ts.createProgram({ rootNames, options: compilerOptions, host, oldProgram: lastProgram });
    lastProgram = program;
    const checker = program.getTypeChecker(); // binds new files (binding resets a file's parent)
    // Name lookup walks `parent` links past a file's own scope; tslab chains its files this way too.
    (settled as { parent: TS.Node }).parent = prelude;
    (recent as { parent: TS.Node }).parent = settled;
    (cell as { parent: TS.Node }).parent = recent;
    return { program, checker, earlier: new Set([prelude, settled, recent]) };
  }

  function convert(prevKey: string, src: string): ConvertResult {
    const state = declarationsFor(prevKey);
    // Keys other than the executor's current one belong to cells that failed: forget them.
    for (const key of states.keys()) if (key !== prevKey && key !== '') states.delete(key);
    addLazyDeclarations(src);
    // Exporting every top-level name makes the CommonJS emit store it on `exports`, where the
    // executor keeps the values that later cells read, and puts it in the declaration output.
    // Appended, so the cell's lines keep their numbers; a cell that declares nothing is parsed once.
    const parse = (names: Iterable<string>) =>
      ts.createSourceFile(cellName, `${src}\nexport { ${[...names].join(', ')} };\n`, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
    const first = parse([]);
    const names = cellNames(first);
    const file = names.exportable.size === 0 ? first : parse(names.exportable);
    const { program, checker, earlier } = buildProgram(state, file);

    const sideFiles = program.getSourceFiles().filter((f) => host.isLocalModule(f.fileName) && sideEmitted.get(f.fileName) !== f);
    const raw: TS.Diagnostic[] = [...program.getGlobalDiagnostics()];
    for (const f of [file, ...sideFiles]) raw.push(...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f));
    const diagnostics = convertDiagnostics(
      raw.filter((d) => !(d.file === file && TOP_LEVEL_AWAIT_CODES.has(d.code))),
      file,
      cwd,
      src.length,
    );
    if (diagnostics.length > 0) return { diagnostics };

    let output = '';
    let map = '';
    let dts = '';
    let hasValue = false;
    const emitCell = program.emit as (...args: unknown[]) => TS.EmitResult;
    emitCell(
      file,
      (name: string, text: string) => {
        if (name.endsWith('.d.ts')) dts = text;
        else if (name.endsWith('.js')) output = text;
        else if (name.endsWith('.js.map')) map = text;
      },
      undefined,
      false,
      { before: [keepLastValue(() => (hasValue = true)), guardLoops(ts)], after: [readEarlierFromExports(checker, earlier)] },
      // forceDtsEmit (internal): keep the declarations even where one cannot be written exactly
      // (a type the cell cannot name); tslab would reject such a cell.
      true,
    );
    const sideOutputs: { path: string; data: string }[] = [];
    for (const f of sideFiles) {
      if (f.fileName.endsWith('.json')) continue;
      program.emit(f, (name, text) => {
        if (name.endsWith('.js')) sideOutputs.push({ path: f.fileName.slice(0, -extname(f.fileName).length) + '.js', data: text });
      });
      sideEmitted.set(f.fileName, f);
    }

    const id = nextCell++;
    const scriptName = `clusterlab-cell-${id}`;
    const async = hasTopLevelAwait(file);
    if (map) options.onCompiled?.({ scriptName, lines: decodeMappings(JSON.parse(map).mappings), async });
    const key = `cell:${id}`;
    // A cell may declare no name and still leave declarations (`declare global { ... }`).
    const added = /^\s*export \{\};\s*$/.test(dts) ? [] : piecesOf(dts);
    states.set(key, names.all.size === 0 && added.length === 0 ? state : nextDeclarations(state, names.all, added));
    return {
      output: output.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n') + `//# sourceURL=${scriptName}\n`,
      declOutput: key,
      diagnostics: [],
      hasToplevelAwait: async,
      sideOutputs: sideOutputs.length > 0 ? sideOutputs.sort((a, b) => a.path.localeCompare(b.path)) : undefined,
      lastExpressionVar: hasValue ? LAST_VALUE : undefined,
    };
  }

  /** A program for `src` as the next cell, for quick info and completions. */
  function probe(prevKey: string, src: string): { file: TS.SourceFile; program: TS.Program; checker: TS.TypeChecker } {
    addLazyDeclarations(src);
    const file = ts.createSourceFile(cellName, `${src}\nexport {};\n`, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
    const { program, checker } = buildProgram(declarationsFor(prevKey), file);
    return { file, program, checker };
  }

  function inspect(prevKey: string, src: string, position: number): TS.QuickInfo {
    const { file, checker } = probe(prevKey, src);
    const info = tsInternal.getQuickInfoAtPosition(file, checker, NEVER_CANCELLED, position);
    // A name the checker cannot resolve comes back as an `any` of no kind: nothing to show.
    if (!info || info.kind === ts.ScriptElementKind.unknown) return undefined as unknown as TS.QuickInfo;
    // Printed after the doc comment and tags (tslab's printQuickInfo prints a tag's text).
    const options = optionsSection(ts, file, checker, position);
    if (options) info.tags = [...(info.tags ?? []), { name: 'options', text: [{ kind: 'text', text: options }] }];
    return info;
  }

  function complete(prevKey: string, src: string, position: number): CompletionInfo {
    const { file, program } = probe(prevKey, src);
    const info = tsInternal.Completions.getCompletionsAtPositionForTslab(
      {},
      program,
      () => undefined,
      file,
      position,
      {},
      undefined,
      1 /* Invoked */,
      NEVER_CANCELLED,
    );
    const entries = info?.entries ?? [];
    // The word being typed at the cursor, if any: candidates are filtered and ranked against it.
    let start = position;
    while (start > 0 && IDENTIFIER_PART.test(src[start - 1])) start--;
    let end = position;
    while (end < src.length && IDENTIFIER_PART.test(src[end])) end++;
    const word = src.slice(start, position);
    return { start, end, candidates: rankCompletions(entries, word), original: info as never };
  }

  /** A cell whose leading doc comment says `@module name`: an in-memory module later cells import as `./name`. */
  function addModule(name: string, content: string): Diagnostic[] {
    if (!/^\w+$/.test(name)) throw new Error(`invalid module name ${JSON.stringify(name)}: use letters, digits and _`);
    const file = host.setVirtual(join(cwd, `${name}.ts`), content, { module: true });
    const program = ts.createProgram({ rootNames: [file.fileName], options: compilerOptions, host });
    return convertDiagnostics([...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)], file, cwd);
  }

  return { convert, inspect, complete, addModule, close: () => undefined };
}

/** The declarations after a cell that declared `declared` and left `added`. */
function nextDeclarations(state: Declarations, declared: ReadonlyMap<string, number>, added: Piece[]): Declarations {
  const settled = shadow(state.settled, declared);
  const recent = shadow(state.recent, declared);
  const pieces = [...recent.kept, ...settled.valuesAsAny, ...recent.valuesAsAny, ...added];
  if (pieces.length > RECENT_PIECES) return { settled: [...settled.kept, ...pieces], recent: [], settledFile: null, recentFile: null };
  const same = settled.kept === state.settled;
  return { settled: settled.kept, recent: pieces, settledFile: same ? state.settledFile : null, recentFile: null };
}

/** tslab's settings (non-strict, as its users' notebooks expect) with CommonJS output, source maps and declarations. */
function compilerOptionsFor(cwd: string, outDir: string): TS.CompilerOptions {
  const typeRoots = typeRootsFor(cwd);
  return {
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    newLine: ts.NewLineKind.LineFeed,
    noImplicitUseStrict: true,
    experimentalDecorators: true,
    resolveJsonModule: true,
    jsx: ts.JsxEmit.React,
    typeRoots,
    // The @types packages found at start-up, listed once rather than looked up for every cell.
    types: ts.getAutomaticTypeDirectiveNames({ typeRoots }, ts.sys),
    allowJs: true,
    checkJs: true,
    skipLibCheck: true,
    sourceMap: true,
    declaration: true,
    outDir,
  };
}

/** Every node_modules/@types above `cwd`, plus tslab's own when none has Node's types (as tslab does). */
function typeRootsFor(cwd: string): string[] {
  const roots: string[] = [];
  for (let dir = cwd; ; dir = dirname(dir)) {
    const root = join(dir, 'node_modules', '@types');
    if (ts.sys.directoryExists(root)) roots.push(root);
    if (dirname(dir) === dir) break;
  }
  if (!roots.some((root) => ts.sys.fileExists(join(root, 'node', 'package.json')))) {
    try {
      roots.push(join(dirname(require.resolve('@types/node/package.json', { paths: [TSLAB_DIR] })), '..'));
    } catch {
      // No Node types anywhere: cells still run, checked without them.
    }
  }
  return roots;
}

/**
 * A compiler host that parses a file once and resolves a module name once per folder, so that
 * the program built for each cell costs little more than checking the cell. The notebook's own
 * modules (.ts and .js files outside node_modules) are re-read when their modification time
 * changes; declaration files are read once, as the code they describe is loaded once.
 */
class CachingHost implements TS.CompilerHost {
  private readonly base: TS.CompilerHost;
  private readonly virtual = new Map<string, TS.SourceFile>();
  private readonly virtualModules = new Set<string>();
  private readonly files = new Map<string, { file: TS.SourceFile; mtimeMs: number }>();
  private readonly modules = new Map<string, TS.ResolvedModuleWithFailedLookupLocations>();
  private readonly typeDirectives = new Map<string, TS.ResolvedTypeReferenceDirectiveWithFailedLookupLocations>();
  private readonly libDir: string;
  private readonly moduleCache: TS.ModuleResolutionCache;

  constructor(
    private readonly options: TS.CompilerOptions,
    private readonly cwd: string,
  ) {
    this.base = ts.createCompilerHost(options);
    this.libDir = dirname(this.base.getDefaultLibFileName(options));
    this.moduleCache = ts.createModuleResolutionCache(cwd, (fileName) => fileName, options);
  }

  setVirtual(fileName: string, content: string | TS.SourceFile, { module = false } = {}): TS.SourceFile {
    const file = typeof content === 'string' ? ts.createSourceFile(fileName, content, ts.ScriptTarget.ES2022, false) : content;
    this.virtual.set(fileName, file);
    if (module) this.virtualModules.add(fileName);
    return file;
  }

  /** A module of the notebook's own (compiled and handed to the executor when a cell imports it). */
  isLocalModule(fileName: string): boolean {
    if (this.virtual.has(fileName)) return this.virtualModules.has(fileName);
    return !fileName.endsWith('.d.ts') && !fileName.includes('/node_modules/') && !fileName.startsWith(this.libDir);
  }

  private mayChange(fileName: string): boolean {
    return !fileName.endsWith('.d.ts') && !fileName.includes('/node_modules/') && !fileName.startsWith(this.libDir);
  }

  getSourceFile(fileName: string, languageVersion: TS.ScriptTarget | TS.CreateSourceFileOptions): TS.SourceFile | undefined {
    const virtual = this.virtual.get(fileName);
    if (virtual) return virtual;
    const cached = this.files.get(fileName);
    if (cached && !this.mayChange(fileName)) return cached.file;
    let mtimeMs = 0;
    if (this.mayChange(fileName)) {
      try {
        mtimeMs = statSync(fileName).mtimeMs;
      } catch {
        this.files.delete(fileName);
        return undefined;
      }
      if (cached && cached.mtimeMs === mtimeMs) return cached.file;
    }
    const file = this.base.getSourceFile(fileName, languageVersion);
    if (file) this.files.set(fileName, { file, mtimeMs });
    return file;
  }

  /**
   * Module names are resolved once per folder. A failed lookup from the notebook's own code is
   * retried next time (the file may have been written since); inside node_modules it is not.
   */
  resolveModuleNameLiterals(literals: readonly TS.StringLiteralLike[], containingFile: string): TS.ResolvedModuleWithFailedLookupLocations[] {
    const dir = dirname(containingFile);
    const keepFailures = !this.mayChange(containingFile);
    return literals.map((literal) => {
      const key = `${dir}\0${literal.text}`;
      const cached = this.modules.get(key);
      if (cached) return cached;
      let resolved = ts.resolveModuleName(literal.text, containingFile, this.options, this, this.moduleCache);
      // Stock tslab notebooks `import * as tslab from "tslab"` wherever they live.
      if (!resolved.resolvedModule && literal.text === 'tslab') resolved = ts.resolveModuleName(literal.text, TSLAB_DIR, this.options, this);
      if (resolved.resolvedModule || keepFailures) this.modules.set(key, resolved);
      return resolved;
    });
  }

  resolveTypeReferenceDirectiveReferences<T extends TS.FileReference | string>(
    references: readonly T[],
    containingFile: string,
  ): TS.ResolvedTypeReferenceDirectiveWithFailedLookupLocations[] {
    const dir = dirname(containingFile);
    const keepFailures = !this.mayChange(containingFile);
    return references.map((reference) => {
      const name = typeof reference === 'string' ? reference : reference.fileName.toLowerCase();
      const key = `${dir}\0${name}`;
      const cached = this.typeDirectives.get(key);
      if (cached) return cached;
      const resolved = ts.resolveTypeReferenceDirective(name, containingFile, this.options, this);
      if (resolved.resolvedTypeReferenceDirective || keepFailures) this.typeDirectives.set(key, resolved);
      return resolved;
    });
  }

  /** The compiler looks up lib replacements (`@typescript/lib-*`) through this cache. */
  getModuleResolutionCache(): TS.ModuleResolutionCache {
    return this.moduleCache;
  }

  fileExists(fileName: string): boolean {
    return this.virtual.has(fileName) || this.base.fileExists(fileName);
  }
  readFile(fileName: string): string | undefined {
    const virtual = this.virtual.get(fileName);
    return virtual ? virtual.text : this.base.readFile(fileName);
  }
  directoryExists(dir: string): boolean {
    return this.base.directoryExists!(dir);
  }
  getDirectories(dir: string): string[] {
    return this.base.getDirectories!(dir);
  }
  realpath(path: string): string {
    return this.base.realpath ? this.base.realpath(path) : path;
  }
  getDefaultLibFileName(options: TS.CompilerOptions): string {
    return this.base.getDefaultLibFileName(options);
  }
  getDefaultLibLocation(): string {
    return this.libDir;
  }
  writeFile(): void {
    throw new Error('the cell converter never writes files');
  }
  getCurrentDirectory(): string {
    return this.cwd;
  }
  getCanonicalFileName(fileName: string): string {
    return fileName;
  }
  useCaseSensitiveFileNames(): boolean {
    return true;
  }
  getNewLine(): string {
    return '\n';
  }
}

/** Whether the cell awaits outside any function (the executor then runs it in an async function). */
function hasTopLevelAwait(file: TS.SourceFile): boolean {
  let found = false;
  const visit = (node: TS.Node): void => {
    if (found || ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isModuleDeclaration(node)) return;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) found = true;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(file, visit);
  return found;
}

/** Statements that leave no JavaScript behind, so a value before them is still the cell's value. */
function emitsNothing(statement: TS.Statement): boolean {
  if (ts.isExportDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) return true;
  return ts.canHaveModifiers(statement) && Boolean(ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword));
}

/** Rewrites a final expression statement `expr;` to `exports.<LAST_VALUE> = expr;`. */
function keepLastValue(found: () => void): TS.TransformerFactory<TS.SourceFile> {
  return () => (file) => {
    const statements = file.statements;
    let i = statements.length - 1;
    while (i >= 0 && emitsNothing(statements[i])) i--;
    const last = statements[i];
    if (!last || !ts.isExpressionStatement(last)) return file;
    found();
    const f = ts.factory;
    const store = f.createExpressionStatement(f.createAssignment(f.createPropertyAccessExpression(f.createIdentifier('exports'), LAST_VALUE), last.expression));
    ts.setTextRange(store, last);
    return f.updateSourceFile(file, [...statements.slice(0, i), store, ...statements.slice(i + 1)]);
  };
}

/**
 * Runs after the module transform: a name declared by an earlier cell or the prelude is read
 * from `exports`, where the executor keeps those values.
 */
function readEarlierFromExports(checker: TS.TypeChecker, earlier: Set<TS.SourceFile>): TS.TransformerFactory<TS.SourceFile> {
  const f = ts.factory;
  const isEarlier = (symbol: TS.Symbol | undefined, name: string): boolean => {
    const declaration = symbol?.declarations?.[0];
    if (!declaration) return false;
    const file = declaration.getSourceFile();
    return earlier.has(file) && localsOf(file)?.get(name) === symbol;
  };
  const isEarlierName = (node: TS.Node): node is TS.Identifier => {
    if (!ts.isIdentifier(node)) return false;
    const original = ts.getOriginalNode(node);
    return (original === node || ts.isIdentifier(original)) && isEarlier(checker.getSymbolAtLocation(original), node.text);
  };
  const fromExports = (name: TS.Identifier) => ts.setTextRange(f.createPropertyAccessExpression(f.createIdentifier('exports'), name.text), name);
  return (context) => {
    const visit = (node: TS.Node): TS.Node => {
      // A call `f()` becomes `exports.f()`, as in tslab (V8 then names the frame `Proxy.f`).
      if (isEarlierName(node)) return fromExports(node);
      // Property names are not variables (a computed one is an expression).
      if (ts.isPropertyAccessExpression(node)) return f.updatePropertyAccessExpression(node, ts.visitNode(node.expression, visit) as TS.Expression, node.name);
      if (ts.isPropertyAssignment(node) && !ts.isComputedPropertyName(node.name)) {
        return f.updatePropertyAssignment(node, node.name, ts.visitNode(node.initializer, visit) as TS.Expression);
      }
      if (ts.isShorthandPropertyAssignment(node)) {
        const original = ts.getOriginalNode(node);
        const symbol = ts.isShorthandPropertyAssignment(original) ? checker.getShorthandAssignmentValueSymbol(original) : undefined;
        if (!isEarlier(symbol, node.name.text)) return ts.visitEachChild(node, visit, context);
        const target = node.objectAssignmentInitializer
          ? f.createAssignment(fromExports(node.name), ts.visitNode(node.objectAssignmentInitializer, visit) as TS.Expression)
          : fromExports(node.name);
        return ts.setTextRange(f.createPropertyAssignment(node.name.text, target), node);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return (file) => ts.visitEachChild(file, visit, context);
  };
}

/** The compiler's diagnostics in the executor's shape: positions in the cell, other files relative to the notebook. */
function convertDiagnostics(raw: readonly TS.Diagnostic[], cell: TS.SourceFile, cwd: string, cellLength = cell.text.length): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of raw) {
    if (!d.file || d.start === undefined) continue;
    let fileName: string | undefined;
    if (d.file !== cell) {
      fileName = relative(cwd, d.file.fileName);
      if (fileName.startsWith('..')) continue;
    }
    // Past the user's code is only the appended `export` line: an unfinished cell ends there.
    const limit = d.file === cell ? cellLength : d.file.text.length;
    const position = (at: number) => {
      const offset = Math.min(at, limit);
      const { line, character } = ts.getLineAndCharacterOfPosition(d.file!, offset);
      return { offset, line, character };
    };
    const start = position(d.start);
    const end = position(d.start + (d.length ?? 0));
    const push = (message: string | TS.DiagnosticMessageChain) => {
      if (typeof message === 'string') {
        out.push({ start, end, messageText: message, category: d.category, code: d.code, fileName });
        return;
      }
      out.push({ start, end, messageText: message.messageText, category: message.category, code: message.code, fileName });
      for (const next of message.next ?? []) push(next);
    };
    push(d.messageText);
  }
  return out;
}

/** Completion names that match the word at the cursor: prefix first, then case-insensitive prefix, then substring. */
export function rankCompletions(entries: readonly { name: string; sortText: string }[], word: string): string[] {
  const lower = word.toLowerCase();
  const rank = (name: string) => {
    if (!word) return 0;
    if (name.startsWith(word)) return 0;
    const l = name.toLowerCase();
    if (l.startsWith(lower)) return 1;
    return l.includes(lower) ? 2 : -1;
  };
  return entries
    .map((e, index) => ({ name: e.name, key: rank(e.name), sortText: e.sortText, index }))
    .filter((e) => e.key >= 0)
    .sort((a, b) => a.key - b.key || a.sortText.localeCompare(b.sortText) || (word ? a.index - b.index : a.name.localeCompare(b.name)))
    .map((e) => e.name);
}
