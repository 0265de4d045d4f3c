/**
 * When foreign firms come (Perez-Aleman 2005, 3.2): the first generation of salmon investors was
 * Chilean, and multinationals arrived in the 1990s, once Chile was known as a source of quality.
 * With `mechanisms.foreignEntryOnReputation` a foreign firm entering on its own is drawn by the
 * country's reputation as an acquiring multinational is (the same logistic rise); off, a fixed
 * share of entrants is foreign from the start. The rival, led by foreign investment, keeps it off.
 */
import { describe, expect, it } from 'vitest';
import { getModel } from '../../dist/src/index';
import { at, median, medianAt, runs } from './support';

describe('cluster v2: foreign firms drawn by reputation', () => {
  it('salmon: with reputation out of reach, no foreign firm enters on its own; with the switch off, some do', () => {
    // Acquisitions off, so every foreign-owned firm entered as one.
    const unreachable = { 'mechanisms.acquisitions': false, 'foreign.acquisitionReputation': 1, 'foreign.acquisitionWidth': 0.001 };
    const gated = runs('salmon', unreachable, 12);
    const ungated = runs('salmon', { ...unreachable, 'mechanisms.foreignEntryOnReputation': false }, 12);
    expect(gated.map((r) => at(r, 'foreignOwnedFirms', 2003))).toEqual(gated.map(() => 0));
    expect(median(ungated.map((r) => at(r, 'foreignOwnedFirms', 2003)))).toBeGreaterThan(0);
  });

  it('salmon: at the defaults the foreign firms come later than without it', () => {
    const on = runs('salmon', {}, 24);
    const off = runs('salmon', { 'mechanisms.foreignEntryOnReputation': false }, 24);
    expect(medianAt(off, 'foreignOwnedFirms', 1987)).toBeGreaterThan(medianAt(on, 'foreignOwnedFirms', 1987));
  });

  it('the rivals, led by foreign investment, do not wait for a reputation', () => {
    const gate = (name: string) => (getModel(name).resolve() as Record<string, unknown>)['mechanisms.foreignEntryOnReputation'];
    expect(gate('foreign-imitation')).toBe(false);
    expect(gate('tomato-foreign-imitation')).toBe(false);
    expect(gate('salmon')).toBe(true);
    expect(gate('tomato')).toBe(true);
  });
});
