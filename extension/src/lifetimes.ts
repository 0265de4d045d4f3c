/**
 * Items (nodes or edges) that each exist over [start, stop) years, indexed by both ends, so that
 * the items whose visibility differs between two years are found in two contiguous ranges
 * instead of by scanning everything.
 */
export class LifetimeIndex {
  /** Item indices sorted by start, and by stop. */
  readonly byStart: Uint32Array;
  readonly byStop: Uint32Array;
  private readonly sortedStart: Float32Array;
  private readonly sortedStop: Float32Array;

  constructor(start: Float32Array, stop: Float32Array) {
    this.byStart = sortedBy(start);
    this.byStop = sortedBy(stop);
    this.sortedStart = Float32Array.from(this.byStart, (i) => start[i]);
    this.sortedStop = Float32Array.from(this.byStop, (i) => stop[i]);
  }

  /**
   * Positions [startFrom, startTo) of `byStart` (items that begin in between) and [stopFrom, stopTo)
   * of `byStop` (items that end in between). Of those, the ones that show in one of the two years
   * are exactly the items that appeared or vanished; going forward, the first range holds only
   * items that appear (or never show), the second only items that vanish.
   */
  changes(from: number, to: number): { startFrom: number; startTo: number; stopFrom: number; stopTo: number } {
    const lo = Math.min(from, to);
    const hi = Math.max(from, to);
    return {
      startFrom: countAtMost(this.sortedStart, lo),
      startTo: countAtMost(this.sortedStart, hi),
      stopFrom: countAtMost(this.sortedStop, lo),
      stopTo: countAtMost(this.sortedStop, hi),
    };
  }

  /** Items that exist in `year`: started by then, less those stopped by then (stop >= start always). */
  countAt(year: number): number {
    return countAtMost(this.sortedStart, year) - countAtMost(this.sortedStop, year);
  }
}

function sortedBy(years: Float32Array): Uint32Array {
  return Uint32Array.from({ length: years.length }, (_, i) => i).sort((a, b) => years[a] - years[b] || a - b);
}

/** How many of the sorted `keys` are <= `year`. */
function countAtMost(keys: Float32Array, year: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid] <= year) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
