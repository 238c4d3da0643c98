import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { applyExtraFields, extraFieldsOf } from '../../../src/contract/extra-fields.ts';

const shape = { id: z.string(), x: z.number() };
const contract = (input: z.ZodObject, extraFields?: 'strip' | 'reject' | 'keep') =>
  defineContract({
    name: 'c',
    version: '1',
    entity: 'id',
    input,
    ...(extraFields === undefined ? {} : { extraFields }),
    features: { y: { type: 'float' } },
  });

describe('extraFields: one policy for input fields the contract does not declare', () => {
  it('defaults to what the zod object says', () => {
    expect(extraFieldsOf(contract(z.object(shape)))).toBe('strip');
    expect(extraFieldsOf(contract(z.strictObject(shape)))).toBe('reject');
    expect(extraFieldsOf(contract(z.looseObject(shape)))).toBe('keep');
    expect(extraFieldsOf(contract(z.strictObject(shape), 'strip'))).toBe('strip');
  });

  it('strip drops undeclared top-level fields, reject names the first, keep hands the input on untouched', () => {
    const input = { id: 'a', x: 1, debug: true, trace: 'z' };
    expect(applyExtraFields(contract(z.object(shape)), input)).toEqual({ input: { id: 'a', x: 1 } });
    expect(applyExtraFields(contract(z.object(shape), 'reject'), input)).toEqual({ extraField: 'debug' });
    const kept = applyExtraFields(contract(z.object(shape), 'keep'), input);
    expect('input' in kept && kept.input).toBe(input);
    const plain = { id: 'a', x: 1 };
    expect('input' in applyExtraFields(contract(z.object(shape)), plain) && plain).toBe(plain);
  });

  it('defineContract refuses an unknown policy, and keep on a z.strictObject (which rejects extra fields)', () => {
    expect(() => contract(z.object(shape), 'drop' as 'strip')).toThrow(
      `defineContract: contract "c" extraFields: "drop" is not one of 'strip', 'reject', 'keep'`,
    );
    expect(() => contract(z.strictObject(shape), 'keep')).toThrow(
      /defineContract: contract "c" extraFields: is 'keep' but the input is a z.strictObject/,
    );
  });
});
