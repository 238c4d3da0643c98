import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { arbitraryFromSchema } from '../../../src/arbitraries/from-schema.ts';
import { SCHEMA_TABLE } from './schema-table.ts';

const show = (value: unknown): string =>
  JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? `${v}n` : v === undefined ? '<undefined>' : v));

describe('arbitraryFromSchema', () => {
  it('covers at least 25 schemas', () => {
    expect(SCHEMA_TABLE.length).toBeGreaterThanOrEqual(25);
  });

  it.each(SCHEMA_TABLE)('generates only values that pass the schema: %s', (_name, schema) => {
    // Arrange
    const arb = arbitraryFromSchema(schema);
    // Act + Assert
    fc.assert(
      fc.property(arb, (value) => {
        const result = schema.safeParse(value);
        if (!result.success) throw new Error(`rejected ${show(value)}: ${z.prettifyError(result.error)}`);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic for a given seed', () => {
    // Arrange
    const schema = z.object({ id: z.uuid(), ts: z.iso.datetime({ offset: true }), amount: z.number().nullable() });
    // Act
    const first = fc.sample(arbitraryFromSchema(schema), { seed: 42, numRuns: 50 });
    const second = fc.sample(arbitraryFromSchema(schema), { seed: 42, numRuns: 50 });
    // Assert
    expect(second).toEqual(first);
  });
});
