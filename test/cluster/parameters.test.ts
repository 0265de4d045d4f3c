import { describe, expect, it } from 'vitest';
import { clusterSchema, resolveParams, salmonModel, tomatoModel, validateValues, MECHANISMS } from '../../dist/src/cluster/index';

describe('cluster v2: parameter schema', () => {
  it('every parameter has a range or kind, a unit, a meaning and a source; one switch per mechanism', () => {
    for (const c of ['tomato', 'salmon'] as const) {
      const specs = clusterSchema(c);
      const paths = new Set(specs.map((s) => s.path));
      expect(paths.size).toBe(specs.length);
      for (const s of specs) {
        expect(s.unit, s.path).toBeTruthy();
        expect(s.meaning.length, s.path).toBeGreaterThan(10);
        expect(s.source, s.path).toBeTruthy();
        if (s.kind !== 'boolean') {
          expect(s.min, s.path).toBeLessThanOrEqual(s.default as number);
          expect(s.max, s.path).toBeGreaterThanOrEqual(s.default as number);
        }
      }
      for (const m of MECHANISMS) expect(paths.has(`mechanisms.${m.name}`)).toBe(true);
      validateValues(specs, resolveParams(specs));
    }
  });

  it('a source that names an assumption is classed as one, and every assumption with a nonzero value is explored', () => {
    for (const c of ['tomato', 'salmon'] as const) {
      const rest = clusterSchema(c).find((s) => s.path === 'market.restOfWorldT');
      expect(rest?.source).toMatch(/^assumption \(/);
      expect(rest?.sourceKind).toBe('assumption');
      for (const s of clusterSchema(c)) {
        if (s.source.startsWith('assumption')) expect(s.sourceKind, s.path).toBe('assumption');
        if (s.sourceKind === 'assumption' && s.kind === 'number' && s.default !== 0) expect(s.explore, s.path).toBeDefined();
      }
    }
  });

  it('bad overrides fail naming the field and the allowed range', () => {
    const specs = clusterSchema('salmon');
    expect(() => resolveParams(specs, { 'market.requirement': 2 })).toThrow(/market\.requirement.*\[0, 1\]/);
    expect(() => resolveParams(specs, { 'market.requirment': 0.5 })).toThrow(/unknown parameter 'market\.requirment'/);
    expect(() => resolveParams(specs, { 'mechanisms.seal': 'yes' })).toThrow(/mechanisms\.seal.*true or false/);
    expect(() => resolveParams(specs, { 'state.pilotYear': 1980.5 })).toThrow(/state\.pilotYear.*integer/);
    expect(() => resolveParams(specs, ['market.requirement'])).toThrow(/path=value/);
    const v = resolveParams(specs, ['mechanisms.seal=false', 'market.requirement=0.6']);
    expect(v['mechanisms.seal']).toBe(false);
    expect(v['market.requirement']).toBe(0.6);
  });

  it('every scenario is a set of known parameters with valid values', () => {
    for (const def of [tomatoModel, salmonModel]) {
      for (const s of def.scenarios!) expect(() => resolveParams(def.parameters, s.set), s.name).not.toThrow();
    }
  });
});
