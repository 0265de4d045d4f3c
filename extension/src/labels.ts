import type { Camera } from './camera';
import { drawnNodeVisible, type NetworkScene } from './scene';

/** Most labels drawn at once, and the box one label claims so that labels never overlap. */
const MAX_LABELS = 300;
const CELL_WIDTH = 40;
const CELL_HEIGHT = 16;
const FONT_PX = 12;
/** Institutions named even below the size threshold: the first ones (state, then the larger). */
const FORCED_LABELS = 24;

export interface LabelStyle {
  colour: string;
  halo: string;
  font: string;
}

/**
 * Names every institution in view, then the larger nodes (rendered radius at least `threshold`
 * pixels) and every search match, largest first, skipping any whose box is already taken: a
 * readable handful, not a carpet of text. An institution's label moves a line up or down rather
 * than be left out.
 */
export function drawLabels(
  context: CanvasRenderingContext2D,
  scene: NetworkScene,
  labels: readonly string[],
  camera: Camera,
  options: { year: number; threshold: number; pixelRatio: number; matches: Uint8Array | null; style: LabelStyle },
): void {
  const { year, threshold, pixelRatio, matches, style } = options;
  context.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  context.clearRect(0, 0, camera.width, camera.height);
  context.textBaseline = 'middle';
  context.lineJoin = 'round';
  context.lineWidth = 3;
  context.strokeStyle = style.halo;
  context.fillStyle = style.colour;
  const columns = Math.ceil(camera.width / CELL_WIDTH) + 2;
  const taken = new Set<number>();
  let drawn = 0;
  let forced = 0;
  const cellsOf = (x: number, y: number, width: number): number[] => {
    const cells: number[] = [];
    for (let row = Math.floor((y - FONT_PX / 2) / CELL_HEIGHT); row <= Math.floor((y + FONT_PX / 2) / CELL_HEIGHT); row++) {
      for (let column = Math.floor(Math.max(0, x) / CELL_WIDTH); column <= Math.min(columns - 1, Math.floor((x + width) / CELL_WIDTH)); column++)
        cells.push((row + 1) * columns + column);
    }
    return cells;
  };
  // Matches first, then institutions, then the rest from the largest down.
  for (const wantMatch of matches ? [true, false] : [false]) {
    for (let r = 0; r < scene.nodeCount && drawn < MAX_LABELS; r++) {
      const k = scene.labelOrder[r];
      const match = matches !== null && matches[k] === 1;
      if (match !== wantMatch || !drawnNodeVisible(scene, k, year)) continue;
      const institution = scene.nodeTier[k] === 2 && forced < FORCED_LABELS;
      const radius = scene.nodeSize[k] * camera.sizeScale * (match ? 1.6 : 1);
      if (!match && !institution && (matches !== null || radius < threshold)) continue;
      const text = labels[scene.order[k]];
      if (!text) continue;
      const at = camera.toViewport(scene.nodePosition[2 * k], scene.nodePosition[2 * k + 1]);
      const x = at.x + radius + 3;
      if (x > camera.width || at.y < 0 || at.y > camera.height || at.x + radius < 0) continue;
      context.font = `${institution ? 'bold ' : ''}${FONT_PX}px ${style.font}`;
      const width = context.measureText(text).width;
      // Every cell the label's box touches must be free; an institution tries the lines around.
      let y = at.y;
      let cells = cellsOf(x, y, width);
      for (let step = 1; institution && step <= 4 && cells.some((cell) => taken.has(cell)); step++) {
        y = at.y + (step % 2 ? 1 : -1) * CELL_HEIGHT * Math.ceil(step / 2);
        cells = cellsOf(x, y, width);
      }
      if (cells.some((cell) => taken.has(cell))) continue;
      for (const cell of cells) taken.add(cell);
      if (institution) forced++;
      context.strokeText(text, x, y);
      context.fillText(text, x, y);
      drawn++;
    }
  }
}
