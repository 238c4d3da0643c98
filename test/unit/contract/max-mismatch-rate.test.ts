import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { SkewError } from '../../../src/errors.ts';

const define = (maxMismatchRate: unknown) => () =>
  defineContract({
    name: 'users',
    version: '1',
    entity: 'id',
    input: z.object({ id: z.string() }),
    features: { score: { type: 'float', maxMismatchRate } as never },
  });

describe('a feature’s maxMismatchRate', () => {
  it('is an optional rate in [0, 1]', () => {
    expect(define(0.01)().features.score).toMatchObject({ maxMismatchRate: 0.01 });
    expect(define(0)).not.toThrow();
    expect(define(1)).not.toThrow();
  });

  it.each([1.5, -0.1, '1%'])('refuses %j with SKEW_CONTRACT_INVALID naming the feature', (rate) => {
    expect(define(rate)).toThrow(SkewError);
    expect(define(rate)).toThrow(/defineContract: contract "users" feature "score"\.maxMismatchRate: /);
  });
});
