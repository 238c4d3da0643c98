import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileComparator } from '../../../src/compare/compare-features.ts';
import type { Divergence } from '../../../src/compare/divergence.ts';
import { contractDocumentIssues } from '../../../src/contract/contract-document-issues.ts';
import { defineContract } from '../../../src/contract/define-contract.ts';
import type { FeatureSpec, NanPolicy } from '../../../src/contract/feature-spec.ts';
import { contractFromJsonSchema } from '../../../src/contract/from-json-schema.ts';
import { contractToJson } from '../../../src/contract/to-json-schema.ts';

function contractWith(spec: FeatureSpec, nan?: NanPolicy) {
  return defineContract({
    name: 't',
    version: '1',
    entity: 'id',
    input: z.object({ id: z.string() }),
    features: { f: spec },
    ...(nan === undefined ? {} : { nan }),
  });
}

function compare(spec: FeatureSpec, nan: NanPolicy | undefined, t: number, s: number): Divergence[] {
  return compileComparator(contractWith(spec, nan))({ f: t }, { f: s });
}
const kinds = (ds: Divergence[]): string[] => ds.map((d) => d.kind);
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
    const ds = compileComparator(contractWith(vector, 'equal'))({ f: [Number.NaN] }, { f: [Number.NaN] });
    expect(kinds(ds)).toEqual(['contract']);
  });
  it('is validated in TypeScript and JSON contracts, and round-trips through JSON', () => {
    expect(() => contractWith(float, 'same' as NanPolicy)).toThrow(
      /contract "t" nan: "same" is not one of 'forbid', 'equal', 'diverge'/,
    );
    const contract = contractWith(float, 'diverge');
    const json = JSON.parse(JSON.stringify(contractToJson(contract)));
    expect(json.nan).toBe('diverge');
    expect(contractDocumentIssues(json)).toEqual([]);
    expect(contractFromJsonSchema(json).nan).toBe('diverge');
    expect(contractToJson(contractWith(float)).nan).toBeUndefined();
    json.nan = 'same';
    expect(contractDocumentIssues(json).map((i) => i.path)).toContain('/nan');
  });
});
