/**
 * SVG to PNG in Node, for figures people keep and for outputs read where scripts do not run (an
 * untrusted notebook, nbviewer, GitHub): resvg (Rust, shipped as a prebuilt binary in the npm
 * package's optional dependencies, no install script) with the DejaVu Sans font from npm, never the
 * system's fonts, so the same figure gives the same bytes on every machine.
 */
import { createRequire } from 'node:module';

type ResvgClass = new (svg: string, options: object) => { render(): { asPng(): Uint8Array } };

let loaded: { Resvg: ResvgClass; fonts: string[] } | null | undefined;
let failure = '';

function load(): { Resvg: ResvgClass; fonts: string[] } | null {
  if (loaded !== undefined) return loaded;
  try {
    const require = createRequire(__filename);
    const { Resvg } = require('@resvg/resvg-js') as { Resvg: ResvgClass };
    const fonts = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => require.resolve(`dejavu-fonts-ttf/ttf/${f}`));
    loaded = { Resvg, fonts };
  } catch (err) {
    // No binary for this platform, say: figures fall back to SVG, and saving a PNG says why.
    failure = err instanceof Error ? err.message : String(err);
    loaded = null;
  }
  return loaded;
}

/** Whether PNGs can be made here. */
export function canRasterize(): boolean {
  return load() !== null;
}

/** The PNG of an SVG document at `scale` times its size (default 1). Throws, with the reason, when resvg cannot load. */
export function svgToPng(svg: string, options: { scale?: number } = {}): Buffer {
  const { scale = 1 } = options;
  if (!(scale > 0 && scale <= 8)) throw new RangeError(`svgToPng: scale must be in (0, 8], got ${scale}`);
  const lib = load();
  if (!lib) throw new Error(`PNG output needs @resvg/resvg-js, which did not load here: ${failure}`);
  const renderer = new lib.Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: lib.fonts, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
  });
  return Buffer.from(renderer.render().asPng());
}
