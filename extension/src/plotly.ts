import type PlotlyModule from 'plotly.js-basic-dist-min';

export type Plotly = typeof PlotlyModule;

let loading: Promise<Plotly> | null = null;

/** Loads plotly (about 1 MB) on first use only, so notebooks without a time series never fetch it. */
export function loadPlotly(): Promise<Plotly> {
  loading ??= import('plotly.js-basic-dist-min').then((m) => (m as { default?: Plotly }).default ?? (m as unknown as Plotly));
  return loading;
}
