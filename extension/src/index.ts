/**
 * @clusterlab/labextension: JupyterLab 4 MIME renderers for clusterlab's two display types.
 *
 * application/vnd.clusterlab.network+json     -> NetworkWidget (our own WebGL renderer, one canvas)
 * application/vnd.clusterlab.timeseries+json  -> TimeSeriesWidget (plotly.js basic, loaded lazily)
 * application/vnd.clusterlab.group+json       -> GroupWidget (several of the above stacked, e.g. show(run))
 *
 * Stable DOM hooks (browser tests and the static site rely on these; keep them):
 *   (NetworkWidget.nodePosition(id) gives a node's pixel position in .cl-network-stage, for hovering.)
 *   Network
 *     .cl-network                      widget root (focusable; space toggles play, arrows step years)
 *     .cl-network-stage canvas         the WebGL canvas, and a 2D canvas above it for labels
 *     .cl-network-stage[data-gpu]      "held" while it has a WebGL context; "released" once out of view
 *                                      for 5 s (context and canvases given back, rebuilt on return)
 *     .cl-network-hint                 "click or hold Ctrl to zoom", shown briefly when a plain wheel passes over
 *     input[type=range].cl-network-year   year slider (min/max = payload.years)
 *     .cl-network-play                 play/pause button (aria-label "Play" / "Pause")
 *     .cl-network-count                visible counts, e.g. "412 nodes, 980 edges in 1990"
 *     .cl-network-tooltip              node details on hover (hidden attribute when not shown)
 *     .cl-legend                       legend of node and edge kinds present
 *     input[type=search].cl-network-search   search box; .cl-network-matches says "N found"
 *   Time series
 *     .cl-timeseries                   widget root, containing plotly's .js-plotly-plot
 *     input[type=checkbox].cl-timeseries-log   log-scale toggle
 *     .cl-timeseries-status            "running: step k of n" while a live run streams
 *     bands are fill traces (fill "tonexty"); the paper's values are a marker trace named by their
 *     source ("Perez-Aleman 2005") whose hover names source and section; events are annotations.
 *   Both show an error as pre.cl-error when a payload is malformed (the message names the field).
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { GROUP_MIME, NETWORK_MIME, TIMESERIES_MIME } from './mime';
import { NetworkWidget } from './network';
import { TimeSeriesWidget } from './timeseries';
import { GroupWidget } from './group';

export { GROUP_MIME, NETWORK_MIME, TIMESERIES_MIME, GroupWidget, NetworkWidget, TimeSeriesWidget };

export const networkRendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [NETWORK_MIME],
  defaultRank: 0,
  createRenderer: (options) => new NetworkWidget(options),
};

export const timeSeriesRendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [TIMESERIES_MIME],
  defaultRank: 0,
  createRenderer: (options) => new TimeSeriesWidget(options),
};

export const groupRendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [GROUP_MIME],
  defaultRank: 0,
  createRenderer: (options) => new GroupWidget(options),
};

const extensions: IRenderMime.IExtension[] = [
  {
    id: '@clusterlab/labextension:network',
    description: 'Renders clusterlab network snapshots with a year slider.',
    rendererFactory: networkRendererFactory,
    rank: 0,
    dataType: 'json',
  },
  {
    id: '@clusterlab/labextension:timeseries',
    description: 'Renders clusterlab ensemble time series against the paper’s observations.',
    rendererFactory: timeSeriesRendererFactory,
    rank: 0,
    dataType: 'json',
  },
  {
    id: '@clusterlab/labextension:group',
    description: 'Renders several clusterlab outputs as one, e.g. a run’s network and time series.',
    rendererFactory: groupRendererFactory,
    rank: 0,
    dataType: 'json',
  },
];

export default extensions;
