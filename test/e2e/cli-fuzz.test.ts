import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLosslessJson } from '../../src/codec/lossless-json.ts';
import type { FuzzResult } from '../../src/fuzz/fuzz-result.ts';
import { runCli } from './run-cli.ts';

const IN_PROCESS = new URL('../fixtures/fuzz/card-fraud.in-process.config.ts', import.meta.url).pathname;
const PYTHON_CONFIG = new URL('../fixtures/fuzz/card-fraud.python.config.ts', import.meta.url).pathname;
const HAS_PYTHON = existsSync(new URL('../../.venv/bin/python', import.meta.url).pathname);
/** The five planted bugs of examples/card-fraud/serving.ts, as divergence classes (feature + kind). */
const PLANTED = [
  '✖ amount_rounded · value',
  '✖ merchant_name_length · value',
  '✖ is_weekend · value',
  '✖ txn_count_7d · value',
  '✖ amount_sum_7d · value',
  '✖ avg_amount_prev_7d · value',
  '✖ avg_amount_prev_7d · null_mismatch',
];
const tempDir = () => mkdtempSync(join(tmpdir(), 'lockstep-fuzz-'));

/** The block of one finding: from its headline to the blank line after it. */
function block(output: string, headline: string): string[] {
  const lines = output.split('\n');
  const start = lines.findIndex((l) => l.startsWith(headline));
  const end = lines.indexOf('', start);
  return lines.slice(start, end);
}

describe('lockstep fuzz', () => {
  it('finds every planted divergence of the example in the default budget, without logs, and exits 1', async () => {
    const result = await runCli(['fuzz', '--config', IN_PROCESS, '--seed', '1'], { cwd: tempDir() });

    expect(result.exitCode).toBe(1);
    for (const headline of PLANTED) expect(result.stdout).toContain(headline);
    expect(result.stdout).toMatch(/divergence classes in 1,000 runs \(seed 1\)/);
  });

  it('prints feature and kind, both values, the minimal input, then the seed and path that replay it', async () => {
    const result = await runCli(['fuzz', '--config', IN_PROCESS, '--seed', '1'], { cwd: tempDir() });

    const lines = block(String(result.stdout), '✖ amount_rounded · value');
    const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
    expect(at('✖ amount_rounded · value')).toBe(0);
    expect(lines[1]).toBe('  training  0');
    expect(lines[2]).toBe('  serving   1');
    expect(at('  minimal input')).toBeGreaterThan(2);
    expect(at('  replay')).toBeGreaterThan(at('  minimal input'));
    expect(lines[at('  replay')]).toMatch(
      /lockstep fuzz --config \S+ --contract card_fraud --seed -?\d+ --path "[\d:]+"$/,
    );
    expect(lines.slice(at('  minimal input')).join('\n')).toMatch(/amount: \d*[02468]\.5\b/);
  });

  it('replays the same finding from the printed --seed and --path', async () => {
    const first = await runCli(['fuzz', '--config', IN_PROCESS, '--seed', '1'], { cwd: tempDir() });
    const original = block(String(first.stdout), '✖ merchant_name_length · value');
    const [, seed, path] = /--seed (-?\d+) --path "([\d:]+)"/.exec(original.join('\n')) ?? [];

    const replay = await runCli(
      ['fuzz', '--config', IN_PROCESS, '--contract', 'card_fraud', '--seed', String(seed), '--path', String(path)],
      {
        cwd: tempDir(),
      },
    );

    expect(replay.exitCode).toBe(1);
    const replayed = block(String(replay.stdout), '✖ merchant_name_length · value');
    expect(replayed[0]).toBe(`${original[0]} — replayed`);
    const input = (lines: string[]) => lines.filter((l) => /^ {2}[→ ] {1,2}\d+ \{/.test(l));
    expect(input(replayed)).toEqual(input(original));
    expect(replay.stdout).toMatch(/in 1 run \(seed -?\d+\)/);
  });

  it('writes the corpus with -u, then replays it first on the next run (CI writes nothing, and refuses -u)', async () => {
    const cwd = tempDir();
    await runCli(['fuzz', '--config', IN_PROCESS, '--seed', '1', '--runs', '50'], { cwd });
    expect(existsSync(join(cwd, 'snapshots'))).toBe(false);

    const updateOnCi = await runCli(['fuzz', '--config', IN_PROCESS, '--seed', '1', '--runs', '50', '-u'], { cwd });
    expect(updateOnCi.exitCode).toBe(2);
    expect(updateOnCi.stderr).toContain('-u/--update writes the fuzz corpus, which is refused when CI is set');
    expect(existsSync(join(cwd, 'snapshots'))).toBe(false);

    const env = { CI: '' };
    await runCli(['fuzz', '--config', IN_PROCESS, '--seed', '1', '--runs', '50', '-u'], { cwd, env });
    const stored = readdirSync(join(cwd, 'snapshots', 'card_fraud', 'fuzz-corpus'));
    const again = await runCli(['fuzz', '--config', IN_PROCESS, '--seed', '2', '--runs', '10'], { cwd });

    expect(stored.length).toBeGreaterThanOrEqual(5);
    expect(stored.every((f) => /^[\w-]+\.[a-z_]+\.[0-9a-f]{10}\.json$/.test(f))).toBe(true);
    expect(again.stdout).toContain(`${stored.length} replayed first`);
    expect(again.stdout).toContain('✖ amount_rounded · value (serving higher) — from corpus');
    expect(again.exitCode).toBe(1);
  });

  it('gives the result as JSON with --reporter json', async () => {
    const result = await runCli(
      ['fuzz', '--config', IN_PROCESS, '--seed', '3', '--runs', '100', '--reporter', 'json'],
      {
        cwd: tempDir(),
      },
    );

    const parsed = parseLosslessJson(String(result.stdout)) as { status: string; fuzz: FuzzResult[] };
    expect(parsed.status).toBe('fail');
    expect(parsed.fuzz[0]?.findings.length).toBeGreaterThan(0);
    expect(parsed.fuzz[0]?.budget).toBe(100);
  });

  it('states the default budget in --help, and exits 2 on bad usage', async () => {
    const help = await runCli(['fuzz', '--help']);
    const noSeed = await runCli(['fuzz', '--config', IN_PROCESS, '--path', '1:0']);
    const badRuns = await runCli(['fuzz', '--config', IN_PROCESS, '--runs', '0']);

    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('Budget: 1,000 generated cases per contract');
    expect(noSeed.exitCode).toBe(2);
    expect(noSeed.stderr).toContain('--path needs the --seed it came with');
    expect(badRuns.exitCode).toBe(2);
  });

  it.skipIf(!HAS_PYTHON)(
    'finds every planted divergence with the pandas training side as a child process',
    async () => {
      const result = await runCli(['fuzz', '--config', PYTHON_CONFIG, '--seed', '1'], { cwd: tempDir() });

      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain('training  training.py (pandas, entity-wise)');
      for (const headline of PLANTED) expect(result.stdout).toContain(headline);
    },
    // About 2,000 cases through a pandas child: under a minute on a quiet machine, several on a loaded one.
    900_000,
  );
});
