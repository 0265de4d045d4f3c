/**
 * show(x): the natural picture of whatever clusterlab object it is given. A run shows its network
 * and its trajectories, an ensemble (or several, to compare scenarios) its bands against the
 * model's observed values, a network history its network, a sweep's results their summary table.
 * Panel titles, units and observed values come from the model definition a run or an ensemble
 * carries (`x.definition`); legends name each series by its label (model or scenario plus
 * overrides), so comparisons read correctly.
 */
import { facts } from '../data/facts';
import { View, ViewGroup } from './bundle';
import { type NetworkHistory, type NetworkViewOptions, networkView } from './network';
import { isSensitivityResult, sensitivityView } from './sensitivity';
import { type EnsembleLike, type RunLike, type SeriesSource, isEnsembleLike, isRunLike, scenarioName } from './series-input';
import { isSweepResultsLike, sweepView } from './sweep';
import { type ObservedFact, type TimeSeriesViewOptions, timeseriesView } from './timeseries';

export interface ShowOptions {
  title?: string;
  network?: NetworkViewOptions;
  timeseries?: TimeSeriesViewOptions;
}

interface RunWithNetwork extends RunLike {
  seed?: unknown;
  networkHistory(): NetworkHistory;
}

function hasNetwork(x: unknown): x is RunWithNetwork {
  return typeof x === 'object' && x !== null && typeof (x as RunWithNetwork).networkHistory === 'function';
}

function isHistory(x: unknown): x is NetworkHistory {
  const h = x as NetworkHistory;
  return typeof h === 'object' && h !== null && Array.isArray(h.years) && Array.isArray(h.nodes) && Array.isArray(h.edges);
}

/** The case of the paper a scenario belongs to, read from its name ('salmon-no-tutelage' -> 'salmon'). */
export function caseOf(scenario: string): string | undefined {
  const cases = [...new Set(facts.map((f) => f.case))].filter((c) => c !== 'chile');
  return cases.find((c) => scenario.toLowerCase().includes(c));
}

/** The parts of a model definition the views read (src/engine/model.ts). */
interface DefinitionLike {
  name: string;
  nodeKinds?: readonly { kind: string; label: string }[];
  edgeKinds?: readonly { kind: string; label: string }[];
  metrics: readonly { name: string; label: string; unit: string }[];
  observed?: readonly ObservedFact[];
}

function definitionOf(x: unknown): DefinitionLike | undefined {
  const d = (x as { definition?: DefinitionLike } | null)?.definition;
  return d && typeof d === 'object' && Array.isArray(d.metrics) ? d : undefined;
}

/**
 * Labels, units and observed values from the definitions of the things shown; objects without a
 * definition (bare rows) fall back to the paper's facts of the case their name mentions.
 */
function seriesOptions(items: readonly unknown[], names: readonly string[], title: string | undefined, extra?: TimeSeriesViewOptions): TimeSeriesViewOptions {
  const defs = items.map(definitionOf);
  if (defs.every((d) => d !== undefined)) {
    const labels: Record<string, string> = {};
    const units: Record<string, string> = {};
    for (const d of defs)
      for (const m of d!.metrics) {
        labels[m.name] ??= m.label;
        if (m.unit) units[m.name] ??= m.unit;
      }
    const observedSets = new Set(defs.map((d) => d!.observed));
    const observed = observedSets.size === 1 ? defs[0]!.observed : undefined;
    return {
      title,
      labels,
      units,
      observed,
      ...extra,
      ...(extra?.labels ? { labels: { ...labels, ...extra.labels } } : {}),
      ...(extra?.units ? { units: { ...units, ...extra.units } } : {}),
    };
  }
  const cases = new Set(names.map(caseOf));
  return { title, observed: facts, case: cases.size === 1 ? caseOf(names[0]) : undefined, ...extra };
}

function kindsOf(x: unknown): NetworkViewOptions['kinds'] {
  const d = definitionOf(x);
  return d && (d.nodeKinds || d.edgeKinds) ? { nodes: d.nodeKinds, edges: d.edgeKinds } : undefined;
}

function legendName(x: unknown, fallback: string): string {
  const label = (x as { label?: unknown } | null)?.label;
  return typeof label === 'string' && label !== '' ? label : scenarioName((x as { scenario?: unknown }).scenario, fallback);
}

/** What `show(x)` draws as a network: the history and the view's options; null when x has none. */
export function networkInput(x: unknown, options: ShowOptions = {}): { history: NetworkHistory; options: NetworkViewOptions } | null {
  if (hasNetwork(x) && isRunLike(x)) return { history: x.networkHistory(), options: { title: runTitle(x, options), kinds: kindsOf(x), ...options.network } };
  if (hasNetwork(x)) return { history: x.networkHistory(), options: { title: options.title, kinds: kindsOf(x), ...options.network } };
  if (isHistory(x)) return { history: x, options: { title: options.title, ...options.network } };
  return null;
}

/** What `show(x)` draws as a time series: the series and the view's options; null when x has none. */
export function timeseriesInput(x: unknown, options: ShowOptions = {}): { input: SeriesSource | SeriesSource[]; options: TimeSeriesViewOptions } | null {
  if (hasNetwork(x) && isRunLike(x)) {
    const name = legendName(x, 'run');
    return { input: x, options: seriesOptions([x], [scenarioName(x.scenario, name)], runTitle(x, options), options.timeseries) };
  }
  if (hasNetwork(x) || isHistory(x)) return null;
  if (isEnsembleLike(x) || isRunLike(x)) {
    const name = legendName(x, 'ensemble');
    return { input: x, options: seriesOptions([x], [scenarioName((x as { scenario?: unknown }).scenario, name)], options.title ?? name, options.timeseries) };
  }
  if (Array.isArray(x) && x.length > 0 && x.every((s) => isEnsembleLike(s) || isRunLike(s))) {
    const names = x.map((s: EnsembleLike | RunLike, k) => scenarioName((s as { scenario?: unknown }).scenario, `series ${k + 1}`));
    const legends = x.map((s: EnsembleLike | RunLike, k) => legendName(s, `series ${k + 1}`));
    return { input: x as SeriesSource[], options: seriesOptions(x, names, options.title ?? legends.join(' vs '), options.timeseries) };
  }
  return null;
}

/** A run's title: its name and seed. */
function runTitle(x: RunWithNetwork, options: ShowOptions): string {
  const name = legendName(x, 'run');
  return options.title ?? `${name}${x.seed !== undefined ? `, seed ${String(x.seed)}` : ''}`;
}

export function show(x: unknown, options: ShowOptions = {}): View | ViewGroup {
  if (x instanceof View || x instanceof ViewGroup) return x;
  if (isSensitivityResult(x)) return sensitivityView(x);
  if (isSweepResultsLike(x)) return sweepView(x);
  const network = networkInput(x, options);
  const series = timeseriesInput(x, options);
  if (network && series) return new ViewGroup([networkView(network.history, network.options), timeseriesView(series.input, series.options)]);
  if (network) return networkView(network.history, network.options);
  if (series) return timeseriesView(series.input, series.options);
  throw new TypeError(
    "show: expected a run, an ensemble, a list of runs or ensembles, a network history { years, nodes, edges }, a sensitivity result or a sweep's results",
  );
}
