import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Panel, Widget } from '@lumino/widgets';
import type { GroupPayload } from '../../src/views/payloads';
import { GROUP_MIME, NETWORK_MIME, TIMESERIES_MIME } from './mime';
import { NetworkWidget } from './network';
import { TimeSeriesWidget } from './timeseries';
import { el, showError } from './dom';
import { checkGroupPayload } from './group-payload';

type Renderer = Widget & IRenderMime.IRenderer;

const MEMBERS: Record<string, (options: IRenderMime.IRendererOptions) => Renderer> = {
  [NETWORK_MIME]: (options) => new NetworkWidget(options),
  [TIMESERIES_MIME]: (options) => new TimeSeriesWidget(options),
};

/**
 * Several clusterlab outputs in one (what `show(run)` gives: the network above the time series).
 * A re-render with the same kinds of items re-renders each member in place, so a live time series
 * inside a group still updates without flicker.
 */
export class GroupWidget extends Panel implements IRenderMime.IRenderer {
  private readonly options: IRenderMime.IRendererOptions;
  private members: { mime: string; widget: Renderer }[] = [];

  constructor(options: IRenderMime.IRendererOptions) {
    super();
    this.options = options;
    this.addClass('cl-group');
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    let payload: GroupPayload;
    try {
      payload = checkGroupPayload(model.data[this.options.mimeType] ?? model.data[GROUP_MIME], Object.keys(MEMBERS));
    } catch (err) {
      this.clear();
      const holder = new Widget({ node: el('div') });
      showError(holder.node, err);
      this.addWidget(holder);
      return;
    }
    const same = payload.items.length === this.members.length && payload.items.every((item, k) => item.mime === this.members[k].mime);
    if (!same) {
      this.clear();
      this.members = payload.items.map((item) => ({ mime: item.mime, widget: MEMBERS[item.mime]({ ...this.options, mimeType: item.mime }) }));
      for (const { widget } of this.members) this.addWidget(widget);
    }
    await Promise.all(payload.items.map((item, k) => this.members[k].widget.renderModel(memberModel(model, item.mime, item.data))));
  }

  private clear(): void {
    for (const widget of [...this.widgets]) widget.dispose();
    this.members = [];
  }
}

/** A member's view of the group's output: its own payload; data it would store (a PNG) is dropped. */
function memberModel(model: IRenderMime.IMimeModel, mime: string, data: unknown): IRenderMime.IMimeModel {
  return {
    trusted: model.trusted,
    data: { [mime]: data } as IRenderMime.IMimeModel['data'],
    metadata: {},
    setData: () => undefined,
  };
}
