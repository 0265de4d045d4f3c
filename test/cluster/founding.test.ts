/**
 * Who founds the association (Perez-Aleman 2005, 3.2: "17 firms formed" the APSTC): the organising
 * coalition and the firms that decide, in the founding year, to join it.
 */
import { describe, expect, it } from 'vitest';
import { CLUSTER_STATISTICS } from '../../dist/src/cluster/statistics';
import { median, runs } from './support';

const organisers = (r: { events: { kind: string; text: string }[] }) => {
  const e = r.events.find((x) => x.kind === 'association');
  return e ? Number(/founded by (\d+) firms/.exec(e.text)?.[1]) : NaN;
};

describe('the founding assembly', () => {
  it('with no one else deciding in the founding year, the founders are the organising coalition (less any that exit that year)', () => {
    const rs = runs('salmon', { 'association.foundingJoinRate': 0 });
    const founded = rs.filter((r) => Number.isFinite(organisers(r)));
    expect(founded.length).toBeGreaterThan(12);
    for (const r of founded) expect(CLUSTER_STATISTICS.associationFoundingMembers(r)).toBeLessThanOrEqual(organisers(r));
  });

  it('with every firm deciding, firms join the organisers in the founding year', () => {
    const rs = runs('salmon', { 'association.foundingJoinRate': 1 });
    const founded = rs.filter((r) => Number.isFinite(organisers(r)));
    expect(founded.length).toBeGreaterThan(12);
    const joined = founded.map((r) => CLUSTER_STATISTICS.associationFoundingMembers(r) - organisers(r));
    expect(median(joined)).toBeGreaterThan(2);
  });
});
