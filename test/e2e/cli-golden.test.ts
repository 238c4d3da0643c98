import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

// lockstep golden through the real CLI, over in-process sides chosen by GOLDEN_VARIANT (test/fixtures/golden).
const CONFIG = new URL('../fixtures/golden/lockstep.config.ts', import.meta.url).pathname;

function golden(snapshots: string, env: Record<string, string>, ...flags: string[]) {
  return runCli(['golden', '--config', CONFIG, '--snapshot-dir', snapshots, ...flags], { env });
}

describe('lockstep golden', () => {
  it('records locally, fails on CI without a file, and catches the change both sides make that replay passes', async () => {
    const snapshots = mkdtempSync(join(tmpdir(), 'lockstep-golden-'));
    const file = join(snapshots, 'golden_demo', 'golden.jsonl');

    const onCi = await golden(snapshots, { CI: '1' });
    expect(onCi.exitCode).toBe(1);
    expect(onCi.stdout).toMatch(/FAIL +1 contract: golden_demo: no golden file at/);
    expect(existsSync(file)).toBe(false);

    const updateOnCi = await golden(snapshots, { CI: '1' }, '-u');
    expect(updateOnCi.exitCode).toBe(2);
    expect(updateOnCi.stderr).toContain('refused when CI is set');

    const local = await golden(snapshots, { CI: '' });
    expect(local.exitCode).toBe(0);
    expect(local.stdout).toContain('0 matched · 0 changed · 4 added');
    expect(readFileSync(file, 'utf8')).toContain('{"$bigint":"9007199254740993"}');

    const check = await golden(snapshots, { CI: '1' });
    expect(check.exitCode).toBe(0);
    expect(check.stdout).toContain('4 matched · 0 changed · 0 added');

    const replay = await runCli(['replay', '--config', CONFIG], { env: { GOLDEN_VARIANT: 'log-both' } });
    expect(replay.exitCode).toBe(0);

    const moved = await golden(snapshots, { CI: '1', GOLDEN_VARIANT: 'log-both' });
    expect(moved.exitCode).toBe(1);
    expect(moved.stdout).toContain(
      '‼ astral · log_x: BOTH SIDES CHANGED THE SAME WAY (training and serving; parity cannot see this)',
    );
    expect(moved.stdout).toContain(`training: ${Math.log1p(1.5)} → ${Math.log(1.5)}`);
    expect(moved.stdout).toContain(`serving:  ${Math.log1p(1.5)} → ${Math.log(1.5)}`);
    expect(moved.stdout).toMatch(
      /FAIL +1 contract: golden_demo: case "astral" · log_x: BOTH SIDES CHANGED THE SAME WAY/,
    );
  });

  it('-u rewrites stored values only after a version bump, or with --accept-without-bump recorded in the file', async () => {
    const snapshots = mkdtempSync(join(tmpdir(), 'lockstep-golden-'));
    const file = join(snapshots, 'golden_demo', 'golden.jsonl');
    expect((await golden(snapshots, { CI: '' })).exitCode).toBe(0);
    const recorded = readFileSync(file, 'utf8');

    const refused = await golden(snapshots, { CI: '', GOLDEN_VARIANT: 'log-both' }, '-u');
    expect(refused.exitCode).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(recorded);
    expect(refused.stdout).toContain('not rewritten (version rule): 3 case(s) changed under contract version "1.0.0"');
    expect(refused.stdout).toMatch(/bump the contract's version at .*sides\.ts:\d+ and run lockstep golden -u again/);

    const alone = await golden(snapshots, { CI: '' }, '--accept-without-bump');
    expect(alone.exitCode).toBe(2);
    expect(alone.stderr).toContain('--accept-without-bump only applies with -u');

    const bumped = await golden(snapshots, { CI: '', GOLDEN_VARIANT: 'log-both', GOLDEN_VERSION: '1.1.0' }, '-u');
    expect(bumped.exitCode).toBe(0);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('{"golden":1,"contract":"golden_demo","version":"1.1.0"}');
    const after = await golden(snapshots, { CI: '1', GOLDEN_VARIANT: 'log-both', GOLDEN_VERSION: '1.1.0' });
    expect(after.exitCode).toBe(0);

    const accepted = await golden(
      snapshots,
      { CI: '', GOLDEN_VARIANT: 'log1p', GOLDEN_VERSION: '1.1.0' },
      '-u',
      '--accept-without-bump',
    );
    expect(accepted.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8').split('\n')[0] as string).acceptedWithoutBump).toEqual([
      { version: '1.1.0', cases: ['astral', 'big-account', 'negative-zero'] },
    ]);
  });

  it('goes through the reporters: junit, markdown (and the step summary), github annotations, the JSON report', async () => {
    const snapshots = mkdtempSync(join(tmpdir(), 'lockstep-golden-'));
    expect((await golden(snapshots, { CI: '' })).exitCode).toBe(0);
    const out = mkdtempSync(join(tmpdir(), 'lockstep-golden-out-'));
    const stepSummary = join(out, 'step-summary.md');
    const reporters = ['--reporter', 'junit', '--reporter', 'markdown', '--reporter', 'json', '--reporter', 'github'];
    const moved = await golden(
      snapshots,
      { CI: '1', GOLDEN_VARIANT: 'log-training', GITHUB_STEP_SUMMARY: stepSummary },
      ...reporters,
      '--output-dir',
      out,
    );
    expect(moved.exitCode).toBe(1);
    const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(junit).toContain('name="golden_demo@1.0.0 (golden)"');
    expect(junit).toContain(`training: ${Math.log1p(1.5)} → ${Math.log(1.5)}`);
    const markdown = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(markdown).toContain('## Lockstep golden: ✖ FAIL');
    expect(markdown).toContain('golden case astral · training changed');
    expect(readFileSync(stepSummary, 'utf8')).toContain(markdown.trim());
    expect(readFileSync(join(out, 'lockstep-report.json'), 'utf8')).toContain('"golden": [');
    expect(moved.stdout).toMatch(
      /^::error file=.*title=Lockstep golden%3A golden_demo · log_x · golden case astral · training changed::/m,
    );
    expect(moved.stdout).toContain('::notice title=Lockstep golden%3A FAIL (exit 1)::');
  });
});
