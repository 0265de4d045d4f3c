/**
 * The cluster model (Perez-Aleman 2005) as two models of the one interface, `tomato` and `salmon`:
 * flat dotted parameter paths over the nested `Params`, each case's calibrated values as its
 * defaults, the counterfactuals and baselines as scenarios, the paper's facts as observed values,
 * and the yearly processes exposed so that `derive` can add a step (a university, a new policy).
 */
import { defineModel, type Model } from '../engine/define';
import type { KindSpec, MetricSpec, ModelRun, ObservedValue, ParameterSpec, ParamValues, ProcessSpec, ScenarioSpec } from '../engine/model';
import { facts } from '../data/facts';
import { calibrated } from './calibrated';
import { CALIBRATION_RANGES } from './calibrate';
import { CASE_YEARS, CLUSTER_PROCESSES, caseMetrics, runWorld, type CaseName } from './cluster';
import { METRIC_INFO } from './metrics';
import { networkHistory } from './network';
import { getParameter, parameterSpecs, type Params } from './parameters';
import { caseParams, scenarioList } from './scenarios';
import type { World } from './world';

const NODE_KIND_SPECS: readonly KindSpec[] = [
  { kind: 'state', label: 'State agency', role: 'institution' },
  { kind: 'association', label: 'Association', role: 'institution' },
  { kind: 'localFirm', label: 'Local lead firm', role: 'firm' },
  { kind: 'foreignFirm', label: 'Foreign lead firm', role: 'firm' },
  { kind: 'supplier', label: 'Supplier', role: 'supplier' },
  { kind: 'buyer', label: 'Foreign buyer', role: 'other' },
];

const EDGE_KIND_SPECS: readonly KindSpec[] = [
  { kind: 'supply', label: 'Supply contract' },
  { kind: 'membership', label: 'Membership' },
  { kind: 'tutelage', label: 'Tutelage' },
  { kind: 'spinoff', label: 'Spin-off lineage' },
  { kind: 'ownership', label: 'Ownership' },
  { kind: 'finance', label: 'Finance' },
];

/** Group and leaf of every path, in schema order: what turns flat values back into `Params`. */
const LEAVES = parameterSpecs.map((s) => {
  const [group, leaf] = s.path.split('.');
  return { path: s.path, group, leaf };
});

/** Nested parameters of the cluster model from flat values by dotted path. */
export function toParams(values: ParamValues): Params {
  const out: Record<string, Record<string, unknown>> = {};
  for (const { path, group, leaf } of LEAVES) (out[group] ??= {})[leaf] = values[path];
  return out as unknown as Params;
}

function parameterList(c: CaseName): ParameterSpec[] {
  const defaults = caseParams(c);
  const fitted = calibrated[c] as Record<string, number>;
  return parameterSpecs.map((s) => {
    const isFitted = s.path in fitted;
    const spec: ParameterSpec = {
      path: s.path,
      kind: s.kind,
      default: getParameter(defaults, s.path),
      unit: s.unit,
      meaning: s.meaning,
      source: isFitted ? `calibrated (clusterlab calibrate ${c}; Perez-Aleman 2005, ${s.section})` : s.section.startsWith('model') ? s.section : `Perez-Aleman 2005, ${s.section}`,
      sourceKind: isFitted ? 'calibrated' : s.section.startsWith('model') ? 'assumption' : 'paper',
    };
    if (s.min !== undefined) spec.min = s.min;
    if (s.max !== undefined) spec.max = s.max;
    // The calibration's search box is the range the paper leaves open: what sensitivity analysis explores.
    const box = CALIBRATION_RANGES[c][s.path];
    if (box) spec.explore = [box[0], box[1]];
    return spec;
  });
}

function metricList(c: CaseName): MetricSpec[] {
  return caseMetrics(c).map((name) => ({ name, label: METRIC_INFO[name]?.label ?? name, unit: METRIC_INFO[name]?.unit ?? '' }));
}

function scenarioSpecs(c: CaseName): ScenarioSpec[] {
  return scenarioList()
    .filter((s) => s.case === c && s.name.startsWith(`${c}/`))
    .map((s) => ({ name: s.name.slice(c.length + 1), description: s.description, kind: s.kind as ScenarioSpec['kind'], set: s.set as Record<string, boolean | number | string> }));
}

function observedList(c: CaseName): ObservedValue[] {
  return facts.filter((f) => f.case === c).map((f) => ({ ...f }));
}

function clusterModel(c: CaseName): Model {
  const years = CASE_YEARS[c];
  const runProcesses = (values: ParamValues, seed: number, processes: readonly ProcessSpec[], extraMetrics: readonly string[]): ModelRun => {
    const w = runWorld(c, toParams(values), seed, years, processes as readonly ProcessSpec<World>[], values, extraMetrics);
    let history: ReturnType<typeof networkHistory> | undefined;
    return { record: w.recorder.toRecord(seed), network: () => (history ??= networkHistory(w)) };
  };
  const label = c === 'tomato' ? 'tomato processing' : 'salmon farming';
  return defineModel({
    name: c,
    description: `The ${label} cluster of Chile (Perez-Aleman 2005, Section ${c === 'tomato' ? '3.1' : '3.2'}), ${years[0]}-${years[1]}: state experiments, collective action and foreign ties, calibrated to the paper's facts.`,
    years,
    parameters: parameterList(c),
    metrics: metricList(c),
    nodeKinds: NODE_KIND_SPECS,
    edgeKinds: EDGE_KIND_SPECS,
    scenarios: scenarioSpecs(c),
    observed: observedList(c),
    module: { path: __filename, exportName: c },
    processes: CLUSTER_PROCESSES as readonly ProcessSpec[],
    runProcesses,
    run: (values, seed) => runProcesses(values, seed, CLUSTER_PROCESSES as readonly ProcessSpec[], []),
  });
}

export const tomato: Model = clusterModel('tomato');
export const salmon: Model = clusterModel('salmon');
