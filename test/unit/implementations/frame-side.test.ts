import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { frameSide } from '../../../src/implementations/frame-side.ts';
import type { SideRecord } from '../../../src/implementations/side.ts';
import { closedAfterEach, errorOf, featuresOf, VENV_PYTHON } from './_helpers.ts';

const open = closedAfterEach();

const PYTHON = VENV_PYTHON;
const ECHO = fileURLToPath(new URL('../../fixtures/frame-sides/echo.py', import.meta.url));

const everything = defineContract({
  name: 'everything',
  version: '1',
  entity: 'card',
  input: z.object({
    card: z.string(),
    big: z
      .number()
      .int()
      .min(-(2 ** 63))
      .max(2 ** 63),
    f: z.number(),
    maybe: z.number().nullable(),
    count: z.number().int().nullable().optional(),
    flag: z.boolean(),
    at: z.iso.datetime(),
    action: z.string().optional(),
  }),
  features: { big: { type: 'int' } },
});

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

function records(inputs: readonly Record<string, unknown>[]): SideRecord[] {
  return inputs.map((input, i) => ({
    id: String(i + 1),
    line: i + 1,
    entity: String(input.card),
    timestamp: 1_700_000_000_000 + i,
    input,
  }));
}

const base = { card: 'a', big: 1, f: 0.5, maybe: 1.5, count: 2, flag: true, at: '2024-01-02T03:04:05Z' };
const echo = (library: string) =>
  open(frameSide({ command: [PYTHON, ECHO, library], contract: everything, concurrency: 1 }));

describe.each(['pandas', 'polars'])('frameSide with %s', (library) => {
  it('round-trips every column type exactly: int64 extremes, NaN, nulls, microsecond timestamps, unicode', async () => {
    const batch = records([
      { ...base, card: 'é😀\u0000x', big: INT64_MAX, f: Number.NaN, maybe: null, count: null },
      { ...base, big: INT64_MIN, f: -0.25, flag: false, at: '1969-12-31T23:59:59.999999Z' },
      { ...base, big: 9007199254740993n, at: '2024-01-02T03:04:05.123456Z' },
    ]);

    const outcomes = await echo(library).compute(batch);

    const [first, second, third] = outcomes.map(featuresOf);
    expect(first).toMatchObject({ card: 'é😀\u0000x', big: INT64_MAX, f: Number.NaN, count: null, flag: true });
    expect(first?.maybe === null || Number.isNaN(first?.maybe)).toBe(true); // pandas reads a null float as NaN
    expect(second).toMatchObject({ big: INT64_MIN, f: -0.25, flag: false, at: -0.001 });
    expect(third).toMatchObject({ big: 9007199254740993n, at: Date.UTC(2024, 0, 2, 3, 4, 5, 123) + 0.456, count: 2 });
    expect(first?.rows).toBe(3);
    // a categorical answer column (an Arrow dictionary) reads back as its values, row by row
    expect(outcomes.map((o) => featuresOf(o).card_category)).toEqual(['é😀\u0000x', 'a', 'a']);
  });

  it('types the columns from the contract', async () => {
    const [outcome] = await echo(library).compute(records([base]));

    const dtypes = String(featuresOf(outcome).dtypes);
    if (library === 'pandas') {
      expect(dtypes).toContain('big:int64');
      expect(dtypes).toContain('count:Int64');
      expect(dtypes).toContain('f:float64');
      expect(dtypes).toContain('flag:bool');
      expect(dtypes).toContain('at:datetime64[us, UTC]');
      expect(dtypes).toContain('_timestamp:datetime64[ms, UTC]');
    } else {
      expect(dtypes).toContain('big:Int64');
      expect(dtypes).toContain('f:Float64');
      expect(dtypes).toContain('flag:Boolean');
      expect(dtypes).toContain("at:Datetime(time_unit='us', time_zone='UTC')");
    }
  });

  it('refuses an integer beyond int64 by name and computes the rest of the batch', async () => {
    const batch = records([base, { ...base, big: 2n ** 63n }, { ...base, big: -(2n ** 63n) - 1n }, base]);

    const outcomes = await echo(library).compute(batch);

    expect(errorOf(outcomes[1])).toMatch(/^int64_overflow: input field "big" is 9223372036854775808, beyond the int64/);
    expect(errorOf(outcomes[2])).toMatch(/^int64_overflow: input field "big" is -9223372036854775809/);
    expect(featuresOf(outcomes[0]).rows).toBe(2);
    expect(featuresOf(outcomes[3]).big).toBe(1);
  });

  it('fails one row through _error, and the whole batch when compute raises', async () => {
    const side = echo(library);

    const rowErrors = await side.compute(records([base, { ...base, action: 'error' }]));
    const raised = await side.compute(records([base, { ...base, action: 'raise' }]));

    expect(featuresOf(rowErrors[0]).big).toBe(1);
    expect(errorOf(rowErrors[1])).toBe('row error for 2');
    expect(raised.map(errorOf)).toEqual([
      'ValueError: asked to raise by record 2',
      'ValueError: asked to raise by record 2',
    ]);
  });

  it('reports a crash mid-batch on the batch it happened in, with the stderr tail, and goes on with a fresh child', async () => {
    const side = echo(library);
    const crashing = records([base, base, { ...base, action: 'crash' }]).map((r) => ({ ...r, line: r.line + 40 }));

    const crashed = await side.compute(crashing);
    const after = await side.compute(records([base]));

    for (const outcome of crashed) {
      expect(errorOf(outcome)).toMatch(
        /echo\.py \w+ exited with code 3 while computing this record's batch \(3 records, lines 41–43\)/,
      );
      expect(errorOf(outcome)).toContain('echo.py: crashing on record 3');
    }
    expect(featuresOf(after[0]).big).toBe(1);
    expect(side.drainDiagnostics?.()).toEqual([
      expect.objectContaining({
        kind: 'restart',
        message: expect.stringContaining('exited with code 3; restarting it'),
      }),
    ]);
  });
});

describe('frameSide faults', () => {
  it('kills a child that hangs and errors its batch with the timeout', async () => {
    const script = 'import time, sys\nfrom lockstep_side import serve_arrow\nserve_arrow(lambda f: time.sleep(60))';
    const side = open(
      frameSide({ command: [PYTHON, '-c', script], contract: everything, timeoutMs: 1500, startupTimeoutMs: 5000 }),
    );

    const outcomes = await side.compute(records([base]));

    expect(errorOf(outcomes[0])).toMatch(
      /gave no answer within the timeout \(1500 ms\).*and was killed while computing this record's batch \(1 records, line 1\)/,
    );
  }, 30_000);

  it('fails start with SKEW_IMPL_START when the program exits at once', async () => {
    const side = open(
      // sh, not Python: it exits within the start grace (500 ms) even on a loaded machine.
      frameSide({ command: ['sh', '-c', 'echo no luck >&2; exit 5'] }),
    );

    await expect(side.compute(records([base]))).rejects.toMatchObject({
      code: 'SKEW_IMPL_START',
      message: expect.stringMatching(/frameSide: cannot start .* exited with code 5; stderr: no luck/),
    });
  });

  it('kills and restarts a child that writes something other than frame messages, erroring its batch at once', async () => {
    const script =
      'import sys, time\nsys.stdin.buffer.read(5)\nsys.stdout.write(\'{"id": "1", "features": {}}\\n\')\nsys.stdout.flush()\ntime.sleep(60)';
    const side = open(frameSide({ command: [PYTHON, '-c', script], contract: everything, timeoutMs: 60_000 }));

    const outcomes = await side.compute(records([base]));

    expect(errorOf(outcomes[0])).toMatch(/wrote a "\{" message to a "B" message, which is not the frame protocol/);
  }, 30_000);

  it('guesses column types from the values when it has no contract', async () => {
    const side = open(frameSide({ command: [PYTHON, ECHO, 'pandas'] }));

    const [outcome] = await side.compute(records([{ card: 'a', big: INT64_MAX, f: 0.5 }]));

    expect(featuresOf(outcome)).toMatchObject({ big: INT64_MAX, f: 0.5 });
    expect(String(featuresOf(outcome).dtypes)).toContain('big:Int64');
  });

  it('resets through the reset message when the program has a hook', async () => {
    const script = [
      'from lockstep_side import serve_arrow',
      'seen = []',
      'def compute(frame):',
      '    seen.extend(frame["_id"].tolist())',
      '    return frame[["_id"]].assign(seen=len(seen))',
      'serve_arrow(compute, reset=seen.clear)',
    ].join('\n');
    const side = open(
      frameSide({ command: [PYTHON, '-c', script], contract: everything, concurrency: 1, reset: true }),
    );

    await side.compute(records([base, base]));
    await side.reset?.();
    const [outcome] = await side.compute(records([base]));

    expect(featuresOf(outcome).seen).toBe(1);
  });
});
