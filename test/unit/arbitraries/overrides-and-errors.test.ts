import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { arbitraryFromSchema } from '../../../src/arbitraries/from-schema.ts';
import { SkewError } from '../../../src/errors.ts';

const Input = z.object({
  merchant: z.object({ name: z.string(), city: z.string().optional() }),
  items: z.array(z.object({ price: z.number() })),
  pair: z.tuple([z.string(), z.number()]),
});

describe('overrides', () => {
  it('replace the generator of the field at a dotted path', () => {
    // Arrange
    const arb = arbitraryFromSchema(Input, { overrides: { 'merchant.name': fc.constant('ACME') } });
    // Act
    const values = fc.sample(arb, 100) as Array<z.infer<typeof Input>>;
    // Assert
    expect(values.every((v) => v.merchant.name === 'ACME')).toBe(true);
  });

  it('apply to every array element and to tuple items by index', () => {
    const arb = arbitraryFromSchema(Input, {
      overrides: { 'items.price': fc.constant(9.99), 'pair.1': fc.constant(7) },
    });
    const values = fc.sample(arb, 100) as Array<z.infer<typeof Input>>;
    expect(values.every((v) => v.items.every((i) => i.price === 9.99) && v.pair[1] === 7)).toBe(true);
    expect(values.some((v) => v.items.length > 0)).toBe(true);
  });

  it('make an optional key always present', () => {
    const arb = arbitraryFromSchema(Input, { overrides: { 'merchant.city': fc.constant('Berlin') } });
    const values = fc.sample(arb, 100) as Array<z.infer<typeof Input>>;
    expect(values.every((v) => v.merchant.city === 'Berlin')).toBe(true);
  });

  it('throw for a path that matches no field', () => {
    const act = () => arbitraryFromSchema(Input, { overrides: { 'merchant.nme': fc.constant('x') } });
    expect(act).toThrow('arbitraryFromSchema: override "merchant.nme" matches no field at input');
  });
});

describe('errors', () => {
  it('name the path of an unsupported type', () => {
    const schema = z.object({ cb: z.function() });
    let error: unknown;
    try {
      arbitraryFromSchema(schema);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SkewError);
    expect((error as SkewError).code).toBe('SKEW_CONTRACT_INVALID');
    expect((error as SkewError).message).toBe('arbitraryFromSchema: unsupported zod type "function" at input.cb');
  });

  it('explain z.custom and z.never', () => {
    expect(() => arbitraryFromSchema(z.object({ d: z.instanceof(Date) }))).toThrow(
      /unsupported zod type "custom" \(.*pass an override\) at input\.d/,
    );
    expect(() => arbitraryFromSchema(z.array(z.never()))).toThrow(
      'unsupported zod type "never" (no value satisfies z.never()) at input',
    );
  });

  it('report an unknown time zone and impossible bounds', () => {
    expect(() => arbitraryFromSchema(z.string(), { timeZones: ['Mars/Olympus'] })).toThrow(
      'arbitraryFromSchema: unknown time zone "Mars/Olympus" in options.timeZones at input',
    );
    expect(() => arbitraryFromSchema(z.object({ a: z.number().min(5).max(1) }))).toThrow('at input.a');
    expect(() => arbitraryFromSchema(z.object({ a: z.string().refine(() => false) }))).toThrow(
      'arbitraryFromSchema: cannot generate values that satisfy all checks of the schema; pass an override at input.a',
    );
  });

  it('report a recursive schema that never ends', () => {
    const Loop: z.ZodType<{ next: unknown }> = z.object({ next: z.lazy(() => Loop) });
    expect(() => arbitraryFromSchema(Loop)).toThrow(/recursive z\.lazy\(\) schema never ends/);
  });
});
