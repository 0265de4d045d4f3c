import { describe, expect, it } from 'vitest';
import { parameters, scenarios, simulate } from '../../dist/src/index';

describe('parameters', () => {
  it('every parameter has a range, unit, meaning and source, and each default lies in its range', () => {
    const entries = Object.values(parameters);
    expect(entries.length).toBeGreaterThan(150);
    for (const p of entries) {
      expect(p.meaning.length).toBeGreaterThan(10);
      expect(p.source.length).toBeGreaterThan(0);
      expect(p.unit.length).toBeGreaterThan(0);
      for (const v of Object.values(p.defaults)) {
        if (p.kind === 'boolean') expect(typeof v).toBe('boolean');
        else if (p.kind === 'choice') expect(p.choices).toContain(v);
        else {
          expect(v as number).toBeGreaterThanOrEqual(p.min!);
          expect(v as number).toBeLessThanOrEqual(p.max!);
        }
      }
    }
    for (const m of [
      'stateExperiments',
      'coFinancing',
      'association',
      'learningStandard',
      'supplierContracts',
      'tutelage',
      'agglomeration',
      'acquisitions',
      'collectiveReputation',
    ]) {
      expect(parameters[`mechanisms.${m}`].kind).toBe('boolean');
    }
  });

  it('rejects an unknown path, naming it and listing the group', () => {
    expect(() => simulate('tomato', { set: { 'mechanisms.asociation': false } })).toThrow(/unknown parameter 'mechanisms.asociation'.*mechanisms.association/);
    expect(() => simulate('tomato', { set: ['nothing.here=1'] })).toThrow(/unknown parameter 'nothing.here'.*Top-level groups/);
  });

  it('rejects a value out of range, naming parameter, value and range', () => {
    expect(() => simulate('salmon', { set: { 'association.infoValue': 3 } })).toThrow(
      "parameter 'association.infoValue' = 3 is out of range: must be a number in [0, 0.2]",
    );
    expect(() => simulate('salmon', { set: { 'market.lots': 2.5 } })).toThrow(/'market.lots' = 2.5 .*an integer in \[1, 1000\]/);
    expect(() => simulate('salmon', { set: ['mechanisms.association=maybe'] })).toThrow(/must be true or false/);
    expect(() => simulate('salmon', { set: ['market.demandElasticity=abc'] })).toThrow(/'market.demandElasticity' = 'abc' is not a number/);
    expect(() => simulate('arthur-urn', { set: { 'urn.regions': 1 } })).toThrow(/'urn.regions' = 1 is out of range/);
  });

  it('accepts dotted text, nested objects and flat objects alike', () => {
    const a = simulate('tomato', { seed: 2, set: ['mechanisms.association=false'] });
    const b = simulate('tomato', { seed: 2, set: { mechanisms: { association: false } } });
    const c = simulate('tomato', { seed: 2, set: { 'mechanisms.association': false } });
    expect(JSON.stringify(a.series())).toBe(JSON.stringify(b.series()));
    expect(JSON.stringify(a.series())).toBe(JSON.stringify(c.series()));
    expect(Math.max(...a.metric('associationMembers'))).toBe(0);
  });

  it('lists scenarios and rejects an unknown one by name', () => {
    const names = scenarios().map((s) => s.name);
    for (const n of [
      'tomato',
      'salmon',
      'salmon/no-state',
      'tomato/no-collective-action',
      'salmon/no-foreign-ties',
      'arthur-urn',
      'agglomeration-only',
      'fixed-standard',
      'foreign-imitation',
    ]) {
      expect(names).toContain(n);
    }
    expect(() => simulate('tomatoes')).toThrow(/unknown scenario 'tomatoes' \(did you mean 'tomato'\?\); scenarios: tomato, /);
  });
});
