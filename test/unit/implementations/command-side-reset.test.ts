import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { fuzzContract } from '../../../src/fuzz/fuzz-contract.ts';
import { checkGolden } from '../../../src/golden/check-golden.ts';
import { parseGoldenFile } from '../../../src/golden/golden-file.ts';
import { commandSide } from '../../../src/implementations/command-side.ts';
import { recordSide } from '../../../src/implementations/in-process.ts';
import type { Side } from '../../../src/implementations/side.ts';
import { resolveSide } from '../../../src/runner/resolve-side.ts';
import { memoryGoldenStore } from '../../../src/snapshot/memory-golden-store.ts';
import { closedAfterEach, featuresOf, fixture, makeRecords } from './_helpers.ts';

const open = closedAfterEach();

// The project venv: it has lockstep_side installed (npm run setup:python).
const PYTHON = fileURLToPath(new URL('../../../.venv/bin/python', import.meta.url));
const fast = { timeoutMs: 1500, startupTimeoutMs: 3000 } as const;

/** The online-store fixture: `seen` counts the requests for the same key since the last reset. */
const store = (withHook: boolean) => [PYTHON, fixture('online_store.py'), ...(withHook ? ['--reset'] : [])];
const keyed = (...keys: string[]) => makeRecords(keys.length, (i) => ({ k: keys[i] }));
const seen = async (side: Side, ...keys: string[]) =>
  (await side.compute(keyed(...keys))).map((o) => featuresOf(o).seen);

const counting = defineContract({
  name: 'online_store',
  version: '1.0.0',
  entity: 'k',
  input: z.object({ k: z.string() }),
  features: { seen: { type: 'int' } },
});
// What a store that starts empty serves for any single request.
const fresh = recordSide(counting, () => ({ seen: 1 }));
const cases = ['a', 'b', 'a', 'a'].map((k, i) => ({ name: `case-${i}`, input: { k } }));

/** The stored serving values of each case, after checking the cases in the given order with a fresh store. */
async function goldenSeen(serving: Side, order: typeof cases): Promise<unknown[]> {
  const golden = memoryGoldenStore();
  await checkGolden({
    contract: counting,
    cases: order,
    sides: { training: fresh, serving },
    store: golden,
    update: 'new',
  });
  const stored = parseGoldenFile(golden.files.get('online_store') as string, 'golden.jsonl').cases;
  return cases.map((c) => (stored.find((s) => s.name === c.name)?.serving as { seen?: unknown } | undefined)?.seen);
}

describe('commandSide reset', () => {
  it('has reset() only when its options, or the config, say the program implements it', async () => {
    expect(commandSide({ command: store(true) }).reset).toBeUndefined();
    expect(commandSide({ command: store(true), reset: true }).reset).toBeTypeOf('function');
    const fromConfig = await resolveSide({ command: store(true), reset: true }, { root: '.' });
    expect(fromConfig.reset).toBeTypeOf('function');
  });

  it('clears the state of every child: each acknowledges through the helper hook', async () => {
    // Arrange
    const side = open(commandSide({ ...fast, command: store(true), reset: true, concurrency: 2 }));
    const both = () => Promise.all([seen(side, 'a', 'a'), seen(side, 'a', 'b')]); // one batch to each child
    await both();

    // Act
    await side.reset?.();

    // Assert: on both children the counts start again
    expect(await both()).toEqual([
      [1, 2],
      [1, 1],
    ]);
    expect(side.drainDiagnostics?.()).toEqual([]);
  });

  it('restarts a child that does not acknowledge a reset: a fresh child is a reset too', async () => {
    // Arrange: this program ignores reset lines
    const command = ['python3', fixture('sequential.py')];
    const side = open(commandSide({ ...fast, command, reset: true, concurrency: 1 }));
    await side.compute(makeRecords(3));

    // Act
    await side.reset?.();

    // Assert
    const diagnostics = side.drainDiagnostics?.() ?? [];
    expect(diagnostics.map((d) => d.kind)).toEqual(['timeout']);
    expect(diagnostics[0]?.message).toMatch(/did not acknowledge a reset within 1500 ms and was killed; restarting it/);
    expect((await side.compute(makeRecords(2))).map((o) => featuresOf(o).double)).toEqual([0, 2]);
  });

  it('a golden check resets a stateful instance before every case, so its values do not depend on case order', async () => {
    // Arrange
    const serving = open(commandSide({ ...fast, command: store(true), reset: true, concurrency: 1 }));

    // Act
    const inOrder = await goldenSeen(serving, cases);
    const reversed = await goldenSeen(serving, [...cases].reverse());

    // Assert
    expect(inOrder).toEqual([1, 1, 1, 1]);
    expect(reversed).toEqual([1, 1, 1, 1]);
  });

  it('without reset the same instance leaks its state from case to case (what the reset prevents)', async () => {
    // Arrange
    const serving = open(commandSide({ ...fast, command: store(false), concurrency: 1 }));

    // Act
    const inOrder = await goldenSeen(serving, cases);

    // Assert
    expect(inOrder).toEqual([1, 1, 2, 3]);
  });

  it('fuzz resets a stateful instance before every case: a clean pair passes, and leaks without reset', async () => {
    // Arrange: two keys only, so generated cases repeat keys
    const twoKeys = defineContract({
      ...counting,
      name: 'online_store_fuzz',
      input: z.object({ k: z.enum(['a', 'b']) }),
    });
    const training = recordSide(twoKeys, () => ({ seen: 1 }));
    const withReset = open(commandSide({ ...fast, command: store(true), reset: true, concurrency: 1 }));
    const withoutReset = open(commandSide({ ...fast, command: store(false), concurrency: 1 }));

    // Act
    const reset = await fuzzContract({ contract: twoKeys, sides: { training, serving: withReset }, runs: 20, seed: 1 });
    const leaky = await fuzzContract({
      contract: twoKeys,
      sides: { training, serving: withoutReset },
      runs: 20,
      seed: 1,
    });

    // Assert
    expect(reset.status).toBe('pass');
    expect(leaky.status).toBe('diverged');
  });

  it('an in-process side given a reset option is reset before every golden case too', async () => {
    // Arrange
    const counts = new Map<string, number>();
    const count = (input: { k: string }) => {
      counts.set(input.k, (counts.get(input.k) ?? 0) + 1);
      return { seen: counts.get(input.k) ?? 0 };
    };
    const serving = recordSide(counting, count, { reset: () => counts.clear() });

    // Act
    const reversed = await goldenSeen(serving, [...cases].reverse());

    // Assert
    expect(reversed).toEqual([1, 1, 1, 1]);
  });
});
