/**
 * IPython's help convention: a cell that is only `name?` (or `?name`) shows what the kernel knows
 * about `name` in the pager; `name??` adds its source. A lone `?` is never valid TypeScript at
 * the end or start of a cell, so these cells cannot be mistaken for code.
 */
export interface PagerRequest {
  /** The (possibly dotted) name asked about. */
  name: string;
  /** 0 for `?`, 1 for `??`. */
  detail: 0 | 1;
}

const NAME = '[A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)*';
const SUFFIX = new RegExp(`^\\s*(${NAME})\\s*(\\?\\??)\\s*$`);
const PREFIX = new RegExp(`^\\s*(\\?\\??)\\s*(${NAME})\\s*$`);

export function parsePagerRequest(code: string): PagerRequest | null {
  const suffix = SUFFIX.exec(code);
  if (suffix) return { name: suffix[1].replace(/\s+/g, ''), detail: suffix[2].length === 2 ? 1 : 0 };
  const prefix = PREFIX.exec(code);
  if (prefix) return { name: prefix[2].replace(/\s+/g, ''), detail: prefix[1].length === 2 ? 1 : 0 };
  return null;
}

/** The text paged for a name: its type and documentation, and with `??` a function's source. */
export function pageText(info: string, source: string | null): string {
  return source ? `${info}\n\nSource (as compiled to JavaScript):\n${source}` : info;
}
