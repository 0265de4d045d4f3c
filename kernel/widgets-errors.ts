/**
 * Handler errors shown in the cell that displayed the widget. An error raised by a click or an
 * observer runs under the frontend's comm_msg; published on iopub with that parent, JupyterLab 4
 * drops it (no cell's request owns it) and the user sees nothing. So when a running cell displays
 * a widget with no error sink of its own, the kernel also displays, in that cell, an empty Output
 * widget (nothing to see while empty) and makes it the widget's error area: an error is appended
 * to the area's `outputs` state, which every widget manager renders, whenever it happens.
 *
 * One area per cell, shown after the cell's first such widget and shared by every widget the
 * cell displays. A widget displayed again in a later cell reports to the latest cell only (one
 * copy of each error). A box's children report to the box's area (Widget.reportError looks up
 * containers when the error happens, so children added later are covered). Widgets that bring
 * their own error Output (interact, explore) and Output widgets get no area. An area keeps the
 * last MAX_KEPT_ERRORS errors and says how many earlier ones it dropped.
 */
import { encodeData, mimeBundle } from './format';
import type { OutputRouter } from './output';
import type { Message } from './wire';
import { liveWidgets, type NbOutput, WIDGET_VIEW_MIME } from './widgets';
import { Output } from './widgets-controls';

export const MAX_KEPT_ERRORS = 20;

/** The Output widget a cell shows its widgets' handler errors in. */
export class CellErrorArea extends Output {
  private errors: NbOutput[] = [];
  private dropped = 0;

  override appendOutput(output: NbOutput): void {
    this.errors.push(output);
    if (this.errors.length > MAX_KEPT_ERRORS) this.dropped += this.errors.splice(0, this.errors.length - MAX_KEPT_ERRORS).length;
    const notice: NbOutput[] = this.dropped
      ? [{ output_type: 'stream', name: 'stderr', text: `(${this.dropped} earlier handler error${this.dropped === 1 ? '' : 's'} not kept)\n` }]
      : [];
    this.outputs = [...notice, ...this.errors];
  }
}

/** Watches iopub for widgets a cell displays and gives them that cell's error area. */
export function installCellErrorAreas(output: OutputRouter): void {
  let current: { request: string; area: CellErrorArea } | null = null;
  output.published = (msgType, content, parent) => {
    // An update_display_data may replace an output of an earlier cell: no area for it here.
    if ((msgType !== 'display_data' && msgType !== 'execute_result') || parent?.header.msg_type !== 'execute_request') return;
    const view = (content as { data?: Record<string, unknown> }).data?.[WIDGET_VIEW_MIME] as { model_id?: unknown } | undefined;
    const widget = typeof view?.model_id === 'string' ? liveWidgets().get(view.model_id) : undefined;
    if (!widget || widget instanceof Output || widget.errorOutput) return;
    if (current?.request !== parent.header.msg_id) current = { request: parent.header.msg_id, area: showArea(output, parent) };
    widget.cellErrorArea = current.area;
  };
}

function showArea(output: OutputRouter, parent: Message): CellErrorArea {
  const area = new CellErrorArea();
  const data = mimeBundle(area);
  for (const mime of Object.keys(data)) data[mime] = encodeData(data[mime]);
  output.publish('display_data', { data, metadata: {}, transient: {} }, { parent });
  return area;
}
