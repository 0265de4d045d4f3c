import type * as zmq from 'zeromq';
import { ArrayPrototypePush, ArrayPrototypeShift, PromisePrototypeThen } from './intrinsics';

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
    if (this.neverWaits && this.pending.length === 0) {
      try {
        return PromisePrototypeThen(this.socket.send(frames), undefined, this.onError);
      } catch {
        // Busy after all: wait in line like the rest.
      }
    }
    return new Promise<void>((sent, failed) => {
      ArrayPrototypePush(this.pending, { frames, sent, failed });
      this.pumping ??= this.pump();
    });
  }

  private async pump(): Promise<void> {
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
