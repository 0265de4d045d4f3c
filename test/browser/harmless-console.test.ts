/**
 * Which console lines the browser tests forgive: exactly the classic notebook's hard-coded widgets
 * loader (its 404 and Chromium's refusal to run the HTML error page), nothing broader.
 */
import { describe, expect, it } from 'vitest';
import { isHarmless } from './support/browser';

const LOADER = 'http://127.0.0.1:33043/nbextensions/widgets/notebook/js/extension.js?v=20261130011952';
const refusal = (url: string) =>
  `Refused to execute script from '${url}' because its MIME type ('text/html') is not executable, and strict MIME type checking is enabled.`;
const notFound = 'Failed to load resource: the server responded with a status of 404 (Not Found)';

describe('console errors the browser tests forgive', () => {
  it('forgives the classic notebook widgets loader: its 404 and the refused script', () => {
    expect(isHarmless({ type: 'error', text: notFound, url: LOADER })).toBe(true);
    expect(isHarmless({ type: 'error', text: refusal(LOADER), url: 'http://127.0.0.1:33043/notebooks/a.ipynb' })).toBe(true);
  });

  it('does not forgive other refused scripts, other 404s or other errors', () => {
    const other = 'http://127.0.0.1:33043/nbextensions/clusterlab/extension.js?v=1';
    expect(isHarmless({ type: 'error', text: refusal(other), url: '' })).toBe(false);
    expect(isHarmless({ type: 'error', text: notFound, url: other })).toBe(false);
    expect(isHarmless({ type: 'error', text: notFound, url: `${LOADER}&x=1` })).toBe(false);
    expect(isHarmless({ type: 'error', text: 'Uncaught TypeError: x is undefined', url: LOADER })).toBe(false);
    expect(isHarmless({ type: 'pageerror', text: refusal(LOADER), url: '' })).toBe(false);
  });
});
