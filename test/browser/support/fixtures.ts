/**
 * Seeded synthetic inputs for the browser tests and the browser benchmark: a growing cluster
 * network of any size (turned into a display bundle by the project's own views, so the layout and
 * the static SVG fallback are the real ones) and an ensemble time series summarised from many
 * runs. Same seed, same bytes.
 */
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import type {
  EdgeKind,
  NetworkEdge,
  NetworkNode,
  NodeKind,
  TimeSeriesPayload,
} from '../../../src/views/payloads';
import { repoRoot } from './host';

export const NETWORK_MIME = 'application/vnd.clusterlab.network+json';
export const TIMESERIES_MIME = 'application/vnd.clusterlab.timeseries+json';

export interface History {
  years: [number, number];
  nodes: Omit<NetworkNode, 'x' | 'y'>[];
  edges: NetworkEdge[];
}

export interface HistoryOptions {
  nodes: number;
  /** Ties each newcomer makes to earlier nodes (default 2: 10,000 nodes give about 20,000 edges). */
  edgesPerNode?: number;
  years?: [number, number];
  seed?: string;
}

function kindFor(i: number, random: () => number): NodeKind {
  if (i === 0) return 'state';
  if (i < 3) return 'association';
  const r = random();
  if (r < 0.06) return 'localFirm';
  if (r < 0.09) return 'foreignFirm';
  if (r < 0.11) return 'buyer';
  return 'supplier';
}

function tieKind(a: NodeKind, b: NodeKind): EdgeKind {
  if (a === 'state' || b === 'state') return 'tutelage';
  if (a === 'association' || b === 'association') return 'membership';
  if (a === 'foreignFirm' || b === 'foreignFirm') return 'ownership';
  if (a === 'localFirm' && b === 'localFirm') return 'spinoff';
  return 'supply';
}

/**
 * A network that grows over the years: a state agency and two associations from the start, firms,
 * suppliers and buyers arriving later, about one in ten leaving, ties to earlier nodes (more often
 * to institutions and lead firms, as in a hub-and-spoke cluster).
 */
export function syntheticHistory(options: HistoryOptions): History {
  const { nodes: n, edgesPerNode = 2, years = [1980, 2020], seed = 'browser-fixture' } = options;
  if (!Number.isInteger(n) || n < 3 || n > 200_000) throw new RangeError(`nodes must be an integer in 3..200000, got ${n}`);
  const random = seedrandom(seed);
  const span = years[1] - years[0];
  const nodes: History['nodes'] = [];
  const hubs: number[] = [];
  for (let i = 0; i < n; i++) {
    const kind = kindFor(i, random);
    const born = i < 3 ? years[0] : years[0] + Math.min(span, Math.floor((i / n) * span + random() * 2));
    const leaves = kind !== 'state' && random() < 0.1;
    const died = leaves ? Math.min(years[1], born + 2 + Math.floor(random() * 10)) : null;
    const label = kind === 'state' ? 'State agency' : `${kind} ${i}`;
    nodes.push({ id: `n${i}`, label, kind, born, died, attrs: { capability: Math.round(random() * 100) / 100 } });
    if (kind !== 'supplier') hubs.push(i);
  }
  const edges: NetworkEdge[] = [];
  for (let i = 1; i < n; i++) {
    for (let k = 0; k < Math.min(edgesPerNode, i); k++) {
      const useHub = random() < 0.5 && hubs.length > 0;
      let j = useHub ? hubs[Math.floor(random() * hubs.length)] : Math.floor(random() * i);
      if (j >= i) j = Math.floor(random() * i);
      const a = nodes[i];
      const b = nodes[j];
      const ends = [a.died, b.died].filter((d): d is number => d !== null && d !== undefined);
      edges.push({
        source: a.id,
        target: b.id,
        kind: tieKind(a.kind, b.kind),
        born: Math.max(a.born, b.born),
        ended: ends.length ? Math.min(...ends) : null,
      });
    }
  }
  return { years, nodes, edges };
}

export interface SeriesOptions {
  runs: number;
  years: number;
  firstYear?: number;
  seed?: string;
}

function quantile(sorted: Float64Array, q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/**
 * Two panels summarised from `runs` seeded trajectories over `years` years: firm counts growing
 * logistically (log scale) and a share in [0, 1], each with a median and 5-95 percent band,
 * observed markers and two events.
 */
export function syntheticTimeSeries(options: SeriesOptions): TimeSeriesPayload {
  const { runs, years, firstYear = 1980, seed = 'browser-series' } = options;
  const random = seedrandom(seed);
  const x = Array.from({ length: years }, (_, t) => firstYear + t);
  const firms = new Float64Array(runs * years);
  const share = new Float64Array(runs * years);
  for (let r = 0; r < runs; r++) {
    const rate = 0.15 + random() * 0.15;
    const takeoff = 8 + random() * 10;
    for (let t = 0; t < years; t++) {
      firms[r * years + t] = 3 + 216 / (1 + Math.exp(-rate * (t - takeoff))) * (0.9 + random() * 0.2);
      share[r * years + t] = Math.min(1, Math.max(0, 1 / (1 + Math.exp(-0.2 * (t - takeoff - 5))) + (random() - 0.5) * 0.1));
    }
  }
  const band = (values: Float64Array) => {
    const median: number[] = [];
    const p05: number[] = [];
    const p95: number[] = [];
    const column = new Float64Array(runs);
    for (let t = 0; t < years; t++) {
      for (let r = 0; r < runs; r++) column[r] = values[r * years + t];
      column.sort();
      median.push(quantile(column, 0.5));
      p05.push(quantile(column, 0.05));
      p95.push(quantile(column, 0.95));
    }
    return { median, p05, p95 };
  };
  const observed = (year: number, y: number, label: string) => ({ x: year, y, label, source: 'Perez-Aleman 2005', section: '3.2' });
  return {
    version: 1,
    title: `Synthetic ensemble of ${runs} runs`,
    panels: [
      {
        metric: 'firms',
        label: 'Firms in the cluster',
        unit: 'firms',
        log: true,
        series: [{ name: 'synthetic', x, ...band(firms) }],
        observed: [observed(firstYear + 2, 3, 'first firms'), observed(firstYear + 20, 219, 'firms at the peak')],
      },
      {
        metric: 'standards',
        label: 'Share meeting the standard',
        series: [{ name: 'synthetic', x, ...band(share) }],
        observed: [observed(firstYear + 15, 0.6, 'share certified')],
      },
    ],
    events: [
      { x: firstYear + 6, label: 'association founded' },
      { x: firstYear + 12, label: 'standard adopted' },
    ],
  };
}

/** The plain-text line every time-series output carries beside its payload. */
export function timeSeriesText(payload: TimeSeriesPayload): string {
  return `${payload.title ?? 'time series'}: ${payload.panels.map((p) => p.label).join(', ')}`;
}

type Output = Record<string, unknown>;

export function displayData(data: Record<string, unknown>): Output {
  return { output_type: 'display_data', data, metadata: {} };
}

/** An nbformat 4 notebook for the clusterlab kernel; each cell is [source, outputs]. */
export function notebook(cells: [string, Output[]][], markdown?: string): string {
  const code = cells.map(([source, outputs], i) => ({
    cell_type: 'code',
    execution_count: outputs.length ? i + 1 : null,
    id: `cell-${i}`,
    metadata: {},
    outputs,
    source,
  }));
  const intro = markdown ? [{ cell_type: 'markdown', id: 'intro', metadata: {}, source: markdown }] : [];
  return JSON.stringify(
    {
      cells: [...intro, ...code],
      metadata: {
        kernelspec: { name: 'clusterlab', display_name: 'TypeScript (clusterlab)', language: 'typescript' },
        language_info: { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript' },
      },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}

/**
 * The network's display bundle as the kernel would send it, made by the project's compiled views
 * (dist/: `npm run build` first): the widget payload with its stable layout, the static SVG and
 * the text summary.
 */
export function networkBundle(history: History, options: { title?: string; year?: number } = {}): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const views = require(join(repoRoot, 'dist', 'src', 'views', 'network.js')) as {
    networkView(history: History, options: { title?: string; year?: number }): Record<symbol, () => Record<string, unknown>>;
  };
  return views.networkView(history, options)[Symbol.for('jupyter.mimebundle')]();
}
