/** danfojs helpers, loading danfojs-node lazily on first use. */
export { loadDanfo, danfoLoaded } from './danfo';
export type { DataFrame, Danfo } from './danfo';
export { toFrame, summaryFrame, wideRows } from './frame';
export { frameBundle, showFrame, escapeHtml } from './display';
export type { FrameBundle, FrameDisplayOptions } from './display';
