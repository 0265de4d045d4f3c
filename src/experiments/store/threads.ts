/**
 * The worker threads of sweeps, kept between the sweeps of this process. A thread's start (about
 * 0.1 s) and, far more, V8's compilation of the model and the store in it (about 1.5 s of CPU for
 * tomato) are then paid by a session's first sweep only, not by every sweep a notebook runs
 * (docs/benchmarks.md, "Threads kept between sweeps"). A kept thread serves one sweep at a time,
 * does not keep the process alive, and ends after a minute unused.
 */
import * as path from 'path';
import { Worker } from 'worker_threads';

/** How long an unused thread is kept: long enough for the next sweep of a session, short enough to give its memory back. */
const SWEEP_THREAD_IDLE_MS = 60_000;

interface Kept {
  worker: Worker;
  timer: NodeJS.Timeout;
}
const kept: Kept[] = [];

function forget(entry: Kept): void {
  const i = kept.indexOf(entry);
  if (i >= 0) kept.splice(i, 1);
  clearTimeout(entry.timer);
}

/** A thread for the sweep in `dir`, kept from an earlier sweep or new; `stop` is the sweep's stop flag. */
export function acquireSweepThread(dir: string, stop: SharedArrayBuffer): Worker {
  const entry = kept.pop();
  let worker: Worker;
  if (entry) {
    clearTimeout(entry.timer); // already off the list
    worker = entry.worker;
    worker.removeAllListeners('error');
    worker.removeAllListeners('exit');
    worker.ref();
  } else {
    worker = new Worker(path.join(__dirname, 'shardWorker.js'));
  }
  worker.postMessage({ sweep: { dir, stop } });
  return worker;
}

/**
 * Gives back a thread whose sweep has ended with nothing left running in it. A thread whose sweep
 * failed is terminated instead (its state is not known), by the caller.
 */
export function releaseSweepThread(worker: Worker): void {
  worker.removeAllListeners('message');
  worker.removeAllListeners('error');
  worker.removeAllListeners('exit');
  worker.unref();
  const entry: Kept = {
    worker,
    timer: setTimeout(() => {
      forget(entry);
      void worker.terminate();
    }, SWEEP_THREAD_IDLE_MS).unref(),
  };
  // A kept thread that fails or exits while unused is not given out again.
  worker.on('error', () => forget(entry));
  worker.on('exit', () => forget(entry));
  kept.push(entry);
}

/** Threads kept for later sweeps (for tests and benchmarks). */
export function keptSweepThreads(): number {
  return kept.length;
}

/** Ends every kept thread, for instance to measure a sweep on fresh threads. */
export async function closeSweepThreads(): Promise<void> {
  const all = kept.splice(0);
  for (const e of all) clearTimeout(e.timer);
  await Promise.all(all.map((e) => e.worker.terminate()));
}
