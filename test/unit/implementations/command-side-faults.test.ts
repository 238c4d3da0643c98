import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SkewError } from '../../../src/errors.ts';
import { commandSide } from '../../../src/implementations/command-side.ts';
import type { Side } from '../../../src/implementations/side.ts';
import { closedAfterEach, doubles, fixture, makeRecords, plain, runSide } from './_helpers.ts';

const open = closedAfterEach();

const behaviours = (...args: string[]): string[] => ['python3', fixture('behaviours.py'), ...args];
// Timeouts the hang and missing-answer tests wait out: short enough to keep them quick, long enough that a child
// merely slowed by a loaded machine is never taken for a hung one.
const fast = { concurrency: 1, timeoutMs: 1500, startupTimeoutMs: 3000 } as const;
const kindsOf = (side: Side): string[] => (side.drainDiagnostics?.() ?? []).map((d) => d.kind);

describe('commandSide faults', () => {
  it('restarts a child that exits mid-run, retries its records once, then reports exit code and stderr', async () => {
    // Arrange
    const side = open(commandSide({ ...fast, command: behaviours('--exit-after', '50') }));
    const records = makeRecords(200);

    // Act
    const outcomes = await runSide(side, records, 25);

    // Assert
    const failed = Object.fromEntries(outcomes.flatMap((o, i) => ('error' in o ? [[i, { error: o.error }]] : [])));
    const errors = Object.values(failed).map((f) => f.error);
    expect(plain(outcomes)).toEqual(doubles(200, failed));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.length).toBeLessThan(10);
    expect(errors[0]).toMatch(/exited with code 3 while this record was in flight, also when retried alone/);
    expect(errors[0]).toContain('MemoryError: gave up after 50 requests');
    expect(new Set(kindsOf(side))).toEqual(new Set(['restart', 'retry']));
  });

  it('blames only the record that crashes the child, not the ones pipelined with it', async () => {
    // Arrange
    const side = open(commandSide({ ...fast, command: behaviours() }));
    const records = makeRecords(100, (i) => ({ x: i, crash: i === 42 }));

    // Act
    const outcomes = await runSide(side, records, 20);

    // Assert
    const error = expect.stringMatching(/exited with code 3 .*fatal: cannot compute record 43/);
    expect(plain(outcomes)).toEqual(doubles(100, { 42: { error } }));
    expect(kindsOf(side).filter((k) => k === 'restart')).toHaveLength(2);
  });

  it('kills a child that hangs past the timeout, retries once, then reports the record', async () => {
    // Arrange
    const side = open(commandSide({ ...fast, command: behaviours() }));
    const records = makeRecords(30, (i) => ({ x: i, hang: i === 7 }));

    // Act
    const outcomes = await runSide(side, records, 10);

    // Assert
    const error = expect.stringMatching(
      /gave no response within the timeout \(1500 ms\) and was killed while this record was in flight, also when retried alone/,
    );
    expect(plain(outcomes)).toEqual(doubles(30, { 7: { error } }));
    const timeouts = (side.drainDiagnostics?.() ?? []).filter((d) => d.kind === 'timeout');
    expect(timeouts.length).toBeGreaterThanOrEqual(2);
    expect(timeouts.at(-1)?.line).toBe(8);
  });

  it('reports garbage lines, unknown and duplicate ids as diagnostics and goes on', async () => {
    // Arrange
    const side = open(commandSide({ ...fast, command: behaviours() }));
    const records = makeRecords(6, (i) => ({ x: i, garbage: i === 1, dup: i === 2, unknown: i === 3 }));

    // Act
    const outcomes = await side.compute(records);

    // Assert
    expect(plain(outcomes)).toEqual(doubles(6));
    const messages = (side.drainDiagnostics?.() ?? []).map((d) => `${d.kind} ${d.line ?? '-'} ${d.message}`);
    expect(messages).toHaveLength(3);
    expect(messages).toContainEqual(
      expect.stringMatching(/^protocol - .*stdout line \d+ is not a protocol response: not JSON/),
    );
    expect(messages).toContainEqual(expect.stringMatching(/^protocol 3 .*answers id "3" a second time; ignored/));
    expect(messages).toContainEqual(expect.stringMatching(/^protocol - .*answers unknown id "no-such-id"/));
  });

  it('restarts a child that skips a response, retries the record alone, then reports it as an error', async () => {
    // Arrange
    const side = open(commandSide({ ...fast, command: behaviours() }));
    const records = makeRecords(20, (i) => ({ x: i, skip: i === 4 }));

    // Act
    const outcomes = await runSide(side, records, 10);

    // Assert
    const error = expect.stringMatching(/gave no response within the timeout .* also when retried alone/);
    expect(plain(outcomes)).toEqual(doubles(20, { 4: { error } }));
    expect(kindsOf(side)).toContain('retry');
  });

  it('retries an entity with its whole history after a crash', async () => {
    // Arrange
    const marker = join(mkdtempSync(join(tmpdir(), 'lockstep-')), 'crashed');
    const command = ['python3', fixture('entity.py')];
    const side = open(commandSide({ ...fast, command, shape: 'entity', env: { CRASH_ONCE_MARKER: marker } }));
    const records = makeRecords(12, (i) => ({ amount: 1, crash_once: i === 6 })).map((r, i) => ({
      ...r,
      entity: `card${Math.floor(i / 4)}`,
    }));

    // Act
    const outcomes = await runSide(side, records, 12);

    // Assert
    const expected = records.map((_, i) => ({ features: { running_total: (i % 4) + 1, seen: (i % 4) + 1 } }));
    expect(plain(outcomes)).toEqual(expected);
    expect(kindsOf(side)).toEqual(['restart', 'retry']);
  });

  it('fails start() with SKEW_IMPL_START when the command does not exist', async () => {
    // Arrange
    const side = open(commandSide({ command: ['lockstep-no-such-program', '--x'] }));

    // Act
    const started = side.start?.();

    // Assert
    await expect(started).rejects.toThrow(SkewError);
    await expect(started).rejects.toMatchObject({
      code: 'SKEW_IMPL_START',
      message: expect.stringMatching(
        /^commandSide: cannot start lockstep-no-such-program --x: it could not be started \(.*ENOENT/,
      ),
    });
  });

  it('fails start() with the stderr of a command that exits at once', async () => {
    // Arrange
    // A shell, not Python: it must exit within start()'s grace (500 ms) even on a loaded machine.
    const script = 'echo "ModuleNotFoundError: No module named pandas" >&2; exit 1';
    const side = open(commandSide({ command: ['sh', '-c', script], concurrency: 2 }));

    // Act
    const started = side.start?.();

    // Assert
    await expect(started).rejects.toMatchObject({
      code: 'SKEW_IMPL_START',
      message: expect.stringContaining('exited with code 1; stderr: ModuleNotFoundError: No module named pandas'),
    });
  });

  it('ends the run with SKEW_IMPL_START when a child keeps dying before answering', async () => {
    // Arrange
    const script = 'import sys\nsys.stdin.readline(); sys.stderr.write("boom\\n"); sys.exit(5)';
    const side = open(commandSide({ ...fast, command: ['python3', '-c', script] }));
    await side.start?.();

    // Act
    const computed = side.compute(makeRecords(3));

    // Assert
    const message = expect.stringMatching(
      /^commandSide: cannot start .*exited with code 5 before answering anything, 3 times in a row; last stderr: boom/,
    );
    await expect(computed).rejects.toMatchObject({ code: 'SKEW_IMPL_START', message });
    await expect(side.compute(makeRecords(1))).rejects.toMatchObject({ code: 'SKEW_IMPL_START' });
  });
});
