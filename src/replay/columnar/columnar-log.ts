/**
 * The physical type of one column of a columnar log, as the columnar replay reads it: 64-bit or 32-bit integers
 * (`int`, values `bigint` or number), floating-point numbers (`float`), UTF-8 strings, booleans, timestamps (raw
 * integers in `unit`), or anything else (`other`: the columnar replay leaves such a log to the row path when an
 * input field needs it).
 * @internal
 */
export interface LogColumn {
  readonly name: string;
  readonly kind: 'int' | 'float' | 'utf8' | 'bool' | 'timestamp' | 'other';
  /** Timestamp columns: the unit of their raw integer values. */
  readonly unit?: 'ms' | 'us' | 'ns';
}

/**
 * A whole log as columns: each top-level column's values, row by row (`null` for a missing value). Integer and
 * timestamp values are numbers while exact, else bigints. A column of numbers only (no null, no bigint) may be a
 * Float64Array (no value boxed, nothing for the garbage collector to walk).
 * @internal
 */
export interface LogColumns {
  readonly rows: number;
  readonly values: Readonly<Record<string, ArrayLike<unknown>>>;
  /** Columns of few distinct values (strings, booleans), also as codes: see `ColumnCodes`. */
  readonly codes?: Readonly<Record<string, ColumnCodes>>;
  /**
   * Timestamp columns read from text (JSON lines): the rows whose logged text is not the one their instant renders as
   * (`2026-01-01T00:00:48+00:00`, not `2026-01-01T00:00:48.000Z`), with that text. Those rows are validated and
   * counted by their text, as the row path reads them; the sides get the instant.
   */
  readonly texts?: Readonly<Record<string, LoggedTexts>>;
}

/** A timestamp column's logged texts by row, where they differ from its instants' rendering (else undefined). */
export type LoggedTexts = readonly (string | undefined)[];

/**
 * A column of few distinct values as codes: row `r`'s value is `distinct[codes[r]]` (null included), the same value
 * `LogColumns.values` holds for it.
 * @internal
 */
export interface ColumnCodes {
  readonly codes: Int32Array;
  readonly distinct: readonly unknown[];
}

/**
 * A log that can be read column by column (a flat Parquet file): the columnar replay reads it whole, and renders a
 * row as the JSON line the row path would have read only for the rows it must report (divergent, invalid, errored).
 * @internal
 */
export interface ColumnarLog {
  /** The top-level columns in file order; a file whose layout the columnar replay cannot use says why instead. */
  readonly columns: readonly LogColumn[] | { readonly unusable: string };
  /** How many rows the file holds (from its metadata, before any is read). */
  readonly rows: number;
  /**
   * Every row's values, or only the rows `rows` keeps (in order; row groups holding none are not decoded); throws when
   * the file cannot be read to its end (the row path then reports where).
   */
  read(rows?: RowSubset): Promise<LogColumns>;
  /** One column's values, a row group at a time (`base`: the group's first row), without holding the others. */
  scan(name: string, each: (values: ArrayLike<unknown>, base: number) => void): Promise<void>;
  /** Row `row` (from 0) of what `read` gave, rendered exactly as the line the row path reads, without the line break. */
  lineText(columns: LogColumns, row: number): string;
  close(): Promise<void>;
}

/**
 * Some rows of a log: `keep[r]` is 1 for each row kept, `count` how many are.
 * @internal
 */
export interface RowSubset {
  readonly keep: Uint8Array;
  readonly count: number;
}

/**
 * A row group of a columnar log that cannot be decoded: `rowsBefore` rows of the log come before it.
 * @internal
 */
export class UnreadableRowGroup extends Error {
  /** Which of a run's logs it is, once known. */
  source: number | undefined;
  constructor(
    message: string,
    readonly rowsBefore: number,
  ) {
    super(message);
    this.name = 'UnreadableRowGroup';
  }
}

/**
 * Thrown by a columnar log for a row its columns cannot hold as the row path reads it (a JSON line whose input omits a
 * field): the message says which and why, and the row path replays the log.
 * @internal
 */
export class RowPathNeeded extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RowPathNeeded';
  }
}
