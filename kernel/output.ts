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
  /** Told of each message after it went out on iopub (widgets-errors.ts watches displays). */
  published: ((msgType: string, content: object, parent: Message | null) => void) | null = null;
  constructor(private readonly send: Send) {}

  publish(msgType: string, content: object, extras: PublishExtras = {}): void {
    if (extras.parent === undefined && this.capture?.(msgType, content)) return;
    const parent = extras.parent === undefined ? this.parent : extras.parent;
    this.send(msgType, content, { parent, metadata: extras.metadata ?? {}, buffers: extras.buffers ?? [] });
    this.published?.(msgType, content, parent);
  }
}
