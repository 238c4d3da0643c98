import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ContractFeatures } from '../../../src/contract/contract.ts';
import { contractDocumentIssues } from '../../../src/contract/contract-document-issues.ts';
import type { FeatureSpec } from '../../../src/contract/feature-spec.ts';
import { contractFromJsonSchema } from '../../../src/contract/from-json-schema.ts';
import { contractToJson, featureJsonSchema } from '../../../src/contract/to-json-schema.ts';
import { compareOne, contractOf, contractWith, kinds } from './_one-feature.ts';

const compare = compareOne;

describe('open categories', () => {
  it('take any string and compare by exact equality', () => {
    const open: FeatureSpec = { type: 'category' };
    expect(compare(open, 'anything', 'anything')).toEqual([]);
    const [d] = compare(open, 'grocery', 'Grocery');
    expect(d?.kind).toBe('value');
    expect(d?.cause).toBe('training=grocery serving=Grocery');
    expect(kinds(compare(open, 1, 1))).toEqual(['type']);
  });
  it('keep a declared vocabulary closed, as before', () => {
    expect(kinds(compare({ type: 'category', values: ['a'] }, 'b', 'b'))).toEqual(['contract']);
    expect(compare({ type: 'category', values: ['a'], oov: 'other' }, 'other', 'other')).toEqual([]);
  });
});

describe('index categories', () => {
  it('take integers, open or with a vocabulary, and compare exactly', () => {
    const open: FeatureSpec = { type: 'category', kind: 'index' };
    expect(compare(open, 17, 17)).toEqual([]);
    expect(compare(open, 3, 3n)).toEqual([]);
    expect(kinds(compare(open, 3, 4))).toEqual(['value']);
    expect(kinds(compare(open, '3', '3'))).toEqual(['type']);
    expect(kinds(compare(open, 1.5, 1.5))).toEqual(['type']);
    const closed: FeatureSpec = { type: 'category', kind: 'index', values: [0, 1, 2], oov: -1 };
    expect(compare(closed, 2, 2)).toEqual([]);
    expect(compare(closed, -1, -1)).toEqual([]);
    const [d] = compare(closed, 7, 7);
    expect(d?.kind).toBe('contract');
    expect(d?.detail).toBe('both: outside the vocabulary (oov is "-1")');
  });
  it('refuse values of the wrong kind, saying to write kind index', () => {
    const numbers = { type: 'category', values: [1, 2] } as unknown as FeatureSpec;
    expect(() => contractOf(numbers)).toThrow(/feature "f"\.values: .*kind: 'index'/);
    const strings = { type: 'category', kind: 'index', values: ['a'] } as unknown as FeatureSpec;
    expect(() => contractOf(strings)).toThrow(/feature "f"\.values/);
    const fractional = { type: 'category', kind: 'index', values: [0.5] } as unknown as FeatureSpec;
    expect(() => contractOf(fractional)).toThrow(/feature "f"\.values/);
  });
  it('infer their TypeScript value types', () => {
    const contract = contractWith({
      open: { type: 'category' },
      index: { type: 'category', kind: 'index' },
      indexed: { type: 'category', kind: 'index', values: [0, 1], oov: -1 },
    });
    expectTypeOf<ContractFeatures<typeof contract>>().toEqualTypeOf<{
      open: string;
      index: number;
      indexed: 0 | 1 | -1;
    }>();
  });
});

describe('category JSON', () => {
  it('exports value schemas by kind and vocabulary', () => {
    expect(featureJsonSchema({ type: 'category' })).toEqual({ type: 'string' });
    expect(featureJsonSchema({ type: 'category', kind: 'index', values: [0, 1], oov: -1 })).toEqual({
      type: 'integer',
      enum: [0, 1, -1],
    });
  });
  it('round-trips open and index categories and reports a vocabulary of the wrong kind', () => {
    const contract = contractWith({
      open: { type: 'category' },
      index: { type: 'category', kind: 'index', values: [0, 1], oov: -1 },
    });
    const json = JSON.parse(JSON.stringify(contractToJson(contract)));
    expect(contractDocumentIssues(json)).toEqual([]);
    expect(contractFromJsonSchema(json).features).toEqual(contract.features);
    json.features.index.values = ['a', 'b'];
    expect(contractDocumentIssues(json).map((i) => i.path)).toEqual(['/features/index/values']);
  });
});
