/**
 * Live progress of a sweep: runs done, rate and time left, in one updating output. In the kernel
 * it is a display with a display id that each update replaces (the kernel registers its `display`
 * under a global symbol, so this layer never imports the kernel); in a terminal, one line on
 * stderr rewritten in place; elsewhere (a pipe, a test) nothing.
 */

export interface SweepProgress {
  model: string;
  total: number;
  /** Runs finished, including those finished before this call (a resume). */
  done: number;
  failed: number;
  /** Runs finished by this call, and its elapsed time: the rate and time left come from these. */
  doneNow: number;
  elapsedMs: number;
}

export type ProgressSink = (p: SweepProgress, final: boolean) => void;

export function rate(p: SweepProgress): number {
  return p.elapsedMs > 0 ? (p.doneNow * 1000) / p.elapsedMs : 0;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** "4,000 / 10,000 runs (40%), 2 failed, 1,234 runs/s, 5 s left". */
export function progressText(p: SweepProgress, final = false, timing = true): string {
  const pct = p.total ? Math.floor((100 * p.done) / p.total) : 100;
  const r = rate(p);
  const left = r > 0 ? ((p.total - p.done) / r) * 1000 : Infinity;
  const parts = [`${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} runs (${pct}%)`];
  if (p.failed) parts.push(`${p.failed.toLocaleString('en-US')} failed`);
  if (timing) {
    parts.push(`${Math.round(r).toLocaleString('en-US')} runs/s`);
    parts.push(final ? `${formatDuration(p.elapsedMs)} elapsed` : `${formatDuration(left)} left`);
  }
  return `sweep ${p.model}: ${parts.join(', ')}`;
}

type DisplayFn = (value: unknown, options: { displayId: true }) => { update(value: unknown): void };

const KERNEL_DISPLAY = Symbol.for('clusterlab.display');
const MIMEBUNDLE = Symbol.for('jupyter.mimebundle');

/**
 * The notebook's display: the final state leaves out the rate and the time, so a notebook saved
 * after a sweep reproduces whether the sweep ran now or was already finished.
 */
function bundle(p: SweepProgress, final: boolean): object {
  const text = progressText(p, final, !final);
  const esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const html = `<div class="clusterlab-progress"><progress value="${p.done}" max="${p.total}" style="width:20em"></progress> <span>${esc}</span></div>`;
  return { [MIMEBUNDLE]: () => ({ 'text/plain': text, 'text/html': html }) };
}

/** A progress sink drawing into the kernel's display (one output, updated), if in the kernel. */
function kernelSink(): ProgressSink | null {
  const display = (globalThis as Record<symbol, unknown>)[KERNEL_DISPLAY] as DisplayFn | undefined;
  if (typeof display !== 'function') return null;
  let handle: { update(value: unknown): void } | null = null;
  return (p, final) => {
    if (!handle) handle = display(bundle(p, final), { displayId: true });
    else handle.update(bundle(p, final));
  };
}

/** A progress bar on a terminal's stderr. */
export function ttySink(stream: NodeJS.WriteStream = process.stderr): ProgressSink {
  return (p, final) => {
    const width = 24;
    const filled = p.total ? Math.round((width * p.done) / p.total) : width;
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${progressText(p, final)}`;
    const columns = stream.columns ?? 100;
    stream.write(`\r${line.slice(0, Math.max(20, columns - 1)).padEnd(Math.min(columns - 1, line.length))}\x1b[K${final ? '\n' : ''}`);
  };
}

/** The sink `'auto'` picks: the kernel's display, else a terminal's stderr, else none. */
export function autoSink(): ProgressSink | null {
  return kernelSink() ?? (process.stderr.isTTY ? ttySink() : null);
}

/** Calls `sink` at most every `everyMs` (and always for the final state). */
export function throttled(sink: ProgressSink, everyMs = 200): ProgressSink {
  let last = -Infinity;
  return (p, final) => {
    const now = Date.now();
    if (!final && now - last < everyMs) return;
    last = now;
    sink(p, final);
  };
}
