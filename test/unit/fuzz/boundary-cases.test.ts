import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { arbitraryFromSchema } from '../../../src/arbitraries/from-schema.ts';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { boundaryCases } from '../../../src/fuzz/boundary-cases.ts';
import { fuzzContract } from '../../../src/fuzz/fuzz-contract.ts';
import { recordSide } from '../../../src/implementations/in-process.ts';

const bounded = defineContract({
  name: 'bounded',
  version: '1',
  entity: 'id',
  input: z.object({
    id: z.string().min(1),
    amount: z.number().int().min(0).max(10_000_000),
    share: z.number().gt(0).lt(1),
    code: z.string().min(2).max(6),
  }),
  features: { amount: { type: 'int' }, share: { type: 'float' }, code_length: { type: 'int' } },
});

type Input = z.infer<typeof bounded.input>;
const agree = (input: Input) => ({ amount: input.amount, share: input.share, code_length: input.code.length });

describe('boundaryCases', () => {
  it('sets each bound, and its neighbour inside the range, into one base case; exclusive limits by their next double', () => {
    const cases = boundaryCases(bounded, 'record', arbitraryFromSchema(bounded.input)) as Input[];
    const amounts = cases.map((c) => c.amount);
    expect(amounts).toEqual(expect.arrayContaining([0, 1, 9_999_999, 10_000_000]));
    const shares = cases.map((c) => c.share);
    expect(shares).toEqual(expect.arrayContaining([Number.MIN_VALUE, 1 - Number.EPSILON / 2]));
    expect(cases.map((c) => c.code.length)).toEqual(expect.arrayContaining([2, 6]));
    expect(cases.every((c) => bounded.input.safeParse(c).success)).toBe(true);
  });

  it('leaves a field with a generator override as generated (the override knows what the schema cannot say)', () => {
    const cases = boundaryCases(bounded, 'record', arbitraryFromSchema(bounded.input), ['code']) as Input[];
    expect(cases.length).toBeGreaterThan(0);
    expect(new Set(cases.map((c) => c.code)).size).toBe(1);
  });

  it.each([1, 2, 3, 4, 5])(
    'puts a skew that lives only next to the schema maximum in front of fuzz (seed %i)',
    async (seed) => {
      // Arrange: serving is off by one only one below the maximum (a threshold hit exactly)
      const serving = recordSide(bounded, (input) => ({
        ...agree(input),
        amount: input.amount === 9_999_999 ? input.amount + 1 : input.amount,
      }));
      // Act
      const result = await fuzzContract({
        contract: bounded,
        sides: { training: recordSide(bounded, agree), serving },
        runs: 100,
        seed,
      });
      // Assert
      const found = result.findings.find((f) => f.feature === 'amount');
      expect(found?.minimalInput).toMatchObject({ amount: 9_999_999 });
      expect(found?.foundAfterRuns).toBeLessThanOrEqual(100);
      // and its seed and path replay it
      const again = await fuzzContract({
        contract: bounded,
        sides: { training: recordSide(bounded, agree), serving },
        seed: found?.seed as number,
        path: found?.path as string,
      });
      expect(again.findings.find((f) => f.feature === 'amount')?.minimalInput).toEqual(found?.minimalInput);
    },
  );
});
