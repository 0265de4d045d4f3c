/**
 * Jupyter comms in both directions. Cells open comms to frontend targets with `comms.open` and
 * accept comms opened by the frontend with `comms.registerTarget`. A frontend opening a comm to
 * a target nobody registered gets a `comm_close` back, so it does not wait forever.
 */
import { randomUUID } from 'node:crypto';
import type { OutputRouter } from './output';
import type { Message } from './wire';

export type CommData = Record<string, unknown>;
export type CommMessageHandler = (data: CommData, message: { buffers: Buffer[]; metadata: object }) => void;

export interface Comm {
  readonly id: string;
  readonly target: string;
  readonly closed: boolean;
  send(data: CommData, metadata?: object, buffers?: Buffer[]): void;
  close(data?: CommData): void;
  onMsg(handler: CommMessageHandler): void;
  onClose(handler: (data: CommData) => void): void;
}

export type CommTargetHandler = (comm: Comm, data: CommData) => void;

export interface CommsApi {
  /** `buffers` travel as binary frames (the widget protocol's `buffer_paths` say where they go). */
  open(target: string, data?: CommData, metadata?: object, buffers?: Buffer[]): Comm;
  registerTarget(target: string, handler: CommTargetHandler): void;
  unregisterTarget(target: string): void;
  /** Comms currently open, by id. */
  readonly open_comms: ReadonlyMap<string, Comm>;
}

export class CommManager implements CommsApi {
  private readonly comms = new Map<string, CommImpl>();
  private readonly targets = new Map<string, CommTargetHandler>();
  readonly open_comms: ReadonlyMap<string, Comm> = this.comms;

  constructor(
    private readonly output: OutputRouter,
    private readonly report: (error: unknown) => void,
  ) {}

  open(target: string, data: CommData = {}, metadata: object = {}, buffers: Buffer[] = []): Comm {
    if (typeof target !== 'string' || !target) throw new TypeError(`comms.open: target must be a non-empty string, got ${String(target)}`);
    const comm = new CommImpl(randomUUID(), target, this);
    this.comms.set(comm.id, comm);
    this.publish('comm_open', { comm_id: comm.id, target_name: target, data, metadata }, metadata, buffers);
    return comm;
  }

  registerTarget(target: string, handler: CommTargetHandler): void {
    if (typeof handler !== 'function') throw new TypeError('comms.registerTarget: handler must be a function (comm, data) => void');
    this.targets.set(target, handler);
  }

  unregisterTarget(target: string): void {
    this.targets.delete(target);
  }

  publish(msgType: string, content: object, metadata: object = {}, buffers: Buffer[] = []): void {
    this.output.publish(msgType, content, { metadata, buffers });
  }

  forget(id: string): void {
    this.comms.delete(id);
  }

  // Messages from the frontend.
  handleOpen(message: Message): void {
    const { comm_id, target_name, data } = message.content;
    if (typeof comm_id !== 'string') throw new TypeError('comm_open: content.comm_id must be a string');
    const handler = this.targets.get(target_name);
    if (!handler) {
      this.output.publish('comm_close', { comm_id, data: { error: `no comm target named '${target_name}' in the clusterlab kernel` } }, { parent: message });
      return;
    }
    const comm = new CommImpl(comm_id, target_name, this);
    this.comms.set(comm_id, comm);
    this.guard(() => handler(comm, data ?? {}));
  }

  handleMsg(message: Message): void {
    const comm = this.comms.get(message.content.comm_id);
    if (!comm) return;
    comm.receive(message.content.data ?? {}, message.buffers, message.metadata);
  }

  handleClose(message: Message): void {
    const comm = this.comms.get(message.content.comm_id);
    if (!comm) return;
    this.comms.delete(comm.id);
    comm.receiveClose(message.content.data ?? {});
  }

  info(target?: string): Record<string, { target_name: string }> {
    const out: Record<string, { target_name: string }> = {};
    for (const comm of this.comms.values()) {
      if (!target || comm.target === target) out[comm.id] = { target_name: comm.target };
    }
    return out;
  }

  guard(run: () => void): void {
    try {
      run();
    } catch (error) {
      this.report(error);
    }
  }
}

class CommImpl implements Comm {
  closed = false;
  private readonly msgHandlers: CommMessageHandler[] = [];
  private readonly closeHandlers: ((data: CommData) => void)[] = [];

  constructor(
    readonly id: string,
    readonly target: string,
    private readonly manager: CommManager,
  ) {}

  send(data: CommData, metadata: object = {}, buffers: Buffer[] = []): void {
    if (this.closed) throw new Error(`comm ${this.id} (${this.target}) is closed`);
    this.manager.publish('comm_msg', { comm_id: this.id, data }, metadata, buffers);
  }

  close(data: CommData = {}): void {
    if (this.closed) return;
    this.closed = true;
    this.manager.forget(this.id);
    this.manager.publish('comm_close', { comm_id: this.id, data });
  }

  onMsg(handler: CommMessageHandler): void {
    this.msgHandlers.push(handler);
  }

  onClose(handler: (data: CommData) => void): void {
    this.closeHandlers.push(handler);
  }

  receive(data: CommData, buffers: Buffer[], metadata: object): void {
    for (const handler of this.msgHandlers) this.manager.guard(() => handler(data, { buffers, metadata }));
  }

  receiveClose(data: CommData): void {
    this.closed = true;
    for (const handler of this.closeHandlers) this.manager.guard(() => handler(data));
  }
}
