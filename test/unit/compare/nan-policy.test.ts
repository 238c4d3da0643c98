import { describe, expect, it } from 'vitest';
import type { Divergence } from '../../../src/compare/divergence.ts';
import { contractDocumentIssues } from '../../../src/contract/contract-document-issues.ts';
import type { FeatureSpec, NanPolicy } from '../../../src/contract/feature-spec.ts';
import { contractFromJsonSchema } from '../../../src/contract/from-json-schema.ts';
import { contractToJson } from '../../../src/contract/to-json-schema.ts';
import { compareOne, contractOf, kinds } from './_one-feature.ts';

const compare = (spec: FeatureSpec, nan: NanPolicy | undefined, t: number, s: number): Divergence[] =>
  compareOne(spec, t, s, nan);
const float: FeatureSpec = { type: 'float' };

describe('contract-level NaN policy', () => {
  it('forbid (the default, as before): NaN is a contract violation; NaN on one side a value divergence', () => {
    for (const nan of [undefined, 'forbid'] as const) {
      expect(kinds(compare(float, nan, Number.NaN, Number.NaN))).toEqual(['contract']);
      const [d] = compare(float, nan, Number.NaN, 1);
      expect(d?.kind).toBe('value');
      expect(d?.detail).toBe('training is NaN (NaN not allowed)');
    }
  });
  it('equal: NaN is legal and equals NaN, and differs from a number', () => {
    expect(compare(float, 'equal', Number.NaN, Number.NaN)).toEqual([]);
    const [d] = compare(float, 'equal', 1, Number.NaN);
    expect(d?.kind).toBe('value');
    expect(d?.detail).toBe('serving is NaN');
  });
  it('diverge: NaN is legal but equals nothing, not even NaN', () => {
    const [d] = compare(float, 'diverge', Number.NaN, Number.NaN);
    expect(d?.kind).toBe('value');
    expect(d?.cause).toBe('both NaN');
    expect(kinds(compare(float, 'diverge', Number.NaN, 2))).toEqual(['value']);
    expect(compare(float, 'diverge', 2, 2)).toEqual([]);
  });
  it("a feature's allowNaN overrides the contract's policy both ways", () => {
    const allowed: FeatureSpec = { type: 'float', allowNaN: true };
    const forbidden: FeatureSpec = { type: 'float', allowNaN: false };
    expect(compare(allowed, 'diverge', Number.NaN, Number.NaN)).toEqual([]);
    expect(compare(allowed, undefined, Number.NaN, Number.NaN)).toEqual([]);
    expect(kinds(compare(forbidden, 'equal', Number.NaN, Number.NaN))).toEqual(['contract']);
  });
  it('does not change vectors: a NaN element is a contract violation', () => {
    const vector: FeatureSpec = { type: 'vector', length: 1 };
    const ds = compareOne(vector, [Number.NaN], [Number.NaN], 'equal');
    expect(kinds(ds)).toEqual(['contract']);
  });
  it('is validated in TypeScript and JSON contracts, and round-trips through JSON', () => {
    expect(() => contractOf(float, 'same' as NanPolicy)).toThrow(
      /contract "t" nan: "same" is not one of 'forbid', 'equal', 'diverge'/,
    );
    const contract = contractOf(float, 'diverge');
    const json = JSON.parse(JSON.stringify(contractToJson(contract)));
    expect(json.nan).toBe('diverge');
    expect(contractDocumentIssues(json)).toEqual([]);
    expect(contractFromJsonSchema(json).nan).toBe('diverge');
    expect(contractToJson(contractOf(float)).nan).toBeUndefined();
    json.nan = 'same';
    expect(contractDocumentIssues(json).map((i) => i.path)).toContain('/nan');
  });
});
