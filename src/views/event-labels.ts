/**
 * Placing event labels (association founded, tutelage begins, ...) above a time axis so that they
 * do not overlap. Pure functions shared by the static SVG fallback (svg-timeseries.ts) and the
 * JupyterLab widget (extension/src/figure.ts), so both pictures put the same labels in the same rows.
 */

/** Event texts can be long sentences; the picture shows the start, the hover or tooltip the whole. */
export function shorten(text: string, max = 26): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * Which of `rows` label rows each event's label goes in (in order of year): -1 when no row has room,
 * and the event then keeps its line and a hover text only. Label widths are estimated in years from
 * the plot's width in pixels.
 */
export function labelRows(events: readonly { x: number; label: string }[], span: number, plotPx = 800, rows = 3): number[] {
  const rowEnd = new Array<number>(rows).fill(-Infinity);
  const yearsPerPx = (span || 1) / plotPx;
  const result = new Array<number>(events.length).fill(-1);
  const order = events.map((_, k) => k).sort((a, b) => events[a].x - events[b].x || a - b);
  for (const k of order) {
    const width = (shorten(events[k].label).length * 5.5 + 8) * yearsPerPx;
    const row = rowEnd.findIndex((end) => end <= events[k].x);
    if (row < 0) continue;
    result[k] = row;
    rowEnd[row] = events[k].x + width;
  }
  return result;
}
