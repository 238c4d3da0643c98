import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type * as core from 'zod/v4/core';
import { compiledValidator } from '../../../src/contract/compiled-validator.ts';

const compiled = (schema: z.ZodType) => compiledValidator(schema as unknown as core.$ZodType);

const CardLike = z.object({
  card_id: z.string().min(1),
  ts: z.iso.datetime({ offset: true }),
  amount: z.number().min(0).max(1_000_000),
  count: z.int().nonnegative(),
  name: z.string().min(1).max(5),
  kind: z.enum(['a', 'b']),
  flag: z.boolean(),
  tag: z.literal('x').optional(),
  parent: z.number().int().nullable(),
  ids: z.array(z.string().length(2)).max(3),
  inner: z.object({ day: z.iso.date(), code: z.string().regex(/^[A-Z]+$/) }).optional(),
});

const SCHEMAS: Record<string, z.ZodType> = {
  cardLike: CardLike,
  strict: z.strictObject({ a: z.number().multipleOf(0.5), b: z.string().email().optional() }),
  loose: z.looseObject({ a: z.number().lt(10).gt(-10) }),
};

/** Values near the schemas' edges: right and wrong types, bounds, formats, missing and extra keys. */
const anyValue = fc.oneof(
  fc.constantFrom(
    '',
    'a',
    'b',
    'x',
    'ab',
    'abcdef',
    'AB',
    'ab1',
    '2026-03-01T00:00:00.339Z',
    '2026-03-01T00:00:00+01:00',
    '2026-03-01T00:00:00',
    '2026-02-30',
    '2026-02-28',
    'a@b.co',
    '𝟘𝟙',
    null,
    true,
    false,
    undefined,
    0,
    -0,
    0.5,
    1.25,
    -1,
    9.99,
    10,
    1_000_000,
    1_000_000.5,
    2 ** 53,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    9007199254740993n,
    [],
    {},
  ),
  fc.array(fc.constantFrom('ab', 'a', 'xy', 1), { maxLength: 4 }),
  fc.double(),
  fc.string({ maxLength: 6 }),
);

const KEYS = ['card_id', 'ts', 'amount', 'count', 'name', 'kind', 'flag', 'tag', 'parent', 'ids', 'inner', 'a', 'b'];
const anInput = fc.dictionary(
  fc.constantFrom(...KEYS, 'extra'),
  fc.oneof(anyValue, fc.record({ day: anyValue, code: anyValue })),
);

const valid = {
  card_id: 'c1',
  ts: '2026-03-01T00:00:00.339Z',
  amount: 12.5,
  count: 3,
  name: 'Uber',
  kind: 'a',
  flag: false,
  parent: null,
  ids: ['ab'],
};

describe('compiledValidator', () => {
  it('says valid only where zod does, for values near every edge', () => {
    for (const [name, schema] of Object.entries(SCHEMAS)) {
      const check = compiled(schema);
      expect(check, name).toBeDefined();
      fc.assert(
        fc.property(anInput, fc.boolean(), (input, fromValid) => {
          const value = fromValid ? { ...valid, ...input } : input;
          if (check?.(value) === true) expect(schema.safeParse(value).success).toBe(true);
        }),
        { numRuns: 3000 },
      );
    }
  });

  it('says valid for the common valid inputs (the fast path is taken)', () => {
    const check = compiled(CardLike);
    expect(check?.(valid)).toBe(true);
    expect(check?.({ ...valid, tag: 'x', inner: { day: '2026-02-28', code: 'AB' }, extra: 1 })).toBe(true);
    expect(check?.({ ...valid, ts: '2026-03-01T00:00:00+01:00', parent: 3 })).toBe(true);
    expect(compiled(SCHEMAS.strict as z.ZodType)?.({ a: 1.5 })).toBe(true);
  });

  it('leaves to zod what it cannot judge: bigints, absent required keys, undefined values, sparse arrays', () => {
    const check = compiled(CardLike);
    expect(check?.({ ...valid, count: 9007199254740993n })).toBe(false);
    expect(check?.({ ...valid, card_id: undefined })).toBe(false);
    const { card_id: _, ...withoutId } = valid;
    expect(check?.(withoutId)).toBe(false);
    // biome-ignore lint/suspicious/noSparseArray: a hole is what is tested
    expect(check?.({ ...valid, ids: [, 'ab'] })).toBe(false);
    expect(check?.({ ...valid, name: '𝟘𝟙𝟚𝟛𝟜𝟝' })).toBe(false); // 6 code points (12 UTF-16 units): too long
    expect(check?.({ ...valid, name: '𝟘𝟙𝟚' })).toBe(true); // 3 code points in 6 units: zod counts code points
  });

  it('reads fields by any name: quotes, backslashes, line breaks, inherited names', () => {
    const schema = z.object({
      'a"b': z.string(),
      'c\\d': z.number().optional(),
      'e\nf': z.boolean(),
      toString: z.string(),
    });
    const check = compiled(schema);
    const value = { 'a"b': 'x', 'c\\d': 1, 'e\nf': true, toString: 'y' };
    expect(check?.(value)).toBe(true);
    expect(check?.({ ...value, 'c\\d': undefined })).toBe(false);
    const { 'c\\d': _, ...withoutOptional } = value;
    expect(check?.(withoutOptional)).toBe(true);
    const { toString: __, ...inheritedOnly } = value;
    expect(check?.(inheritedOnly)).toBe(false); // the inherited function is no string: zod says so too
    expect(schema.safeParse(inheritedOnly).success).toBe(false);
  });

  it('compiles no check for schemas with parts only zod can judge', () => {
    expect(compiled(z.object({ a: z.string().transform((s) => s.length) }))).toBeUndefined();
    expect(compiled(z.object({ a: z.string().refine((s) => s !== 'x') }))).toBeUndefined();
    expect(compiled(z.object({ a: z.union([z.string(), z.number()]) }))).toBeUndefined();
    expect(compiled(z.object({ a: z.string().default('x') }))).toBeUndefined();
    expect(compiled(z.object({ a: z.string().trim() }))).toBeUndefined();
    expect(compiled(z.object({ a: z.coerce.number() }))).toBeUndefined();
    expect(compiled(z.object({ a: z.string() }).catchall(z.string()))).toBeUndefined();
  });
});
