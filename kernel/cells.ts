/**
 * Running cells with tslab's converter (type-check, keep declarations across cells, top-level
 * await) and tslab's executor (runs the JavaScript in this context with `breakOnSigint`).
 * TypeScript is loaded lazily: the kernel answers `kernel_info` first and warms the compiler
 * afterwards, so a frontend sees the kernel ready well before the compiler is.
 */
import type { Converter } from 'tslab/dist/converter';
import type { Executor } from 'tslab/dist/executor';
import type { Prelude } from './prelude';

export interface CellError {
  ename: string;
  evalue: string;
  traceback: string[];
}

export type CellOutcome = { status: 'ok'; hasValue: boolean; value?: unknown } | ({ status: 'error' } & CellError);

interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** Frames from the kernel or tslab say nothing about the user's code. */
const INTERNAL_FRAME = /node_modules[\\/]tslab[\\/]|[\\/]dist[\\/]kernel[\\/]|\(node:|^\s+at node:|\(<anonymous>\)$/;
const INTERRUPTED = /Script execution was interrupted|Interrupted asynchronously/;

export function describeError(error: unknown): CellError {
  if (error instanceof Error || (error && typeof error === 'object' && 'message' in error)) {
    const e = error as Error & { code?: string };
    if (INTERRUPTED.test(e.message)) return { ename: 'Interrupted', evalue: 'the cell was interrupted', traceback: ['Interrupted: the cell was interrupted'] };
    let evalue = String(e.message);
    if (e.code === 'ERR_REQUIRE_ASYNC_MODULE' || e.code === 'ERR_REQUIRE_ESM' || e.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
      evalue += "\nIf this package is an ES module, `import` cannot load it here; load it with `const mod = await importESM('<package>')` in the cell instead.";
    }
    // Node prefixes errors thrown in `vm` code with the offending source line; keep frames only.
    const stack = typeof e.stack === 'string' ? e.stack.split('\n') : [];
    const frames = stack
      .filter((line) => /^\s+at /.test(line) && !INTERNAL_FRAME.test(line))
      .map((line) => line.replace(/evalmachine\.<anonymous>/g, '<cell>'));
    return { ename: String(e.name ?? 'Error'), evalue, traceback: [`${e.name ?? 'Error'}: ${evalue}`, ...frames] };
  }
  const evalue = typeof error === 'string' ? error : JSON.stringify(error) ?? String(error);
  return { ename: 'Thrown', evalue, traceback: [`Uncaught ${evalue}`] };
}

function diagnosticsError(diagnostics: Diagnostic[], code: string): CellError {
  const lines = code.split('\n');
  const traceback: string[] = [];
  for (const d of diagnostics) {
    const where = `${d.file || 'cell'}:${d.line}:${d.column}`;
    traceback.push(`${where} - error: ${d.message}`);
    if (!d.file && lines[d.line - 1] !== undefined) {
      traceback.push(`    ${lines[d.line - 1]}`, `    ${' '.repeat(Math.max(0, d.column - 1))}^`);
    }
  }
  const first = diagnostics[0];
  return {
    ename: 'TypeScriptError',
    evalue: `${first.file || 'cell'}:${first.line}:${first.column} - ${first.message}` + (diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : ''),
    traceback,
  };
}

export class Cells {
  private executor: Executor | null = null;
  private diagnostics: Diagnostic[] = [];
  private runtimeError: { error: unknown } | null = null;
  private lastValue: { value: unknown } | null = null;

  /**
   * @param rootDir where relative imports resolve (the notebook's folder)
   * @param prelude declarations every cell sees (the preloaded names) and their values
   */
  constructor(
    private readonly rootDir: string,
    private readonly prelude: () => Prelude,
  ) {}

  get warm(): boolean {
    return this.executor !== null;
  }

  /** Loads TypeScript and builds the language service; the first call costs a second or two. */
  ensure(): Executor {
    if (this.executor) return this.executor;
    const { createConverter } = require('tslab/dist/converter') as typeof import('tslab/dist/converter');
    const { createExecutor } = require('tslab/dist/executor') as typeof import('tslab/dist/executor');
    const { declarations, lazyDeclarations, values } = this.prelude();
    const inner = createConverter({ isJS: false, isBrowser: false });
    // tslab starts every session with no previous declarations; ours start with the prelude's.
    // Heavy declarations (danfojs pulls in all of TensorFlow's types) join the first time a cell
    // names them, so cells that never touch them are checked against a small program.
    const withPrelude = (prev: string, src: string) => {
      let decls = prev || declarations;
      for (const { name, declaration } of lazyDeclarations) {
        const mentions = new RegExp(`\\b${name}\\b`);
        if (mentions.test(src) && !mentions.test(decls)) decls += declaration;
      }
      return decls;
    };
    const node: Converter = {
      convert: (prev, src) => inner.convert(withPrelude(prev, src), src),
      inspect: (prev, src, pos) => inner.inspect(withPrelude(prev, src), src, pos),
      complete: (prev, src, pos) => inner.complete(withPrelude(prev, src), src, pos),
      addModule: (name, content, meta) => inner.addModule(name, content, meta),
      close: () => inner.close(),
    };
    let browser: Converter | null = null;
    const convs = {
      node,
      get browser() {
        browser ??= createConverter({ isJS: false, isBrowser: true });
        return browser;
      },
      close: () => {
        node.close();
        browser?.close();
      },
    };
    const executor = createExecutor(this.rootDir, convs, {
      log: (value: unknown) => {
        this.lastValue = { value };
      },
      error: (first: unknown, ...rest: unknown[]) => {
        if (first === '%s%d:%d - %s') {
          const [file, line, column, message] = rest as [string, number, number, string];
          this.diagnostics.push({ file: file.trim(), line, column, message });
        } else {
          this.runtimeError = { error: first };
        }
      },
    });
    Object.assign(executor.locals, values);
    this.executor = executor;
    // The first check of a cell loads the lib and @types files; pay for it now, not in cell 1.
    // Warm the checker's and emitter's code paths too (JIT), with cells thrown away afterwards.
    node.convert('', 'const __warm__: number = 1;');
    node.convert('', 'function __warm__(xs: number[]): number[] { return xs.map((x) => x * 2); }');
    return executor;
  }

  async execute(code: string): Promise<CellOutcome> {
    const executor = this.ensure();
    this.diagnostics = [];
    this.runtimeError = null;
    this.lastValue = null;
    let ok: boolean;
    try {
      ok = await executor.execute(code);
    } catch (error) {
      return { status: 'error', ...describeError(error) };
    }
    if (!ok && this.diagnostics.length > 0) return { status: 'error', ...diagnosticsError(this.diagnostics, code) };
    // Set by the executor's console callbacks during `execute`, which TypeScript cannot see.
    const runtimeError = this.runtimeError as { error: unknown } | null;
    const lastValue = this.lastValue as { value: unknown } | null;
    if (!ok) return { status: 'error', ...describeError(runtimeError ? runtimeError.error : new Error('the cell failed')) };
    return lastValue ? { status: 'ok', hasValue: true, value: lastValue.value } : { status: 'ok', hasValue: false };
  }

  inspect(code: string, cursor: number): string | null {
    const info = this.ensure().inspect(code, cursor);
    if (!info) return null;
    const { printQuickInfo } = require('tslab/dist/inspect');
    return printQuickInfo(info);
  }

  complete(code: string, cursor: number): { start: number; end: number; matches: string[] } {
    const info = this.ensure().complete(code, cursor);
    return { start: info.start, end: info.end, matches: info.candidates };
  }

  isComplete(code: string): { status: 'complete' } | { status: 'incomplete'; indent: string } {
    const { isCompleteCode } = require('tslab/dist/converter') as typeof import('tslab/dist/converter');
    const result = isCompleteCode(code);
    return result.completed ? { status: 'complete' } : { status: 'incomplete', indent: result.indent ?? '' };
  }

  /** Rejects a pending top-level await of the running cell. */
  interrupt(): void {
    this.executor?.interrupt();
  }

  locals(): Record<string, unknown> {
    return this.ensure().locals;
  }

  close(): void {
    this.executor?.close();
  }
}
