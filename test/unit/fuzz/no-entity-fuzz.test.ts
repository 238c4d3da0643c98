import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { isSkewError } from '../../../src/errors.ts';
import { caseArbitrary } from '../../../src/fuzz/case-arbitrary.ts';
import { fuzzContract } from '../../../src/fuzz/fuzz-contract.ts';
import { checkGolden } from '../../../src/golden/check-golden.ts';
import { entitySide, recordSide } from '../../../src/implementations/in-process.ts';
import { memoryGoldenStore } from '../../../src/snapshot/memory-golden-store.ts';

/** A record-wise contract without an entity (it has a timestamp, so only the entity is missing for histories). */
const scores = defineContract({
  name: 'scores',
  version: '1.0.0',
  timestamp: 'at',
  input: z.object({ at: z.number().int().min(0), x: z.number().int().min(-1000).max(1000) }),
  features: { double: { type: 'int' } },
});

const reference = recordSide(scores, (input) => ({ double: input.x * 2 }), { description: 'reference' });
const buggy = recordSide(scores, (input) => ({ double: input.x > 10 ? input.x * 2 + 1 : input.x * 2 }));
const history = entitySide(scores, (events) => events.map((e) => ({ double: e.input.x * 2 })));

async function rejection(run: () => Promise<unknown>): Promise<Error> {
  const error = await run().then(
    () => new Error('did not throw'),
    (e: unknown) => e as Error,
  );
  expect(isSkewError(error) && error.code, error.message).toBe('SKEW_CONTRACT_INVALID');
  return error;
}

const NAMES_WHAT_TO_WRITE = /contract "scores" has no entity.*add entity: '<(field|input field identifying[^>]*)>'/;

describe('fuzz and golden checks of a contract without an entity', () => {
  it('fuzz generates single records for record-wise sides and finds the planted bug, shrunk', async () => {
    const result = await fuzzContract({ contract: scores, sides: { training: reference, serving: buggy }, seed: 3 });
    expect(result.shape).toBe('record');
    expect(result.findings.map((f) => `${f.feature} ${f.kind}`)).toEqual(['double value']);
    expect(result.findings[0]?.minimalInput).toMatchObject({ x: 11 });
  });

  it('fuzz refuses an entity-wise side (entity histories need the entity), naming what to write', async () => {
    const error = await rejection(() =>
      fuzzContract({ contract: scores, sides: { training: reference, serving: history }, runs: 5 }),
    );
    expect(error.message).toMatch(/^fuzzContract: /);
    expect(error.message).toMatch(NAMES_WHAT_TO_WRITE);
    expect(() => caseArbitrary(scores, 'history')).toThrow(NAMES_WHAT_TO_WRITE);
  });

  it('golden records and then matches record cases, each record on its own', async () => {
    const store = memoryGoldenStore();
    const cases = [
      { name: 'small', input: { at: 1, x: 3 } },
      { name: 'large', input: { at: 2, x: 500 } },
    ];
    const check = (update: 'new' | 'none') =>
      checkGolden({ contract: scores, cases, sides: { training: reference, serving: reference }, store, update });
    expect((await check('new')).counts.added).toBe(2);
    expect((await check('none')).counts).toMatchObject({ matched: 2, unmatched: 0 });
  });

  it('golden refuses an entity-wise side, given as an instance or as a factory', async () => {
    const cases = [{ name: 'one', input: { at: 1, x: 3 } }];
    const store = memoryGoldenStore();
    for (const serving of [history, () => history]) {
      const error = await rejection(() =>
        checkGolden({ contract: scores, cases, sides: { training: reference, serving }, store, update: 'new' }),
      );
      expect(error.message).toMatch(
        /^checkGolden: contract "scores" has no entity, but the serving side is entity-wise/,
      );
    }
    expect(store.files.size).toBe(0);
  });
});
