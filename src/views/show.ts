/**
 * show(x): the natural picture of whatever clusterlab object it is given. A run shows its network
 * and its trajectories, an ensemble (or several, to compare scenarios) its bands against the
 * paper's values, a network history its network.
 */
import { facts } from '../data/facts';
import { View, ViewGroup } from './bundle';
import { NetworkHistory, NetworkViewOptions, networkView } from './network';
import { isSensitivityResult, sensitivityView } from './sensitivity';
import { EnsembleLike, RunLike, SeriesSource, isEnsembleLike, isRunLike, scenarioName } from './series-input';
import { TimeSeriesViewOptions, timeseriesView } from './timeseries';

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

function seriesOptions(name: string, title: string | undefined, extra?: TimeSeriesViewOptions): TimeSeriesViewOptions {
  return { title, observed: facts, case: caseOf(name), ...extra };
}

export function show(x: unknown, options: ShowOptions = {}): View | ViewGroup {
  if (x instanceof View || x instanceof ViewGroup) return x;
  if (isSensitivityResult(x)) return sensitivityView(x);
  if (hasNetwork(x) && isRunLike(x)) {
    const name = scenarioName(x.scenario, 'run');
    const title = options.title ?? `${name}${x.seed !== undefined ? `, seed ${String(x.seed)}` : ''}`;
    return new ViewGroup([
      networkView(x.networkHistory(), { title, ...options.network }),
      timeseriesView(x, seriesOptions(name, title, options.timeseries)),
    ]);
  }
  if (hasNetwork(x)) return networkView(x.networkHistory(), { title: options.title, ...options.network });
  if (isHistory(x)) return networkView(x, { title: options.title, ...options.network });
  if (isEnsembleLike(x) || isRunLike(x)) {
    const name = scenarioName((x as { scenario?: unknown }).scenario, 'ensemble');
    return timeseriesView(x, seriesOptions(name, options.title ?? name, options.timeseries));
  }
  if (Array.isArray(x) && x.length > 0 && x.every((s) => isEnsembleLike(s) || isRunLike(s))) {
    const names = x.map((s: EnsembleLike | RunLike, k) => scenarioName((s as { scenario?: unknown }).scenario, `series ${k + 1}`));
    const cases = new Set(names.map(caseOf));
    const extra = cases.size === 1 ? {} : { case: undefined };
    return timeseriesView(x as SeriesSource[], { ...seriesOptions(names[0], options.title ?? names.join(' vs '), options.timeseries), ...extra });
  }
  throw new TypeError('show: expected a run, an ensemble, a list of runs or ensembles, a network history { years, nodes, edges } or a sensitivity result');
}
