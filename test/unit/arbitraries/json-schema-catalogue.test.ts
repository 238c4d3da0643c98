import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { arbitraryFromSchema } from '../../../src/arbitraries/from-schema.ts';

// Every construct zod's JSON Schema conversion produces, one property each: the generators must make only values the
// converted schema accepts (fuzz aborts with "the generator made an input the schema rejects" otherwise).
const CATALOGUE: Record<string, Record<string, unknown>> = {
  string: { type: 'string' },
  minMaxLength: { type: 'string', minLength: 2, maxLength: 5 },
  pattern: { type: 'string', pattern: '^[A-Z]{3}-\\d{2}$' },
  email: { type: 'string', format: 'email' },
  uuid: { type: 'string', format: 'uuid' },
  dateTime: { type: 'string', format: 'date-time' },
  dateTimeUtc: { type: 'string', format: 'date-time', pattern: 'Z$' },
  date: { type: 'string', format: 'date' },
  ipv4: { type: 'string', format: 'ipv4' },
  uri: { type: 'string', format: 'uri' },
  number: { type: 'number' },
  bounded: { type: 'number', minimum: -1.5, maximum: 2.5 },
  exclusive: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
  multipleOf: { type: 'number', multipleOf: 0.25, minimum: 0, maximum: 10 },
  integer: { type: 'integer' },
  boundedInteger: { type: 'integer', minimum: 1, maximum: 12 },
  boolean: { type: 'boolean' },
  null: { type: 'null' },
  enum: { enum: ['a', 'b', 'c'] },
  mixedEnum: { enum: ['a', 1, null] },
  const: { const: 'fixed' },
  nullableType: { type: ['string', 'null'] },
  array: { type: 'array', items: { type: 'integer' } },
  arrayLimits: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3 },
  uniqueItems: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 5 }, uniqueItems: true, minItems: 2 },
  uniqueEnum: { type: 'array', items: { enum: ['x', 'y', 'z'] }, uniqueItems: true, minItems: 3 },
  tuple: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], items: false },
  object: {
    type: 'object',
    properties: { a: { type: 'string' }, b: { type: 'integer' } },
    required: ['a'],
    additionalProperties: false,
  },
  record: { type: 'object', additionalProperties: { type: 'number' } },
  anyOf: {
    anyOf: [
      { type: 'string', maxLength: 3 },
      { type: 'integer', minimum: 100 },
    ],
  },
  oneOf: { oneOf: [{ type: 'string' }, { type: 'boolean' }] },
  allOf: {
    allOf: [
      { type: 'number', minimum: 0 },
      { type: 'number', maximum: 5 },
    ],
  },
};

describe('generators over zod’s JSON Schema conversion', () => {
  for (const [name, property] of Object.entries(CATALOGUE)) {
    it(`${name}: every generated input is accepted, the field present when required`, () => {
      // Arrange
      const schema = z.fromJSONSchema({
        type: 'object',
        properties: { field: property },
        required: ['field'],
      } as Parameters<typeof z.fromJSONSchema>[0]) as z.ZodObject;
      // Act
      const samples = fc.sample(arbitraryFromSchema(schema), { numRuns: 200, seed: 7 });
      // Assert
      const rejected = samples.filter((s) => !schema.safeParse(s).success);
      expect(rejected.slice(0, 3)).toEqual([]);
      expect(samples.every((s) => Object.hasOwn(s as object, 'field'))).toBe(true);
    });
  }
});
