import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { ContractFeatures, ContractInput } from '../../../src/contract/contract.ts';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { SkewError } from '../../../src/errors.ts';

const input = z.object({ user_id: z.string(), amount: z.number() });

function attempt(features: unknown, extra: Record<string, unknown> = {}): SkewError {
  try {
    defineContract({ name: 'users', version: '1', entity: 'user_id', input, features, ...extra } as never);
  } catch (error) {
    if (error instanceof SkewError) return error;
    throw error;
  }
  throw new Error('defineContract did not throw');
}

describe('defineContract', () => {
  it('infers input and feature types from the contract', () => {
    const contract = defineContract({
      name: 'users',
      version: '1',
      entity: 'user_id',
      input,
      features: {
        n: { type: 'int' },
        score: { type: 'float', nullable: true },
        tier: { type: 'category', values: ['gold', 'silver'], oov: 'none' },
      },
    });
    expectTypeOf<ContractInput<typeof contract>>().toEqualTypeOf<{ user_id: string; amount: number }>();
    expectTypeOf<ContractFeatures<typeof contract>['score']>().toEqualTypeOf<number | null>();
    expectTypeOf<ContractFeatures<typeof contract>['tier']>().toEqualTypeOf<'gold' | 'silver' | 'none'>();
    expect(contract.featureNames).toEqual(['n', 'score', 'tier']);
  });

  it.each([
    [
      { f: { type: 'floot' } },
      'defineContract: contract "users" feature "f": unknown type "floot" (expected one of int, float, bool, string, category, timestamp, vector)',
    ],
    [
      { f: { type: 'float', tolerance: { abs: -1 } } },
      'defineContract: contract "users" feature "f".tolerance.abs: must be >= 0',
    ],
    [
      { f: { type: 'int', range: { min: 5, max: 1 } } },
      'defineContract: contract "users" feature "f".range: range has min > max',
    ],
    [{ '': { type: 'int' } }, 'defineContract: contract "users" features: a feature has an empty name'],
    [
      { f: { type: 'category', values: ['a', 'a'] } },
      'defineContract: contract "users" feature "f": category values contain a duplicate',
    ],
    [
      { f: { type: 'vector', length: 0 } },
      'defineContract: contract "users" feature "f".length: Too small: expected number to be >=1',
    ],
    [{}, 'defineContract: contract "users" features: declares no feature'],
  ])('rejects a wrong feature spec %j', (features, message) => {
    const error = attempt(features);
    expect(error.code).toBe('SKEW_CONTRACT_INVALID');
    expect(error.message).toBe(message);
  });

  it('rejects an entity that is not an input field', () => {
    const error = attempt({ f: { type: 'int' } }, { entity: 'card' });
    expect(error.code).toBe('SKEW_CONTRACT_INVALID');
    expect(error.message).toBe('defineContract: contract "users" entity: "card" is not a field of the input schema');
  });

  it('rejects unknown keys in a spec (a typo is not silently ignored)', () => {
    expect(attempt({ f: { type: 'float', tolerence: { abs: 1 } } }).message).toContain('feature "f"');
  });
});
