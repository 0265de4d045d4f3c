/**
 * Turns the iopub messages of one execution into nbformat outputs, the way a Jupyter frontend
 * does: consecutive stream chunks merge (so how the kernel happened to chunk its writes never
 * shows in the notebook), `clear_output` honours `wait`, and `update_display_data` rewrites the
 * earlier outputs that carry the same display id.
 */
import { storedBundle, splitLines, joinText, type MimeBundle, type Output } from './notebook';

export interface IopubMessage {
  msg_type: string;
  content: any;
}

export class OutputCollector {
  readonly outputs: Output[] = [];
  private readonly displayIds = new Map<string, number[]>();
  private clearPending = false;

  handle(message: IopubMessage): void {
    const { msg_type: type, content } = message;
    if (type === 'clear_output') {
      if (content?.wait) this.clearPending = true;
      else this.clear();
      return;
    }
    if (type === 'update_display_data') {
      const id = content?.transient?.display_id;
      for (const index of (id && this.displayIds.get(id)) || []) {
        const target = this.outputs[index];
        if (target.output_type === 'display_data' || target.output_type === 'execute_result') {
          target.data = storedBundle(content.data ?? {});
          target.metadata = content.metadata ?? {};
        }
      }
      return;
    }
    if (!['stream', 'display_data', 'execute_result', 'error'].includes(type)) return;
    if (this.clearPending) this.clear();
    if (type === 'stream') this.appendStream(content.name === 'stderr' ? 'stderr' : 'stdout', String(content.text ?? ''));
    else if (type === 'error') {
      this.outputs.push({ output_type: 'error', ename: String(content.ename ?? ''), evalue: String(content.evalue ?? ''), traceback: content.traceback ?? [] });
    } else {
      const data = storedBundle((content.data ?? {}) as MimeBundle);
      const metadata = content.metadata ?? {};
      this.outputs.push(
        type === 'execute_result'
          ? { output_type: 'execute_result', execution_count: content.execution_count ?? null, data, metadata }
          : { output_type: 'display_data', data, metadata },
      );
      const id = content.transient?.display_id;
      if (id) this.displayIds.set(id, [...(this.displayIds.get(id) ?? []), this.outputs.length - 1]);
    }
  }

  private appendStream(name: 'stdout' | 'stderr', text: string): void {
    const last = this.outputs[this.outputs.length - 1];
    if (last?.output_type === 'stream' && last.name === name) {
      last.text = splitLines(joinText(last.text) + text);
    } else {
      this.outputs.push({ output_type: 'stream', name, text: splitLines(text) });
    }
  }

  private clear(): void {
    this.outputs.length = 0;
    this.displayIds.clear();
    this.clearPending = false;
  }
}

/** A traceback or log line without the terminal's colour codes (ESC [ ... m). */
export function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is what is removed
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
