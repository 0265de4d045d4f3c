/**
 * The built-in models, registered by name: the two cases of the cluster model, the Arthur urn,
 * Schelling and the two sensitivity test functions. Loading this file fills the engine's registry,
 * so `getModel('salmon')` and `clusterlab simulate arthur-urn` find them; the package entry point
 * loads it.
 */
import { arthurUrn } from './baselines/arthurUrn';
import { ishigamiModel as ishigami, sobolGModel as sobolG } from './engine/examples/testFunctions';
import { schelling } from './engine/examples/schellingModel';
import { getModel, hasModel, models, registerModel } from './engine/registry';
import type { Model } from './engine/define';
import { didYouMean } from './engine/closest';
import { salmonModel, tomatoModel } from './cluster/models';
import { foreignImitationModel, tomatoForeignImitationModel } from './cluster/rival';

export type ScenarioKind = 'case' | 'counterfactual' | 'baseline' | 'rival' | 'model';

/** A model or one of its scenarios, as `clusterlab scenarios` lists it. */
export interface Scenario {
  name: string;
  /** The model the scenario runs. */
  model?: string;
  /** The case whose parameters the scenario starts from (for other models, the model's name). */
  case: string;
  kind: ScenarioKind;
  description: string;
  years: [number, number];
  /** Overrides applied to the model's defaults. */
  set: Record<string, unknown>;
}

/** The cluster model (src/cluster, docs/model.md): its two cases. */
const tomato: Model = tomatoModel;
const salmon: Model = salmonModel;
/** The rival account of each case (src/cluster/rival.ts): a model of its own, calibrated on the same facts. */
const foreignImitation: Model = foreignImitationModel;
const tomatoForeignImitation: Model = tomatoForeignImitationModel;

for (const m of [tomato, salmon, foreignImitation, tomatoForeignImitation, arthurUrn, schelling, ishigami, sobolG]) registerModel(m, { replace: true });

/** Short names kept from before models had scenarios of their own. */
export const SCENARIO_ALIASES: Readonly<Record<string, string>> = {
  'agglomeration-only': 'salmon/agglomeration-only',
  'fixed-standard': 'salmon/fixed-standard',
};

/** Every name `simulate` accepts: each model, then each of its scenarios as `model/scenario`, then the aliases. */
export function targetNames(): string[] {
  const names: string[] = [];
  for (const m of models()) {
    names.push(m.name);
    for (const s of m.scenarios ?? []) names.push(`${m.name}/${s.name}`);
  }
  return [...names, ...Object.keys(SCENARIO_ALIASES)];
}

/** A model name, `model/scenario`, or an alias: the model and the scenario's name within it. */
export function findTarget(name: string): { model: Model; scenario?: string } {
  const full = SCENARIO_ALIASES[name] ?? name;
  if (hasModel(full)) return { model: getModel(full) };
  const slash = full.indexOf('/');
  if (slash > 0 && hasModel(full.slice(0, slash))) {
    const model = getModel(full.slice(0, slash));
    const scenario = full.slice(slash + 1);
    if ((model.scenarios ?? []).some((s) => s.name === scenario)) return { model, scenario };
  }
  throw new RangeError(`unknown scenario '${name}'${didYouMean(name, targetNames())}; scenarios: ${targetNames().join(', ')}`);
}

/**
 * Every model and scenario in one table (what `clusterlab scenarios` lists): each model under its
 * own name, then its scenarios as `model/scenario`, then the short aliases.
 */
export function scenarios(): Scenario[] {
  const out: Scenario[] = [];
  for (const m of models()) {
    const years = [...m.years] as [number, number];
    const isCase = (m.observed ?? []).length > 0;
    out.push({
      name: m.name,
      model: m.name,
      case: m.derivedFrom ?? m.name,
      kind: m.rivalOf ? 'rival' : isCase ? 'case' : 'model',
      description: m.description,
      years,
      set: {},
    });
    for (const s of m.scenarios ?? [])
      out.push({
        name: `${m.name}/${s.name}`,
        model: m.name,
        case: m.derivedFrom ?? m.name,
        kind: s.kind,
        description: s.description,
        years,
        set: { ...s.set },
      });
  }
  for (const [alias, full] of Object.entries(SCENARIO_ALIASES)) {
    const s = out.find((x) => x.name === full)!;
    out.push({ ...s, name: alias, set: { ...s.set }, description: `Same as ${full}.` });
  }
  return out;
}

export { getModel, hasModel, models, registerModel, tomato, salmon, foreignImitation, arthurUrn, schelling, ishigami, sobolG };
