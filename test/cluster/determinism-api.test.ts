import { describe, expect, it } from 'vitest';
import { ensemble, ensembleParallel, simulate } from '../../dist/src/index';

describe('determinism', () => {
  for (const scenario of ['tomato', 'salmon', 'arthur-urn']) {
    it(`${scenario}: the same seed gives byte-identical series and events`, () => {
      const a = simulate(scenario, { seed: 42 });
      const b = simulate(scenario, { seed: 42 });
      expect(JSON.stringify(a.series())).toBe(JSON.stringify(b.series()));
      expect(JSON.stringify(a.events)).toBe(JSON.stringify(b.events));
      const c = simulate(scenario, { seed: 43 });
      expect(JSON.stringify(c.series())).not.toBe(JSON.stringify(a.series()));
    });
  }

  it('a replication does not depend on how many runs the ensemble has', () => {
    const small = ensemble('salmon', { seeds: 3 });
    const large = ensemble('salmon', { seeds: 7 });
    for (let i = 0; i < 3; i++) {
      expect(large.seeds[i]).toBe(small.seeds[i]);
      expect(Array.from(large.runs[i].values)).toEqual(Array.from(small.runs[i].values));
    }
  });

  it('an ensemble split across worker threads equals the single-thread one', async () => {
    const one = ensemble('tomato', { seeds: 6, set: { 'mechanisms.association': false } });
    const two = await ensembleParallel('tomato', { seeds: 6, workers: 2, set: { 'mechanisms.association': false } });
    expect(two.seeds).toEqual(one.seeds);
    expect(JSON.stringify(two.summary)).toBe(JSON.stringify(one.summary));
  });

  it('switching off a process does not shift the random numbers of the others', () => {
    // Acquisitions draw from their own stream: before any acquisition can happen (reputation below
    // the bar) runs with and without the mechanism are identical.
    const on = simulate('salmon', { seed: 5 });
    const off = simulate('salmon', { seed: 5, set: { 'mechanisms.acquisitions': false } });
    const first = on.events.find((e) => e.kind === 'acquisition')?.year ?? 2004;
    const upTo = on.years.indexOf(first - 1);
    expect(Array.from(on.metric('firms').slice(0, upTo))).toEqual(Array.from(off.metric('firms').slice(0, upTo)));
  });
});

describe('ensemble options', () => {
  it('says where worker threads are when asked for them in the synchronous ensemble', () => {
    expect(() => ensemble('salmon', { seeds: 2, workers: 2 })).toThrow(/use await ensembleParallel/);
    expect(() => ensemble('salmon', { seeds: 0 })).toThrow(/seeds must be an integer count in 1\.\.1000000/);
  });
});
