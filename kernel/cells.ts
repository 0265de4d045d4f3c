/**
 * Running cells with our converter (converter.ts: type-check, keep declarations across cells,
 * top-level await, CommonJS with source maps) and tslab's executor (runs the JavaScript in this
 * context with `breakOnSigint` and keeps the cells' values).
 * TypeScript is loaded lazily: the kernel answers `kernel_info` first and warms the compiler
 * afterwards, so a frontend sees the kernel ready well before the compiler is.
 */
import type { Converter } from 'tslab/dist/converter';
import type { Executor } from 'tslab/dist/executor';
import type { Prelude } from './prelude';
import {
  ArrayPrototypePush,
  inspect,
  MapPrototypeGet,
  matches,
  RegExpPrototypeExec,
  replaceAll,
  StringPrototypeSlice,
  StringPrototypeSplit,
} from './intrinsics';
import { type LineSegments, originalPosition } from './sourcemap';

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
const FRAME = /^\s+at /;
const PROXY_CALL = /^(\s+at )Proxy\./;

/** A compiled cell's script: its source map, the execution count it ran under, how it was wrapped. */
interface CellScript {
  lines: LineSegments;
  count: number;
  async: boolean;
}
const SCRIPT_POSITION = /(clusterlab-cell-\d+):(\d+):(\d+)/;
/** What tslab's executor puts before the first line of a cell's JavaScript. */
const WRAPPER = { sync: '(function(exports, require) { '.length, async: '(async function(exports, require) { '.length };

/**
 * A stack frame in a cell's JavaScript, pointed at the cell's own line and column: `<cell>` for
 * the cell that is running, `<cell [n]>` for the one run as In [n]. Frames without a source
 * position (the executor's wrapper, export bookkeeping) are dropped.
 */
function mapFrame(frame: string, scripts: ReadonlyMap<string, CellScript>, current: number): string | null {
  const m = RegExpPrototypeExec(SCRIPT_POSITION, frame);
  if (!m) return replaceAll(frame, 'evalmachine.<anonymous>', '<cell>');
  const script = MapPrototypeGet(scripts, m[1]);
  if (!script) return frame;
  const line = Number(m[2]);
  const column = Number(m[3]) - (line === 1 ? (script.async ? WRAPPER.async : WRAPPER.sync) : 0);
  const position = originalPosition(script.lines, line, column);
  if (!position) return null;
  const label = script.count === current ? '<cell>' : `<cell [${script.count}]>`;
  // A function of an earlier cell is called on the executor's `exports` proxy; its frame says `Proxy.f`.
  const mapped = replaceAll(frame, m[0], `${label}:${position.line}:${position.column}`);
  const proxied = RegExpPrototypeExec(PROXY_CALL, mapped);
  return proxied ? proxied[1] + StringPrototypeSlice(mapped, proxied[0].length) : mapped;
}

/** A property of a value cells threw, or undefined when reading it throws (a getter, a Proxy trap). */
function readSafely(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** Any value as text, never throwing: a string as itself, anything else as Node inspects it (cycles, BigInt and Proxies included). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return inspect(value, { depth: 2, breakLength: Infinity, maxStringLength: 10_000, maxArrayLength: 20 });
  } catch {
    return `<a thrown ${typeof value} that cannot be described>`;
  }
}

function isErrorLike(error: unknown): error is object {
  try {
    return error instanceof Error || (error !== null && typeof error === 'object' && 'message' in error);
  } catch {
    return false; // a Proxy whose traps throw
  }
}

/**
 * An error as name, message and stack frames. It never throws, whatever was thrown (a BigInt, a
 * circular object, a throwing getter, a Proxy) and whatever cells did to the built-ins: the
 * kernel calls it where a throw would end the process (uncaught exceptions).
 */
function describeError(error: unknown, frameMapper: (frame: string) => string | null = (f) => f): CellError {
  if (!isErrorLike(error)) {
    const evalue = describeValue(error);
    return { ename: 'Thrown', evalue, traceback: [`Uncaught ${evalue}`] };
  }
  const message = readSafely(error, 'message');
  const rawName = readSafely(error, 'name');
  const name = typeof rawName === 'string' && rawName ? rawName : 'Error';
  let evalue = typeof message === 'string' ? message : message === undefined ? describeValue(error) : describeValue(message);
  if (matches(INTERRUPTED, evalue)) return { ename: 'Interrupted', evalue: 'the cell was interrupted', traceback: ['Interrupted: the cell was interrupted'] };
  const code = readSafely(error, 'code');
  if (code === 'ERR_REQUIRE_ASYNC_MODULE' || code === 'ERR_REQUIRE_ESM' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
    evalue += "\nIf this package is an ES module, `import` cannot load it here; load it with `const mod = await importESM('<package>')` in the cell instead.";
  }
  // Node prefixes errors thrown in `vm` code with the offending source line; keep frames only.
  const stack = readSafely(error, 'stack');
  const lines = typeof stack === 'string' ? StringPrototypeSplit(stack, '\n') : [];
  const traceback = [`${name}: ${evalue}`];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!matches(FRAME, line) || matches(INTERNAL_FRAME, line)) continue;
    let mapped: string | null;
    try {
      mapped = frameMapper(line);
    } catch {
      mapped = line;
    }
    if (mapped !== null) ArrayPrototypePush(traceback, mapped);
  }
  return { ename: name, evalue, traceback };
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
    evalue:
      `${first.file || 'cell'}:${first.line}:${first.column} - ${first.message}` + (diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : ''),
    traceback,
  };
}

export class Cells {
  private executor: Executor | null = null;
  private diagnostics: Diagnostic[] = [];
  private runtimeError: { error: unknown } | null = null;
  private lastValue: { value: unknown } | null = null;
  private readonly scripts = new Map<string, CellScript>();
  /** The execution count of the cell running now (labels its stack frames `<cell>`). */
  private count = 0;

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

  /** Loads TypeScript and type-checks a first cell; the first call costs a second or two. */
  ensure(): Executor {
    if (this.executor) return this.executor;
    const { createConverter } = require('tslab/dist/converter') as typeof import('tslab/dist/converter');
    const { createExecutor } = require('tslab/dist/executor') as typeof import('tslab/dist/executor');
    const { createCellConverter } = require('./converter') as typeof import('./converter');
    const { declarations, lazyDeclarations, values } = this.prelude();
    const node = createCellConverter({
      rootDir: this.rootDir,
      prelude: declarations,
      lazyDeclarations,
      onCompiled: ({ scriptName, lines, async }) => this.scripts.set(scriptName, { lines, async, count: this.count }),
    });
    // Cells marked `@browser` are only type-checked (for inspect and complete); tslab's converter does that.
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

  /** An error as the user should see it, stack frames pointing into cells mapped to cell lines. */
  describeError(error: unknown): CellError {
    return describeError(error, (frame) => mapFrame(frame, this.scripts, this.count));
  }

  /** @param count the execution count the cell runs as (In [count]) */
  async execute(code: string, count = 0): Promise<CellOutcome> {
    const executor = this.ensure();
    this.count = count;
    this.diagnostics = [];
    this.runtimeError = null;
    this.lastValue = null;
    let ok: boolean;
    try {
      ok = await executor.execute(code);
    } catch (error) {
      return { status: 'error', ...this.describeError(error) };
    }
    if (!ok && this.diagnostics.length > 0) return { status: 'error', ...diagnosticsError(this.diagnostics, code) };
    // Set by the executor's console callbacks during `execute`, which TypeScript cannot see.
    const runtimeError = this.runtimeError as { error: unknown } | null;
    const lastValue = this.lastValue as { value: unknown } | null;
    if (!ok) return { status: 'error', ...this.describeError(runtimeError ? runtimeError.error : new Error('the cell failed')) };
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
