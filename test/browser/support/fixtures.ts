/**
 * Seeded synthetic inputs for the browser tests and the browser benchmark: a growing cluster
 * network of any size (turned into a display bundle by the project's own views, so the layout and
 * the static SVG fallback are the real ones) and an ensemble time series summarised from many
 * runs. Same seed, same bytes.
 */
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import type { EdgeKind, NetworkEdge, NetworkNode, NodeKind } from '../../../src/views/payloads';
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

export interface SyntheticEnsemble {
  /** Rows in the shape of `Ensemble.summary`. */
  summary: { scenario: string; year: number; metric: string; median: number; p05: number; p95: number; n: number }[];
  observed: { metric: string; year: number; value: number; source: string; section: string; unit?: string; description: string }[];
  events: { year: number; text: string }[];
}

function quantile(sorted: Float64Array, q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/**
 * `runs` seeded trajectories over `years` years of two metrics, firm counts growing
 * logistically and a share in [0, 1], summarised per year as median and 5-95 percent band, with
 * a few observed values and two events.
 */
export function syntheticEnsemble(options: SeriesOptions): SyntheticEnsemble {
  const { runs, years, firstYear = 1980, seed = 'browser-series' } = options;
  if (!Number.isInteger(runs) || runs < 1 || runs > 100_000) throw new RangeError(`runs must be an integer in 1..100000, got ${runs}`);
  if (!Number.isInteger(years) || years < 2 || years > 1000) throw new RangeError(`years must be an integer in 2..1000, got ${years}`);
  const random = seedrandom(seed);
  const firms = new Float64Array(runs * years);
  const share = new Float64Array(runs * years);
  for (let r = 0; r < runs; r++) {
    const rate = 0.15 + random() * 0.15;
    const takeoff = 8 + random() * 10;
    for (let t = 0; t < years; t++) {
      firms[r * years + t] = 3 + (216 / (1 + Math.exp(-rate * (t - takeoff)))) * (0.9 + random() * 0.2);
      share[r * years + t] = Math.min(1, Math.max(0, 1 / (1 + Math.exp(-0.2 * (t - takeoff - 5))) + (random() - 0.5) * 0.1));
    }
  }
  const summary: SyntheticEnsemble['summary'] = [];
  const column = new Float64Array(runs);
  for (const [metric, values] of [
    ['firms', firms],
    ['certifiedShare', share],
  ] as const) {
    for (let t = 0; t < years; t++) {
      for (let r = 0; r < runs; r++) column[r] = values[r * years + t];
      column.sort();
      summary.push({
        scenario: 'synthetic',
        year: firstYear + t,
        metric,
        median: quantile(column, 0.5),
        p05: quantile(column, 0.05),
        p95: quantile(column, 0.95),
        n: runs,
      });
    }
  }
  const fact = (metric: string, year: number, value: number, description: string, unit?: string) => ({
    metric,
    year: firstYear + year,
    value,
    source: 'Perez-Aleman 2005',
    section: '3.2',
    description,
    ...(unit ? { unit } : {}),
  });
  return {
    summary,
    observed: [
      fact('firms', 2, 3, 'first firms', 'firms'),
      fact('firms', 20, 219, 'firms at the peak', 'firms'),
      fact('certifiedShare', 15, 0.6, 'share certified'),
    ],
    events: [
      { year: firstYear + 6, text: 'association founded' },
      { year: firstYear + 12, text: 'standard adopted' },
    ],
  };
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

type Views = {
  networkView(history: History, options: { title?: string; year?: number }): Record<symbol, () => Record<string, unknown>>;
  timeseriesView(summary: SyntheticEnsemble['summary'], options: object): Record<symbol, () => Record<string, unknown>>;
};

function views(): Views {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(repoRoot, 'dist', 'src', 'views', 'index.js')) as Views;
}

const MIMEBUNDLE = Symbol.for('jupyter.mimebundle');

/**
 * The network's display bundle as the kernel would send it, made by the project's compiled views
 * (dist/: `npm run build` first): the widget payload with its stable layout, the static SVG and
 * the text summary.
 */
export function networkBundle(history: History, options: { title?: string; year?: number } = {}): Record<string, unknown> {
  return views().networkView(history, options)[MIMEBUNDLE]();
}

/** The time series' display bundle, made by the project's compiled views (see networkBundle). */
export function timeSeriesBundle(ensemble: SyntheticEnsemble, options: { title?: string } = {}): Record<string, unknown> {
  return views()
    .timeseriesView(ensemble.summary, {
      title: options.title,
      observed: ensemble.observed,
      events: ensemble.events,
      log: ['firms'],
    })
    [MIMEBUNDLE]();
}
