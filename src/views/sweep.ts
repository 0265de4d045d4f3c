/**
 * show(x) of a sweep's results (SweepResults, src/experiments/store/results.ts, read here by its
 * shape: views import nothing of the experiments' store): the summary table the results display
 * themselves with, as a View. So `display(r)` and `show(r)` give a notebook the same table, and
 * plain Node (`String(show(r))`, `console.log(show(r))`) its text.
 */
import { MIMEBUNDLE, View } from './bundle';

/** What the views read of a sweep's results. */
export interface SweepResultsLike {
  dir: string;
  summary: { model: string; points: number; replicates: number };
  sql(query: string): Promise<unknown>;
  [MIMEBUNDLE](): Record<string, unknown>;
}

export function isSweepResultsLike(x: unknown): x is SweepResultsLike {
  const r = x as SweepResultsLike | null;
  if (typeof r !== 'object' || r === null || typeof r.dir !== 'string' || typeof r.sql !== 'function' || typeof r[MIMEBUNDLE] !== 'function') return false;
  const s = r.summary;
  return typeof s === 'object' && s !== null && typeof s.model === 'string' && typeof s.points === 'number' && typeof s.replicates === 'number';
}

/** The results' own summary table (HTML and text) as a View. */
export function sweepView(results: SweepResultsLike): View<string> {
  const bundle = results[MIMEBUNDLE]();
  const html = bundle['text/html'];
  const text = bundle['text/plain'];
  if (typeof html !== 'string' || typeof text !== 'string') {
    throw new TypeError(`show: the sweep's summary must have text/html and text/plain, got ${Object.keys(bundle).join(', ') || 'none'}`);
  }
  return new View('text/html', html, html, text);
}
