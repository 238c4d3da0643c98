import { describe, expect, it } from 'vitest';
import { contractDocumentIssues } from '../../../src/contract/contract-document-issues.ts';
import type { FeatureSpec } from '../../../src/contract/feature-spec.ts';
import { contractFromJsonSchema } from '../../../src/contract/from-json-schema.ts';
import { contractToJson } from '../../../src/contract/to-json-schema.ts';
import { compareOne, contractOf } from './_one-feature.ts';

describe('tolerance rule', () => {
  // abs 0.1, rel 0.1: numpy allows abs + rel*max = 0.1 + 0.1*1.15 = 0.215; isclose allows max(0.115, 0.1) = 0.115.
  const between = [1, 1.15] as const;
  // With the same abs and rel, numpy's bound is never below isclose's: no pair passes isclose and fails numpy.
  it('numpy (the default) sums abs and rel', () => {
    expect(compareOne({ type: 'float', tolerance: { abs: 0.1, rel: 0.1 } }, ...between)).toEqual([]);
    expect(compareOne({ type: 'float', tolerance: { abs: 0.1, rel: 0.1, rule: 'numpy' } }, ...between)).toEqual([]);
  });
  it('isclose takes the larger of abs and rel, so a pair numpy passes fails under isclose', () => {
    const [d] = compareOne({ type: 'float', tolerance: { abs: 0.1, rel: 0.1, rule: 'isclose' } }, ...between);
    expect(d?.kind).toBe('value');
    expect(d?.detail).toContain('abs 0.1 or rel 0.1');
  });
  it('isclose passes a pair within abs alone or within rel alone', () => {
    const spec: FeatureSpec = { type: 'float', tolerance: { abs: 0.5, rel: 0.01, rule: 'isclose' } };
    expect(compareOne(spec, 0, 0.4)).toEqual([]);
    expect(compareOne(spec, 1000, 1009)).toEqual([]);
    expect(compareOne(spec, 1000, 1011)).toHaveLength(1);
  });
  it('applies to elementwise vector tolerance', () => {
    const tol = { mode: 'elementwise', abs: 0.1, rel: 0.1 } as const;
    expect(compareOne({ type: 'vector', length: 2, tolerance: tol }, [0, 1], [0, 1.15])).toEqual([]);
    const isclose: FeatureSpec = { type: 'vector', length: 2, tolerance: { ...tol, rule: 'isclose' } };
    expect(compareOne(isclose, [0, 1], [0, 1.15])).toHaveLength(1);
  });
  it('rejects an unknown rule in TypeScript and JSON contracts, and round-trips through JSON', () => {
    const bad = { type: 'float', tolerance: { rule: 'close' } } as unknown as FeatureSpec;
    expect(() => compareOne(bad, 1, 1)).toThrow(/feature "f"\.tolerance\.rule/);
    const contract = contractOf({ type: 'float', tolerance: { abs: 0.1, rule: 'isclose' } });
    const json = JSON.parse(JSON.stringify(contractToJson(contract)));
    expect(contractDocumentIssues(json)).toEqual([]);
    expect(contractFromJsonSchema(json).features).toEqual(contract.features);
    json.features.f.tolerance.rule = 'close';
    expect(contractDocumentIssues(json).map((i) => i.path)).toContain('/features/f/tolerance/rule');
  });
});
