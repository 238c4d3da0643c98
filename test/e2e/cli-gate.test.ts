import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

// The gate's exit-code table through the real CLI: 0 pass, 1 fail, 2 usage/configuration (before any side starts).
const CONFIG = new URL('../fixtures/hostile/lockstep.config.ts', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'lockstep-gate-'));
const record = (user: string, amount: unknown) =>
  JSON.stringify({ timestamp: '2026-01-01T00:00:00Z', input: { user_id: user, amount, name: 'Ada' } });
const GOOD = `${record('u1', 1)}\n${record('u2', 2)}\n`;

function writeLog(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const replay = (log: string, ...flags: string[]) => runCli(['replay', '--config', CONFIG, '--log', log, ...flags]);

describe('a gate never passes having checked nothing (exit 1, the reason in one line)', () => {
  it('an empty log', async () => {
    const result = await replay(writeLog('empty.jsonl', ''));
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^ FAIL {2}1 contract: users: no record was read from .*empty\.jsonl \(empty\)/m);
  });

  it('a log whose every line is invalid, whatever --max-invalid allows', async () => {
    const log = writeLog('all-invalid.jsonl', 'nope\n{"x":1}\n');
    for (const flags of [[], ['--max-invalid', '100%']]) {
      const result = await replay(log, ...flags);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toMatch(
        /^ FAIL {2}1 contract: users: every line is invalid \(2 lines: 1 bad JSON, 1 malformed/m,
      );
    }
  });

  it('passes a clean log with PASS and exit 0', async () => {
    const result = await replay(writeLog('good.jsonl', GOOD));
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^ PASS {2}users@1/m);
    expect(result.stdout).toMatch(/^ PASS {2}1 contract$/m);
  });
});

describe('--max-invalid <n|p%>: invalid lines fail by default, a budget lets them pass', () => {
  const log = writeLog('one-invalid.jsonl', `${GOOD}not json\n${record('u3', 3)}\n`);
  it.each([
    [[], 1],
    [['--max-invalid', '1'], 0],
    [['--max-invalid', '0'], 1],
    [['--max-invalid', '25%'], 0],
    [['--max-invalid', '24.9%'], 1],
  ])('%j exits %i', async (flags, code) => {
    const result = await replay(log, ...flags);
    expect(result.exitCode).toBe(code);
    if (code === 1)
      expect(result.stdout).toMatch(/users: 1 invalid line of 4 lines read \(25\.00%\), over --max-invalid/);
  });

  it('a budget that is neither a count nor a percent is a usage error', async () => {
    const result = await replay(log, '--max-invalid', 'lots');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--max-invalid: expected a count \(e\.g\. 10\) or a percent/);
  });
});

describe('a log that is not what its name says is refused before any side starts (exit 2)', () => {
  // A training side that leaves a marker when it starts: the refusal must come before it.
  const side = writeLog(
    'marker-side.mjs',
    "import { writeFileSync } from 'node:fs'; writeFileSync(process.argv[2], '');",
  );
  const replayMarked = async (log: string) => {
    const marker = join(mkdtempSync(join(dir, 'marker-')), 'started');
    const result = await replay(log, '--training', JSON.stringify(['node', side, marker]));
    return { result, started: existsSync(marker) };
  };

  it('the marker side does start on a good log (so the refusals below are checked, not vacuous)', async () => {
    const { started } = await replayMarked(writeLog('fine.jsonl', GOOD));
    expect(started).toBe(true);
  });

  const zstd = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]);
  it.each([
    ['events.tsv', 'user_id\tamount\n', /events\.tsv is a TSV file/],
    ['events.jsonl.zst', zstd, /events\.jsonl\.zst is zstd-compressed, which Lockstep cannot read yet/],
    ['events.jsonl.bz2', 'BZh91AY&SY', /events\.jsonl\.bz2 is bzip2-compressed/],
    [
      'gzip-inside.jsonl',
      gzipSync(GOOD),
      /gzip-inside\.jsonl is gzip-compressed, though its name says JSON Lines.*rename it to/,
    ],
    [
      'parquet-inside.jsonl',
      'PAR1\0\0\0\0PAR1',
      /parquet-inside\.jsonl is a Parquet file, though its name says JSON Lines/,
    ],
    ['not-gzip.jsonl.gz', GOOD, /not-gzip\.jsonl\.gz is named \.gz but its bytes are not gzip/],
  ])('%s', async (name, bytes, message) => {
    const { result, started } = await replayMarked(writeLog(name, bytes));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(
      /Lockstep reads JSON Lines \(plain or \.gz\), Parquet \(\.parquet\) and CSV \(\.csv, \.csv\.gz\)/,
    );
    expect(started).toBe(false);
  });

  it('a directory given as a log', async () => {
    const folder = join(dir, 'logs-folder');
    mkdirSync(folder, { recursive: true });
    const { result, started } = await replayMarked(folder);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/log .*logs-folder is a directory; pass the log files in it/);
    expect(started).toBe(false);
  });
});

describe('a side that could not be reached for any record', () => {
  it('exits 2 with ERROR, naming the side and its first error', async () => {
    const port = await new Promise<number>((done) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => done(port));
      });
    });
    const result = await replay(writeLog('for-http.jsonl', GOOD), '--serving', `http://127.0.0.1:${port}/features`);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toMatch(
      /^ ERROR {2}1 contract: users: the serving side \(.*\) failed on all 2 records, so nothing was compared; first error: .*Check that it runs and can be reached/m,
    );
  });
});
