import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { encodeInput } from '../../../src/contract/encode-input.ts';

const Input = z.object({
  price: z.number(),
  count: z.number().int(),
  optionalPrice: z.number().nullable().optional(),
  prices: z.array(z.number()),
  nested: z.object({ rate: z.number(), id: z.number().int() }),
  id: z.union([z.number().int(), z.bigint()]),
  label: z.string(),
});

describe('encodeInput', () => {
  it('writes whole numbers of float fields as N.0 and leaves integers, strings and the rest as they are', () => {
    const text = encodeInput(Input, {
      price: 20,
      count: 20,
      optionalPrice: 3,
      prices: [1, 2.5],
      nested: { rate: 0, id: 7 },
      id: 9007199254740993n,
      label: '20',
    });
    expect(text).toBe(
      '{"price":20.0,"count":20,"optionalPrice":3.0,"prices":[1.0,2.5],"nested":{"rate":0.0,"id":7},"id":9007199254740993,"label":"20"}',
    );
    expect(JSON.parse(text).price).toBe(20);
  });

  it('writes -0 in an integer field as 0', () => {
    expect(encodeInput(z.object({ n: z.number().int() }), { n: -0 })).toBe('{"n":0}');
  });

  it('keeps -0, NaN and huge floats in the lossless codec’s spelling', () => {
    const text = encodeInput(z.object({ a: z.number(), b: z.number(), c: z.number() }), {
      a: -0,
      b: Number.NaN,
      c: 1e300,
    });
    expect(text).toBe('{"a":-0.0,"b":NaN,"c":1e+300}');
  });
});
