import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileComparator } from '../../../src/compare/compare-features.ts';
import type { Divergence } from '../../../src/compare/divergence.ts';
import { defineContract } from '../../../src/contract/define-contract.ts';
import type { FeatureSpec } from '../../../src/contract/feature-spec.ts';

function compareOne(spec: FeatureSpec, training: unknown, serving: unknown): Divergence[] {
  const contract = defineContract({
    name: 't',
    version: '1',
    entity: 'id',
    input: z.object({ id: z.string() }),
    features: { f: spec },
  });
  const t = training === undefined ? {} : { f: training };
  const s = serving === undefined ? {} : { f: serving };
  return compileComparator(contract)(t, s);
}

const kinds = (ds: Divergence[]): string[] => ds.map((d) => d.kind);
const oneInt = defineContract({
  name: 't',
  version: '1',
  entity: 'id',
  input: z.object({ id: z.string() }),
  features: { f: { type: 'int' } },
});

describe('int', () => {
  it('is exact, including -0 and integers beyond 2^53 as bigint', () => {
    expect(compareOne({ type: 'int' }, 3, 3)).toEqual([]);
    expect(compareOne({ type: 'int' }, 0, -0)).toEqual([]);
    expect(compareOne({ type: 'int' }, 9007199254740993n, 9007199254740993n)).toEqual([]);
    expect(compareOne({ type: 'int' }, 5, 5n)).toEqual([]);
  });
  it('reports an off-by-one beyond 2^53 that doubles cannot see', () => {
    const [d] = compareOne({ type: 'int' }, 9007199254740993n, 9007199254740992);
    expect(d?.kind).toBe('value');
    expect(d?.detail).toBe('serving − training = -1');
    expect(d?.cause).toBe('serving lower');
  });
  it('reports a non-integer as a type divergence on that side', () => {
    const [d] = compareOne({ type: 'int' }, 2, 2.5);
    expect(d).toMatchObject({ kind: 'type', side: 'serving' });
    expect(d?.detail).toContain('non-integer number 2.5');
  });
  it('checks the contract range even when both sides agree', () => {
    const [d] = compareOne({ type: 'int', range: { min: 0, max: 23 } }, 24, 24);
    expect(d).toMatchObject({ kind: 'contract', side: 'both', detail: 'both: above max 23' });
  });
});

describe('float', () => {
  const tol: FeatureSpec = { type: 'float', tolerance: { abs: 1e-6, rel: 1e-3 } };
  it('applies |a-b| <= abs + rel*max(|a|,|b|)', () => {
    expect(compareOne(tol, 1000, 1000.9)).toEqual([]);
    expect(kinds(compareOne(tol, 1000, 1001.1))).toEqual(['value']);
    expect(compareOne(tol, 0, 1e-7)).toEqual([]);
    expect(kinds(compareOne(tol, 0, 1e-5))).toEqual(['value']);
  });
  it('treats -0 as 0 with zero tolerance', () => {
    expect(compareOne({ type: 'float' }, -0, 0)).toEqual([]);
  });
  it('accepts NaN == NaN only where the feature allows NaN', () => {
    expect(compareOne({ type: 'float', allowNaN: true }, Number.NaN, Number.NaN)).toEqual([]);
    const [d] = compareOne({ type: 'float' }, Number.NaN, Number.NaN);
    expect(d).toMatchObject({ kind: 'contract', side: 'both' });
    expect(kinds(compareOne({ type: 'float', allowNaN: true }, Number.NaN, 1))).toEqual(['value']);
  });
  it('compares infinities exactly', () => {
    expect(compareOne({ type: 'float' }, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY)).toEqual([]);
    expect(kinds(compareOne(tol, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY))).toEqual(['value']);
  });
  it('reports absolute and relative error', () => {
    const [d] = compareOne({ type: 'float' }, 2, 3);
    expect(d).toMatchObject({ absError: 1, relError: 1 / 3, cause: 'serving higher' });
  });
});

describe('bool, string, category', () => {
  it('bool is exact and 0/1 is a type divergence', () => {
    expect(compareOne({ type: 'bool' }, true, true)).toEqual([]);
    expect(kinds(compareOne({ type: 'bool' }, true, false))).toEqual(['value']);
    expect(compareOne({ type: 'bool' }, true, 1)[0]).toMatchObject({ kind: 'type', side: 'serving' });
  });
  it('strings compare by code points and explain astral differences', () => {
    expect(compareOne({ type: 'string' }, 'a😀b', 'a😀b')).toEqual([]);
    const [d] = compareOne({ type: 'string' }, 'a😀b', 'a😁b');
    expect(d?.detail).toBe('first difference at code point 1: U+1F600 vs U+1F601');
  });
  it('names the shape of a string difference', () => {
    expect(compareOne({ type: 'string' }, 'é', 'e\u0301')[0]?.cause).toBe('Unicode normalisation');
    expect(compareOne({ type: 'string' }, 'Straße', 'straße')[0]?.cause).toBe('letter case');
    expect(compareOne({ type: 'string' }, 'abc ', 'abc')[0]?.cause).toBe('leading/trailing whitespace');
  });
  it('category values must be in the vocabulary or the oov value', () => {
    const spec: FeatureSpec = { type: 'category', values: ['a', 'b'], oov: 'other' };
    expect(compareOne(spec, 'other', 'other')).toEqual([]);
    expect(compareOne(spec, 'zzz', 'zzz')[0]).toMatchObject({
      kind: 'contract',
      detail: 'both: outside the vocabulary (oov is "other")',
    });
    expect(compareOne(spec, 'a', 'b')[0]).toMatchObject({ kind: 'value', cause: 'training=a serving=b' });
  });
  it('string allowed values are checked', () => {
    expect(compareOne({ type: 'string', allowed: ['x'] }, 'y', 'y')[0]?.kind).toBe('contract');
  });
});

describe('timestamp', () => {
  it('normalises ISO strings, Dates and epoch ms', () => {
    const ms = Date.parse('2026-03-08T07:00:00.000Z');
    expect(compareOne({ type: 'timestamp' }, '2026-03-08T07:00:00.000Z', ms)).toEqual([]);
    expect(compareOne({ type: 'timestamp' }, '2026-03-08T02:00:00-05:00', new Date(ms))).toEqual([]);
  });
  it('recognises an hour shift as a time-zone cause and respects ms tolerance', () => {
    const ms = Date.parse('2026-03-08T07:00:00.000Z');
    expect(compareOne({ type: 'timestamp' }, ms, ms + 3_600_000)[0]?.cause).toBe('Δ=+1h (time zone?)');
    expect(compareOne({ type: 'timestamp', tolerance: { ms: 1000 } }, ms, ms + 999)).toEqual([]);
  });
  it('rejects a timestamp without a zone as a type divergence', () => {
    expect(compareOne({ type: 'timestamp' }, '2026-03-08T07:00:00', 0)[0]).toMatchObject({
      kind: 'type',
      side: 'training',
    });
  });
});

describe('vector', () => {
  it('compares element-wise by tolerance', () => {
    const spec: FeatureSpec = { type: 'vector', length: 3, tolerance: { mode: 'elementwise', abs: 0.01 } };
    expect(compareOne(spec, [1, 2, 3], [1, 2.005, 3])).toEqual([]);
    expect(compareOne(spec, [1, 2, 3], [1, 2.5, 3])[0]?.detail).toBe('element 1: 2 vs 2.5');
  });
  it('compares by cosine similarity', () => {
    const spec: FeatureSpec = { type: 'vector', length: 2, tolerance: { mode: 'cosine', minSimilarity: 0.99 } };
    expect(compareOne(spec, [1, 0], [2, 0])).toEqual([]);
    expect(kinds(compareOne(spec, [1, 0], [0, 1]))).toEqual(['value']);
  });
  it('reports a wrong length as a type divergence', () => {
    expect(compareOne({ type: 'vector', length: 3 }, [1, 2, 3], [1, 2])[0]?.detail).toBe(
      'serving: vector has 2 elements, expected 3',
    );
  });
});

describe('null, missing and unexpected', () => {
  it('null on one side only is a null_mismatch', () => {
    expect(compareOne({ type: 'float', nullable: true }, 0, null)[0]).toMatchObject({
      kind: 'null_mismatch',
      side: 'serving',
      cause: 'serving null',
    });
  });
  it('null on both sides is fine only when nullable', () => {
    expect(compareOne({ type: 'int', nullable: true }, null, null)).toEqual([]);
    expect(compareOne({ type: 'int' }, null, null)[0]?.kind).toBe('contract');
  });
  it('an absent key is missing on that side', () => {
    expect(compareOne({ type: 'int' }, 1, undefined)[0]).toMatchObject({ kind: 'missing', side: 'serving' });
  });
  it('a key outside the contract is unexpected', () => {
    const ds = compileComparator(oneInt)({ f: 1 }, { f: 1, extra: 2 });
    expect(ds).toEqual([
      expect.objectContaining({ kind: 'unexpected', feature: 'extra', side: 'serving', serving: 2 }),
    ]);
  });
  it('finds an extra key even when another is missing (same key count)', () => {
    expect(kinds(compileComparator(oneInt)({ f: 1 }, { g: 1 }))).toEqual(['missing', 'unexpected']);
  });
});
