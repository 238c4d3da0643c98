import { describe, expect, it } from 'vitest';
import { parseGoldenFile } from '../../../src/golden/golden-file.ts';
import type { Side } from '../../../src/implementations/side.ts';
import { GoldenError, golden, memoryGoldenStore } from '../../../src/vitest/index.ts';
import { goldenCases, goldenDemo, goldenSides } from '../../fixtures/golden/sides.ts';

/** The error `golden` threw (fails the test when it returned). */
async function thrown(run: Promise<unknown>): Promise<GoldenError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GoldenError);
  return error as GoldenError;
}

describe('golden (lockstep/vitest)', () => {
  it('fails when both sides change the same way, naming the case, the feature and old → new; closes only the sides a factory made', async (context) => {
    // Arrange: recorded with log1p on both sides
    const store = memoryGoldenStore();
    const cases = goldenCases.slice(0, 1);
    await golden(goldenDemo, { ...goldenSides('log1p'), cases, store, update: 'new', context });
    const lives: { started: number; closed: number }[] = [];
    const factory = (): Side => {
      const life = { started: 0, closed: 0 };
      lives.push(life);
      const side = goldenSides('log-both').serving;
      return { ...side, start: async () => void life.started++, close: async () => void life.closed++ };
    };
    let callerClosed = 0;
    const training: Side = { ...goldenSides('log-both').training, close: async () => void callerClosed++ };

    // Act: both sides switch log1p for log
    const error = await thrown(
      golden(goldenDemo, { training, serving: factory, cases, store, update: 'new', context }),
    );

    // Assert
    expect(error.message.split('\n')[0]).toBe('golden golden_demo: 1 change in 1 case');
    expect(error.message).toContain('‼ big-account · log_x: BOTH SIDES CHANGED THE SAME WAY');
    expect(error.message).toContain(`training: ${Math.log1p(3)} → ${Math.log(3)}`);
    expect(error.message).toContain(`serving:  ${Math.log1p(3)} → ${Math.log(3)}`);
    expect(error.message).toContain("bump the contract's version and run vitest -u");
    expect(error.result.written).toBe(false);
    expect(lives.length).toBeGreaterThan(0);
    expect(lives.filter((life) => life.started !== 1 || life.closed !== 1)).toEqual([]);
    expect(callerClosed).toBe(0);
  });

  it('under -u keeps stored values of an unchanged contract version unless acceptWithoutBump, which records it', async () => {
    // Arrange
    const store = memoryGoldenStore();
    const cases = goldenCases.slice(0, 1);
    await golden(goldenDemo, { ...goldenSides('log1p'), cases, store, update: 'new' });
    const recorded = store.files.get('golden_demo');

    // Act
    const refused = await thrown(golden(goldenDemo, { ...goldenSides('log-training'), cases, store, update: 'all' }));
    const kept = store.files.get('golden_demo');
    const accepted = await golden(goldenDemo, {
      ...goldenSides('log-training'),
      cases,
      store,
      update: 'all',
      acceptWithoutBump: true,
    });

    // Assert
    expect(refused.message).toContain('acceptWithoutBump: true');
    expect(kept).toBe(recorded);
    expect(accepted.written).toBe(true);
    const file = parseGoldenFile(store.files.get('golden_demo') as string, 'golden.jsonl');
    expect(file.accepted).toEqual([{ version: '1.0.0', cases: ['big-account'] }]);
    expect(file.cases[0]).toMatchObject({ training: { log_x: Math.log(3) } });
  });

  it('fails when a side throws on a case, naming the case and the side', async () => {
    // Arrange
    const { training } = goldenSides('log1p');
    const serving: Side = {
      ...training,
      compute: async () => {
        throw new Error('serving is down');
      },
    };

    // Act
    const error = await thrown(
      golden(goldenDemo, { training, serving, cases: goldenCases.slice(0, 1), store: memoryGoldenStore() }),
    );

    // Assert
    expect(error.message).toContain('big-account: the serving side failed: Error: serving is down');
    expect(error.result.errors).toHaveLength(1);
  });
});
