/**
 * A sensitivity result as a bar chart with intervals: Sobol first-order and total indices, or
 * Morris mu* and sigma, one row of bars per parameter, most influential first. A static SVG (every
 * frontend draws it), an HTML table beside it, a plain-text table, and a Plotly figure for
 * frontends that render Plotly. The result's shape is read structurally: views import no analysis.
 */
import { MIMEBUNDLE, View, type MimeBundle } from './bundle';
import { SERIES_COLOURS } from './colours';
import { escapeXml, num } from './escape';

export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

interface SobolLike {
  method: 'sobol';
  outcome: string;
  label: string;
  confidence: number;
  rows: { parameter: string; S1: number; S1Low: number; S1High: number; ST: number; STLow: number; STHigh: number }[];
}

interface MorrisLike {
  method: 'morris';
  outcome: string;
  label: string;
  confidence: number;
  rows: { parameter: string; mu: number; muStar: number; muStarLow: number; muStarHigh: number; sigma: number }[];
}

export type SensitivityLike = SobolLike | MorrisLike;

export function isSensitivityResult(x: unknown): x is SensitivityLike {
  const r = x as SensitivityLike;
  return typeof r === 'object' && r !== null && (r.method === 'sobol' || r.method === 'morris') && Array.isArray(r.rows) && typeof r.outcome === 'string';
}

interface BarSeries {
  name: string;
  values: number[];
  low?: number[];
  high?: number[];
}

function bars(result: SensitivityLike): { parameters: string[]; series: BarSeries[]; axis: string } {
  if (result.method === 'sobol') {
    const rows = [...result.rows].sort((a, b) => b.ST - a.ST);
    return {
      parameters: rows.map((r) => r.parameter),
      axis: 'share of output variance',
      series: [
        { name: 'first-order S1', values: rows.map((r) => r.S1), low: rows.map((r) => r.S1Low), high: rows.map((r) => r.S1High) },
        { name: 'total ST', values: rows.map((r) => r.ST), low: rows.map((r) => r.STLow), high: rows.map((r) => r.STHigh) },
      ],
    };
  }
  const rows = [...result.rows].sort((a, b) => b.muStar - a.muStar);
  return {
    parameters: rows.map((r) => r.parameter),
    axis: `change in ${result.outcome} per parameter range`,
    series: [
      { name: 'mu* (importance)', values: rows.map((r) => r.muStar), low: rows.map((r) => r.muStarLow), high: rows.map((r) => r.muStarHigh) },
      { name: 'sigma (non-linearity, interactions)', values: rows.map((r) => r.sigma) },
    ],
  };
}

const WIDTH = 720;
const LEFT = 230;
const RIGHT = 24;
const TOP = 72;
const ROW = 34;

function title(result: SensitivityLike): string {
  const method = result.method === 'sobol' ? 'Sobol indices' : 'Morris elementary effects';
  return `${method} of ${result.outcome}${result.label ? ` (${result.label})` : ''}`;
}

export function sensitivitySvg(result: SensitivityLike): string {
  const { parameters, series, axis } = bars(result);
  const height = TOP + parameters.length * ROW + 44;
  const values = series.flatMap((s) => [...s.values, ...(s.high ?? [])]).filter(Number.isFinite);
  const lows = series.flatMap((s) => [...s.values, ...(s.low ?? [])]).filter(Number.isFinite);
  const xMax = Math.max(result.method === 'sobol' ? 1 : 0, ...values, 1e-12);
  const xMin = Math.min(0, ...lows);
  const plot = WIDTH - LEFT - RIGHT;
  const sx = (v: number) => LEFT + ((Math.max(xMin, Math.min(xMax, v)) - xMin) / (xMax - xMin)) * plot;
  const barHeight = (ROW - 10) / series.length;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12" role="img" aria-label="${escapeXml(title(result))}">`,
  );
  out.push(`<rect width="${WIDTH}" height="${height}" fill="white"/>`);
  out.push(`<text x="12" y="18" font-size="14" font-weight="bold">${escapeXml(title(result))}</text>`);
  series.forEach((s, k) => {
    const x = 12 + k * 260;
    out.push(`<rect x="${x}" y="28" width="12" height="12" fill="${SERIES_COLOURS[k]}"/><text x="${x + 16}" y="38">${escapeXml(s.name)}</text>`);
  });
  if (series.some((s) => s.low)) out.push(`<text x="12" y="56" fill="#555">whiskers: ${Math.round(result.confidence * 100)}% bootstrap interval</text>`);
  // Ticks at 1, 2 or 5 times a power of ten.
  const raw = (xMax - xMin) / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((v) => v >= raw * 0.9) ?? raw;
  for (let v = Math.ceil(xMin / step) * step; v <= xMax + step * 1e-9; v += step) {
    const x = sx(v);
    out.push(`<line x1="${num(x)}" y1="${TOP - 4}" x2="${num(x)}" y2="${TOP + parameters.length * ROW}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${num(x)}" y="${TOP + parameters.length * ROW + 16}" text-anchor="middle" fill="#333">${escapeXml(Number(v.toPrecision(6)))}</text>`);
  }
  out.push(`<text x="${LEFT + plot / 2}" y="${TOP + parameters.length * ROW + 34}" text-anchor="middle" fill="#333">${escapeXml(axis)}</text>`);
  parameters.forEach((p, i) => {
    const y0 = TOP + i * ROW;
    out.push(`<text x="${LEFT - 8}" y="${y0 + ROW / 2}" text-anchor="end" dominant-baseline="middle">${escapeXml(p)}</text>`);
    series.forEach((s, k) => {
      const y = y0 + 4 + k * barHeight;
      const v = s.values[i];
      const a = sx(Math.min(0, v));
      const b = sx(Math.max(0, v));
      out.push(
        `<rect x="${num(a)}" y="${num(y)}" width="${num(Math.max(0.5, b - a))}" height="${num(barHeight - 2)}" fill="${SERIES_COLOURS[k]}" fill-opacity="0.8"><title>${escapeXml(`${p}: ${s.name} ${v.toPrecision(3)}`)}</title></rect>`,
      );
      if (s.low && s.high) {
        const ym = y + (barHeight - 2) / 2;
        const lo = sx(s.low[i]);
        const hi = sx(s.high[i]);
        out.push(
          `<path d="M${num(lo)} ${num(ym)}H${num(hi)}M${num(lo)} ${num(ym - 4)}V${num(ym + 4)}M${num(hi)} ${num(ym - 4)}V${num(ym + 4)}" stroke="#222" stroke-width="1.2" fill="none"/>`,
        );
      }
    });
  });
  out.push(`<line x1="${num(sx(0))}" y1="${TOP - 4}" x2="${num(sx(0))}" y2="${TOP + parameters.length * ROW}" stroke="#333"/>`);
  out.push('</svg>');
  return out.join('');
}

function fmt(v: number): string {
  return Number.isFinite(v) ? Number(v.toPrecision(3)).toString() : String(v);
}

/** Rows of the plain and HTML tables, most influential first. */
export function sensitivityTable(result: SensitivityLike): { columns: string[]; rows: string[][] } {
  if (result.method === 'sobol') {
    const rows = [...result.rows].sort((a, b) => b.ST - a.ST);
    return {
      columns: ['parameter', 'S1', 'S1 low', 'S1 high', 'ST', 'ST low', 'ST high'],
      rows: rows.map((r) => [r.parameter, fmt(r.S1), fmt(r.S1Low), fmt(r.S1High), fmt(r.ST), fmt(r.STLow), fmt(r.STHigh)]),
    };
  }
  const rows = [...result.rows].sort((a, b) => b.muStar - a.muStar);
  return {
    columns: ['parameter', 'mu*', 'mu* low', 'mu* high', 'mu', 'sigma'],
    rows: rows.map((r) => [r.parameter, fmt(r.muStar), fmt(r.muStarLow), fmt(r.muStarHigh), fmt(r.mu), fmt(r.sigma)]),
  };
}

function plotlyFigure(result: SensitivityLike): unknown {
  const { parameters, series, axis } = bars(result);
  return {
    data: series.map((s, k) => ({
      type: 'bar',
      orientation: 'h',
      name: s.name,
      y: parameters,
      x: s.values,
      marker: { color: SERIES_COLOURS[k] },
      ...(s.low && s.high
        ? { error_x: { type: 'data', symmetric: false, array: s.high.map((h, i) => h - s.values[i]), arrayminus: s.low.map((l, i) => s.values[i] - l) } }
        : {}),
    })),
    layout: {
      title: { text: title(result) },
      barmode: 'group',
      xaxis: { title: { text: axis } },
      yaxis: { autorange: 'reversed' },
      height: 120 + parameters.length * 40,
    },
  };
}

/** The bar chart as a displayable view (SVG + HTML table + text + Plotly figure). */
export class SensitivityView extends View<string> {
  constructor(readonly result: SensitivityLike) {
    const svg = sensitivitySvg(result);
    const { columns, rows } = sensitivityTable(result);
    const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
    const line = (xs: string[]) => xs.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
    const text = [title(result), line(columns), ...rows.map(line)].join('\n');
    const table = `<table><thead><tr>${columns.map((c) => `<th>${escapeXml(c)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${escapeXml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
    super('image/svg+xml', svg, `<div class="clusterlab-sensitivity">${svg}${table}</div>`, text);
  }

  override [MIMEBUNDLE](): MimeBundle {
    return { ...super[MIMEBUNDLE](), [PLOTLY_MIME]: plotlyFigure(this.result) };
  }
}

export function sensitivityView(result: SensitivityLike): SensitivityView {
  if (!isSensitivityResult(result)) throw new TypeError('sensitivityView: expected a Morris or Sobol result { method, outcome, rows }');
  return new SensitivityView(result);
}
