import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLosslessJson } from '../../src/codec/lossless-json.ts';
import type { ReplayReport } from '../../src/replay/replay-report.ts';
import { runCli } from './run-cli.ts';

const CONFIG = new URL('../fixtures/hostile/lockstep.config.ts', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'lockstep-hostile-'));
const record = (user: string, amount: unknown, name = 'Ada') =>
  JSON.stringify({ timestamp: '2026-01-01T00:00:00Z', input: { user_id: user, amount, name } });

function writeLog(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function replayJson(log: string): Promise<{ exitCode: number | undefined; report: ReplayReport }> {
  const result = await runCli(['replay', '--config', CONFIG, '--log', log, '--reporter', 'json']);
  const parsed = parseLosslessJson(String(result.stdout)) as { reports: ReplayReport[] };
  return { exitCode: result.exitCode, report: parsed.reports[0] as ReplayReport };
}

describe('lockstep replay on hostile logs', () => {
  it('accounts for an empty file: nothing read, nothing lost, and fails (a gate never passes having checked nothing)', async () => {
    const { exitCode, report } = await replayJson(writeLog('empty.jsonl', ''));
    expect(exitCode).toBe(1);
    expect(report.counts).toMatchObject({ read: 0, compared: 0, invalid: 0, errored: 0 });
  });

  it('reports each bad line with its line number and byte offset and goes on', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const lines = [
      record('u1', 1.5), // 1: valid, after a BOM
      'this is not json', // 2
      '   \t ', // 3: only whitespace
      record('u2', '12'), // 4: wrong type
      JSON.stringify({ timestamp: '2026-01-01T00:00:00Z', input: { amount: 3, name: 'x' } }), // 5: missing entity
      record('u3', 2, 'x'.repeat(5 * 1024 * 1024)), // 6: a 5 MB line
      JSON.stringify({ input: { user_id: 'u4', amount: 1, name: 'n' } }), // 7: no timestamp
      record('u5', 4), // 8: valid
      JSON.stringify({ timestamp: '2026-13-01T00:00:00Z', input: { user_id: 'u7', amount: 1, name: 'n' } }), // 9: month 13
      record('u8', 1, 'Caf\u0000'), // 10: invalid UTF-8 (its NUL is replaced by bytes c3 28 below)
      `${'['.repeat(200_000)}${']'.repeat(200_000)}`, // 11: deep nesting
      JSON.stringify(record('u9', 1)), // 12: double-encoded
      '', // 13: empty
      '{"timestamp": "2026-01-01T00:00:00Z", "input": {"user_id": "u6", "am', // 14: truncated last line
    ];
    const bytes = Buffer.from(lines.join('\n'));
    bytes.set([0xc3, 0x28], bytes.indexOf('Caf\\u0000') + 3); // c3 28 in place of the escape's backslash and u
    const log = writeLog('hostile.jsonl', Buffer.concat([bom, bytes]));
    const { exitCode, report } = await replayJson(log);
    expect(exitCode).toBe(1); // invalid lines are records nobody checked: over the default budget of none
    expect(report.counts).toMatchObject({ read: 12, blank: 2, compared: 3, invalid: 9, errored: 0, diverged: 0 });
    expect(report.counts.blankLines).toEqual([3, 13]);
    expect(report.counts.invalidByReason).toEqual({ json: 4, record: 3, schema: 2 });
    const byLine = Object.fromEntries(report.invalid.map((i) => [i.line, i]));
    const startOf = (n: number) => 3 + lines.slice(0, n - 1).reduce((sum, l) => sum + Buffer.byteLength(l) + 1, 0);
    expect(byLine[2]).toMatchObject({ reason: 'json', byteOffset: startOf(2) });
    expect(byLine[2]?.message).toMatch(/^bad JSON: expected a JSON value at position 0/);
    expect(byLine[3]).toBeUndefined();
    expect(byLine[10]).toMatchObject({ reason: 'json', byteOffset: startOf(10) });
    expect(byLine[10]?.message).toMatch(
      /^not UTF-8: byte \d+ of the line \(offset \d+ in the log\) starts an invalid sequence \(c3 28/,
    );
    expect(byLine[11]?.message).toMatch(/^bad JSON: nested too deeply to read/);
    expect(byLine[12]?.message).toBe(
      'expected a JSON object per line, got a string that holds JSON (double-encoded? the writer serialised each record twice)',
    );
    expect(byLine[14]).toMatchObject({ reason: 'json', byteOffset: startOf(14) });
    expect(byLine[4]).toMatchObject({ reason: 'schema', path: 'input.amount' });
    expect(byLine[4]?.message).toBe('input.amount: Invalid input: expected number, received string');
    expect(byLine[5]).toMatchObject({ reason: 'schema', path: 'input.user_id' });
    expect(byLine[7]).toMatchObject({ reason: 'record', message: 'field "timestamp" is missing' });
    expect(byLine[9]).toMatchObject({
      reason: 'record',
      message: 'field "timestamp" is not epoch ms or ISO 8601 with a zone',
    });
    expect(byLine[14]?.message).toMatch(/^bad JSON: unterminated string.*\(byte \d+ of the line\)$/);
  });

  it('--workers auto runs one worker thread per core', async () => {
    const log = writeLog('auto.jsonl', `${record('u1', 1)}\n${record('u2', 2)}\n`);
    const result = await runCli(['replay', '--config', CONFIG, '--log', log, '--workers', 'auto']);
    const cores = availableParallelism();
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`threads   ${cores > 1 ? `${cores} worker threads` : 'this thread'}`);
    expect(result.stdout).toContain('records  read 2  compared 2  invalid 0  errored 0');
  });

  it('prints the invalid lines and the balance in the terminal report', async () => {
    const log = writeLog('two.jsonl', `${record('u1', 1)}\n\n{"broken\n`);
    const result = await runCli(['replay', '--config', CONFIG, '--log', log]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      'records  read 2  compared 1  invalid 1  errored 0  (compared + invalid + errored = read)',
    );
    expect(result.stdout).toMatch(/line 3 \(byte \d+\): bad JSON: unterminated string/);
    expect(result.stdout).toContain('skipped  1 blank line (line 2)');
  });

  it('reads gzip logs and CRLF line ends', async () => {
    const { gzipSync } = await import('node:zlib');
    const log = writeLog('crlf.jsonl.gz', gzipSync(`${record('u1', 1)}\r\n${record('u2', 2)}\r\n`));
    const { report } = await replayJson(log);
    expect(report.counts).toMatchObject({ read: 2, compared: 2, invalid: 0 });
  });
});

describe('lockstep usage errors exit 2 with a message that says what to fix', () => {
  it.each([
    [['replay', '--config', 'nope.config.ts'], /config file .*nope.config.ts does not exist/],
    [['replay', '--config', CONFIG, '--log', '/no/such/log.jsonl'], /log file \/no\/such\/log.jsonl does not exist/],
    [['replay', '--config', CONFIG, '--bogus'], /Unknown option '--bogus'/],
    [['replay', '--config', CONFIG, '--shard', '5/4'], /--shard: expected i\/n with 1 <= i <= n/],
    [['replay', '--config', CONFIG, '--workers', 'many'], /--workers: expected a positive integer or auto, got "many"/],
    [['replay', '--config', CONFIG, '--workers', '100000'], /--workers: at most \d+ \(4 per core; .*got 100000/],
    [['check', '--config', CONFIG, '--seed', '1.5'], /--seed: expected an integer, got "1.5"/],
    [['replay', '--config', CONFIG, '--contract', 'other'], /no contract named "other" .* \(it has: users\)/],
    [['replay', '--config', CONFIG, '--reporter', 'fancy'], /unknown reporter "fancy" \(available: default, json/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [
      ['replay', '--config', CONFIG, '--reporter', 'json', '--reporter', 'default'],
      /would both write to stdout; add --output-dir/,
    ],
  ])('lockstep %j', async (args, message) => {
    const result = await runCli(args);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('--version prints the version in package.json and the Node running it, and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    for (const flag of ['--version', '-v', 'version']) {
      const result = await runCli([flag]);
      expect(result.exitCode, flag).toBe(0);
      expect(result.stdout, flag).toBe(`lockstep ${version} (Node ${process.version})`);
    }
  });

  it('--help documents every replay flag and exits 0', async () => {
    const result = await runCli(['replay', '--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('--training <side>');
    expect(result.stdout).toContain('--shard <i/n>');
  });
});

describe('lockstep schema', () => {
  it('writes each contract as JSON Schema', async () => {
    const result = await runCli(['schema', '--config', CONFIG, '--out-dir', dir]);
    expect(result.exitCode).toBe(0);
    const schema = JSON.parse(readFileSync(join(dir, 'users.schema.json'), 'utf8'));
    expect(schema.title).toBe('users@1');
    expect(schema.properties.features.required).toEqual(['double_amount', 'name_length']);
  });
});

describe('lockstep replay on a corrupt gzip log', () => {
  it('replays the lines before the corruption, says where it stopped, and exits 1 as INCOMPLETE, never PASS', async () => {
    const { gzipSync } = await import('node:zlib');
    const whole = gzipSync(Array.from({ length: 2000 }, (_, i) => record(`u${i}`, i)).join('\n'));
    const log = writeLog('truncated.jsonl.gz', whole.subarray(0, Math.floor(whole.length * 0.6)));
    const result = await runCli(['replay', '--config', CONFIG, '--log', log]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^ INCOMPLETE {2}users@1/m);
    expect(result.stdout).toMatch(
      /^ INCOMPLETE {2}1 contract: users: log .*truncated\.jsonl\.gz could not be read past line/m,
    );
    expect(result.stdout).not.toMatch(/PASS/);
    expect(result.stdout).toMatch(/Logs not read to their end/);
    expect(result.stdout).toMatch(/truncated\.jsonl\.gz after line [\d,]+: unexpected end of file/);
    const read = Number(/records {2}read ([\d,]+)/.exec(String(result.stdout))?.[1]?.replaceAll(',', ''));
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(2000);
  });
});

describe('lockstep replay over several logs', () => {
  it('counts lines across logs and labels each reported line with its own file and line', async () => {
    const first = writeLog('day-1.jsonl', `${record('u1', 1)}\n${record('u2', 2)}\n${record('u3', 3)}\n`);
    const second = writeLog('day-2.jsonl', `${record('u4', 4)}\nnot json\n`);
    const result = await runCli(['replay', '--config', CONFIG, '--log', first, '--log', second, '--max-invalid', '1']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('records  read 5  compared 4  invalid 1  errored 0');
    expect(result.stdout).toMatch(/day-2\.jsonl:2 \(byte \d+\): bad JSON/);
  });
});
