/**
 * The time series as a static SVG for frontends without the extension: one panel per metric on a
 * shared year axis, each series a median line over its 5–95 percent band, the paper's values as
 * diamonds (their tooltip names source and section), events as dotted vertical lines.
 */
import type { Panel, TimeSeriesPayload } from './payloads';
import { SERIES_COLOURS } from './colours';
import { escapeXml, num } from './escape';
import { labelRows, shorten } from './event-labels';

const WIDTH = 720;
const PANEL_HEIGHT = 160;
const GAP = 34;
const LEFT = 64;
const RIGHT = 16;
const TOP = 30;

/** Where the chart puts things, in its viewBox units: an interactive layer over the SVG reads it. */
export interface ChartGeometry {
  width: number;
  left: number;
  right: number;
  top: number;
  panelHeight: number;
  gap: number;
  /** The year axis: first and last year drawn. */
  xMin: number;
  xMax: number;
}

export function chartGeometry(payload: TimeSeriesPayload): ChartGeometry {
  const xs: number[] = [];
  for (const panel of payload.panels) {
    for (const s of panel.series) xs.push(...s.x);
    for (const o of panel.observed ?? []) xs.push(o.x);
  }
  for (const e of payload.events ?? []) xs.push(e.x);
  const finiteXs = xs.filter(Number.isFinite);
  const xMin = finiteXs.length ? Math.min(...finiteXs) : 0;
  const xMax = finiteXs.length ? Math.max(...finiteXs) : 1;
  return { width: WIDTH, left: LEFT, right: RIGHT, top: TOP, panelHeight: PANEL_HEIGHT, gap: GAP, xMin, xMax };
}

/** The legend's entries: each series' colour and name, the band's meaning, the sources of the markers. */
interface LegendEntry {
  mark: 'line' | 'note' | 'diamond';
  colour?: string;
  text: string;
}

export function timeseriesSvg(payload: TimeSeriesPayload): string {
  const { svg, legend: entries } = chart(payload);
  const legend = entries
    .map((e) =>
      e.mark === 'line'
        ? `<span style="white-space:nowrap"><span style="color:${e.colour}">━</span> ${escapeXml(e.text)}</span>`
        : e.mark === 'note'
          ? `<span style="white-space:nowrap;opacity:0.8">${escapeXml(e.text)}</span>`
          : `<span style="white-space:nowrap">◆ ${escapeXml(e.text)}</span>`,
    )
    .join(' &nbsp; ');
  const heading = payload.title ? `<div style="font-weight:bold">${escapeXml(payload.title)}</div>` : '';
  return `<div class="cl-static-timeseries">${heading}${svg}<div style="font-size:12px">${legend}</div></div>`;
}

/** The time series as a standalone figure (for files and PNGs): title, panels and legend in one SVG, on white. */
export function timeseriesFigureSvg(payload: TimeSeriesPayload): { svg: string; width: number; height: number } {
  const { svg, height, legend } = chart(payload);
  const top = payload.title ? 26 : 0;
  const parts: string[] = [];
  let x = 8;
  let y = top + height + 16;
  for (const e of legend) {
    const w = 22 + 6.6 * e.text.length;
    if (x > 8 && x + w > WIDTH - 8) {
      x = 8;
      y += 16;
    }
    const mark =
      e.mark === 'line'
        ? `<path d="M0 -4H12" stroke="${e.colour}" stroke-width="3"/>`
        : e.mark === 'diamond'
          ? '<path d="M6 -9L10 -4L6 1L2 -4Z" fill="#212121"/>'
          : '';
    parts.push(`<g transform="translate(${num(x)} ${num(y)})">${mark}<text x="${e.mark === 'note' ? 0 : 16}" y="0">${escapeXml(e.text)}</text></g>`);
    x += w + 10;
  }
  const total = Math.ceil(y + 10);
  const label = escapeXml(payload.title ?? 'Time series');
  const out =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${total}" width="${WIDTH}" height="${total}" role="img" aria-label="${label}" font-family="DejaVu Sans, Verdana, sans-serif">` +
    `<title>${label}</title><rect width="100%" height="100%" fill="#ffffff"/>` +
    (payload.title ? `<text x="8" y="18" font-size="14" font-weight="bold">${label}</text>` : '') +
    `<g transform="translate(0 ${top})">${svg.replace(/^<svg /, '<svg x="0" y="0" ')}</g>` +
    `<g font-size="11" fill="#212121">${parts.join('')}</g></svg>`;
  return { svg: out, width: WIDTH, height: total };
}

function chart(payload: TimeSeriesPayload): { svg: string; height: number; legend: LegendEntry[] } {
  const { panels } = payload;
  const events = payload.events ?? [];
  const { xMin, xMax } = chartGeometry(payload);
  const plotWidth = WIDTH - LEFT - RIGHT;
  const sx = (x: number) => LEFT + ((x - xMin) / (xMax - xMin || 1)) * plotWidth;
  const height = TOP + panels.length * (PANEL_HEIGHT + GAP) + 10;

  const names: string[] = [];
  for (const panel of panels) for (const s of panel.series) if (!names.includes(s.name)) names.push(s.name);
  const colour = (name: string) => SERIES_COLOURS[names.indexOf(name) % SERIES_COLOURS.length];

  const out: string[] = [];
  const label = payload.title ?? 'Time series';
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeXml(label)}" style="max-width:100%;height:auto;font-family:sans-serif;font-size:11px">`,
    `<title>${escapeXml(label)}</title>`,
  );
  const rows = labelRows(events, xMax - xMin, plotWidth);
  panels.forEach((panel, p) => {
    const top = TOP + p * (PANEL_HEIGHT + GAP);
    out.push(drawPanel(panel, top, sx, colour, p === panels.length - 1, xMin, xMax));
    events.forEach((event, k) => {
      if (!Number.isFinite(event.x)) return;
      const x = num(sx(event.x));
      const title = `<title>${escapeXml(`${event.x}: ${event.label}`)}</title>`;
      out.push(`<line x1="${x}" x2="${x}" y1="${top}" y2="${top + PANEL_HEIGHT}" stroke="#888888" stroke-dasharray="2 3">${title}</line>`);
      if (p === 0 && rows[k] >= 0) {
        out.push(
          `<text x="${num(sx(event.x) + 3)}" y="${top + 10 + rows[k] * 11}" font-size="9" fill="#777777">${escapeXml(shorten(event.label))}${title}</text>`,
        );
      }
    });
  });
  out.push('</svg>');

  const sources = new Set<string>();
  for (const panel of panels) for (const o of panel.observed ?? []) sources.add(o.source);
  const legend: LegendEntry[] = [
    ...names.map((name): LegendEntry => ({ mark: 'line', colour: colour(name), text: name })),
    ...(panels.some((panel) => panel.series.some((s) => s.p05 && s.p95)) ? [{ mark: 'note', text: 'shaded: 5–95% of runs' } as LegendEntry] : []),
    ...[...sources].map((source): LegendEntry => ({ mark: 'diamond', text: source })),
  ];
  return { svg: out.join(''), height, legend };
}

function drawPanel(
  panel: Panel,
  top: number,
  sx: (x: number) => number,
  colour: (name: string) => string,
  bottomPanel: boolean,
  xMin: number,
  xMax: number,
): string {
  const values: number[] = [];
  for (const s of panel.series) values.push(...s.median, ...(s.p05 ?? []), ...(s.p95 ?? []));
  for (const o of panel.observed ?? []) values.push(o.y);
  const log = panel.log === true;
  const usable = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  const t = log ? Math.log10 : (v: number) => v;
  let lo = usable.length ? Math.min(...usable.map(t)) : 0;
  let hi = usable.length ? Math.max(...usable.map(t)) : 1;
  if (!log && lo > 0 && lo < hi * 0.5) lo = 0;
  if (hi === lo) {
    hi += 1;
    lo -= log ? 1 : 0;
  }
  const sy = (v: number) => top + PANEL_HEIGHT - ((t(v) - lo) / (hi - lo)) * PANEL_HEIGHT;
  const ok = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v) && (!log || v > 0);
  const out: string[] = [];
  const right = sx(xMax);

  out.push(
    `<text x="${LEFT}" y="${top - 6}" font-weight="bold" font-size="12" fill="currentColor">${escapeXml(panel.label)}${panel.unit ? ` <tspan font-weight="normal" opacity="0.7">(${escapeXml(panel.unit)})</tspan>` : ''}${log ? ' <tspan font-weight="normal" opacity="0.7">log scale</tspan>' : ''}</text>`,
  );
  for (const tick of log ? logTicks(lo, hi) : niceTicks(lo, hi)) {
    const y = num(log ? top + PANEL_HEIGHT - ((tick - lo) / (hi - lo)) * PANEL_HEIGHT : sy(tick));
    const text = log ? formatTick(10 ** tick) : formatTick(tick);
    out.push(`<line x1="${LEFT}" x2="${num(right)}" y1="${y}" y2="${y}" stroke="#8884" stroke-width="0.5"/>`);
    out.push(`<text x="${LEFT - 4}" y="${y}" dy="3" text-anchor="end" fill="currentColor" opacity="0.8">${text}</text>`);
  }
  out.push(`<rect x="${LEFT}" y="${top}" width="${num(right - LEFT)}" height="${PANEL_HEIGHT}" fill="none" stroke="#8888"/>`);
  if (bottomPanel) {
    for (const tick of niceTicks(xMin, xMax)) {
      if (!Number.isInteger(tick)) continue;
      out.push(`<text x="${num(sx(tick))}" y="${top + PANEL_HEIGHT + 14}" text-anchor="middle" fill="currentColor" opacity="0.8">${tick}</text>`);
    }
  }

  for (const s of panel.series) {
    const c = colour(s.name);
    if (s.p05 && s.p95) {
      const upper: string[] = [];
      const lower: string[] = [];
      s.x.forEach((x, i) => {
        if (ok(s.p05![i]) && ok(s.p95![i])) {
          upper.push(`${num(sx(x))},${num(sy(s.p95![i]))}`);
          lower.unshift(`${num(sx(x))},${num(sy(s.p05![i]))}`);
        }
      });
      if (upper.length) out.push(`<polygon points="${upper.concat(lower).join(' ')}" fill="${c}" fill-opacity="0.2" stroke="none"/>`);
    }
    const segments: string[][] = [[]];
    s.x.forEach((x, i) => {
      if (ok(s.median[i])) segments[segments.length - 1].push(`${num(sx(x))},${num(sy(s.median[i]))}`);
      else if (segments[segments.length - 1].length) segments.push([]);
    });
    for (const seg of segments) if (seg.length) out.push(`<polyline points="${seg.join(' ')}" fill="none" stroke="${c}" stroke-width="1.8"/>`);
  }
  for (const o of panel.observed ?? []) {
    if (!ok(o.y) || !Number.isFinite(o.x)) continue;
    const x = sx(o.x);
    const y = sy(o.y);
    out.push(
      `<path d="M${num(x)} ${num(y - 5)}L${num(x + 5)} ${num(y)}L${num(x)} ${num(y + 5)}L${num(x - 5)} ${num(y)}Z" fill="currentColor" stroke="#ffffff" stroke-width="0.8"><title>${escapeXml(
        `${o.source}, section ${o.section}: ${o.label} (${o.x}: ${o.y})`,
      )}</title></path>`,
    );
  }
  return out.join('');
}

/** About five round ticks covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, target = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi <= lo) return [lo];
  const raw = (hi - lo) / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.ceil(lo); e <= Math.floor(hi); e++) ticks.push(e);
  return ticks.length ? ticks : [lo, hi];
}

function formatTick(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (a >= 1e4) return `${Number((v / 1e3).toPrecision(3))}k`;
  return String(Number(v.toPrecision(4)));
}
