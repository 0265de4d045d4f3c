/**
 * Escaping for the static fallbacks. Every string from data (firm names, metric labels, event
 * texts) passes through here before it enters SVG or HTML, so `<img src=x onerror=...>` is text.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in element content and in double- or single-quoted attribute values. */
export function escapeXml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A number for SVG coordinates: short, and never NaN text in the markup. */
export function num(v: number): string {
  if (!Number.isFinite(v)) return '0';
  return String(Math.round(v * 10) / 10);
}
