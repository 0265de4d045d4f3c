/**
 * Schelling's segregation model (schelling.ts) as a model of the one interface, with the small
 * configuration of the ABMFrameworksComparison as defaults. Steps are recorded as "years" 1..20.
 */
import { defineModel, type Model } from '../define';
import { SchellingModel, SCHELLING_SMALL } from './schelling';

const STEPS = SCHELLING_SMALL.steps;
const SOURCE = 'Schelling 1971; ABMFrameworksComparison';

export const schelling: Model = defineModel({
  name: 'schelling',
  description: 'Schelling (1971): two groups on a grid; an agent with fewer than minHappy neighbours of its own group moves to a random empty cell.',
  years: [1, STEPS],
  parameters: [
    {
      path: 'grid.width',
      kind: 'integer',
      min: 3,
      max: 2000,
      default: SCHELLING_SMALL.width,
      unit: 'cells',
      meaning: 'Width of the bounded grid.',
      source: SOURCE,
      sourceKind: 'literature',
    },
    {
      path: 'grid.height',
      kind: 'integer',
      min: 3,
      max: 2000,
      default: SCHELLING_SMALL.height,
      unit: 'cells',
      meaning: 'Height of the bounded grid.',
      source: SOURCE,
      sourceKind: 'literature',
    },
    {
      path: 'agents',
      kind: 'integer',
      min: 2,
      max: 4_000_000,
      default: SCHELLING_SMALL.agents,
      unit: 'agents',
      meaning: 'Agents, half in each group; must leave at least one cell empty.',
      source: SOURCE,
      sourceKind: 'literature',
    },
    {
      path: 'radius',
      kind: 'integer',
      min: 1,
      max: 10,
      default: SCHELLING_SMALL.radius,
      unit: 'cells',
      meaning: 'Neighbourhood radius (Chebyshev distance).',
      source: SOURCE,
      sourceKind: 'literature',
    },
    {
      path: 'minHappy',
      kind: 'integer',
      min: 0,
      max: 440,
      default: SCHELLING_SMALL.minHappy,
      unit: 'agents',
      meaning: 'Neighbours of its own group an agent needs to stay.',
      source: SOURCE,
      sourceKind: 'literature',
      explore: [0, 8],
    },
  ],
  metrics: [
    { name: 'happyShare', label: 'Happy agents', unit: 'share' },
    { name: 'similarShare', label: 'Neighbours of the same group', unit: 'share' },
    { name: 'moves', label: 'Moves in the step', unit: 'agents' },
  ],
  module: { path: __filename, exportName: 'schelling' },
  check: (v) => {
    const cells = (v['grid.width'] as number) * (v['grid.height'] as number);
    if ((v.agents as number) >= cells)
      throw new RangeError(`parameter 'agents' = ${v.agents} is out of range: must be an integer in [2, ${cells - 1}] (fewer than the grid's ${cells} cells)`);
    const most = (2 * (v.radius as number) + 1) ** 2 - 1;
    if ((v.minHappy as number) > most)
      throw new RangeError(
        `parameter 'minHappy' = ${v.minHappy} is out of range: must be an integer in [0, ${most}] (the neighbourhood of radius ${v.radius})`,
      );
  },
  run: (v, seed) => ({
    record: new SchellingModel(
      {
        width: v['grid.width'] as number,
        height: v['grid.height'] as number,
        agents: v.agents as number,
        radius: v.radius as number,
        minHappy: v.minHappy as number,
        steps: STEPS,
      },
      seed,
    ).run(),
  }),
});
