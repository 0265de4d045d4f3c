/**
 * The seal open to non-members (salmon; Perez-Aleman 2005, 3.2): once the association exists, a
 * farm outside it may carry the seal by paying the certifiers' fee, when the premium is worth it.
 * Sealed output beyond the members' output is the trace of those farms.
 */
import { describe, expect, it } from 'vitest';
import { at, runs } from './support';

/** Years 1990-2003 in which the sealed share of output exceeds the members' share. */
function yearsSealedOutside(r: ReturnType<typeof runs>[number]): number {
  let n = 0;
  for (let year = 1990; year <= 2003; year++) if (at(r, 'certifiedShare', year) > at(r, 'memberOutputShare', year) + 1e-9) n++;
  return n;
}

describe('cluster v2: the seal open to non-members', () => {
  it('salmon: non-members carry the seal in at least a third of runs (13 of 24), fewer when the fee is dear; with the switch off, none does', () => {
    const open = runs('salmon', {}, 24);
    const closed = runs('salmon', { 'mechanisms.openSeal': false }, 24);
    const dear = runs('salmon', { 'association.sealFeeUSD': 1e6 }, 24);
    expect(open.filter((r) => yearsSealedOutside(r) > 0).length).toBeGreaterThanOrEqual(8);
    expect(closed.every((r) => yearsSealedOutside(r) === 0)).toBe(true);
    const total = (rs: typeof open) => rs.reduce((n, r) => n + yearsSealedOutside(r), 0);
    expect(total(dear)).toBeLessThan(total(open));
  });

  it('tomato: off by default, so only members are sealed', () => {
    expect(runs('tomato', {}, 12).every((r) => yearsSealedOutside(r) === 0)).toBe(true);
  });
});
