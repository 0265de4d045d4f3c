/**
 * `await input("prompt")`: an `input_request` on the stdin channel, addressed to the frontend
 * that sent the running execute request, answered by its `input_reply`.
 */
import type { Message } from './wire';

export class StdinBroker {
  private pending: { resolve: (text: string) => void; reject: (error: Error) => void } | null = null;

  constructor(private readonly send: (parent: Message, content: { prompt: string; password: boolean }) => void) {}

  request(parent: Message | null, prompt: string, password: boolean): Promise<string> {
    if (!parent || parent.header.msg_type !== 'execute_request') {
      return Promise.reject(new Error('input() can only be called while a cell is running'));
    }
    if (!parent.content.allow_stdin) {
      return Promise.reject(new Error('input() is not available: this frontend does not accept input requests (allow_stdin is false)'));
    }
    if (this.pending) return Promise.reject(new Error('input() is already waiting for an answer'));
    return new Promise<string>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.send(parent, { prompt: String(prompt), password: Boolean(password) });
    });
  }

  reply(message: Message): void {
    const pending = this.pending;
    this.pending = null;
    pending?.resolve(String(message.content.value ?? ''));
  }

  /** An interrupt or a finished cell cancels a question nobody will answer. */
  cancel(reason: string): void {
    const pending = this.pending;
    this.pending = null;
    pending?.reject(new Error(reason));
  }
}
