/**
 * `explore('salmon')`: a model explorer in widgets, in the manner of NetLogo's interface tab and
 * Mesa's SolaraViz. Controls come from the parameter schema (range, unit; the meaning and the
 * paper section as tooltip), one switch per mechanism, the number of runs and the first seed.
 * A change re-runs the ensemble on worker threads, debounced, and a newer change cancels the
 * older run (its remaining seeds are never started); the figure (a TimeSeriesView with the
 * paper's facts as markers and the scenario at its defaults as a second, labelled series) and the
 * network (a NetworkView of the first run) get their new payload in place, so they update whenever
 * the run ends, and the saved notebook keeps the last payloads. A line shows the `ensemble(...)`
 * call that reproduces the view.
 */
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import type { ModelDefinition, ParamValues } from '../src/engine/model';
import { Accordion, Checkbox, Dropdown, FloatSlider, HBox, HTML, IntSlider, Label, Output, Tab, VBox } from './widgets-controls';
import { NetworkView, TimeSeriesView } from './widgets-views';
import { escapeHtml, type Widget } from './widgets';

/** The library, loaded from the build next to the kernel (src/ never imports the kernel). */
function library() {
  const root = join(__dirname, '..', 'src');
  require(join(root, 'models')); // the built-in models register on load
  return {
    simulation: require(join(root, 'simulation', 'simulate')) as typeof import('../src/simulation/simulate'),
    replicatePath: require.resolve(join(root, 'simulation', 'replicate')),
    quantiles: require(join(root, 'experiments', 'quantiles')) as typeof import('../src/experiments/quantiles'),
    ensembleSeeds: (require(join(root, 'experiments', 'ensemble')) as typeof import('../src/experiments/ensemble')).ensembleSeeds,
    WorkerPool: (require(join(root, 'experiments', 'pool')) as typeof import('../src/experiments/pool')).WorkerPool,
    timeseries: require(join(root, 'views', 'timeseries')) as typeof import('../src/views/timeseries'),
    network: require(join(root, 'views', 'network')) as typeof import('../src/views/network'),
    show: require(join(root, 'views', 'show')) as typeof import('../src/views/show'),
    facts: (require(join(root, 'data')) as typeof import('../src/data')).facts,
  };
}

export interface ExploreOptions {
  /** Runs per ensemble (default 20). */
  seeds?: number;
  masterSeed?: number;
  /** Worker threads (default 2). */
  workers?: number;
  /** Quiet time after the last change before a re-run starts (default 25 ms; sliders send on release). */
  debounceMs?: number;
  /** Metrics to plot (default: those with the paper's facts, up to 4). */
  metrics?: string[];
}

type Value = number | boolean;

export interface Explorer extends VBox {
  /** The controls by parameter path (`mechanisms.association`, `state.knowledgeGain`, ...). */
  controls: Record<string, Widget>;
  seeds: IntSlider;
  masterSeed: IntSlider;
  /** The figure (time series), the network of the first run, the call, the status. */
  figure: TimeSeriesView;
  network: NetworkView;
  code: HTML;
  status: Label;
  errors: Output;
  /** Overrides of the explored view relative to the scenario. */
  overrides(): Record<string, Value>;
  /** Milliseconds the last re-run took, from its start to the new figure. */
  lastRunMs(): number;
  /** Resolves when the run of the current values has been drawn. */
  settled(): Promise<void>;
  /** Ends the worker threads (also when the kernel restarts). */
  dispose(): Promise<void>;
}

const SECTION_TITLES: Record<string, string> = {
  start: 'Start',
  state: 'State programmes',
  market: 'Market and prices',
  learning: 'Learning',
  association: 'Association',
  firms: 'Firms',
  entry: 'Entry',
  suppliers: 'Suppliers',
  foreign: 'Foreign ties',
  urn: 'Urn',
};

function tooltipOf(p: { meaning: string; unit: string; source: string; min?: number; max?: number }): string {
  const range = p.min !== undefined && p.max !== undefined ? `; ${p.min} to ${p.max}` : '';
  return `${p.meaning} (${p.unit}${range}; ${p.source})`;
}

function literal(value: Value): string {
  return typeof value === 'number' ? String(Number(value.toPrecision(6))) : String(value);
}

/** The cell that reproduces the view. */
export function ensembleCall(scenario: string, seeds: number, masterSeed: number, overrides: Record<string, Value>): string {
  const set = Object.entries(overrides).map(([k, v]) => `'${k}': ${literal(v)}`);
  const options = [`seeds: ${seeds}`];
  if (masterSeed !== 0) options.push(`masterSeed: ${masterSeed}`);
  if (set.length) options.push(`set: { ${set.join(', ')} }`);
  return `ensemble('${scenario}', { ${options.join(', ')} })`;
}

/**
 * @param target a model or scenario name (`'salmon'`, `'salmon/no-state'`, `'arthur-urn'`) or a
 *   model object (`defineModel({...})`, `getModel('schelling')`)
 */
export function explore(target: string | ModelDefinition, options: ExploreOptions = {}): Explorer {
  const lib = library();
  const { model, scenario } = lib.simulation.resolveTarget(target);
  const name = typeof target === 'string' ? target : scenario ? `${model.name}/${scenario}` : model.name;
  const description = scenario ? model.scenario(scenario).description : model.description;
  const debounceMs = options.debounceMs ?? 25;
  const workers = options.workers ?? 2;

  // Controls from the schema, set to the scenario's values.
  const resolved = model.resolve(undefined, scenario);
  const start: Record<string, Value> = {};
  const controls: Record<string, Widget> = {};
  const groups = new Map<string, Widget[]>();
  const mechanisms: Widget[] = [];
  for (const p of model.parameters) {
    const value = resolved[p.path] as Value;
    start[p.path] = value;
    const short = p.path.includes('.') ? p.path.split('.').slice(1).join('.') : p.path;
    const common = { description: short, tooltip: tooltipOf(p), style: { description_width: '170px' }, layout: { width: '440px' } };
    let control: Widget;
    if (p.kind === 'choice') {
      control = new Dropdown({ ...common, options: [...(p.choices ?? [])], value: String(value) });
    } else if (p.kind === 'boolean') {
      control = new Checkbox({ ...common, value: Boolean(value), layout: { width: '260px' }, style: { description_width: '0px' }, indent: false });
    } else if (p.kind === 'number') {
      const lo = p.min ?? Math.min(0, Number(value));
      const hi = p.max ?? Math.max(1, 2 * Math.abs(Number(value)));
      const step = Number(((hi - lo) / 200).toPrecision(2));
      control = new FloatSlider({ ...common, min: lo, max: hi, step, value: Number(value), continuous_update: false, readout_format: '.3g' });
    } else {
      // Years and counts: years within the model's span (a wider schema range is no use on a slider).
      const lo = p.kind === 'year' ? Math.min(Number(value), model.years[0] - 10) : (p.min ?? Math.min(0, Number(value)));
      const hi = p.kind === 'year' ? Math.max(Number(value), model.years[1]) : (p.max ?? Math.max(100, 2 * Number(value)));
      control = new IntSlider({ ...common, min: lo, max: hi, step: 1, value: Number(value), continuous_update: false });
    }
    controls[p.path] = control;
    if (p.path.startsWith('mechanisms.')) mechanisms.push(control);
    else {
      const section = p.path.split('.')[0];
      if (!groups.has(section)) groups.set(section, []);
      groups.get(section)!.push(control);
    }
  }

  const seeds = new IntSlider({
    description: 'runs',
    min: 1,
    max: 100,
    value: options.seeds ?? 20,
    continuous_update: false,
    tooltip: 'Runs in the ensemble; the band is their 5th to 95th percentile.',
  });
  const masterSeed = new IntSlider({
    description: 'first seed',
    min: 0,
    max: 1000,
    value: options.masterSeed ?? 0,
    continuous_update: false,
    tooltip: "Seed the runs' seeds derive from (same seed, same numbers).",
  });
  const figure = new TimeSeriesView();
  // The network of the first run is drawn when its tab is open (it is run again in this thread).
  const network = new NetworkView();
  const code = new HTML({ value: '' });
  const status = new Label({ value: 'starting…' });
  const errors = new Output();
  const hasNetwork = (model.nodeKinds?.length ?? 0) > 0;
  const views = hasNetwork ? new Tab([figure, network], { titles: ['Time series', 'Network (first run)'] }) : new Tab([figure], { titles: ['Time series'] });
  const parameterBox = new Accordion(
    [...groups.entries()].map(([, children]) => new VBox(children)),
    { titles: [...groups.keys()].map((k) => SECTION_TITLES[k] ?? k) },
  );
  const header = new HTML({ value: `<b>${escapeHtml(name)}</b>: ${escapeHtml(description)}` });
  const box = new VBox([
    header,
    new HTML({ value: '<b>Mechanisms</b> (Perez-Aleman 2005; hover for what each does)' }),
    new HBox(mechanisms, { layout: { flex_flow: 'row wrap' } }),
    new HBox([seeds, masterSeed]),
    parameterBox,
    status,
    views,
    code,
    errors,
  ]) as Explorer;
  for (const w of [...Object.values(controls), seeds, masterSeed, views]) w.errorOutput = errors;

  const currentValues = (): Record<string, Value> => Object.fromEntries(Object.entries(controls).map(([path, c]) => [path, c.get<Value>('value')]));
  const overrides = (): Record<string, Value> => {
    const out: Record<string, Value> = {};
    for (const [path, value] of Object.entries(currentValues())) {
      const scenarioValue = start[path];
      if (value !== scenarioValue) out[path] = value;
    }
    return out;
  };

  const isCase = (!scenario && (model.scenarios ?? []).some((s) => s.kind === 'case')) || /^(tomato|salmon)$/.test(name);
  const baselineName = isCase ? `default ${name}` : name; // the hand-set defaults, not the posterior
  // Models defined in a cell have no module for worker threads: they run here, seed by seed.
  const pool = model.module ? new lib.WorkerPool(workers) : null;
  const task = (params: ParamValues) => ({
    module: lib.replicatePath,
    exportName: 'replicateModel',
    args: { path: model.module!.path, exportName: model.module!.exportName, params: { ...params } },
  });
  let generation = 0;
  let timer: NodeJS.Timeout | null = null;
  let baseline: { key: string; summary: ReturnType<typeof lib.quantiles.summarizeRuns> } | null = null;
  let settledWaiters: (() => void)[] = [];
  let settled = false;
  /** How long the last re-run took, from the change to the figure (not shown: saved notebooks stay reproducible). */
  let lastMs = 0;

  /** Runs the seeds on the pool, seed by seed per worker, stopping when a newer run starts. */
  async function runSeeds(gen: number, set: Record<string, Value>, runSeedsList: number[]) {
    const params = model.resolve(set, scenario); // a bad value fails here, named
    const runs = new Array(runSeedsList.length);
    let next = 0;
    if (!pool) {
      for (let i = 0; i < runSeedsList.length && gen === generation; i++) {
        runs[i] = model.run(params, runSeedsList[i]).record;
        await new Promise((resolve) => setImmediate(resolve)); // let messages in between runs
      }
      return gen === generation ? runs : null;
    }
    const t = task(params);
    await Promise.all(
      Array.from({ length: Math.min(workers, runSeedsList.length) }, async (_, slot) => {
        while (next < runSeedsList.length && gen === generation) {
          const i = next++;
          const [record] = await pool.run(slot, t, [i], [runSeedsList[i]]);
          runs[i] = record;
        }
      }),
    );
    return gen === generation ? runs : null;
  }

  async function rerun(): Promise<void> {
    const gen = ++generation;
    settled = false;
    const set = overrides();
    const n = seeds.value;
    const runSeedsList = lib.ensembleSeeds(n, masterSeed.value);
    const call = ensembleCall(name, n, masterSeed.value, set);
    code.value = `<code>${escapeHtml(call)}</code>`;
    status.value = `running ${n} runs on ${workers} worker threads…`;
    const began = performance.now();
    try {
      const key = `${n}/${masterSeed.value}`;
      if (!baseline || baseline.key !== key) {
        const runs = await runSeeds(gen, {}, runSeedsList);
        if (!runs) return;
        baseline = { key, summary: lib.quantiles.summarizeRuns(runs) };
      }
      const runs = Object.keys(set).length === 0 ? null : await runSeeds(gen, set, runSeedsList);
      if (gen !== generation) return;
      const summary = runs ? lib.quantiles.summarizeRuns(runs) : baseline.summary;
      const series = runs
        ? [
            { scenario: baselineName, summary: baseline.summary },
            { scenario: 'explored', summary },
          ]
        : [{ scenario: baselineName, summary }];
      const payload = lib.timeseries.timeseriesPayload(series, {
        title: `${name}${runs ? ` (explored) against ${baselineName}` : ''}, ${n} runs`,
        observed: lib.facts,
        case: lib.show.caseOf(name),
        metrics: options.metrics,
      });
      figure.payload = payload;
      if (views.selected_index === 1) drawNetwork(set, runSeedsList[0]);
      lastMs = performance.now() - began;
      status.value = `${n} runs from seed ${masterSeed.value}${Object.keys(set).length ? `; changed: ${Object.keys(set).join(', ')}` : '; the scenario as defined'}`;
    } catch (error) {
      if (gen !== generation) return;
      status.value = `failed: ${(error as Error).message}`;
      box.reportError(error, 'explorer run');
    } finally {
      if (gen === generation) {
        settled = true;
        const waiters = settledWaiters;
        settledWaiters = [];
        for (const w of waiters) w();
      }
    }
  }

  function drawNetwork(set: Record<string, Value>, seed: number): void {
    if (!hasNetwork) return;
    const run = lib.simulation.simulate(model, { scenario, seed, set });
    network.payload = lib.network.networkPayload(run.networkHistory(), { title: `${name}, seed ${seed}` });
  }

  const schedule = () => {
    settled = false;
    generation++; // cancels a run in progress at once
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void rerun();
    }, debounceMs);
  };
  for (const w of [...Object.values(controls), seeds, masterSeed]) w.observe('value', schedule);
  views.observe('selected_index', (c) => {
    if (c.new === 1) drawNetwork(overrides(), lib.ensembleSeeds(seeds.value, masterSeed.value)[0]);
  });
  errors.errorOutput = errors;
  box.errorOutput = errors;

  Object.assign(box, {
    controls,
    seeds,
    masterSeed,
    figure,
    network,
    code,
    status,
    errors,
    overrides,
    lastRunMs: () => lastMs,
    settled: () => (settled ? Promise.resolve() : new Promise<void>((resolve) => settledWaiters.push(resolve))),
    dispose: async () => pool?.close(),
  });
  void rerun();
  return box;
}
