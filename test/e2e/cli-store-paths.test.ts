import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

// A snapshots folder, a corpus case or a history file that is not what it should be is a usage error (exit 2)
// naming the flag or the file, never an internal error (exit 3).
const CONFIG = new URL('../fixtures/store-paths/card-fraud.config.ts', import.meta.url).pathname;
const tempDir = () => mkdtempSync(join(tmpdir(), 'lockstep-store-paths-'));

/** A regular file in a fresh folder, to pass where a folder is expected. */
function aFile(): string {
  const file = join(tempDir(), 'snapshots');
  writeFileSync(file, 'not a folder\n');
  return file;
}

function expectUsageError(result: { exitCode?: number; stderr: string }, message: string | RegExp): void {
  expect(result.stderr).not.toContain('internal error');
  expect(result.stderr).toMatch(message);
  expect(result.exitCode).toBe(2);
}

const isAFile = (file: string) =>
  `--snapshot-dir: ${file} is a file, not a directory; pass a directory for the snapshots (golden files, fuzz corpus, accepted files)`;

describe('--snapshot-dir that is a file', () => {
  it.each(['golden', 'check'])('lockstep %s names the flag and the file', async (command) => {
    const result = await runCli([command, '-c', CONFIG, '--ci', '--snapshot-dir', '/dev/null'], { cwd: tempDir() });

    expectUsageError(result, isAFile('/dev/null'));
  });

  it.each([
    ['replay', ['--minimize-steps', '0']],
    ['fuzz', ['--ci', '--runs', '5', '--seed', '1']],
  ])('lockstep %s names the flag and the file, not the accepted file below it', async (command, flags) => {
    const file = aFile();

    const result = await runCli([command, '-c', CONFIG, ...flags, '--snapshot-dir', file], { cwd: tempDir() });

    expectUsageError(result, isAFile(file));
    expect(result.stderr).not.toContain('accepted.json');
  });

  it('lockstep merge names the flag and the file, not the accepted file below it', async () => {
    const cwd = tempDir();
    const shard = await runCli(
      ['replay', '-c', CONFIG, '--shard', '1/1', '--reporter', 'json', '--output-dir', 'shard', '--no-history'],
      { cwd },
    );
    expect(shard.exitCode).toBe(1);
    const file = aFile();

    const result = await runCli(['merge', 'shard/lockstep-report.json', '--no-history', '--snapshot-dir', file], {
      cwd,
    });

    expectUsageError(result, isAFile(file));
    expect(result.stderr).not.toContain('accepted.json');
  }, 30_000);

  it('a golden file that is a folder: lockstep golden names it and the system reason', async () => {
    const snapshots = tempDir();
    const golden = join(snapshots, 'card_fraud', 'golden.jsonl');
    mkdirSync(golden, { recursive: true });

    const result = await runCli(['golden', '-c', CONFIG, '--ci', '--snapshot-dir', snapshots], { cwd: tempDir() });

    expectUsageError(result, `--snapshot-dir: cannot read ${golden} (EISDIR`);
  });
});

describe('a fuzz corpus file that is not a case', () => {
  /** `lockstep fuzz` over a snapshots folder whose corpus holds `a.json`, made by `make`. */
  async function fuzzWith(make: (file: string) => void) {
    const snapshots = tempDir();
    const corpus = join(snapshots, 'card_fraud', 'fuzz-corpus');
    mkdirSync(corpus, { recursive: true });
    const file = join(corpus, 'a.json');
    make(file);
    const flags = ['--runs', '5', '--seed', '1', '--ci', '--snapshot-dir', snapshots];
    return { file, result: await runCli(['fuzz', '-c', CONFIG, ...flags], { cwd: tempDir() }) };
  }

  it.each([
    ['null', 'null'],
    ['5', 'a number'],
    ['"x"', 'a string'],
  ])('holding %s is refused, naming the file, like a file that is not JSON', async (text, held) => {
    const { file, result } = await fuzzWith((f) => writeFileSync(f, `${text}\n`));

    expectUsageError(
      result,
      `fsCorpusStore: ${file} is not a corpus case (it holds ${held}, not a JSON object); fix or delete it`,
    );
  });

  it('a folder named a.json is refused, naming it', async () => {
    const { file, result } = await fuzzWith((f) => mkdirSync(f));

    expectUsageError(result, `fsCorpusStore: ${file} is a directory, not a corpus case; fix or delete it`);
  });
});

describe('lockstep history --history <a folder>', () => {
  it('is a usage error naming the file, as in replay and merge', async () => {
    const folder = tempDir();

    const result = await runCli(['history', '--history', folder], { cwd: tempDir() });

    expectUsageError(
      result,
      `history: cannot read the history file ${folder} (EISDIR: illegal operation on a directory, read); pass --history <file> for another`,
    );
  });
});
