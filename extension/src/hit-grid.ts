/**
 * A uniform grid over point positions (graph units), built once per payload, so that finding the
 * node under the pointer looks at a few cells instead of every node.
 */
export class HitGrid {
  private readonly minX: number;
  private readonly minY: number;
  private readonly cell: number;
  private readonly columns: number;
  private readonly rows: number;
  /** Points of cell c are items[cellStart[c] .. cellStart[c + 1]]. */
  private readonly cellStart: Uint32Array;
  private readonly items: Uint32Array;

  /** `xy` holds x, y per point. */
  constructor(private readonly xy: Float32Array) {
    const n = xy.length / 2;
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let k = 0; k < n; k++) {
      minX = Math.min(minX, xy[2 * k]);
      maxX = Math.max(maxX, xy[2 * k]);
      minY = Math.min(minY, xy[2 * k + 1]);
      maxY = Math.max(maxY, xy[2 * k + 1]);
    }
    if (n === 0) minX = maxX = minY = maxY = 0;
    // About two points per cell on average.
    const side = Math.max(1, Math.ceil(Math.sqrt(n / 2)));
    this.cell = Math.max((maxX - minX) / side, (maxY - minY) / side, 1e-9);
    this.minX = minX;
    this.minY = minY;
    this.columns = Math.floor((maxX - minX) / this.cell) + 1;
    this.rows = Math.floor((maxY - minY) / this.cell) + 1;
    this.cellStart = new Uint32Array(this.columns * this.rows + 1);
    const cellOf = new Uint32Array(n);
    for (let k = 0; k < n; k++) {
      cellOf[k] = this.cellIndex(xy[2 * k], xy[2 * k + 1]);
      this.cellStart[cellOf[k] + 1]++;
    }
    for (let c = 0; c < this.columns * this.rows; c++) this.cellStart[c + 1] += this.cellStart[c];
    this.items = new Uint32Array(n);
    const fill = this.cellStart.slice(0, this.columns * this.rows);
    for (let k = 0; k < n; k++) this.items[fill[cellOf[k]]++] = k;
  }

  /** Calls `visit(k, distance)` for every point within `radius` of (x, y). */
  forEachNear(x: number, y: number, radius: number, visit: (k: number, distance: number) => void): void {
    const c0 = Math.max(0, Math.floor((x - radius - this.minX) / this.cell));
    const c1 = Math.min(this.columns - 1, Math.floor((x + radius - this.minX) / this.cell));
    const r0 = Math.max(0, Math.floor((y - radius - this.minY) / this.cell));
    const r1 = Math.min(this.rows - 1, Math.floor((y + radius - this.minY) / this.cell));
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * this.columns + c;
        for (let p = this.cellStart[cell]; p < this.cellStart[cell + 1]; p++) {
          const k = this.items[p];
          const d = Math.hypot(this.xy[2 * k] - x, this.xy[2 * k + 1] - y);
          if (d <= radius) visit(k, d);
        }
      }
    }
  }

  private cellIndex(x: number, y: number): number {
    const c = Math.min(this.columns - 1, Math.floor((x - this.minX) / this.cell));
    const r = Math.min(this.rows - 1, Math.floor((y - this.minY) / this.cell));
    return r * this.columns + c;
  }
}
