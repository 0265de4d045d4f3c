/**
 * The JSON payloads of clusterlab's MIME types. The model side (src/views) and the JupyterLab
 * extension share this file, colours.ts and event-labels.ts, which import nothing but each other's
 * types, so the extension never loads the model.
 */

export const NETWORK_MIME = 'application/vnd.clusterlab.network+json';
export const TIMESERIES_MIME = 'application/vnd.clusterlab.timeseries+json';
/** Several clusterlab outputs shown as one (a run's network above its time series). */
export const GROUP_MIME = 'application/vnd.clusterlab.group+json';

/** Who a node is, in the paper's terms (Perez-Aleman 2005, Section 3). */
export type NodeKind = 'state' | 'localFirm' | 'foreignFirm' | 'supplier' | 'association' | 'buyer' | 'institute' | 'multinational' | 'service';
/** What ties two nodes. */
export type EdgeKind = 'supply' | 'membership' | 'tutelage' | 'spinoff' | 'ownership' | 'finance' | 'imitation' | 'certification';

export interface NetworkNode {
  id: string;
  label: string;
  kind: NodeKind;
  /** Year the node enters. */
  born: number;
  /** Year the node leaves; absent or null while it lives. */
  died?: number | null;
  /** Layout position, fixed for the node's whole life so that the picture is stable as it grows. */
  x: number;
  y: number;
  /**
   * How much the node weighs (a firm's capacity, say, in the payload's `sizeLabel` units): its
   * area is drawn in proportion among the nodes that have one. Absent: drawn by kind.
   */
  size?: number | null;
  /**
   * The node's size in each year it is shown, from its first: `sizes[year - born]` (a firm's
   * capacity that year, say). Where present it is drawn in the year shown in place of `size`, which
   * then holds its last value for readers that predate it.
   */
  sizes?: number[];
  /** Extra details shown on hover (capability, ownership, ...). */
  attrs?: Record<string, string | number | boolean>;
}

export interface NetworkEdge {
  source: string;
  target: string;
  kind: EdgeKind;
  born: number;
  ended?: number | null;
}

export interface NetworkPayload {
  version: 1;
  title?: string;
  /** First and last year the slider covers. */
  years: [number, number];
  /** Year shown first. */
  year?: number;
  /** What node sizes measure, e.g. 'capacity in the year shown (tonnes)'. */
  sizeLabel?: string;
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

export interface ObservedPoint {
  x: number;
  y: number;
  /** What the paper reports, in words. */
  label: string;
  /** Citation, e.g. "Perez-Aleman 2005". */
  source: string;
  /** Section of the source, e.g. "3.2". */
  section: string;
}

export interface SeriesBand {
  name: string;
  x: number[];
  median: number[];
  /** 5th and 95th percentiles across runs, when there is an ensemble. */
  p05?: number[];
  p95?: number[];
}

export interface Panel {
  metric: string;
  label: string;
  unit?: string;
  log?: boolean;
  series: SeriesBand[];
  observed?: ObservedPoint[];
}

export interface TimeSeriesEvent {
  x: number;
  label: string;
}

export interface TimeSeriesPayload {
  version: 1;
  title?: string;
  panels: Panel[];
  events?: TimeSeriesEvent[];
  /** Present while a live run streams updates through update_display_data. */
  live?: { done: boolean; step: number; of: number };
}

export interface GroupItem {
  /** One of the MIME types above (not a group). */
  mime: string;
  data: NetworkPayload | TimeSeriesPayload;
}

export interface GroupPayload {
  version: 1;
  items: GroupItem[];
}
