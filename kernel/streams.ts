/**
 * Captures `process.stdout` and `process.stderr` (so `console.log` in a cell) as iopub `stream`
 * messages. Writes are coalesced for a few milliseconds so that a loop printing lines sends a
 * handful of messages, and cut into chunks so that one enormous write never becomes a single
 * enormous message.
 */
import { ArrayPrototypeJoin, ArrayPrototypePush, ReflectApply, StringPrototypeSlice } from './intrinsics';
import type { OutputRouter } from './output';

const FLUSH_AFTER_MS = 10;
const CHUNK_CHARS = 1 << 20;
type StreamName = 'stdout' | 'stderr';
const STREAMS: readonly StreamName[] = ['stdout', 'stderr'];

export class StreamCapture {
  private pending: Record<StreamName, string[]> = { stdout: [], stderr: [] };
  private timer: NodeJS.Timeout | null = null;
  private readonly originals = { stdout: process.stdout.write, stderr: process.stderr.write };
  private readonly decoder = new TextDecoder();

  /** False once the real stderr has failed (its reader, the Jupyter server, is gone). */
  private logOpen = true;

  constructor(private readonly output: OutputRouter) {}

  install(): void {
    // A write to a closed pipe fails with EPIPE as an 'error' event. Unhandled, it became an
    // uncaught exception, whose report was logged to the same pipe, failing again: an endless
    // loop of next-tick errors that starved the timers (the parent check included) and grew
    // memory. Handled here, the log goes quiet instead.
    for (const stream of [process.stdout, process.stderr]) {
      stream.on('error', () => {
        if (stream === process.stderr) this.logOpen = false;
      });
    }
    for (const name of ['stdout', 'stderr'] as const) {
      process[name].write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
        const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk as Uint8Array);
        this.write(name, text);
        const done = typeof encoding === 'function' ? encoding : callback;
        if (typeof done === 'function') process.nextTick(done as () => void);
        return true;
      }) as typeof process.stdout.write;
    }
  }

  /** The real stderr, for the kernel's own log lines (Jupyter shows them in its server log). */
  log(text: string): void {
    if (!this.logOpen) return;
    ReflectApply(this.originals.stderr, process.stderr, [`[clusterlab kernel] ${text}\n`]);
  }

  write(name: StreamName, text: string): void {
    if (!text) return;
    ArrayPrototypePush(this.pending[name], text);
    this.timer ??= setTimeout(() => this.flush(), FLUSH_AFTER_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (let i = 0; i < STREAMS.length; i++) {
      const name = STREAMS[i];
      if (this.pending[name].length === 0) continue;
      const text = ArrayPrototypeJoin(this.pending[name], '');
      this.pending[name] = [];
      for (let at = 0; at < text.length; at += CHUNK_CHARS) {
        this.output.publish('stream', { name, text: StringPrototypeSlice(text, at, at + CHUNK_CHARS) });
      }
    }
  }
}
