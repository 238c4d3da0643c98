import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLosslessJson } from '../../src/codec/lossless-json.ts';
import type { ReplayReport } from '../../src/replay/replay-report.ts';
import { runCli } from './run-cli.ts';

const CONFIG = new URL('../fixtures/wide-ints/lockstep.config.ts', import.meta.url).pathname;

async function replay(env: Record<string, string>) {
  const result = await runCli(['replay', '--config', CONFIG, '--reporter', 'json'], { env });
  const report = (parseLosslessJson(String(result.stdout)) as { reports: ReplayReport[] }).reports[0] as ReplayReport;
  return { exitCode: result.exitCode, report };
}

describe('integers beyond 2^53 in the input', () => {
  it('validate against z.number().int(), reach both sides exactly, and compare equal; a logged 20.0 reaches Python as a float', async () => {
    const { exitCode, report } = await replay({ ROUNDING: '' });
    expect(report.counts).toMatchObject({ read: 4, compared: 4, invalid: 0, diverged: 0 });
    expect(exitCode).toBe(0);
  });

  it('are exactly the records where a side that rounds them through a float diverges', async () => {
    const { exitCode, report } = await replay({ ROUNDING: '1' });
    expect(exitCode).toBe(1);
    expect(report.counts).toMatchObject({ read: 4, compared: 4, invalid: 0, diverged: 2 });
    const examples = report.classes.flatMap((c) => c.examples);
    expect(examples.map((e) => e.line).sort()).toEqual([2, 3]);
    expect(examples.find((e) => e.line === 2)).toMatchObject({
      training: '9007199254740993',
      serving: '9007199254740992',
    });
  });

  it('fuzz: generated whole floats reach the Python side as floats (20.0), so a clean pair stays clean', async () => {
    const snapshots = mkdtempSync(join(tmpdir(), 'lockstep-wide-'));
    const result = await runCli(
      ['fuzz', '--config', CONFIG, '--runs', '60', '--seed', '1', '--snapshot-dir', snapshots],
      { env: { ROUNDING: '', CI: '1' } },
    );
    expect(result.stdout).not.toContain('amount_type');
    expect(result.exitCode).toBe(0);
  });
});
