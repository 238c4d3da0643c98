import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

// lockstep check through the real CLI: golden, fuzz and replay over the golden fixture's in-process sides, one verdict.
const CONFIG = new URL('../fixtures/golden/lockstep.config.ts', import.meta.url).pathname;

function check(snapshots: string, env: Record<string, string>, ...flags: string[]) {
  return runCli(['check', '--config', CONFIG, '--snapshot-dir', snapshots, '--runs', '50', ...flags], { env });
}

describe('lockstep check', () => {
  it('runs every stage to one verdict: all pass (0), a planted divergence fails (1), --skip names the stage', async () => {
    const snapshots = mkdtempSync(join(tmpdir(), 'lockstep-check-'));
    const pass = await check(snapshots, { CI: '' });
    expect(pass.exitCode).toBe(0);
    expect(pass.stdout).toMatch(/PASS +1 contract\n/);
    expect(pass.stdout).toContain('stages: golden passed, fuzz passed, replay passed');

    const fail = await check(snapshots, { CI: '1', GOLDEN_VARIANT: 'log-training' });
    expect(fail.exitCode).toBe(1);
    expect(fail.stdout).toMatch(/FAIL +1 contract: golden_demo: case "astral" · log_x: training changed/);
    expect(fail.stdout).toContain('stages: golden failed, fuzz failed, replay failed');

    const skipped = await check(snapshots, { CI: '1' }, '--skip', 'fuzz,replay');
    expect(skipped.exitCode).toBe(0);
    expect(skipped.stdout).toMatch(/PASS +1 contract \(skipped: fuzz, replay\)/);
    expect(skipped.stdout).not.toContain('lockstep fuzz ·');

    const budgets = await check(
      snapshots,
      { CI: '1' },
      '--skip',
      'golden,replay',
      '--seed',
      '7',
      '--minimize-steps',
      '0',
    );
    expect(budgets.exitCode).toBe(0);
    expect(budgets.stdout).toContain('no divergence in 50 runs (seed 7)');

    const bad = await check(snapshots, { CI: '1' }, '--skip', 'lint');
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--skip: expected stages among golden, fuzz, replay; got "lint"');

    const all = await check(snapshots, { CI: '1' }, '--skip', 'golden,fuzz,replay');
    expect(all.exitCode).toBe(2);
    expect(all.stderr).toContain('skipping golden, fuzz, replay leaves nothing to check');
  });

  it('never passes having checked nothing: every stage with nothing configured fails the run', async () => {
    const snapshots = mkdtempSync(join(tmpdir(), 'lockstep-check-'));
    const nothing = new URL('../fixtures/golden/nothing.config.ts', import.meta.url).pathname;
    const result = await runCli(['check', '--config', nothing, '--snapshot-dir', snapshots], { env: { CI: '1' } });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /FAIL .*check: nothing was checked for golden_demo: golden, fuzz, replay had nothing configured/,
    );
  });
});
