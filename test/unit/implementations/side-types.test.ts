// Type-level tests, checked by `npm run typecheck` (tsc fails on a `@ts-expect-error` that has no error under it);
// vitest runs the bodies, which only build sides and compute one record.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  type Contract,
  type ContractFeatures,
  type ContractInput,
  defineContract,
  entitySide,
  type HistoryEvent,
  recordSide,
  type Side,
  type SideRecord,
} from '../../../src/index.ts';

const orders = defineContract({
  name: 'orders',
  version: '1',
  entity: 'id',
  input: z.object({ id: z.string(), amount: z.number() }),
  features: {
    tier: { type: 'category', values: ['low', 'high'], oov: 'other' },
    n: { type: 'int' },
    score: { type: 'float', nullable: true },
  },
});

/** Without a category, so the rejections below do not depend on how category literals are inferred. */
const counts = defineContract({
  name: 'counts',
  version: '1',
  entity: 'id',
  input: z.object({ id: z.string(), amount: z.number() }),
  features: { n: { type: 'int' }, score: { type: 'float', nullable: true } },
});

type Input = z.infer<typeof orders.input>;
const record: SideRecord = { id: '1', line: 1, entity: 'a', timestamp: 0, input: { id: 'a', amount: 250 } };

async function featuresOf(side: Side): Promise<unknown> {
  const [outcome] = await side.compute([record]);
  return outcome && 'features' in outcome ? outcome.features : outcome;
}

describe('recordSide types', () => {
  it('types the input and accepts a category from an inline lambda without `as const`', async () => {
    const side = recordSide(orders, (input) => {
      expectTypeOf(input).toEqualTypeOf<Input>();
      return { tier: input.amount > 100 ? 'high' : 'low', n: Math.round(input.amount), score: null };
    });

    expect(await featuresOf(side)).toEqual({ tier: 'high', n: 250, score: null });
  });

  it('accepts async lambdas, several returns, the oov value and a category held in a const', () => {
    recordSide(orders, async (input) => ({ tier: input.amount > 100 ? 'high' : 'low', n: 1, score: 0.5 }));
    recordSide(orders, (input) => {
      if (input.amount < 0) return { tier: 'other', n: 0, score: null };
      return { tier: 'low', n: 1n, score: 1 };
    });
    recordSide(orders, (input) => {
      const tier = input.amount > 100 ? 'high' : 'low';
      return { tier, n: 1, score: null };
    });
  });

  it('accepts named functions returning the contract record, and any contract typed as the wide `Contract`', () => {
    const annotated = (input: Input): ContractFeatures<typeof orders> => ({ tier: 'low', n: input.amount, score: 1 });
    const wide: Contract = orders;

    recordSide(orders, annotated);
    recordSide(wide, (input) => ({ anything: input.amount === 1 ? 'x' : 2 }));
  });

  it('accepts generic helpers over any contract, written with ContractInput and ContractFeatures', async () => {
    const inProcess = <C extends Contract>(contract: C, compute: (input: ContractInput<C>) => ContractFeatures<C>) =>
      recordSide(contract, compute);
    const inProcessAsync = <C extends Contract>(
      contract: C,
      compute: (input: ContractInput<C>) => Promise<ContractFeatures<C>>,
    ) => recordSide(contract, compute);
    const perEntity = <C extends Contract>(
      contract: C,
      compute: (history: readonly HistoryEvent<ContractInput<C>>[]) => ContractFeatures<C>[],
    ) => entitySide(contract, compute);

    const side = inProcess(orders, (input) => ({ tier: input.amount > 100 ? 'high' : 'low', n: 2, score: null }));
    inProcessAsync(orders, async () => ({ tier: 'low', n: 2, score: null }));
    perEntity(orders, (history) => history.map(() => ({ tier: 'low', n: 2, score: null })));
    // @ts-expect-error the helper's callers are checked against the contract too
    inProcess(orders, () => ({ tier: 'mid', n: 2, score: null }));

    expect(await featuresOf(side)).toEqual({ tier: 'high', n: 2, score: null });
  });

  it('rejects a key the contract does not declare, returned from a lambda or a named function', () => {
    // @ts-expect-error `bonus` is not a feature of the contract
    recordSide(counts, () => ({ n: 1, score: null, bonus: 1 }));
    // @ts-expect-error also when the promise resolves to it
    recordSide(counts, async () => ({ n: 1, score: null, bonus: 1 }));
    // @ts-expect-error also when only one of several returns has it
    recordSide(counts, (input) => {
      if (input.amount > 0) return { n: 1, score: null };
      return { n: 1, score: null, bonus: 1 };
    });
    const named = (input: Input) => ({ n: input.amount, score: null, bonus: 1 });
    // @ts-expect-error a named function's return type is checked the same way
    recordSide(counts, named);
  });

  it('rejects a wrong type, a category value outside the vocabulary, a missing feature and an illegal null', () => {
    // @ts-expect-error a string where the contract says int
    recordSide(counts, () => ({ n: '1', score: null }));
    // @ts-expect-error 'medium' is not one of the category's values
    recordSide(orders, () => ({ tier: 'medium', n: 1, score: null }));
    recordSide(orders, (input) => ({
      // @ts-expect-error neither branch may leave the vocabulary
      tier: input.amount > 100 ? 'high' : 'mid',
      n: 1,
      score: null,
    }));
    // @ts-expect-error `score` is missing
    recordSide(counts, () => ({ n: 1 }));
    // @ts-expect-error `n` is not nullable
    recordSide(counts, () => ({ n: null, score: null }));
  });

  it('cannot see an extra key hidden behind the contract record type (the engine reports it as `unexpected`)', async () => {
    const wider = { tier: 'low' as const, n: 1, score: null, bonus: 1 };
    const hidden: ContractFeatures<typeof orders> = wider;

    expect(await featuresOf(recordSide(orders, () => hidden))).toHaveProperty('bonus', 1);
  });
});

describe('entitySide types', () => {
  it('types the history and accepts a category from an inline lambda without `as const`', async () => {
    const side = entitySide(orders, (history) => {
      expectTypeOf(history).toEqualTypeOf<readonly HistoryEvent<Input>[]>();
      return history.map((e, i) => ({ tier: e.input.amount > 100 ? 'high' : 'low', n: i, score: null }));
    });
    entitySide(orders, async (history) => history.map(() => ({ tier: 'other', n: 0, score: 1 })));

    expect(await featuresOf(side)).toEqual({ tier: 'high', n: 0, score: null });
  });

  it('rejects an extra key, a wrong type and a category value outside the vocabulary', () => {
    // @ts-expect-error `bonus` is not a feature of the contract
    entitySide(counts, (history) => history.map(() => ({ n: 1, score: null, bonus: 1 })));
    // @ts-expect-error also when the promise resolves to it
    entitySide(counts, async (history) => history.map(() => ({ n: 1, score: null, bonus: 1 })));
    // @ts-expect-error a string where the contract says int
    entitySide(counts, (history) => history.map(() => ({ n: '1', score: null })));
    // @ts-expect-error 'medium' is not one of the category's values
    entitySide(orders, (history) => history.map(() => ({ tier: 'medium', n: 1, score: null })));
  });
});
