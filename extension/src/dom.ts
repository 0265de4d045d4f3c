/**
 * Small DOM helpers. Text from payloads only ever enters the page through `textContent` or
 * attribute setters, never through innerHTML, so a label like `<img src=x onerror=...>` stays text.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Calls `onChange` whenever JupyterLab switches between light and dark themes. */
export function watchTheme(onChange: () => void): () => void {
  if (typeof MutationObserver === 'undefined' || !document.body) return () => undefined;
  const observer = new MutationObserver(onChange);
  observer.observe(document.body, { attributes: true, attributeFilter: ['data-jp-theme-light', 'data-jp-theme-name'] });
  return () => observer.disconnect();
}

export function showError(host: HTMLElement, err: unknown): void {
  host.replaceChildren(el('pre', 'cl-error', err instanceof Error ? err.message : String(err)));
}
