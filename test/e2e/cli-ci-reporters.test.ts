import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLosslessJson } from '../../src/codec/lossless-json.ts';
import { junitSchemaErrors } from '../unit/report/_real-runs.ts';
import { runCli } from './run-cli.ts';

const CI = new URL('../fixtures/ci/', import.meta.url).pathname;
const FUZZ = new URL('../fixtures/fuzz/card-fraud.in-process.config.ts', import.meta.url).pathname;
const ALL = ['--reporter', 'default', '--reporter', 'junit', '--reporter', 'markdown', '--reporter', 'github'];

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'lockstep-ci-cli-'));
}

describe('CI reporters through the CLI', () => {
  it('replay writes junit.xml, summary.md and the JSON report, appends the summary to $GITHUB_STEP_SUMMARY, and annotates', async () => {
    const out = join(tempDir(), 'lockstep-report');
    const step = join(tempDir(), 'step-summary.md');
    writeFileSync(step, '# earlier step\n');
    const history = join(tempDir(), 'history.jsonl');
    const args = ['replay', ...ALL, '--reporter', 'json', '--output-dir', out, '--history', history];

    const result = await runCli(args, { cwd: CI, env: { GITHUB_STEP_SUMMARY: step } });

    expect(result.exitCode).toBe(1);
    const summary = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(summary.split('\n')[0]).toBe('## Lockstep replay: ✖ FAIL');
    expect(readFileSync(step, 'utf8')).toBe(`# earlier step\n${summary}\n`);
    expect(await junitSchemaErrors(readFileSync(join(out, 'junit.xml'), 'utf8'))).toBe('');
    // The terminal report and the workflow commands share stdout; each command is a line of its own.
    expect(result.stdout).toContain('✖ amount_rounded · value · serving higher');
    expect(result.stdout).toMatch(
      /^::error file=lockstep\.config\.ts,line=\d+,title=Lockstep replay%3A orders · amount_rounded/m,
    );
    expect(result.stdout).toMatch(/^::notice file=orders\.jsonl,line=2,title=/m);
    expect(result.stdout).toMatch(/^::notice title=Lockstep replay%3A FAIL \(exit 1\)::FAIL: orders: /m);
    const report = parseLosslessJson(readFileSync(join(out, 'lockstep-report.json'), 'utf8')) as {
      schemaVersion: number;
      lockstepVersion: string;
      run: {
        commandLine: string[];
        contracts: { name: string; version: string }[];
        startedAt: string;
        endedAt: string;
      };
    };
    expect(report.schemaVersion).toBe(1);
    expect(report.lockstepVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.run.commandLine).toEqual(['lockstep', ...args]);
    expect(report.run.contracts).toMatchObject([{ name: 'orders', version: '2.0.0' }]);
    expect(Date.parse(report.run.endedAt)).toBeGreaterThanOrEqual(Date.parse(report.run.startedAt));
  });

  it('fuzz takes the same reporters (repeatable) and --output-dir', async () => {
    const out = join(tempDir(), 'lockstep-report');

    const result = await runCli(
      ['fuzz', '--config', FUZZ, '--runs', '40', '--seed', '5', ...ALL, '--output-dir', out],
      {
        cwd: tempDir(),
      },
    );

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('lockstep fuzz · card_fraud 1.0.0');
    expect(result.stdout).toMatch(
      /^::error file=\S*contracts\/card-fraud\.ts,line=\d+,title=Lockstep fuzz%3A card_fraud/m,
    );
    expect(readFileSync(join(out, 'summary.md'), 'utf8').split('\n')[0]).toBe('## Lockstep fuzz: ✖ FAIL');
    expect(await junitSchemaErrors(readFileSync(join(out, 'junit.xml'), 'utf8'))).toBe('');
  });

  it('refuses a file reporter sharing stdout with another, and an unknown reporter (exit 2)', async () => {
    const shared = await runCli(['replay', '--reporter', 'default', '--reporter', 'junit'], { cwd: CI });
    const unknown = await runCli(['fuzz', '--config', FUZZ, '--reporter', 'xml'], { cwd: tempDir() });

    expect(shared.exitCode).toBe(2);
    expect(shared.stderr).toContain(
      '--reporter junit and another reporter would both write to stdout; add --output-dir <dir> for its file (junit.xml)',
    );
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain(
      '--reporter: unknown reporter "xml" (available: default, json, junit, markdown, html, github, github-actions)',
    );
  });

  it('writes JUnit to stdout when it is the only reporter and there is no --output-dir', async () => {
    const result = await runCli(['replay', '--reporter', 'github-actions'], { cwd: CI });
    const junit = await runCli(['replay', '--reporter', 'junit'], { cwd: CI });

    expect(
      result.stdout
        .split('\n')
        .filter((l) => l !== '')
        .every((l) => l.startsWith('::')),
    ).toBe(true);
    expect(junit.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="lockstep replay"')).toBe(
      true,
    );
    expect(await junitSchemaErrors(junit.stdout)).toBe('');
  });
});
