import type * as zmq from 'zeromq';
import { ArrayPrototypePush, ArrayPrototypeShift, PromisePrototypeThen } from './intrinsics';

/** zeromq.js's refusal of a second send while one is being written. */
function isBusy(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'EBUSY';
}

interface Pending {
  frames: Buffer[];
  sent: () => void;
  failed: (error: unknown) => void;
}

/**
 * zeromq.js allows one send in flight per socket; callers everywhere (cells printing, timers,
 * comms) send whenever they like, so sends wait in this FIFO. A send with nothing ahead of it
 * leaves at once (synchronously), and what is still queued when the process exits can be handed
 * to the socket synchronously (`drainNow`), so that output just before an exit is not lost.
 */
export class Outbox {
  private readonly pending: Pending[] = [];
  private pumping: Promise<void> | null = null;
  /** Sends handed straight to the socket whose promises have not settled yet. */
  private directInFlight = 0;
  /** Wakes the pump once they have. */
  private wakePump: (() => void) | null = null;
  // (No promise is returned from a callback here: that would call Promise.prototype.then, which cells can replace.)
  private readonly directSettled = (): void => {
    this.directInFlight--;
    if (this.directInFlight === 0 && this.wakePump) {
      const wake = this.wakePump;
      this.wakePump = null;
      wake();
    }
  };
  /**
   * @param neverWaits for sockets whose sends never wait (PUB: a slow subscriber loses messages
   *   instead), every send goes to the socket at once, even with earlier sends' promises pending;
   *   so the `busy` status and `execute_input` leave before a synchronous cell blocks the thread.
   */
  constructor(
    private readonly socket: zmq.Writable,
    private readonly onError: (error: unknown) => void,
    private readonly neverWaits = false,
  ) {}

  /** Resolves when these frames have left, or failed and `onError` took it; rejects with what `onError` throws. */
  send(frames: Buffer[]): Promise<void> {
    if (this.neverWaits && this.pending.length === 0 && !this.pumping) {
      let direct: Promise<void>;
      try {
        direct = this.socket.send(frames);
      } catch (error) {
        if (!isBusy(error)) return this.reportFailure(error);
        return this.enqueue(frames);
      }
      // Every direct send settles before the queue is pumped, so the queue never overtakes one.
      this.directInFlight++;
      PromisePrototypeThen(direct, this.directSettled, this.directSettled);
      // zeromq.js refuses a send while a delayed one is still being written (it delays writes after
      // a burst of synchronous ones): such a message waits in line, in the order it was sent.
      return PromisePrototypeThen(direct, undefined, (error: unknown) => (isBusy(error) ? this.enqueue(frames) : this.onError(error)));
    }
    return this.enqueue(frames);
  }

  private reportFailure(error: unknown): Promise<void> {
    try {
      this.onError(error);
      return Promise.resolve();
    } catch (rethrown) {
      return Promise.reject(rethrown);
    }
  }

  private enqueue(frames: Buffer[]): Promise<void> {
    return new Promise<void>((sent, failed) => {
      ArrayPrototypePush(this.pending, { frames, sent, failed });
      this.pumping ??= this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.directInFlight > 0) await new Promise<void>((wake) => (this.wakePump = wake));
    for (let next = ArrayPrototypeShift(this.pending); next; next = ArrayPrototypeShift(this.pending)) {
      try {
        await this.socket.send(next.frames);
      } catch (error) {
        try {
          this.onError(error);
        } catch (rethrown) {
          next.failed(rethrown);
          continue;
        }
      }
      next.sent();
    }
    this.pumping = null;
  }

  /** Resolves when everything queued so far has left. */
  flushed(): Promise<void> {
    return this.pumping ?? Promise.resolve();
  }

  /**
   * At exit, when no promise will settle any more: hands every queued message to the socket now.
   * Only for sockets whose sends never wait (PUB, and ROUTER to a connected peer), as at exit.
   */
  drainNow(): void {
    for (let next = ArrayPrototypeShift(this.pending); next; next = ArrayPrototypeShift(this.pending)) {
      try {
        void this.socket.send(next.frames).catch(() => undefined);
      } catch {
        // Busy or closed: what cannot leave now is lost with the process.
      }
    }
  }
}
