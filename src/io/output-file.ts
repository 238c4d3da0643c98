import { appendFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SkewError } from '../errors.ts';

/** A file Lockstep writes a run's output to (a report, the divergences). */
export interface OutputFile {
  write(text: string): void;
}

/** `error`'s code and message, as an error names it: "EACCES: permission denied, open '…'". */
function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `path` or the nearest folder above it that exists, when that is a file (a directory cannot be made in it). @internal */
export function fileInTheWay(path: string): string | undefined {
  for (let at = path; dirname(at) !== at; at = dirname(at)) {
    try {
      return statSync(at).isDirectory() ? undefined : at;
    } catch {
      // missing, or below a file: look further up
    }
  }
  return undefined;
}

/** The usage error for an output path that cannot be written, naming the flag (or variable) that chose it. */
function cannotWrite(what: string, path: string, error: unknown): SkewError {
  return new SkewError('SKEW_USAGE', `${what}: cannot write ${path} (${reason(error)})`, { cause: error });
}

/**
 * Creates `dir` (and its parents) for output files: a path that is a file, or that cannot be created, is a usage
 * error naming `what` (the flag), before the run rather than a crash after it.
 * @throws SkewError `SKEW_USAGE`
 * @internal
 */
export function outputDirectory(dir: string, what: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const file = fileInTheWay(dir);
    throw new SkewError(
      'SKEW_USAGE',
      file !== undefined
        ? `${what}: ${file} is a file, not a directory; pass a directory for the output files`
        : `${what}: cannot create the directory ${dir} (${reason(error)})`,
      { cause: error },
    );
  }
}

/**
 * Opens `path` for a run's output, emptied now (or kept and appended to, `append`), its folder made if need be, so
 * that a path that cannot be written fails before the run; each write appends. A failure, then or later (a full disk), is a usage error naming
 * `what` (the flag or variable that chose the path) and the system's reason.
 * @throws SkewError `SKEW_USAGE`
 * @internal
 */
export function outputFile(path: string, what: string, options: { append?: boolean } = {}): OutputFile {
  outputDirectory(dirname(path), what);
  try {
    if (options.append === true) appendFileSync(path, '');
    else writeFileSync(path, '');
  } catch (error) {
    throw cannotWrite(what, path, error);
  }
  return {
    write(text: string): void {
      try {
        appendFileSync(path, text);
      } catch (error) {
        throw cannotWrite(what, path, error);
      }
    },
  };
}

/**
 * Writes `text` as the whole of `path` (its folder made if need be); a path that cannot be written is a usage error
 * naming `what`.
 * @throws SkewError `SKEW_USAGE`
 * @internal
 */
export function writeOutputFile(path: string, text: string, what: string): void {
  outputFile(path, what).write(text);
}

/** Bytes (about: UTF-16 units) a buffered output holds before it writes them out. */
const FLUSH_AT = 1 << 20;

/** An output file written in large pieces (many small lines): `close` writes what is left. */
export interface BufferedOutputFile extends OutputFile {
  /** Writes what is buffered; throws (see `outputFile`) if it or an earlier write failed. */
  close(): void;
}

/**
 * `outputFile` for many small writes (every divergence as a line): writes are gathered and appended a megabyte at a
 * time. A failed append is kept, not thrown where the line was written (inside the replay), and `close` throws it,
 * naming how many lines went out before it.
 * @throws SkewError `SKEW_USAGE` when the file cannot be opened
 * @internal
 */
export function bufferedOutputFile(path: string, what: string): BufferedOutputFile {
  const file = outputFile(path, what);
  let pending: string[] = [];
  let size = 0;
  let writes = 0;
  let written = 0;
  let failure: unknown;
  const flush = () => {
    if (pending.length === 0 || failure !== undefined) return;
    const text = pending.join('');
    const lines = pending.length;
    pending = [];
    size = 0;
    try {
      file.write(text);
      written += lines;
    } catch (error) {
      failure = error;
    }
  };
  return {
    write(text: string): void {
      writes++;
      if (failure !== undefined) return;
      pending.push(text);
      size += text.length;
      if (size >= FLUSH_AT) flush();
    },
    close(): void {
      flush();
      if (failure !== undefined) {
        throw new SkewError(
          'SKEW_USAGE',
          `${(failure as Error).message}; ${written} of ${writes} lines were written before it failed`,
          { cause: failure },
        );
      }
    },
  };
}
