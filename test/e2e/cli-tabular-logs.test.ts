import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLosslessJson } from '../../src/codec/lossless-json.ts';
import type { ReplayReport } from '../../src/replay/replay-report.ts';
import { writeWithPyarrow } from '../unit/io/_pyarrow.ts';
import { runCli } from './run-cli.ts';

const CONFIG = new URL('../fixtures/wide-ints/lockstep.config.ts', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'lockstep-cli-tabular-'));

// The wide-ints log (ids beyond 2^53 and up to 2^64-1, a whole float 20.0 the Python side must see as a float) as a
// flat Parquet table (uint64 ids), a nested one with the event time under another name, and a CSV file.
const flat = join(dir, 'flat.parquet');
const nested = join(dir, 'nested.bin');
const csv = join(dir, 'log.csv');
writeWithPyarrow(
  dir,
  `
import os
accounts = [42, 9007199254740993, 18446744073709551615, 7]
amounts = [1.5, 2.5, 3.5, 20.0]
times = [1700000000000 + 1000 * i for i in range(4)]
pq.write_table(pa.table({'timestamp': times, 'account': pa.array(accounts, pa.uint64()), 'amount': amounts}),
               os.path.join(out, 'flat.parquet'), row_group_size=3)
inputs = pa.array([{'account': a, 'amount': m} for a, m in zip(accounts, amounts)],
                  pa.struct([('account', pa.uint64()), ('amount', pa.float64())]))
pq.write_table(pa.table({'event_time': times, 'input': inputs}), os.path.join(out, 'nested.bin'), compression='zstd')
with open(os.path.join(out, 'log.csv'), 'w') as f:
    f.write('timestamp,account,amount\\n' + ''.join(f'{t},{a},{m}\\n' for t, a, m in zip(times, accounts, amounts)))
`,
);

async function replay(args: string[], rounding: string) {
  const result = await runCli(['replay', '--config', CONFIG, '--reporter', 'json', ...args], {
    env: { ROUNDING: rounding },
  });
  const parsed =
    result.exitCode === 2 ? undefined : (parseLosslessJson(String(result.stdout)) as { reports: ReplayReport[] });
  return { result, report: parsed?.reports[0] };
}

describe('lockstep replay --log on Parquet and CSV', () => {
  it.each([
    ['flat Parquet', [flat]],
    [
      'nested Parquet by --log-format, with --timestamp-field',
      [nested, '--log-format', 'parquet', '--timestamp-field', 'event_time'],
    ],
    ['CSV', [csv]],
  ])(
    '%s: ids up to 2^64-1 reach both sides exactly, 20.0 arrives as a float',
    async (_name, log) => {
      const clean = await replay(['--log', ...log], '');
      expect(clean.report?.counts).toMatchObject({ read: 4, compared: 4, invalid: 0, diverged: 0 });
      expect(clean.result.exitCode).toBe(0);
      const rounding = await replay(['--log', ...log, '--minimize-steps', '0'], '1');
      expect(rounding.result.exitCode).toBe(1);
      expect(rounding.report?.classes.flatMap((c) => c.examples.map((e) => e.line)).sort()).toEqual([2, 3]);
    },
    120_000,
  );

  it('a file named .parquet that is not Parquet is a usage error (exit 2) naming it, without a stack trace', async () => {
    const fake = join(dir, 'fake.parquet');
    writeFileSync(fake, '{"timestamp":1,"input":{"account":1,"amount":1.5}}\n');
    const { result } = await replay(['--log', fake], '');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`log ${fake} is read as Parquet but its bytes are not Parquet (no PAR1 magic)`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('a field named by flag that the table lacks is a usage error listing its columns', async () => {
    const { result } = await replay(['--log', flat, '--timestamp-field', 'event_time'], '');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--timestamp-field names the log field "event_time", which no record of');
    expect(result.stderr).toContain('line 1 has "timestamp", "input"');
  }, 60_000);
});
