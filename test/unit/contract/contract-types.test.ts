// Type-level tests, checked by `npm run typecheck` (tsc fails on a `@ts-expect-error` that has no error under it).
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  type ContractFeatures,
  type ContractInput,
  defineContract,
  type FeatureSpecs,
  type FeatureValue,
} from '../../../src/index.ts';

const input = z.object({ id: z.string(), at: z.string() });

describe('defineContract types', () => {
  it('infers every feature type from an inline definition, without `as const`', () => {
    const contract = defineContract({
      name: 'all_types',
      version: '1',
      entity: 'id',
      input,
      features: {
        count: { type: 'int' },
        ratio: { type: 'float', nullable: true },
        flag: { type: 'bool' },
        word: { type: 'string' },
        code: { type: 'string', allowed: ['a', 'b'] },
        tier: { type: 'category', values: ['low', 'high'] },
        tier_oov: { type: 'category', values: ['low', 'high'], oov: 'other' },
        seen_at: { type: 'timestamp' },
        embedding: { type: 'vector', length: 2 },
      },
    });
    type Features = ContractFeatures<typeof contract>;

    expectTypeOf(contract.features.tier.values).toEqualTypeOf<readonly ['low', 'high']>();
    expectTypeOf<ContractInput<typeof contract>>().toEqualTypeOf<{ id: string; at: string }>();
    expectTypeOf<Features>().toEqualTypeOf<{
      count: number | bigint;
      ratio: number | null;
      flag: boolean;
      word: string;
      code: 'a' | 'b';
      tier: 'low' | 'high';
      tier_oov: 'low' | 'high' | 'other';
      seen_at: number | string | Date;
      embedding: readonly number[];
    }>();
    expect(contract.featureNames).toHaveLength(9);
  });

  it('keeps the vocabulary of specs declared apart with `as const satisfies FeatureSpecs`', () => {
    const features = { tier: { type: 'category', values: ['low', 'high'] } } as const satisfies FeatureSpecs;
    const contract = defineContract({ name: 'apart', version: '1', entity: 'id', input, features });

    expectTypeOf<ContractFeatures<typeof contract>['tier']>().toEqualTypeOf<'low' | 'high'>();
    expectTypeOf<FeatureValue<typeof features.tier>>().toEqualTypeOf<'low' | 'high'>();
  });

  it('rejects an unknown feature type and a vocabulary that is not strings', () => {
    expect(() =>
      // @ts-expect-error 'decimal' is not a feature type
      defineContract({ name: 'bad', version: '1', entity: 'id', input, features: { x: { type: 'decimal' } } }),
    ).toThrow(/unknown type "decimal"/);
    expect(() =>
      defineContract({
        name: 'bad',
        version: '1',
        entity: 'id',
        input,
        // @ts-expect-error category values are strings
        features: { x: { type: 'category', values: [1, 2] } },
      }),
    ).toThrow(/values/);
  });
});
