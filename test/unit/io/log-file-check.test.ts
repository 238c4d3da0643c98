import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SkewError } from '../../../src/errors.ts';
import { checkLogFile, logFormatProblem, sniffLogBytes } from '../../../src/io/log-file-check.ts';

const bytes = (...b: number[]) => Uint8Array.from(b);
const text = (s: string) => new TextEncoder().encode(s);

describe('sniffLogBytes', () => {
  it.each([
    [bytes(0x1f, 0x8b, 8, 0), 'gzip'],
    [bytes(0x28, 0xb5, 0x2f, 0xfd), 'zstd'],
    [text('BZh9'), 'bzip2'],
    [text('PAR1'), 'parquet'],
    [text('{"ti'), 'text'],
    [bytes(), 'text'],
  ])('%j is %s', (head, kind) => {
    expect(sniffLogBytes(head)).toBe(kind);
  });
});

describe('logFormatProblem: a log must be what its name says, and something Lockstep reads', () => {
  it('plain JSONL, gzip named .gz, and an empty file are fine', () => {
    expect(logFormatProblem('a.jsonl', text('{"a"'))).toBeUndefined();
    expect(logFormatProblem('a.ndjson', text('{"a"'))).toBeUndefined();
    expect(logFormatProblem('a.jsonl.gz', gzipSync('x').subarray(0, 4))).toBeUndefined();
    expect(logFormatProblem('a.jsonl', bytes())).toBeUndefined();
  });

  it('Parquet and CSV, by name or by --log-format, when the bytes agree', () => {
    expect(logFormatProblem('a.parquet', text('PAR1'))).toBeUndefined();
    expect(logFormatProblem('a.csv', text('a,b\n'))).toBeUndefined();
    expect(logFormatProblem('a.csv.gz', gzipSync('a,b\n').subarray(0, 4))).toBeUndefined();
    expect(logFormatProblem('a.log', text('PAR1'), 'parquet')).toBeUndefined();
    expect(logFormatProblem('a.parquet', text('{"a"'))).toContain(
      'log a.parquet is read as Parquet but its bytes are not Parquet (no PAR1 magic)',
    );
    expect(logFormatProblem('a.log', text('PAR1'), 'csv')).toContain('pass --log-format parquet');
  });

  it.each([
    ['a.TSV', text('a\tb'), 'a.TSV is a TSV file'],
    ['a.jsonl.zst', text('{"a"'), 'a.jsonl.zst is zstd-compressed'],
    ['a.zstd', bytes(0x28, 0xb5, 0x2f, 0xfd), 'a.zstd is zstd-compressed'],
    ['a.bz2', text('BZh9'), 'a.bz2 is bzip2-compressed'],
    [
      'a.jsonl',
      bytes(0x1f, 0x8b, 8, 0),
      'a.jsonl is gzip-compressed, though its name says JSON Lines. Lockstep reads JSON Lines (plain or .gz), Parquet (.parquet) and CSV (.csv, .csv.gz): rename it to a.jsonl.gz',
    ],
    [
      'a.jsonl',
      text('PAR1'),
      'a.jsonl is a Parquet file, though its name says JSON Lines. Lockstep reads JSON Lines (plain or .gz), Parquet (.parquet) and CSV (.csv, .csv.gz): rename it to .parquet or pass --log-format parquet',
    ],
    ['a.jsonl', text('BZh9'), 'a.jsonl is bzip2-compressed, though its name says JSON Lines'],
    ['a.gz', text('{"a"'), 'a.gz is named .gz but its bytes are not gzip'],
    ['a.gz', bytes(0x28, 0xb5, 0x2f, 0xfd), 'a.gz is named .gz but its bytes are zstd-compressed'],
  ])('%s', (path, head, message) => {
    const problem = logFormatProblem(path, head);
    expect(problem).toContain(`log ${message}`);
    expect(problem).toContain('Lockstep reads JSON Lines (plain or .gz), Parquet (.parquet) and CSV (.csv, .csv.gz)');
  });
});

describe('checkLogFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-log-check-'));
  const caught = (path: string): SkewError => {
    try {
      checkLogFile(path, 'runReplay');
    } catch (error) {
      return error as SkewError;
    }
    throw new Error(`checkLogFile accepted ${path}`);
  };

  it('accepts a readable JSONL file', () => {
    const path = join(dir, 'ok.jsonl');
    writeFileSync(path, '{}\n');
    expect(() => checkLogFile(path, 'runReplay')).not.toThrow();
  });

  it('refuses a missing file, a directory, and bytes that are not what the name says, with SKEW_LOG_UNREADABLE', () => {
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    const disguised = join(dir, 'disguised.jsonl');
    writeFileSync(disguised, gzipSync('{}\n'));
    const cases: [string, RegExp][] = [
      [join(dir, 'missing.jsonl'), /^runReplay: log file .*missing\.jsonl does not exist$/],
      [folder, /^runReplay: log .*folder is a directory; pass the log files in it/],
      [disguised, /^runReplay: log .*disguised\.jsonl is gzip-compressed/],
    ];
    for (const [path, message] of cases) {
      const error = caught(path);
      expect(error).toBeInstanceOf(SkewError);
      expect(error.code).toBe('SKEW_LOG_UNREADABLE');
      expect(error.message).toMatch(message);
    }
  });
});
