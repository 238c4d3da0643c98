import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const CONFIG = fileURLToPath(new URL('../../examples/card-fraud/lockstep.in-process.config.ts', import.meta.url));
const LOG = fileURLToPath(new URL('../../examples/card-fraud/logs/sample.jsonl', import.meta.url));

describe('a log field named by flag', () => {
  it('that no record has is a usage error (exit 2) naming the flag, the field and the fields the log has', async () => {
    const result = await runCli(['replay', '--config', CONFIG, '--log', LOG, '--timestamp-field', 'typo']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--timestamp-field names the log field "typo", which no record of');
    expect(result.stderr).toContain('line 1 has "timestamp", "input", "served"');
    expect(result.stderr).toContain('Lockstep does not fall back to another field');
  });

  it('that a record lacks makes that record invalid: it never falls back to the timestamp in the input', async () => {
    // Arrange: the event time under "at" on the first line only; the input still carries its own "ts"
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-fields-'));
    const log = join(dir, 'log.jsonl');
    const served = { log_amount: 0 };
    const input = (ts: string) => ({
      card_id: 'c1',
      txn_id: 't',
      ts,
      amount: 1,
      merchant_name: 'm',
      merchant_category: 'grocery',
      cardholder_tz: 'UTC',
    });
    writeFileSync(
      log,
      [
        { at: '2026-03-01T00:00:00.000Z', input: input('2026-03-01T00:00:00.000Z'), served },
        { input: input('2026-03-01T00:01:00.000Z'), served },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    // Act
    const result = await runCli(['replay', '--config', CONFIG, '--log', log, '--timestamp-field', 'at']);
    // Assert
    expect(result.stdout).toMatch(/line 2 .*field "at" is missing/);
  });
});
