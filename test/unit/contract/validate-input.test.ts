import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validateInput } from '../../../src/contract/validate-input.ts';

const Input = z.object({
  id: z.number().int(),
  bounded: z
    .number()
    .int()
    .min(0)
    .max(2 ** 63)
    .optional(),
  hashes: z.array(z.number().int()).optional(),
  nested: z.object({ parent: z.number().int().nullable() }).optional(),
  either: z.union([z.string(), z.number().int().positive()]).optional(),
  name: z.string().optional(),
});

describe('validateInput', () => {
  it('accepts integers beyond 2^53, decoded exactly as bigint, wherever the schema takes an integer', () => {
    expect(
      validateInput(Input, {
        id: 9007199254740993n,
        bounded: 9223372036854775807n,
        hashes: [1, 18446744073709551615n],
        nested: { parent: -9007199254740993n },
        either: 9007199254740993n,
      }),
    ).toEqual({ success: true });
  });

  it('still applies the bounds, exactly: 2^63 + 1 is over a maximum of 2^63, a negative is under 0', () => {
    const over = validateInput(Input, { id: 1, bounded: 9223372036854775809n });
    const under = validateInput(Input, { id: 1, bounded: -9007199254740993n });
    const notPositive = validateInput(Input, { id: 1, either: -9007199254740993n });
    expect(over.success).toBe(false);
    expect(under.success).toBe(false);
    expect(notPositive.success).toBe(false);
  });

  it('keeps every other issue, and a bigint where no number is allowed', () => {
    const result = validateInput(Input, { id: 9007199254740993n, name: 12345678901234567890n });
    expect(result.success).toBe(false);
    expect(result.success ? [] : result.issues.map((i) => i.path.join('.'))).toEqual(['name']);
  });
});
