/**
 * The kernel's logo, drawn from one description: a cluster of firms (nodes) tied to a hub, on a
 * rounded square. `logoSvg()` writes it as SVG; `logoPng(size)` rasterises the same shapes with
 * 4x4 supersampling and encodes a PNG with zlib, so no image tool is needed.
 * Regenerate the files in kernel/ with `node dist/kernel/logo.js`.
 */
import { writeFileAtomic } from '../src/io/atomic';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

type RGB = [number, number, number];
const BACKGROUND: RGB = [0x1d, 0x4e, 0x5f];
const TIE: RGB = [0xa8, 0xd5, 0xc9];
const HUB: RGB = [0xf2, 0xa5, 0x41];
const FIRM: RGB = [0xf7, 0xf3, 0xe8];

// Coordinates on a 64-unit canvas.
const HUB_AT = { x: 32, y: 33, r: 8 };
const FIRMS = [
  { x: 14, y: 16, r: 5 },
  { x: 50, y: 13, r: 5 },
  { x: 53, y: 44, r: 5.5 },
  { x: 33, y: 54, r: 4.5 },
  { x: 11, y: 44, r: 5 },
];
const TIES: [number, number][] = [
  [-1, 0],
  [-1, 1],
  [-1, 2],
  [-1, 3],
  [-1, 4],
  [0, 4],
  [1, 2],
];
const TIE_WIDTH = 2.6;
const CORNER = 12;

const node = (i: number) => (i < 0 ? HUB_AT : FIRMS[i]);
const hex = (c: RGB) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

export function logoSvg(): string {
  const ties = TIES.map(([a, b]) => {
    const p = node(a);
    const q = node(b);
    return `<line x1="${p.x}" y1="${p.y}" x2="${q.x}" y2="${q.y}"/>`;
  }).join('');
  const firms = FIRMS.map((f) => `<circle cx="${f.x}" cy="${f.y}" r="${f.r}"/>`).join('');
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">',
    `<rect width="64" height="64" rx="${CORNER}" fill="${hex(BACKGROUND)}"/>`,
    `<g stroke="${hex(TIE)}" stroke-width="${TIE_WIDTH}" stroke-linecap="round">${ties}</g>`,
    `<g fill="${hex(FIRM)}">${firms}</g>`,
    `<circle cx="${HUB_AT.x}" cy="${HUB_AT.y}" r="${HUB_AT.r}" fill="${hex(HUB)}"/>`,
    '</svg>',
    '',
  ].join('\n');
}

function segmentDistance(px: number, py: number, a: { x: number; y: number }, b: { x: number; y: number }): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((px - a.x) * dx + (py - a.y) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (a.x + t * dx), py - (a.y + t * dy));
}

function insideRoundedSquare(x: number, y: number): boolean {
  const cx = Math.min(Math.max(x, CORNER), 64 - CORNER);
  const cy = Math.min(Math.max(y, CORNER), 64 - CORNER);
  return x >= 0 && y >= 0 && x <= 64 && y <= 64 && Math.hypot(x - cx, y - cy) <= CORNER;
}

/** The colour at a point of the 64-unit canvas, or null outside the logo (transparent). */
function colourAt(x: number, y: number): RGB | null {
  if (!insideRoundedSquare(x, y)) return null;
  if (Math.hypot(x - HUB_AT.x, y - HUB_AT.y) <= HUB_AT.r) return HUB;
  if (FIRMS.some((f) => Math.hypot(x - f.x, y - f.y) <= f.r)) return FIRM;
  if (TIES.some(([a, b]) => segmentDistance(x, y, node(a), node(b)) <= TIE_WIDTH / 2)) return TIE;
  return BACKGROUND;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function logoPng(size: number): Buffer {
  const SAMPLES = 4;
  const scale = 64 / size;
  const rows = Buffer.alloc(size * (1 + size * 4));
  for (let py = 0; py < size; py++) {
    const row = py * (1 + size * 4);
    rows[row] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const c = colourAt((px + (sx + 0.5) / SAMPLES) * scale, (py + (sy + 0.5) / SAMPLES) * scale);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          covered++;
        }
      }
      const at = row + 1 + px * 4;
      if (covered > 0) {
        rows[at] = Math.round(r / covered);
        rows[at + 1] = Math.round(g / covered);
        rows[at + 2] = Math.round(b / covered);
      }
      rows[at + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (require.main === module) {
  const dir = join(__dirname, '..', '..', 'kernel');
  writeFileAtomic(join(dir, 'logo-svg.svg'), logoSvg());
  writeFileAtomic(join(dir, 'logo-64x64.png'), logoPng(64));
  writeFileAtomic(join(dir, 'logo-32x32.png'), logoPng(32));
  process.stdout.write(`wrote logo-svg.svg, logo-64x64.png, logo-32x32.png in ${dir}\n`);
}
