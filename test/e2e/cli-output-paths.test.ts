import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const EXAMPLE = new URL('../../examples/card-fraud/', import.meta.url).pathname;
const REPLAY = [
  'replay',
  '--config',
  join(EXAMPLE, 'lockstep.in-process.config.ts'),
  '--no-history',
  '--minimize-steps',
  '0',
] as const;

/** /dev/full takes any open and fails every write with ENOSPC: a full disk, for real. */
const FULL_DISK = '/dev/full';

describe('output paths Lockstep cannot write: a usage error naming the flag, never an internal error', () => {
  it('--output-dir naming a file: exit 2 before the run, saying it is a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-out-'));
    const file = join(dir, 'taken');
    writeFileSync(file, 'not a directory');
    const result = await runCli([...REPLAY, '--reporter', 'json', '--output-dir', file]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`--output-dir: ${file} is a file, not a directory`);
    expect(result.stderr).not.toContain('internal error');
    expect(readFileSync(file, 'utf8')).toBe('not a directory');
  });

  it('--output-dir below a file: exit 2, naming the file in the way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-out-'));
    writeFileSync(join(dir, 'taken'), '');
    const result = await runCli([...REPLAY, '--reporter', 'json', '--output-dir', join(dir, 'taken', 'reports')]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`--output-dir: ${join(dir, 'taken')} is a file, not a directory`);
  });

  it('--divergences into folders that do not exist yet: made, and every divergence written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-out-'));
    const file = join(dir, 'nightly', 'day-1', 'divergences.jsonl');
    const out = join(dir, 'report');
    const result = await runCli([...REPLAY, '--divergences', file, '--reporter', 'json', '--output-dir', out]);
    expect(result.exitCode).toBe(1);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const report = JSON.parse(readFileSync(join(out, 'lockstep-report.json'), 'utf8')) as {
      reports: { features: { diverged: number }[] }[];
    };
    const diverged = report.reports.flatMap((r) => r.features).reduce((sum, f) => sum + f.diverged, 0);
    expect(diverged).toBeGreaterThan(0);
    expect(lines).toHaveLength(diverged);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ contract: 'card_fraud' });
  });

  it('--divergences on a full disk: exit 2, naming the file, the reason and how many lines went out', async () => {
    const result = await runCli([...REPLAY, '--divergences', FULL_DISK]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /--divergences: cannot write \/dev\/full \(ENOSPC: no space left on device, write\); 0 of [1-9][\d]* lines were written before it failed/,
    );
    expect(result.stderr).not.toContain('internal error');
  });

  it('$GITHUB_STEP_SUMMARY on a full disk: exit 2 naming the variable', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lockstep-out-'));
    const result = await runCli([...REPLAY, '--reporter', 'markdown', '--output-dir', out], {
      env: { GITHUB_STEP_SUMMARY: FULL_DISK },
    });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('GITHUB_STEP_SUMMARY: cannot write /dev/full (ENOSPC');
  });

  it('schema --out-dir, types --out and init --out-dir naming or below a file: exit 2, the file left as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-out-'));
    const file = join(dir, 'taken');
    writeFileSync(file, 'kept');
    const runs = [
      ['schema', '--config', join(EXAMPLE, 'lockstep.in-process.config.ts'), '--out-dir', file],
      ['types', '--contract', join(EXAMPLE, 'contracts', 'card_fraud.contract.json'), '--out', join(file, 'types.ts')],
      ['init', '--log', join(EXAMPLE, 'logs', 'sample.jsonl'), '--out-dir', join(file, 'draft')],
    ];
    for (const args of runs) {
      const result = await runCli(args);
      expect(result.exitCode, args[0]).toBe(2);
      expect(result.stderr, args[0]).toContain(`${file} is a file, not a directory`);
      expect(result.stderr, args[0]).not.toContain('internal error');
    }
    expect(readFileSync(file, 'utf8')).toBe('kept');
  });
});
