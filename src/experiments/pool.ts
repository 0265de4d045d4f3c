/**
 * A pool of worker threads that run replications, kept between ensembles so that a calibration
 * running hundreds of small ensembles pays for thread start-up and module loading once. Idle
 * workers do not keep the process alive; `close()` ends them.
 */
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { RunRecord } from '../engine/recorder';
import type { ModuleTask } from './ensemble';

interface Job {
  id: number;
  resolve: (records: RunRecord[]) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
}

export class WorkerPool {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private nextJob = 0;
  private closed = false;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1 || size > 256) throw new RangeError(`WorkerPool: size must be an integer in 1..256, got ${size}`);
    this.size = size;
  }

  /** Runs the replications with the given indices and seeds on worker `slot`; records in order. */
  run(slot: number, task: ModuleTask, indices: number[], seeds: number[]): Promise<RunRecord[]> {
    if (this.closed) return Promise.reject(new Error('WorkerPool: the pool is closed'));
    const s = this.slot(slot % this.size);
    const id = this.nextJob++;
    return new Promise<RunRecord[]>((resolve, reject) => {
      s.jobs.set(id, { id, resolve, reject });
      s.worker.ref();
      s.worker.postMessage({ id, task, indices, seeds });
    });
  }

  /** Ends every worker. */
  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private slot(i: number): Slot {
    let s = this.slots[i];
    if (s && s.worker.threadId >= 0) return s;
    const worker = new Worker(path.join(__dirname, 'worker.js'));
    worker.unref();
    s = { worker, jobs: new Map() };
    const slot = s;
    this.slots[i] = slot;
    worker.on('message', (msg: { id: number; records?: RunRecord[]; error?: string }) => {
      const job = slot.jobs.get(msg.id);
      if (!job) return;
      slot.jobs.delete(msg.id);
      if (slot.jobs.size === 0) worker.unref();
      if (msg.error !== undefined) job.reject(new Error(msg.error));
      else job.resolve(msg.records!);
    });
    const fail = (error: Error) => {
      if (this.slots[i] === slot) delete this.slots[i];
      for (const job of slot.jobs.values()) job.reject(error);
      slot.jobs.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`ensemble: worker exited with code ${code}`)));
    return slot;
  }
}
