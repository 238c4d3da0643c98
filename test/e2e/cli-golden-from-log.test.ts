import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MERCHANT_CATEGORIES } from '../../contracts/card-fraud.ts';
import { runCli } from './run-cli.ts';

// lockstep golden --from-log on the card-fraud example: pandas training (entity-wise) and TypeScript serving over the
// example's sampled production log.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG = fileURLToPath(new URL('../../examples/card-fraud/lockstep.config.ts', import.meta.url));
const LOG = fileURLToPath(new URL('../../examples/card-fraud/logs/sample.jsonl', import.meta.url));

function golden(snapshots: string, env: Record<string, string>, ...flags: string[]) {
  return runCli(['golden', '--config', CONFIG, '--snapshot-dir', snapshots, ...flags], { cwd: ROOT, env });
}

/** The cases of a golden file (its lines after the header). */
function casesOf(file: string): { name: string; source?: string; shape?: string; serving: Record<string, unknown> }[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => JSON.parse(line));
}

describe('lockstep golden --from-log', () => {
  it('samples the example log into the same golden file twice, covering every category value, then checks it on CI', async () => {
    // Arrange
    const one = mkdtempSync(join(tmpdir(), 'lockstep-from-log-'));
    const two = mkdtempSync(join(tmpdir(), 'lockstep-from-log-'));
    // Act
    const first = await golden(one, { CI: '' }, '--from-log', LOG);
    const second = await golden(two, { CI: '' }, '--from-log', LOG);
    // Assert: deterministic, byte for byte
    expect(first.exitCode, first.all).toBe(0);
    expect(second.exitCode, second.all).toBe(0);
    const file = join(one, 'card_fraud', 'golden.jsonl');
    expect(readFileSync(join(two, 'card_fraud', 'golden.jsonl'), 'utf8')).toBe(readFileSync(file, 'utf8'));
    expect(second.stdout).toBe(first.stdout.replaceAll(basename(one), basename(two)));
    // Every category value of the contract (the out-of-vocabulary one too) is a sampled case's served value.
    const cases = casesOf(file);
    const fromLog = cases.filter((c) => c.source === 'log');
    expect(fromLog.length).toBeGreaterThan(10);
    expect(fromLog.length).toBeLessThanOrEqual(50);
    for (const value of [...MERCHANT_CATEGORIES, 'other']) {
      expect(first.stdout).toContain(`merchant_category = ${value}`);
      expect(fromLog.some((c) => c.serving.merchant_category === value)).toBe(true);
    }
    expect(first.stdout).toMatch(/\+ log\/history\/card_\d+ {2}\(lines /);
    const histories = fromLog.filter((c) => c.name.startsWith('log/history/'));
    expect(histories.length).toBeGreaterThan(0);
    expect(histories.every((c) => c.shape === 'history')).toBe(true);
    expect(first.stdout).toMatch(/divergence class is_weekend value/);
    expect(first.stdout).toContain(`0 matched · 0 changed · ${cases.length} added`);
    // Stored: a later run on CI checks the sampled cases from the file alone, with zero changes.
    const check = await golden(one, { CI: '1' });
    expect(check.exitCode, check.all).toBe(0);
    expect(check.stdout).toContain(`${cases.length} matched · 0 changed · 0 added · 0 updated · 0 obsolete`);
    // Again locally: every picked case is already stored, nothing is added.
    const again = await golden(one, { CI: '' }, '--from-log', LOG);
    expect(again.exitCode, again.all).toBe(0);
    expect(again.stdout).not.toMatch(/^ {2}\+ /m);
    expect(again.stdout).toContain(`${cases.length} matched · 0 changed · 0 added`);
  });

  it('--cases caps the sample, category values first', async () => {
    // Arrange
    const snapshots = mkdtempSync(join(tmpdir(), 'lockstep-from-log-'));
    // Act
    const result = await golden(snapshots, { CI: '' }, '--from-log', LOG, '--cases', '5');
    // Assert
    expect(result.exitCode, result.all).toBe(0);
    const fromLog = casesOf(join(snapshots, 'card_fraud', 'golden.jsonl')).filter((c) => c.source === 'log');
    expect(fromLog).toHaveLength(5);
    expect(result.stdout).toMatch(/strata left out by --cases 5: .*log\/history\//);
  });

  it('is refused on CI, and a missing log or a directory is a usage error before any side starts', async () => {
    // Arrange
    const snapshots = mkdtempSync(join(tmpdir(), 'lockstep-from-log-'));
    // Act
    const onCi = await golden(snapshots, { CI: '1' }, '--from-log', LOG);
    const missing = await golden(snapshots, { CI: '' }, '--from-log', join(snapshots, 'nope.jsonl'));
    const directory = await golden(snapshots, { CI: '' }, '--from-log', snapshots);
    const badCap = await golden(snapshots, { CI: '' }, '--from-log', LOG, '--cases', '0');
    const capAlone = await golden(snapshots, { CI: '' }, '--cases', '3');
    // Assert
    expect(onCi.exitCode).toBe(2);
    expect(onCi.stderr).toContain('--from-log adds golden cases, which is refused when CI is set');
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain(`log file ${join(snapshots, 'nope.jsonl')} does not exist`);
    expect(directory.exitCode).toBe(2);
    expect(directory.stderr).toContain('lockstep golden --from-log');
    expect(badCap.exitCode).toBe(2);
    expect(badCap.stderr).toContain('--cases must be a whole number of 1 or more, got "0"');
    expect(capAlone.exitCode).toBe(2);
    expect(capAlone.stderr).toContain('add --from-log <log>');
    expect(existsSync(join(snapshots, 'card_fraud'))).toBe(false);
  });

  it('a log with no valid record is an error (exit 2), not an empty sample that passes', async () => {
    const snapshots = mkdtempSync(join(tmpdir(), 'lockstep-from-log-'));
    const garbage = join(snapshots, 'garbage.jsonl');
    writeFileSync(garbage, 'not json\n{"input": 5}\n');
    const result = await golden(snapshots, { CI: '' }, '--from-log', garbage);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      `lockstep golden --from-log: ${garbage} has no record both sides computed to pick cases from (2 lines read: 2 invalid, 0 errored)`,
    );
    expect(existsSync(join(snapshots, 'card_fraud'))).toBe(false);
  });
});
