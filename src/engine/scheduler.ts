/**
 * Calendar-time scheduler: runs named processes in a fixed order every step from `startYear` to
 * `endYear` inclusive, `stepsPerYear` steps a year. Each process can be switched off by name, which
 * is how counterfactuals become runs instead of rewrites.
 */

/** Where the simulation is; one object, updated in place (no allocation per step). */
export interface Clock {
  /** Step counter from 0. */
  step: number;
  /** Calendar year the step falls in (an integer). */
  calendarYear: number;
  /** Step within the year, 0..stepsPerYear-1. */
  stepInYear: number;
  /** Time at the start of the step in fractional years: calendarYear + stepInYear / stepsPerYear. */
  time: number;
  /** Length of a step in years. */
  dt: number;
  /** True on the first step of a year. */
  yearStart: boolean;
  /** True on the last step of a year. */
  yearEnd: boolean;
}

export type Process = (clock: Readonly<Clock>) => void;

export interface SchedulerOptions {
  startYear: number;
  /** Last simulated year (inclusive). */
  endYear: number;
  /** Steps a year (default 1). */
  stepsPerYear?: number;
}

export interface ProcessOptions {
  /** Starts switched on unless false. */
  enabled?: boolean;
  /** 'step' (default) runs every step; 'year' only on the first step of each year. */
  every?: 'step' | 'year';
}

interface Entry {
  name: string;
  run: Process;
  enabled: boolean;
  yearly: boolean;
}

export class Scheduler {
  readonly startYear: number;
  readonly endYear: number;
  readonly stepsPerYear: number;
  /** Total number of steps. */
  readonly steps: number;
  readonly clock: Clock;
  private readonly entries: Entry[] = [];
  private readonly yearEndHooks: ((year: number) => void)[] = [];

  constructor(options: SchedulerOptions) {
    const { startYear, endYear, stepsPerYear = 1 } = options;
    if (!Number.isInteger(startYear)) throw new RangeError(`Scheduler: startYear must be an integer, got ${startYear}`);
    if (!Number.isInteger(endYear) || endYear < startYear) {
      throw new RangeError(`Scheduler: endYear must be an integer >= startYear (${startYear}), got ${endYear}`);
    }
    if (!Number.isInteger(stepsPerYear) || stepsPerYear < 1 || stepsPerYear > 366) {
      throw new RangeError(`Scheduler: stepsPerYear must be an integer in 1..366, got ${stepsPerYear}`);
    }
    this.startYear = startYear;
    this.endYear = endYear;
    this.stepsPerYear = stepsPerYear;
    this.steps = (endYear - startYear + 1) * stepsPerYear;
    this.clock = { step: 0, calendarYear: startYear, stepInYear: 0, time: startYear, dt: 1 / stepsPerYear, yearStart: true, yearEnd: stepsPerYear === 1 };
  }

  /** The simulated calendar years, start to end. */
  get years(): number[] {
    const out: number[] = [];
    for (let y = this.startYear; y <= this.endYear; y++) out.push(y);
    return out;
  }

  /** Appends a process; processes run in the order they were added. */
  process(name: string, run: Process, options: ProcessOptions = {}): this {
    if (this.entries.some((e) => e.name === name)) throw new RangeError(`Scheduler.process: '${name}' is already scheduled`);
    this.entries.push({ name, run, enabled: options.enabled ?? true, yearly: options.every === 'year' });
    return this;
  }

  /** Switches a process on or off. */
  setEnabled(name: string, enabled: boolean): this {
    this.entry(name).enabled = enabled;
    return this;
  }

  isEnabled(name: string): boolean {
    return this.entry(name).enabled;
  }

  /** Process names in run order. */
  get processNames(): string[] {
    return this.entries.map((e) => e.name);
  }

  /** Called after the last step of each year with that year (the place to record metrics). */
  onYearEnd(hook: (year: number) => void): this {
    this.yearEndHooks.push(hook);
    return this;
  }

  /** True when every step has run. */
  get done(): boolean {
    return this.clock.step >= this.steps;
  }

  /** Runs one step; returns false when there was none left. */
  step(): boolean {
    const c = this.clock;
    if (c.step >= this.steps) return false;
    const entries = this.entries;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      if (e.enabled && (!e.yearly || c.yearStart)) e.run(c);
    }
    if (c.yearEnd) for (let i = 0; i < this.yearEndHooks.length; i++) this.yearEndHooks[i](c.calendarYear);
    c.step++;
    c.stepInYear = c.step % this.stepsPerYear;
    c.calendarYear = this.startYear + Math.floor(c.step / this.stepsPerYear);
    c.time = c.calendarYear + c.stepInYear / this.stepsPerYear;
    c.yearStart = c.stepInYear === 0;
    c.yearEnd = c.stepInYear === this.stepsPerYear - 1;
    return true;
  }

  /** Runs the remaining steps. */
  run(): this {
    while (this.step());
    return this;
  }

  private entry(name: string): Entry {
    const e = this.entries.find((x) => x.name === name);
    if (!e) throw new RangeError(`Scheduler: no process named '${name}'; processes: ${this.processNames.join(', ') || '(none)'}`);
    return e;
  }
}
