import type { Message } from './wire';

export interface PublishExtras {
  /** Defaults to the request that is running (or ran last). */
  parent?: Message | null;
  metadata?: object;
  buffers?: Buffer[];
}

export type Send = (msgType: string, content: object, extras: Required<PublishExtras>) => void;

/**
 * Where iopub output goes. Output belongs to the request that is running; output that appears
 * later (a timer firing after its cell finished) goes to the last request, as in ipykernel.
 */
export class OutputRouter {
  parent: Message | null = null;
  /**
   * Takes output addressed to the running request instead of iopub when it returns true (an
   * Output widget capturing a callback's output, widgets.ts).
   */
  capture: ((msgType: string, content: object) => boolean) | null = null;
  constructor(private readonly send: Send) {}

  publish(msgType: string, content: object, extras: PublishExtras = {}): void {
    if (extras.parent === undefined && this.capture?.(msgType, content)) return;
    this.send(msgType, content, {
      parent: extras.parent === undefined ? this.parent : extras.parent,
      metadata: extras.metadata ?? {},
      buffers: extras.buffers ?? [],
    });
  }
}
