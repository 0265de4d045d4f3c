/** Displayable views of clusterlab objects: widget payloads with static SVG and text fallbacks. */
export * from './payloads';
export { View, ViewGroup, MIMEBUNDLE } from './bundle';
export { networkView, networkPayload, networkText } from './network';
export type { NetworkHistory, NetworkViewOptions } from './network';
export { timeseriesView, timeseriesPayload, timeseriesText } from './timeseries';
export type { TimeSeriesViewOptions, ObservedFact } from './timeseries';
export type { SummaryRow, TidyRow, SeriesSource } from './series-input';
export { stableLayout } from './layout';
export { show, caseOf } from './show';
export { sensitivityView, sensitivitySvg, sensitivityTable, isSensitivityResult, SensitivityView, PLOTLY_MIME } from './sensitivity';
export type { SensitivityLike } from './sensitivity';
export { saveFigure, figureSvg } from './save';
export type { SaveFigureOptions, FigureFormat } from './save';
