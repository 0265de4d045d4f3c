import type * as zmq from 'zeromq';

/**
 * zeromq.js allows one send in flight per socket; callers everywhere (cells printing, timers,
 * comms) send whenever they like, so sends go through this FIFO.
 */
export class Outbox {
  private tail: Promise<void> = Promise.resolve();
  constructor(
    private readonly socket: zmq.Writable,
    private readonly onError: (error: unknown) => void,
  ) {}

  send(frames: Buffer[]): Promise<void> {
    this.tail = this.tail.then(() => this.socket.send(frames)).catch(this.onError);
    return this.tail;
  }

  /** Resolves when everything queued so far has left. */
  flushed(): Promise<void> {
    return this.tail;
  }
}
