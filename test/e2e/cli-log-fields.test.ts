import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

describe('record ids', () => {
  it('--id-field names each record (a field of the input here) in the terminal report and the divergence file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-ids-'));
    const divergences = join(dir, 'divergences.jsonl');
    const result = await runCli([
      'replay',
      '--config',
      CONFIG,
      '--log',
      LOG,
      '--id-field',
      'txn_id',
      '--divergences',
      divergences,
      '--minimize-steps',
      '0',
    ]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/first at line \d+ \(id txn_\d+\), entity card_/);
    const rows = readFileSync(divergences, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => /^txn_\d+$/.test(r.recordId))).toBe(true);
  });

  it('uses a top-level id by default and reports ids an entity repeats (both records still compared)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-ids-'));
    const log = join(dir, 'log.jsonl');
    const HOSTILE = fileURLToPath(new URL('../fixtures/hostile/lockstep.config.ts', import.meta.url));
    const line = (id: string, user: string, at: string) =>
      JSON.stringify({ id, timestamp: at, input: { user_id: user, amount: 1, name: 'n' } });
    writeFileSync(
      log,
      [
        line('r1', 'u1', '2026-01-01T00:00:00Z'),
        line('r2', 'u1', '2026-01-01T00:01:00Z'),
        line('r1', 'u1', '2026-01-01T00:02:00Z'),
        line('r1', 'u2', '2026-01-01T00:03:00Z'),
      ].join('\n'),
    );
    const result = await runCli(['replay', '--config', HOSTILE, '--log', log, '--reporter', 'json']);
    const report = JSON.parse(String(result.stdout)).reports[0];
    expect(report.counts).toMatchObject({ read: 4, compared: 4, duplicateIds: 1 });
    expect(report.counts.duplicates).toEqual([{ id: 'r1', firstLine: 1, line: 3 }]);
    const text = await runCli(['replay', '--config', HOSTILE, '--log', log]);
    expect(text.stdout).toContain('ids      1 record repeats an id of its entity (r1 at line 1 and line 3)');
  });
});
