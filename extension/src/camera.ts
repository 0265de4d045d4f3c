/** Room left around the network when it is fitted to the stage, in CSS pixels. */
const FIT_PADDING = 30;
const MIN_RATIO = 0.02;
const MAX_RATIO = 10;

/**
 * Where the network sits on the stage: graph units (y up) to CSS pixels of the stage (y down).
 * `ratio` is the zoom: 1 fits the whole network, 0.5 shows it twice as large.
 */
export class Camera {
  /** Graph point at the centre of the stage. */
  x = 0;
  y = 0;
  ratio = 1;
  width = 0;
  height = 0;
  /** Pixels per graph unit at ratio 1. */
  private unit = 1;
  private fitX = 0;
  private fitY = 0;
  /** True until the user pans or zooms: a new extent then refits. */
  fitted = true;

  /** Fits `bounds` into a stage of the given size; keeps the user's view unless it is still the fitted one. */
  frame(bounds: { minX: number; maxX: number; minY: number; maxY: number }, width: number, height: number): void {
    this.width = width;
    this.height = height;
    const dx = Math.max(bounds.maxX - bounds.minX, 1e-9);
    const dy = Math.max(bounds.maxY - bounds.minY, 1e-9);
    this.unit = Math.max(1e-9, Math.min((width - 2 * FIT_PADDING) / dx, (height - 2 * FIT_PADDING) / dy));
    this.fitX = (bounds.minX + bounds.maxX) / 2;
    this.fitY = (bounds.minY + bounds.maxY) / 2;
    if (this.fitted) this.reset();
  }

  reset(): void {
    this.x = this.fitX;
    this.y = this.fitY;
    this.ratio = 1;
    this.fitted = true;
  }

  get pixelsPerUnit(): number {
    return this.unit / this.ratio;
  }

  /** Node sizes grow with the square root of the zoom: zooming in separates nodes more than it enlarges them. */
  get sizeScale(): number {
    return 1 / Math.sqrt(this.ratio);
  }

  toViewport(gx: number, gy: number): { x: number; y: number } {
    const s = this.pixelsPerUnit;
    return { x: this.width / 2 + (gx - this.x) * s, y: this.height / 2 - (gy - this.y) * s };
  }

  toGraph(px: number, py: number): { x: number; y: number } {
    const s = this.pixelsPerUnit;
    return { x: this.x + (px - this.width / 2) / s, y: this.y - (py - this.height / 2) / s };
  }

  /** Scale and offset from graph units to clip space, for the shaders: clip = p * xy + zw. */
  clipTransform(): [number, number, number, number] {
    const sx = (2 * this.pixelsPerUnit) / Math.max(1, this.width);
    const sy = (2 * this.pixelsPerUnit) / Math.max(1, this.height);
    return [sx, sy, -this.x * sx, -this.y * sy];
  }

  /** Zooms by `factor` (below 1 zooms in) keeping the graph point under (px, py) where it is. */
  zoomAt(px: number, py: number, factor: number): void {
    const before = this.toGraph(px, py);
    this.ratio = Math.min(MAX_RATIO, Math.max(MIN_RATIO, this.ratio * factor));
    const after = this.toGraph(px, py);
    this.x += before.x - after.x;
    this.y += before.y - after.y;
    this.fitted = false;
  }

  panBy(dxPixels: number, dyPixels: number): void {
    this.x -= dxPixels / this.pixelsPerUnit;
    this.y += dyPixels / this.pixelsPerUnit;
    this.fitted = false;
  }

  /** Moves to a graph point and zoom; the caller animates by calling this with interpolated values. */
  moveTo(x: number, y: number, ratio: number): void {
    this.x = x;
    this.y = y;
    this.ratio = Math.min(MAX_RATIO, Math.max(MIN_RATIO, ratio));
    this.fitted = false;
  }
}
