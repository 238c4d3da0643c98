import type { Contract } from '../contract/contract.ts';
import { SkewError } from '../errors.ts';
import { DEFAULT_LOG_FORMAT, type LogFormat } from '../replay/log-format.ts';
import type { LineSource } from '../replay/ports.ts';
import { fileLineSource } from './line-source.ts';
import { CSV_NOT_COLUMNAR, JSONL_GZ_NOT_COLUMNAR, type LogFileFormat, logFileFormatOf } from './log-file-format.ts';
import { textSizeHint } from './text-size-hint.ts';

/**
 * What {@link logLineSource} needs besides the path.
 * @public
 */
export interface LogSourceOptions {
  /** The contract replayed: a flat table's input columns are its input's fields, and CSV cells are typed by it. */
  readonly contract: Contract;
  /** The log's field names (defaults: `timestamp`, `input`, `served`). */
  readonly format?: Partial<LogFormat>;
  /** How the file is encoded; by its name when omitted (`.parquet`, `.csv`, `.csv.gz`, else JSON Lines). */
  readonly fileFormat?: LogFileFormat;
}

/**
 * The lines of a log of any format Lockstep reads: JSON Lines as they are, Parquet and CSV rows rendered as one JSON
 * record per line (row N is line N), so the replay's accounting and invalid-line reports are the same for all.
 * @param path - the log file
 * @remarks Since 0.1
 * @public
 */
export function logLineSource(path: string, options: LogSourceOptions): LineSource {
  const { contract, format } = options;
  switch (logFileFormatOf(path, options.fileFormat)) {
    case 'parquet':
      return loadedOnOpen(path, textSizeHint(path, 'parquet'), true, async () =>
        (await import('./parquet-line-source.ts')).parquetLineSource(path, contract, format),
      );
    case 'csv':
      return {
        ...loadedOnOpen(path, textSizeHint(path, 'csv'), false, async () =>
          (await import('./csv-line-source.ts')).csvLineSource(path, contract, format),
        ),
        notColumnar: CSV_NOT_COLUMNAR,
      };
    default: {
      const lines = fileLineSource(path);
      // A compressed log is only read as a stream.
      if (path.endsWith('.gz')) return { ...lines, notColumnar: JSONL_GZ_NOT_COLUMNAR };
      const fields = { ...DEFAULT_LOG_FORMAT, ...format };
      return {
        ...lines,
        columnar: async () => (await import('./jsonl-columns.ts')).jsonlColumnarLog(path, contract, fields),
      };
    }
  }
}

/**
 * A Parquet or CSV source whose reader (hyparquet, csv-parse) is loaded when the log is first opened, so that a run
 * over JSON Lines never loads them (they are about 5 MB of memory and a tenth of a second of start-up).
 * @param columnar - whether the source has a column-by-column view (Parquet)
 */
function loadedOnOpen(name: string, sizeHint: number, columnar: boolean, load: () => Promise<LineSource>): LineSource {
  let loaded: Promise<LineSource> | undefined;
  const source = (): Promise<LineSource> => (loaded ??= load());
  const lines: LineSource = {
    name,
    sizeHint,
    async *open(): AsyncIterable<Uint8Array> {
      yield* (await source()).open();
    },
  };
  if (!columnar) return lines;
  return {
    ...lines,
    columnar: async () => {
      const view = (await source()).columnar;
      if (view === undefined) throw new SkewError('SKEW_LOG_UNREADABLE', `${name}: the log cannot be read by column`);
      return view();
    },
  };
}

/**
 * Refuses, before any side starts, a Parquet log whose footer cannot be read (truncated, not Parquet) or which holds a
 * column type Lockstep cannot read. Other formats are checked by `checkLogFile` and read line by line.
 * @param path - the log file
 * @param api - the API name messages start with
 * @param fileFormat - how it is read, when given (`--log-format`)
 * @throws SkewError `SKEW_LOG_UNREADABLE` naming the file and what is wrong
 * @remarks Since 0.1
 * @public
 */
export async function checkLogContent(path: string, api: string, fileFormat?: LogFileFormat): Promise<void> {
  if (logFileFormatOf(path, fileFormat) !== 'parquet') return;
  const [{ openParquetFile }, { parquetFileProblem }] = await Promise.all([
    import('./parquet-file.ts'),
    import('./parquet-line-source.ts'),
  ]);
  const file = await openParquetFile(path, api);
  try {
    const problem = parquetFileProblem(file);
    if (problem !== undefined) throw new SkewError('SKEW_LOG_UNREADABLE', `${api}: log ${path}: ${problem}`);
  } finally {
    await file.close();
  }
}

/**
 * Why the replay reads in this thread though workers were asked for: they split JSON Lines logs into byte ranges, and
 * a Parquet or CSV log is read by one reader. Undefined when no such log is replayed or no workers were asked for.
 * @param paths - the logs replayed
 * @param workers - the workers asked for
 * @param fileFormat - how the logs are read, when given (`--log-format`)
 * @remarks Since 0.1
 * @public
 */
export function rowLogsNote(paths: readonly string[], workers: number, fileFormat?: LogFileFormat): string | undefined {
  if (workers <= 1) return undefined;
  const row = paths.find((p) => logFileFormatOf(p, fileFormat) !== 'jsonl');
  return row === undefined
    ? undefined
    : `this thread: --workers splits JSON Lines logs only, and ${row} is ${logFileFormatOf(row, fileFormat) === 'csv' ? 'CSV' : 'Parquet'} (read by one reader)`;
}
