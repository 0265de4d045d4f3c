/**
 * Schelling's segregation model written on the engine, as in the ABMFrameworksComparison
 * declaration: two equal groups on a bounded (non-periodic) grid, one agent per cell; each step
 * every agent, in random order, counts the agents of its own group within Chebyshev distance
 * `radius`, is happy when there are at least `minHappy` of them, and otherwise moves to a random
 * empty cell. It doubles as the worked example of "write your own model on the engine".
 */
import { defineAgents } from '../agents';
import { Recorder, type RunRecord } from '../recorder';
import { createRng, type Rng, type Seed } from '../rng';
import { Scheduler } from '../scheduler';

export interface SchellingOptions {
  width: number;
  height: number;
  agents: number;
  radius: number;
  /** Same-group neighbours needed to be happy. */
  minHappy: number;
  steps: number;
}

/** The comparison's small configuration. */
export const SCHELLING_SMALL: SchellingOptions = { width: 40, height: 40, agents: 1000, radius: 1, minHappy: 3, steps: 20 };
/** The comparison's large configuration. */
export const SCHELLING_LARGE: SchellingOptions = { width: 100, height: 100, agents: 8000, radius: 2, minHappy: 8, steps: 20 };

/** Recorded each step (recorded under "year" = step number 1..steps). */
export const SCHELLING_METRICS = ['happyShare', 'similarShare', 'moves'] as const;

function check(options: SchellingOptions): void {
  const int = (name: keyof SchellingOptions, lo: number, hi: number) => {
    const v = options[name];
    if (!Number.isInteger(v) || v < lo || v > hi) throw new RangeError(`schelling: ${name} must be an integer in ${lo}..${hi}, got ${v}`);
  };
  int('width', 1, 10_000);
  int('height', 1, 10_000);
  int('agents', 1, options.width * options.height - 1);
  int('radius', 1, Math.max(options.width, options.height));
  int('minHappy', 0, (2 * options.radius + 1) ** 2 - 1);
  int('steps', 1, 100_000);
}

/**
 * One Schelling world. The state lives in typed arrays on the instance and the step is a method,
 * so the hot loop is compiled once and shared by every run (closures made per run would each need
 * their own optimisation).
 *
 * The grid is stored with a border of `radius` always-empty cells on every side: an empty cell
 * counts as no neighbour, exactly like a cell off a bounded grid, and every neighbourhood becomes
 * the same list of index offsets, with no edge cases in the hot loop.
 */
export class SchellingModel {
  readonly options: SchellingOptions;
  readonly people = defineAgents({ cell: 'i32', group: 'u8', happy: 'u8' });
  /** Row length of the padded grid (width + 2·radius); cell (x, y) is (y + r)·stride + x + r. */
  readonly stride: number;
  /** Group in each padded cell, 0 when empty: what neighbour counts read, one byte per cell. */
  readonly cellGroup: Uint8Array;
  /** Agent id in each padded cell, -1 when empty. */
  readonly cellAgent: Int32Array;
  readonly recorder: Recorder;
  readonly scheduler: Scheduler;
  readonly seed: Seed;
  /** Index offsets from a cell to its neighbours within the radius (itself excluded). */
  private readonly offsets: Int32Array;
  // The empty cells as an unordered list: a random one is taken in O(1) and the cell left
  // behind takes its place.
  private readonly empties: Int32Array;
  private emptyCount = 0;
  private readonly order: Int32Array;
  private readonly activation: Rng;
  private readonly moving: Rng;
  private readonly metricIds: number[];

  constructor(options: SchellingOptions, seed: Seed) {
    check(options);
    const { width, height, radius } = options;
    this.options = options;
    this.seed = seed;
    const rng = createRng(seed);
    const placement = rng.fork('placement');
    this.activation = rng.fork('activation');
    this.moving = rng.fork('moving');
    this.stride = width + 2 * radius;
    const padded = this.stride * (height + 2 * radius);
    this.cellGroup = new Uint8Array(padded);
    this.cellAgent = new Int32Array(padded).fill(-1);
    this.offsets = new Int32Array((2 * radius + 1) ** 2 - 1);
    let o = 0;
    for (let dy = -radius; dy <= radius; dy++) {
      for (let dx = -radius; dx <= radius; dx++) if (dx !== 0 || dy !== 0) this.offsets[o++] = dy * this.stride + dx;
    }
    this.empties = new Int32Array(width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) this.empties[this.emptyCount++] = this.cellAt(x, y);
    for (let n = 0; n < options.agents; n++) {
      const group = n < options.agents / 2 ? 1 : 2;
      const cell = this.takeEmpty(placement, -1);
      this.cellAgent[cell] = this.people.add({ cell, group });
      this.cellGroup[cell] = group;
    }
    this.order = this.people.ids(new Int32Array(options.agents));
    this.recorder = new Recorder({ startYear: 1, endYear: options.steps, metrics: SCHELLING_METRICS });
    this.metricIds = SCHELLING_METRICS.map((m) => this.recorder.metricIndex(m));
    this.scheduler = new Scheduler({ startYear: 1, endYear: options.steps }).process('relocate', (clock) => this.relocate(clock.calendarYear));
  }

  /** Padded index of grid cell (x, y). */
  cellAt(x: number, y: number): number {
    const r = this.options.radius;
    return (y + r) * this.stride + x + r;
  }

  /** The groups on the grid, row by row (width × height, 0 = empty), for pictures and checks. */
  groupGrid(): Uint8Array {
    const { width, height } = this.options;
    const out = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = this.cellGroup[this.cellAt(x, y)];
    return out;
  }

  /** Runs every step and returns the run record (metrics per step, "year" = step 1..steps). */
  run(): RunRecord {
    this.scheduler.run();
    return this.recorder.toRecord(typeof this.seed === 'number' ? this.seed : String(this.seed));
  }

  /** One step: every agent in random order checks its neighbourhood and moves if unhappy. */
  relocate(step: number): void {
    const minHappy = this.options.minHappy;
    const { cell: cellOf, group, happy } = this.people.cols;
    const cellGroup = this.cellGroup;
    const cellAgent = this.cellAgent;
    const offsets = this.offsets;
    const neighbourhood = offsets.length;
    const order = this.activation.shuffleInPlace(this.order);
    let happyCount = 0;
    let similarSum = 0;
    let moves = 0;
    for (let k = 0; k < order.length; k++) {
      const id = order[k];
      const cell = cellOf[id];
      const g = group[id];
      // Branch-free counts (neighbours are random, so branches would mispredict): with cg and g
      // in 0..2, ((cg ^ g) - 1) >>> 31 is 1 exactly when cg === g, and -cg >>> 31 when cg !== 0.
      let same = 0;
      let all = 0;
      for (let j = 0; j < neighbourhood; j++) {
        const cg = cellGroup[cell + offsets[j]];
        same += ((cg ^ g) - 1) >>> 31;
        all += -cg >>> 31;
      }
      similarSum += all > 0 ? same / all : 0;
      if (same >= minHappy) {
        happy[id] = 1;
        happyCount++;
      } else {
        happy[id] = 0;
        const target = this.takeEmpty(this.moving, cell);
        cellAgent[cell] = -1;
        cellGroup[cell] = 0;
        cellAgent[target] = id;
        cellGroup[target] = g;
        cellOf[id] = target;
        moves++;
      }
    }
    const n = order.length;
    this.recorder.set(this.metricIds[0], step, happyCount / n);
    this.recorder.set(this.metricIds[1], step, similarSum / n);
    this.recorder.set(this.metricIds[2], step, moves);
  }

  /** Takes a random empty cell; `vacated` (or -1) is the cell being left, which becomes empty. */
  private takeEmpty(stream: Rng, vacated: number): number {
    const k = stream.int(this.emptyCount);
    const cell = this.empties[k];
    this.empties[k] = vacated >= 0 ? vacated : this.empties[--this.emptyCount];
    return cell;
  }
}

/** Runs the model once with the given seed. */
export function runSchelling(options: SchellingOptions, seed: Seed): RunRecord {
  return new SchellingModel(options, seed).run();
}

/**
 * Replication entry point for `runEnsemble` (also across worker threads, through
 * `{ module: require.resolve('.../schelling'), exportName: 'schellingReplication', args }`).
 */
export function schellingReplication(options: SchellingOptions, seed: number): RunRecord {
  return runSchelling(options, seed);
}
