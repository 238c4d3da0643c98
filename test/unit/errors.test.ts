import { describe, expect, it } from 'vitest';
import { isSkewError, SkewError } from '../../src/errors.ts';

describe('isSkewError', () => {
  it('knows a SkewError, also one from another copy of Lockstep (the CommonJS build beside the ESM one)', () => {
    class OtherCopy extends Error {
      readonly code = 'SKEW_CONTRACT_INVALID';
      override name = 'SkewError';
    }
    expect(isSkewError(new SkewError('SKEW_USAGE', 'x'))).toBe(true);
    expect(isSkewError(new OtherCopy('defineContract: …'))).toBe(true);
  });

  it('is false for other errors and non-errors', () => {
    const coded = Object.assign(new Error('x'), { code: 'ENOENT' });
    const named = Object.assign(new Error('x'), { name: 'SkewError', code: 'ENOENT' });
    expect(
      [coded, named, new TypeError('x'), { name: 'SkewError', code: 'SKEW_USAGE' }, null].map(isSkewError),
    ).toEqual([false, false, false, false, false]);
  });
});
