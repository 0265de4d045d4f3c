import { describe, expect, it } from 'vitest';
import { formatEvents, Recorder, recordRows, Scheduler } from '../../dist/src/engine';

describe('scheduler', () => {
  it('runs processes in order, every step or yearly, and skips switched-off ones', () => {
    const log: string[] = [];
    const s = new Scheduler({ startYear: 1990, endYear: 1991, stepsPerYear: 2 });
    s.process('a', (c) => log.push(`a${c.time}`))
      .process('b', (c) => log.push(`b${c.calendarYear}`), { every: 'year' })
      .process('c', () => log.push('c'), { enabled: false });
    s.onYearEnd((y) => log.push(`end${y}`));
    s.run();
    expect(log).toEqual(['a1990', 'b1990', 'a1990.5', 'end1990', 'a1991', 'b1991', 'a1991.5', 'end1991']);
    expect(s.steps).toBe(4);
    expect(s.years).toEqual([1990, 1991]);
    expect(s.step()).toBe(false);
    expect(s.processNames).toEqual(['a', 'b', 'c']);
  });

  it('switches processes by name and names the choices on a typo', () => {
    const s = new Scheduler({ startYear: 2000, endYear: 2000 });
    let n = 0;
    s.process('entry', () => n++);
    s.setEnabled('entry', false).run();
    expect(n).toBe(0);
    expect(() => s.setEnabled('exit', true)).toThrow(/no process named 'exit'; processes: entry/);
    expect(() => new Scheduler({ startYear: 2000, endYear: 1990 })).toThrow(/endYear/);
    expect(() => new Scheduler({ startYear: 2000, endYear: 2001, stepsPerYear: 0 })).toThrow(/stepsPerYear/);
  });
});

describe('recorder', () => {
  it('produces tidy long rows, leaving out years never recorded', () => {
    const r = new Recorder({ startYear: 1985, endYear: 1987, metrics: ['firms', 'exports'] });
    r.record('firms', 1985, 3);
    r.record('firms', 1986, 36);
    r.set(r.metricIndex('exports'), 1987, 38.5);
    expect(Array.from(r.metric('firms'))).toEqual([3, 36, NaN]);
    expect(r.get('exports', 1987)).toBe(38.5);
    expect(r.rows(4, 99)).toEqual([
      { run: 4, seed: 99, year: 1985, metric: 'firms', value: 3 },
      { run: 4, seed: 99, year: 1986, metric: 'firms', value: 36 },
      { run: 4, seed: 99, year: 1987, metric: 'exports', value: 38.5 },
    ]);
    const record = r.toRecord(99);
    r.record('firms', 1985, 1000);
    expect(recordRows(record, 0)[0].value).toBe(3);
  });

  it('keeps an event log and formats it', () => {
    const r = new Recorder({ startYear: 1980, endYear: 1990, metrics: ['firms'] });
    r.event(1986, 'association', 'association founded by 17 firms', { members: 17 });
    r.event(1988, 'program', 'technical cooperation program starts');
    expect(r.events[0]).toEqual({ year: 1986, kind: 'association', text: 'association founded by 17 firms', data: { members: 17 } });
    expect(formatEvents(r.events)).toBe('1986: association founded by 17 firms\n1988: technical cooperation program starts');
  });

  it('rejects unknown metrics and years out of range', () => {
    const r = new Recorder({ startYear: 1980, endYear: 1990, metrics: ['firms'] });
    expect(() => r.record('farms', 1985, 1)).toThrow(/unknown metric 'farms'; metrics: firms/);
    expect(() => r.record('firms', 1991, 1)).toThrow(/year must be an integer in 1980\.\.1990, got 1991/);
    expect(() => new Recorder({ startYear: 1980, endYear: 1990, metrics: ['a', 'a'] })).toThrow(/listed twice/);
  });
});
