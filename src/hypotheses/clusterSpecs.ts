/**
 * H1-H6 of the model brief (/work/shared/design/model-brief.md, "Hypotheses the notebooks test")
 * for the two cluster models, as data: scenarios compared, measure, predicted direction. Facts are
 * the only calibration targets; nothing here feeds back into parameters.
 */
import { registerHypotheses, type HypothesisSpec } from './spec';

interface CaseWords {
  model: 'tomato' | 'salmon';
  /** The metric that counts the cluster's lead firms. */
  count: string;
  /** Last recorded year. */
  last: number;
  /** A year by which the paper's cluster had clearly taken off. */
  takeOffBy: number;
  /** A year in the middle of upgrading. */
  upgrading: number;
  /** The established start's year (the parameter start.year: the run-up with every mechanism on ends here). */
  established: number;
}

const H1 = 'Without state experiments the cluster starts late or not at all.';
const H2 = 'Without LBM institutions firm counts may grow but quality, reputation and exports stagnate.';
const H3 = 'Foreign ties speed upgrading.';
const H4 = 'Agglomeration alone cannot start a cluster from nothing but sustains an established one.';

function common(c: CaseWords): HypothesisSpec[] {
  const baseline = { label: 'baseline' };
  const noState = { label: 'no state', scenario: 'no-state' };
  const noAssociation = { label: 'no association', scenario: 'no-collective-action' };
  const established = { label: 'established start, every mechanism', scenario: 'established' };
  // Take-off: the first year some firm's lots pass buyers' requirement at least half the time.
  const takeOff = { kind: 'firstYear', metric: 'exportReadyFirms', above: 0 } as const;
  return [
    {
      id: 'H1',
      statement: H1,
      measure: takeOff,
      measureText: 'take-off: first year a firm is export-ready (never: last year + 1)',
      baseline,
      alternative: noState,
      predicts: 'higher',
    },
    {
      id: 'H1b',
      statement: H1,
      measure: { kind: 'value', metric: 'exportTonnes', year: c.takeOffBy },
      measureText: `exports in ${c.takeOffBy} (t)`,
      baseline,
      alternative: noState,
      predicts: 'lower',
    },
    {
      id: 'H2',
      statement: H2,
      measure: { kind: 'value', metric: 'exportValueUSDm', year: c.last },
      measureText: `export value in ${c.last} (US$m)`,
      baseline,
      alternative: noAssociation,
      predicts: 'lower',
    },
    {
      id: 'H2b',
      statement: H2,
      measure: { kind: 'value', metric: 'meanCapability', year: c.last },
      measureText: `mean capability (quality) in ${c.last}`,
      baseline,
      alternative: noAssociation,
      predicts: 'lower',
    },
    {
      id: 'H2c',
      statement: H2,
      measure: { kind: 'value', metric: 'reputation', year: c.last },
      measureText: `country reputation in ${c.last}`,
      baseline,
      alternative: noAssociation,
      predicts: 'lower',
    },
    {
      id: 'H2e',
      statement: H2,
      measure: { kind: 'value', metric: 'exportValueUSDm', year: c.last },
      measureText: `export value in ${c.last} (US$m), association kept but without its LBM functions`,
      baseline,
      alternative: { label: 'association without LBM', scenario: 'no-lbm' },
      predicts: 'lower',
    },
    {
      id: 'H2d',
      statement: H2,
      measure: { kind: 'value', metric: c.count, year: c.last },
      measureText: `${c.count} in ${c.last} ("may grow": no direction predicted)`,
      baseline,
      alternative: noAssociation,
      predicts: 'none',
    },
    {
      id: 'H3',
      statement: H3,
      measure: { kind: 'value', metric: 'meanCapability', year: c.upgrading },
      measureText: `mean capability in ${c.upgrading}`,
      baseline,
      alternative: { label: 'no foreign ties', scenario: 'no-foreign-ties' },
      predicts: 'lower',
    },
    {
      id: 'H4',
      statement: H4,
      measure: { kind: 'value', metric: 'exportTonnes', year: c.takeOffBy },
      measureText: `exports in ${c.takeOffBy} from nothing (t)`,
      baseline,
      alternative: { label: 'agglomeration only', scenario: 'agglomeration-only' },
      predicts: 'lower',
    },
    {
      id: 'H4b',
      statement: H4,
      measure: { kind: 'minRatio', metric: c.count, ofYear: c.established },
      measureText: `lowest ${c.count} over ${c.established + 1}-${c.last} as a share of ${c.established}, from the cluster the run reached by ${c.established} (level against 0.5: never loses more than half)`,
      baseline: established,
      alternative: { label: 'established start, agglomeration only', scenario: 'established-agglomeration-only' },
      effect: 'level',
      reference: 0.5,
      predicts: 'higher',
      precondition: { share: 0.5, text: `with every mechanism on, the established start never loses more than half its ${c.count}, in at least half the runs` },
    },
    {
      // Firms may fall through consolidation while the cluster grows (3.2: concentration rose);
      // the cluster's output is the other reading of "sustains".
      id: 'H4c',
      statement: H4,
      measure: { kind: 'minRatio', metric: 'exportTonnes', ofYear: c.established },
      measureText: `lowest exports (t) over ${c.established + 1}-${c.last} as a share of ${c.established}, from the cluster the run reached by ${c.established} (level against 0.5: output never falls by more than half)`,
      baseline: established,
      alternative: { label: 'established start, agglomeration only', scenario: 'established-agglomeration-only' },
      effect: 'level',
      reference: 0.5,
      predicts: 'higher',
      precondition: { share: 0.5, text: 'with every mechanism on, the established start never loses more than half its exports, in at least half the runs' },
    },
  ];
}

export const tomatoHypotheses: HypothesisSpec[] = [
  ...common({ model: 'tomato', count: 'processors', last: 2000, takeOffBy: 1995, upgrading: 1990, established: 1990 }),
  {
    id: 'H5',
    statement: 'Tutelage plus supplier contracts produce the tomato turning point.',
    measure: { kind: 'firstYear', metric: 'exportReadyFirms', above: 0 },
    measureText: 'turning point: first year a firm is export-ready (never: 2001)',
    baseline: { label: 'baseline' },
    alternative: { label: 'no tutelage, no contracts', scenario: 'no-tutelage-contracts' },
    predicts: 'higher',
  },
  {
    id: 'H5b',
    statement: 'Tutelage plus supplier contracts produce the tomato turning point (tutelage alone removed).',
    measure: { kind: 'firstYear', metric: 'exportReadyFirms', above: 0 },
    measureText: 'turning point: first year a firm is export-ready (never: 2001)',
    baseline: { label: 'baseline' },
    alternative: { label: 'no tutelage', set: { 'mechanisms.tutelage': false } },
    predicts: 'higher',
  },
  {
    id: 'H5c',
    statement: 'Tutelage plus supplier contracts produce the tomato turning point (contracts alone removed).',
    measure: { kind: 'firstYear', metric: 'exportReadyFirms', above: 0 },
    measureText: 'turning point: first year a firm is export-ready (never: 2001)',
    baseline: { label: 'baseline' },
    alternative: { label: 'no supplier contracts', set: { 'mechanisms.supplierContracts': false } },
    predicts: 'higher',
  },
];

export const salmonHypotheses: HypothesisSpec[] = [
  ...common({ model: 'salmon', count: 'farms', last: 2003, takeOffBy: 2000, upgrading: 1995, established: 1990 }),
  {
    id: 'H6',
    statement: 'Acquisitions by multinationals raise concentration after the mid-1990s.',
    measure: { kind: 'mean', metric: 'top20Share', from: 1996, to: 2003 },
    measureText: 'mean export share of the 20 largest firms, 1996-2003',
    baseline: { label: 'baseline' },
    alternative: { label: 'no acquisitions', set: { 'mechanisms.acquisitions': false } },
    predicts: 'lower',
  },
];

registerHypotheses('tomato', tomatoHypotheses);
registerHypotheses('salmon', salmonHypotheses);
