import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { SkewError } from '../errors.ts';
import { type LogFileFormat, logFileFormatOf } from './log-file-format.ts';

/** What a log file's first bytes say it is. @public */
export type LogBytes = 'gzip' | 'zstd' | 'bzip2' | 'parquet' | 'text';

const READS_TODAY = 'Lockstep reads JSON Lines (plain or .gz), Parquet (.parquet) and CSV (.csv, .csv.gz)';

/**
 * What a file's first bytes are: gzip (`1f 8b`), zstd (`28 b5 2f fd`), bzip2 (`BZh`), Parquet (`PAR1`), or text.
 * @param head - the file's first bytes (4 are enough)
 * @remarks Since 0.1
 * @public
 */
export function sniffLogBytes(head: Uint8Array): LogBytes {
  const [a, b, c, d] = head;
  if (a === 0x1f && b === 0x8b) return 'gzip';
  if (a === 0x28 && b === 0xb5 && c === 0x2f && d === 0xfd) return 'zstd';
  if (a === 0x42 && b === 0x5a && c === 0x68) return 'bzip2';
  if (a === 0x50 && b === 0x41 && c === 0x52 && d === 0x31) return 'parquet';
  return 'text';
}

const UNSUPPORTED_NAMES: readonly [RegExp, string][] = [
  [/\.zstd?$/i, 'zstd-compressed'],
  [/\.bz2$/i, 'bzip2-compressed'],
  [/\.tsv$/i, 'a TSV file'],
];

const DESCRIBE: Record<Exclude<LogBytes, 'text'>, string> = {
  gzip: 'gzip-compressed',
  zstd: 'zstd-compressed',
  bzip2: 'bzip2-compressed',
  parquet: 'a Parquet file',
};

/**
 * Why a log cannot be read as its name and bytes say, or undefined when it can: a name Lockstep does not read yet
 * (`.zst`, `.bz2`, `.tsv`), a `.gz` whose bytes are not gzip, a `.parquet` whose bytes are not Parquet, or a JSONL
 * or CSV name over compressed or Parquet bytes.
 * @param path - the log's path (its name decides how it is read)
 * @param head - its first bytes
 * @param format - how it is read, when given (`--log-format`); else by its name
 * @remarks Since 0.1
 * @public
 */
export function logFormatProblem(path: string, head: Uint8Array, format?: LogFileFormat): string | undefined {
  const bytes = sniffLogBytes(head);
  const as = logFileFormatOf(path, format);
  if (as === 'parquet') {
    return bytes === 'parquet'
      ? undefined
      : `log ${path} is read as Parquet but its bytes are ${bytes === 'text' ? 'not Parquet (no PAR1 magic)' : DESCRIBE[bytes]}; pass a Parquet file, or --log-format jsonl|csv for what it is`;
  }
  if (format !== undefined && bytes === 'parquet') {
    return `log ${path} is a Parquet file, read as ${format}; pass --log-format parquet`;
  }
  const unsupported = format === undefined ? UNSUPPORTED_NAMES.find(([pattern]) => pattern.test(path)) : undefined;
  if (unsupported !== undefined) {
    return `log ${path} is ${unsupported[1]}, which Lockstep cannot read yet. ${READS_TODAY}: convert it to JSONL`;
  }
  if (/\.gz$/i.test(path)) {
    return bytes === 'gzip'
      ? undefined
      : `log ${path} is named .gz but its bytes are ${bytes === 'text' ? 'not gzip' : DESCRIBE[bytes]}. ${READS_TODAY}: rename it or compress it with gzip`;
  }
  if (bytes === 'text') return undefined;
  const fix =
    bytes === 'gzip'
      ? `rename it to ${path}.gz`
      : bytes === 'parquet'
        ? 'rename it to .parquet or pass --log-format parquet'
        : 'convert it to JSONL';
  const says = as === 'csv' ? 'CSV' : 'JSON Lines';
  return `log ${path} is ${DESCRIBE[bytes]}, though its name says ${says}. ${READS_TODAY}: ${fix}`;
}

/**
 * Refuses, before any side starts, a log that does not exist, is a directory, or is not what its name says.
 * @param path - an absolute path
 * @param api - the API name messages start with
 * @param format - how it is read, when given (`--log-format`); else by its name
 * @throws SkewError `SKEW_LOG_UNREADABLE`
 * @remarks Since 0.1
 * @public
 */
export function checkLogFile(path: string, api: string, format?: LogFileFormat): void {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) throw new SkewError('SKEW_LOG_UNREADABLE', `${api}: log file ${path} does not exist`);
  if (stat.isDirectory()) {
    throw new SkewError(
      'SKEW_LOG_UNREADABLE',
      `${api}: log ${path} is a directory; pass the log files in it (e.g. --log ${path}/day-1.jsonl --log ${path}/day-2.jsonl)`,
    );
  }
  const head = new Uint8Array(4);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  const problem = logFormatProblem(path, head.subarray(0, Math.min(4, stat.size)), format);
  if (problem !== undefined) throw new SkewError('SKEW_LOG_UNREADABLE', `${api}: ${problem}`);
}
