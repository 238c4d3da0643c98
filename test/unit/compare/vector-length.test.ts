import { describe, expect, it } from 'vitest';
import { contractDocumentIssues } from '../../../src/contract/contract-document-issues.ts';
import type { FeatureSpec } from '../../../src/contract/feature-spec.ts';
import { contractFromJsonSchema } from '../../../src/contract/from-json-schema.ts';
import { contractToJson, featureJsonSchema } from '../../../src/contract/to-json-schema.ts';
import { compareOne, contractOf } from './_one-feature.ts';

const compare = compareOne;

describe('vectors without a length', () => {
  const free: FeatureSpec = { type: 'vector' };
  it('accept a length that varies across records', () => {
    expect(compare(free, [1, 2], [1, 2])).toEqual([]);
    expect(compare(free, [1, 2, 3, 4], [1, 2, 3, 4])).toEqual([]);
    expect(compare(free, [], [])).toEqual([]);
  });
  it('report a length mismatch between the sides as a value divergence with its cause', () => {
    const [d] = compare(free, [1, 2, 3], [1, 2]);
    expect(d?.kind).toBe('value');
    expect(d?.detail).toBe('training has 3 elements, serving 2');
    expect(d?.cause).toBe('vector length mismatch');
    const cosine: FeatureSpec = { type: 'vector', tolerance: { mode: 'cosine', minSimilarity: 0.9 } };
    expect(compare(cosine, [1, 0], [1, 0, 0])[0]?.cause).toBe('vector length mismatch');
  });
  it('still compare elements by the tolerance', () => {
    const tol: FeatureSpec = { type: 'vector', tolerance: { mode: 'elementwise', abs: 0.01 } };
    expect(compare(tol, [1, 2], [1, 2.005])).toEqual([]);
    expect(compare(tol, [1, 2], [1, 2.5])[0]?.detail).toBe('element 1: 2 vs 2.5');
  });
  it('keep a declared length a type check, as before', () => {
    const [d] = compare({ type: 'vector', length: 2 }, [1, 2, 3], [1, 2, 3]);
    expect(d?.kind).toBe('type');
    expect(d?.detail).toBe('both: vector has 3 elements, expected 2');
  });
  it('export and round-trip through JSON', () => {
    expect(featureJsonSchema(free)).toEqual({ type: 'array', items: { type: 'number' } });
    const json = JSON.parse(JSON.stringify(contractToJson(contractOf(free))));
    expect(contractDocumentIssues(json)).toEqual([]);
    expect(contractFromJsonSchema(json).features).toEqual({ f: free });
    json.features.f.length = 0;
    expect(contractDocumentIssues(json).map((i) => i.path)).toEqual(['/features/f/length']);
    expect(() => contractOf({ type: 'vector', length: 0 })).toThrow(/feature "f"\.length/);
  });
});
