/**
 * The timer functions cells see (`setTimeout`, `setInterval`, `setImmediate`, `queueMicrotask`):
 * Node's own, except that each callback runs inside a precompiled `vm.Script` with
 * `breakOnSigint`. Node's SIGINT watchdog then stops a busy loop in the callback and turns the
 * termination back into an ordinary exception at the `vm` boundary, so the timer's bookkeeping
 * around it runs normally (terminating from outside, through the inspector, aborts Node there).
 *
 * Only cells get these (as prelude values that shadow the globals); the kernel and libraries keep
 * Node's timers. The Timeout and Immediate objects returned are Node's, so `ref`, `unref`,
 * `refresh`, `hasRef`, `clearTimeout` and numeric ids work as usual.
 */
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Script } from 'node:vm';
import { LoopInterrupted } from './loopguard';

export interface GuardedTimers {
  setTimeout: typeof setTimeout;
  setInterval: typeof setInterval;
  setImmediate: typeof setImmediate;
  queueMicrotask: typeof queueMicrotask;
}

/** The global through which the precompiled script reaches the callback (a script takes no arguments). */
const ENTRY = '__clusterlabGuardedCall__';
const INTERRUPTED_CODE = 'ERR_SCRIPT_EXECUTION_INTERRUPTED';

let callee: ((...args: unknown[]) => unknown) | null = null;
let self: unknown = undefined;
let callArgs: unknown[] = [];

function callPending(): unknown {
  const fn = callee!;
  callee = null;
  return fn.apply(self, callArgs);
}

let script: Script | null = null;
function entryScript(): Script {
  if (script) return script;
  Object.defineProperty(globalThis, ENTRY, { value: callPending, enumerable: false, configurable: true });
  // Named under dist/kernel/ so that its frame is dropped from tracebacks like the kernel's own.
  script = new Script(`${ENTRY}()`, { filename: join(__dirname, 'guarded-callback.vm.js') });
  return script;
}

/** SIGINT through `breakOnSigint`, or a loop guard in the callback that saw the interrupt flag first. */
export function isInterruption(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === INTERRUPTED_CODE || error instanceof LoopInterrupted;
}

/**
 * @param onInterrupted told which kind of callback was stopped (an interval is cleared first);
 *   any other error the callback throws propagates as if there were no wrapper.
 */
export function createGuardedTimers(onInterrupted: (what: string) => void): GuardedTimers {
  const run = entryScript();
  const guard = (what: string, fn: (...args: any[]) => unknown, stop?: () => void) =>
    function guarded(this: unknown, ...args: unknown[]): unknown {
      callee = fn;
      self = this;
      callArgs = args;
      try {
        return run.runInThisContext({ breakOnSigint: true, displayErrors: false });
      } catch (error) {
        if (!isInterruption(error)) throw error;
        stop?.();
        onInterrupted(what);
        return undefined;
      }
    };

  // A non-function callback goes to Node unwrapped, so that Node reports it as it always does.
  const guardedSetTimeout = function (callback: unknown, ...rest: unknown[]) {
    if (typeof callback !== 'function') return (setTimeout as any)(callback, ...rest);
    return setTimeout(guard('setTimeout', callback as (...a: any[]) => unknown), ...(rest as [number, ...unknown[]]));
  };
  const guardedSetInterval = function (callback: unknown, ...rest: unknown[]) {
    if (typeof callback !== 'function') return (setInterval as any)(callback, ...rest);
    let timer: NodeJS.Timeout | null = null;
    timer = setInterval(
      guard('setInterval', callback as (...a: any[]) => unknown, () => clearInterval(timer!)),
      ...(rest as [number, ...unknown[]]),
    );
    return timer;
  };
  const guardedSetImmediate = function (callback: unknown, ...rest: unknown[]) {
    if (typeof callback !== 'function') return (setImmediate as any)(callback, ...rest);
    return setImmediate(guard('setImmediate', callback as (...a: any[]) => unknown), ...rest);
  };
  const guardedQueueMicrotask = function (callback: unknown) {
    if (typeof callback !== 'function') return (queueMicrotask as any)(callback);
    queueMicrotask(guard('queueMicrotask', callback as () => unknown) as () => void);
  };
  // `util.promisify(setTimeout)` resolves without a user callback: Node's own promise version.
  for (const [wrapper, original] of [
    [guardedSetTimeout, setTimeout],
    [guardedSetImmediate, setImmediate],
  ] as const) {
    Object.defineProperty(wrapper, promisify.custom, { value: (original as any)[promisify.custom], configurable: true });
  }
  return {
    setTimeout: guardedSetTimeout as unknown as typeof setTimeout,
    setInterval: guardedSetInterval as unknown as typeof setInterval,
    setImmediate: guardedSetImmediate as unknown as typeof setImmediate,
    queueMicrotask: guardedQueueMicrotask as typeof queueMicrotask,
  };
}
