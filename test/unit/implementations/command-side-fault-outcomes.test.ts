import { describe, expect, it } from 'vitest';
import { commandSide } from '../../../src/implementations/command-side.ts';
import type { Side, SideDiagnostic } from '../../../src/implementations/side.ts';
import { closedAfterEach, doubles, fixture, makeRecords, plain, runSide } from './_helpers.ts';

const open = closedAfterEach();

/** The sequential fixture: answers in the order it reads, one flushed line each. */
const sequential = (...args: string[]): string[] => ['python3', fixture('sequential.py'), ...args];
// Short enough to keep the tests quick, long enough that a child slowed by a loaded machine is not taken for a hung
// one. No outcome below depends on how fast anything runs: only on which records the child answers.
const fast = { concurrency: 1, timeoutMs: 1500, startupTimeoutMs: 3000 } as const;
const drained = (side: Side): readonly SideDiagnostic[] => side.drainDiagnostics?.() ?? [];

describe('commandSide fault outcomes', () => {
  it('gives a record the child never answers the same outcome on every run: retried alone once, then an error', async () => {
    // Arrange: the skipped record in the middle (later answers overtake it) or last (nothing comes after it), in
    // batches of different sizes
    const runs = [
      { skip: '13', batchSize: 10 },
      { skip: '13', batchSize: 40 },
      { skip: '40', batchSize: 10 },
      { skip: '40', batchSize: 40 },
    ];
    const records = makeRecords(40);

    for (const { skip, batchSize } of runs) {
      const command = sequential('--skip-id', skip);
      const side = open(commandSide({ ...fast, command }));

      // Act
      const outcomes = await runSide(side, records, batchSize);

      // Assert
      const error = `${command.join(' ')} gave no response within the timeout (1500 ms) and was killed while this record was in flight, also when retried alone on a restarted child`;
      expect(plain(outcomes)).toEqual(doubles(40, { [Number(skip) - 1]: { error } }));
      const retries = drained(side)
        .filter((d) => d.kind === 'retry')
        .map((d) => d.message);
      expect(retries).toContainEqual(expect.stringMatching(new RegExp(`retrying 1 records \\(lines ${skip}\\)`)));
      await side.close?.();
    }
  });

  it('after a hang, blames only the record the child was on and re-sends the records queued behind it', async () => {
    // Arrange
    // (a longer timeout: the counts below assume no answer of this fast child is ever late)
    const side = open(commandSide({ ...fast, timeoutMs: 3000, command: sequential('--hang-id', '5') }));
    const records = makeRecords(60);

    // Act
    const outcomes = await runSide(side, records, 20);

    // Assert
    const error = expect.stringMatching(/gave no response within the timeout .* also when retried alone/);
    expect(plain(outcomes)).toEqual(doubles(60, { 4: { error } }));
    const diagnostics = drained(side);
    const retry = diagnostics.find((d) => d.kind === 'retry')?.message;
    expect(retry).toMatch(
      /retrying 1 records \(lines 5\), one record at a time; re-sending 55 records it had not reached/,
    );
    // the hang, then the same record hanging alone on the restarted child: nobody else was retried alone
    expect(diagnostics.filter((d) => d.kind === 'timeout').map((d) => d.line)).toEqual([5, 5]);
    expect(diagnostics.filter((d) => d.kind === 'retry')).toHaveLength(1);
  });

  it('after an entity-wise side hangs, blames the batch it was on and re-sends the batches behind it', async () => {
    // Arrange: three batches of two entities with three events each; one event of card2 (batch 2) hangs the side
    const command = ['python3', fixture('entity.py')];
    const side = open(commandSide({ ...fast, timeoutMs: 3000, command, shape: 'entity' }));
    const records = makeRecords(18, (i) => ({ amount: 1, hang: i === 7 })).map((r, i) => ({
      ...r,
      entity: `card${Math.floor(i / 3)}`,
    }));

    // Act
    const outcomes = await runSide(side, records, 6);

    // Assert: card2's history errors as a whole; card3, in the same batch, passes alone; batch 3 is re-sent
    const error = expect.stringMatching(/gave no response within the timeout .* also when retried alone/);
    const running = (i: number) => ({ features: { running_total: (i % 3) + 1, seen: (i % 3) + 1 } });
    expect(plain(outcomes)).toEqual(records.map((_, i) => (i >= 6 && i < 9 ? { error } : running(i))));
    const retry = drained(side).find((d) => d.kind === 'retry')?.message;
    expect(retry).toMatch(
      /retrying 6 records \(lines 7, 8, 9, 10, 11, 12\), one entity history at a time; re-sending 6 records it had not reached \(lines 13, 14, 15, 16, 17, 18\)/,
    );
  });

  it('names the protocol rule a child breaks when it answers only at end of input', async () => {
    // Arrange
    const side = open(commandSide({ ...fast, concurrency: 2, command: sequential('--at-eof') }));

    // Act
    const computed = runSide(side, makeRecords(10), 5);

    // Assert
    await expect(computed).rejects.toMatchObject({
      code: 'SKEW_IMPL_START',
      message: expect.stringMatching(
        /answers only at end of input: it answered nothing for 4500 ms while its stdin was open, then answered id "\d+" as soon as Lockstep closed its stdin\. Answers must come while stdin stays open: Lockstep does not close stdin between batches; .*flush each answer line.*docs\/protocol\.md/,
      ),
    });
    expect(drained(side).map((d) => d.kind)).not.toContain('restart');
    await expect(side.compute(makeRecords(1))).rejects.toMatchObject({ code: 'SKEW_IMPL_START' });
  });
});
