// Type-level tests, checked by `npm run typecheck` (tsc fails on a `@ts-expect-error` that has no error under it):
// side factories given to `parity`/`checkParity` and to a config's `fuzz` settings check what their lambdas return.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineConfig, defineContract, entitySide, type FuzzSettings, recordSide } from '../../../src/index.ts';
import { checkParity, memoryCorpusStore, type ParityOptions } from '../../../src/vitest/index.ts';

const scores = defineContract({
  name: 'scores',
  version: '1',
  entity: 'id',
  input: z.object({ id: z.string(), x: z.number().int().min(-5).max(5) }),
  features: { band: { type: 'category', values: ['neg', 'pos'] }, n: { type: 'int' } },
});

describe('parity side types', () => {
  it('checks factories whose inline lambdas return categories without `as const`', async () => {
    const options = {
      training: () => recordSide(scores, (input) => ({ band: input.x < 0 ? 'neg' : 'pos', n: input.x })),
      serving: () => recordSide(scores, async (input) => ({ band: input.x >= 0 ? 'pos' : 'neg', n: input.x })),
      runs: 20,
      seed: 1,
      corpus: memoryCorpusStore(),
      update: 'none',
    } satisfies ParityOptions;

    expectTypeOf(checkParity).toBeCallableWith(scores, options);
    expect((await checkParity(scores, options)).status).toBe('pass');
  });

  it('rejects a factory whose side returns a key outside the contract or a value outside the vocabulary', () => {
    const entityWise = () => entitySide(scores, (history) => history.map(() => ({ band: 'pos', n: 1 })));
    const options: ParityOptions = {
      // @ts-expect-error `extra` is not a feature of the contract
      training: () => recordSide(scores, (input) => ({ band: 'pos', n: input.x, extra: true })),
      // @ts-expect-error 'zero' is not one of the category's values
      serving: () => recordSide(scores, (input) => ({ band: input.x === 0 ? 'zero' : 'pos', n: input.x })),
    };

    expect([typeof options.training, typeof entityWise]).toEqual(['function', 'function']);
  });
});

describe('fuzz settings side types', () => {
  it('checks the factories of a config’s fuzz settings the same way', () => {
    const fuzz: FuzzSettings = {
      training: () =>
        entitySide(scores, (history) => history.map((e) => ({ band: e.input.x < 0 ? 'neg' : 'pos', n: 0 }))),
      // @ts-expect-error a string where the contract says int
      serving: () => recordSide(scores, () => ({ band: 'neg', n: 'one' })),
    };
    const config = defineConfig({ contracts: [{ contract: scores, training: 'logged', serving: 'logged', fuzz }] });

    expect(config.contracts[0]?.fuzz).toBe(fuzz);
  });
});
