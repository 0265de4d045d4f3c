/**
 * saveFigure(view, 'figure.svg' | 'figure.png' | 'figure.html'): a network or time-series view (or
 * anything `show` accepts: a run, an ensemble, a network history) as a file to keep. The format
 * follows the file's extension. Written to a temporary file in the same folder, flushed and renamed
 * over the target, so an interrupted save never leaves a truncated figure.
 */
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { View, ViewGroup } from './bundle';
import { NETWORK_MIME, TIMESERIES_MIME, type NetworkPayload, type TimeSeriesPayload } from './payloads';
import { networkFigure } from './svg-network';
import { timeseriesFigureSvg } from './svg-timeseries';
import { svgToPng } from './raster';
import { escapeXml } from './escape';
import { show } from './show';

export type FigureFormat = 'svg' | 'png' | 'html';
const FORMATS: readonly FigureFormat[] = ['svg', 'png', 'html'];

export interface SaveFigureOptions {
  /** Which view of a run's pair (network above time series) to save (default: the network). */
  view?: 'network' | 'timeseries';
  /** Year of the network snapshot (default: the view's year, else the last). */
  year?: number;
  /** PNG pixels per figure pixel (default 2, sharp on high-density screens and in print). */
  scale?: number;
}

/** A standalone SVG document of the view, and its title. */
export function figureSvg(target: unknown, options: SaveFigureOptions = {}): { svg: string; title: string; text: string } {
  const view = pickView(target, options.view);
  if (view.mimeType === NETWORK_MIME) {
    const payload = view.payload as NetworkPayload;
    const [first, last] = payload.years;
    if (options.year !== undefined && !(Number.isFinite(options.year) && options.year >= first && options.year <= last)) {
      throw new RangeError(`saveFigure: year must be within the network's years [${first}, ${last}], got ${options.year}`);
    }
    const figure = networkFigure(payload, { year: options.year });
    return { svg: figure.svg, title: `${payload.title ?? 'Cluster network'} in ${figure.year}`, text: view.text };
  }
  if (options.year !== undefined) throw new RangeError('saveFigure: year applies to a network view only');
  const payload = view.payload as TimeSeriesPayload;
  return { svg: timeseriesFigureSvg(payload).svg, title: payload.title ?? 'Time series', text: view.text };
}

/** Writes the figure and returns the absolute path written. */
export function saveFigure(target: unknown, file: string, options: SaveFigureOptions = {}): string {
  if (typeof file !== 'string' || file === '') throw new TypeError('saveFigure: file must be a path ending in .svg, .png or .html');
  const format = extname(file).slice(1).toLowerCase() as FigureFormat;
  if (!FORMATS.includes(format)) {
    throw new RangeError(`saveFigure: the file's extension must be one of .svg, .png, .html, got '${extname(file) || file}'`);
  }
  if (options.scale !== undefined && format !== 'png') throw new RangeError('saveFigure: scale applies to .png only');
  const { svg, title, text } = figureSvg(target, options);
  let bytes: Buffer;
  if (format === 'svg') bytes = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`);
  else if (format === 'png') bytes = svgToPng(svg, { scale: options.scale ?? 2 });
  else bytes = Buffer.from(htmlPage(title, svg, text));
  const path = resolve(file);
  writeAtomically(path, bytes);
  return path;
}

function pickView(target: unknown, which: SaveFigureOptions['view']): View {
  if (which !== undefined && which !== 'network' && which !== 'timeseries') {
    throw new RangeError(`saveFigure: view must be 'network' or 'timeseries', got ${String(which)}`);
  }
  const shown = target instanceof View || target instanceof ViewGroup ? target : show(target);
  const views = shown instanceof ViewGroup ? shown.views : [shown];
  const wanted = which === 'timeseries' ? TIMESERIES_MIME : which === 'network' ? NETWORK_MIME : null;
  const view = wanted ? views.find((v) => v.mimeType === wanted) : views.find((v) => v.mimeType === NETWORK_MIME || v.mimeType === TIMESERIES_MIME);
  if (!view) throw new RangeError(`saveFigure: this has no ${which ?? 'network or time-series'} view`);
  return view;
}

/** A page that opens anywhere, offline: the figure inline, its summary as text below. */
function htmlPage(title: string, svg: string, text: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeXml(title)}</title>`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<style>body{font-family:"DejaVu Sans",Verdana,sans-serif;margin:1.5rem;color:#212121;background:#fff}svg{max-width:100%;height:auto}pre{font-size:12px;color:#555}</style>',
    '</head><body>',
    svg,
    `<pre>${escapeXml(text)}</pre>`,
    '</body></html>',
    '',
  ].join('\n');
}

/** Temporary file in the same folder, flushed to disk, renamed over the target; removed on failure. */
export function writeAtomically(path: string, bytes: Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o644);
  try {
    try {
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (err) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
    throw err;
  }
}
