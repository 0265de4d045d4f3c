/**
 * Loop guards: every loop written in a cell starts its body with a call that throws once an
 * interrupt was requested. Node can break synchronous code only where `breakOnSigint` is active
 * (a cell's synchronous part, its timer callbacks); a loop that runs after an `await`, in a
 * `.then` callback or in an event or comm handler runs outside any such call, so it checks a flag
 * instead. The flag is an Int32Array over a SharedArrayBuffer: the sentinel thread sets it while
 * the main thread is busy, the main thread clears it when the next request begins.
 */
import type * as TS from '@tslab/typescript-for-tslab';

/** The global the guard calls go through (cells run in this context; a call is cheap once inlined). */
export const LOOP_GUARD = '__clusterlabLoopGuard__';

/** An interrupt flag to share with another thread (pass `flag.buffer` to it). */
export function createInterruptFlag(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
}

/** The flag's values: no interrupt; one requested; one the main thread did not answer at once (it was blocked). */
export const NO_INTERRUPT = 0;
export const INTERRUPT_REQUESTED = 1;
export const INTERRUPTED_WHILE_BLOCKED = 2;

/**
 * @param blocked the main thread did not answer: whatever blocks it (warming the compiler, a
 *   timer callback in native code) keeps it from reading shell requests sent before the interrupt,
 *   which is then meant for them.
 */
export function requestInterrupt(flag: Int32Array, blocked = false): void {
  Atomics.store(flag, 0, blocked ? INTERRUPTED_WHILE_BLOCKED : INTERRUPT_REQUESTED);
}

export function pendingInterrupt(flag: Int32Array): number {
  return Atomics.load(flag, 0);
}

export function clearInterrupt(flag: Int32Array): void {
  Atomics.store(flag, 0, 0);
}

/** What a guarded loop throws on an interrupt (the timer guard treats it as its own interruption). */
export class LoopInterrupted extends Error {
  constructor() {
    super('a loop in a cell was stopped by an interrupt');
    this.name = 'Interrupted';
  }
}

/** Guard calls between two atomic reads of the flag. */
const ATOMIC_EVERY = 4096;

/**
 * The guard: throws an `Interrupted` error once `flag` is set. It reads the flag plainly on every
 * call (about 1 ns; V8 does not move such a read out of a loop, so an interrupt is seen at once)
 * and atomically every ATOMIC_EVERY calls, which the memory model guarantees to see the store
 * (an atomic read on every call costs about 15 ns more, see bench/loopguard.ts).
 */
export function loopGuard(flag: Int32Array): () => void {
  let countdown = ATOMIC_EVERY;
  return function guard(): void {
    if (flag[0] === 0) {
      if (--countdown !== 0) return;
      countdown = ATOMIC_EVERY;
      if (Atomics.load(flag, 0) === 0) return;
    }
    const error = new LoopInterrupted();
    // The stack starts at the loop in the cell (whose guard call maps to the loop's position).
    Error.captureStackTrace(error, guard);
    throw error;
  };
}

/** Makes `flag` the one that guarded loops of compiled cells check (the kernel's, shared with its sentinel). */
export function installLoopGuard(flag: Int32Array): void {
  Object.defineProperty(globalThis, LOOP_GUARD, { value: loopGuard(flag), enumerable: false, configurable: true, writable: false });
}

/** Compiled cells call the guard: without a kernel (cells run in a test or a script) it checks a flag nobody sets. */
export function ensureLoopGuard(): void {
  if (!Object.prototype.hasOwnProperty.call(globalThis, LOOP_GUARD)) installLoopGuard(createInterruptFlag());
}

/**
 * A `before` transformer (TypeScript's own AST, before its other transforms) that puts
 * `__clusterlabLoopGuard__();` first in every loop body: for, for-in, for-of (also `for await`),
 * while and do-while, at any depth. A body that is a single statement becomes a block around it.
 * The added call has no position of its own in the source map except the loop's, so stack frames
 * of user code keep their lines and columns, and a frame in the guard call points at its loop.
 */
export function guardLoops(ts: typeof TS): TS.TransformerFactory<TS.SourceFile> {
  const f = ts.factory;
  return (context) => {
    let file: TS.SourceFile;
    const guardCall = (loop: TS.Node): TS.Statement => {
      const call = f.createExpressionStatement(f.createCallExpression(f.createIdentifier(LOOP_GUARD), undefined, []));
      const start = loop.getStart(file);
      ts.setSourceMapRange(call, { pos: start, end: start });
      ts.setEmitFlags(call, ts.EmitFlags.NoComments);
      return call;
    };
    const guarded = (loop: TS.Node, body: TS.Statement): TS.Statement => {
      const visited = ts.visitNode(body, visit) as TS.Statement;
      if (ts.isBlock(visited)) return f.updateBlock(visited, [guardCall(loop), ...visited.statements]);
      // `while (x) i++;` -> `while (x) { guard(); i++; }` (the block takes the statement's place).
      return ts.setTextRange(f.createBlock([guardCall(loop), visited], false), body);
    };
    const visit = (node: TS.Node): TS.Node => {
      if (ts.isForStatement(node)) {
        return f.updateForStatement(
          node,
          ts.visitNode(node.initializer, visit) as TS.ForInitializer | undefined,
          ts.visitNode(node.condition, visit) as TS.Expression | undefined,
          ts.visitNode(node.incrementor, visit) as TS.Expression | undefined,
          guarded(node, node.statement),
        );
      }
      if (ts.isForInStatement(node)) {
        return f.updateForInStatement(
          node,
          ts.visitNode(node.initializer, visit) as TS.ForInitializer,
          ts.visitNode(node.expression, visit) as TS.Expression,
          guarded(node, node.statement),
        );
      }
      if (ts.isForOfStatement(node)) {
        return f.updateForOfStatement(
          node,
          node.awaitModifier,
          ts.visitNode(node.initializer, visit) as TS.ForInitializer,
          ts.visitNode(node.expression, visit) as TS.Expression,
          guarded(node, node.statement),
        );
      }
      if (ts.isWhileStatement(node)) return f.updateWhileStatement(node, ts.visitNode(node.expression, visit) as TS.Expression, guarded(node, node.statement));
      if (ts.isDoStatement(node)) return f.updateDoStatement(node, guarded(node, node.statement), ts.visitNode(node.expression, visit) as TS.Expression);
      return ts.visitEachChild(node, visit, context);
    };
    return (source) => {
      file = source;
      return ts.visitEachChild(source, visit, context);
    };
  };
}
