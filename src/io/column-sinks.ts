import type { ColumnCodes, LogColumn, LogColumns } from '../replay/columnar/columnar-log.ts';

/**
 * Where a flat column's values go, row by row from 0: numbers (`numeric`: integers as numbers while exact, else
 * bigints) or values as they are (`values`: strings, booleans). `null` for a missing value.
 * @internal
 */
export interface FlatSink {
  readonly numeric: boolean;
  /** Row `at`'s value: a number. */
  number(at: number, value: number): void;
  /** Row `at`'s value: anything else (null, a bigint beyond 2^53, a string, a boolean). */
  other(at: number, value: unknown): void;
  /** Codes of a dictionary's values (see `coded`), made once per dictionary; undefined: no codes. */
  codesFor?(values: ArrayLike<unknown>): Int32Array | undefined;
  /** Row `at`'s value, with its code from `codesFor`. */
  coded?(at: number, value: unknown, code: number): void;
}

/** A 64-bit integer as a number when that is exact, else as the bigint. */
export function compact(value: bigint): number | bigint {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}

/**
 * Writes one value into a sink: 64-bit integers as numbers while exact (as every column of a columnar log holds them),
 * anything else as it is.
 * @internal
 */
export function writeValue(sink: FlatSink, at: number, value: unknown): void {
  const v = typeof value === 'bigint' ? compact(value) : value;
  if (typeof v === 'number') sink.number(at, v);
  else sink.other(at, v);
}

/**
 * A sink of numbers into one Float64Array of `length` rows; any other value (null, a bigint beyond 2^53) is kept
 * aside, and `result` then gives the column as an array.
 * @internal
 */
export class NumberColumn implements FlatSink {
  readonly numeric = true;
  readonly numbers: Float64Array;
  private odd: Map<number, unknown> | undefined;
  constructor(length: number) {
    this.numbers = new Float64Array(length);
  }
  number(at: number, value: number): void {
    this.numbers[at] = value;
  }
  other(at: number, value: unknown): void {
    this.odd ??= new Map();
    this.odd.set(at, value);
  }
  /** The column: a Float64Array when every value is a number, else an array of the values. */
  result(): Float64Array | unknown[] {
    const odd = this.odd;
    if (odd === undefined) return this.numbers;
    const out: unknown[] = Array.from(this.numbers);
    for (const [at, value] of odd) out[at] = value;
    return out;
  }
}

/** Distinct values a column's codes hold at most: beyond, the column has no codes. */
const MOST_DISTINCT = 65_536;

/**
 * A sink of values as they are into one array, and (while they are few) each row's code of its value among the
 * distinct values seen, in the order they came (see `ColumnCodes`).
 * @internal
 */
export class ValueColumn implements FlatSink {
  readonly numeric = false;
  readonly values: unknown[];
  private codes: Int32Array | undefined;
  private readonly distinct: unknown[] = [];
  private readonly codeOf = new Map<unknown, number>();
  /** @param coded - whether to keep codes (a column of strings or booleans) */
  constructor(length: number, coded: boolean) {
    this.values = new Array<unknown>(length).fill(null);
    this.codes = coded ? new Int32Array(length) : undefined;
    // Rows never written are null.
    this.codeOf.set(null, 0);
    this.distinct.push(null);
  }
  number(at: number, value: number): void {
    this.other(at, value);
  }
  other(at: number, value: unknown): void {
    this.values[at] = value;
    const codes = this.codes;
    if (codes === undefined) return;
    const code = value === null ? 0 : this.codeOfValue(value);
    if (code !== undefined) codes[at] = code;
  }
  codesFor(values: ArrayLike<unknown>): Int32Array | undefined {
    if (this.codes === undefined) return undefined;
    const out = new Int32Array(values.length);
    for (let j = 0; j < values.length; j++) {
      const code = this.codeOfValue(values[j]);
      if (code === undefined) return undefined;
      out[j] = code;
    }
    return out;
  }
  coded(at: number, value: unknown, code: number): void {
    this.values[at] = value;
    // Codes are dropped meanwhile when another page brings too many distinct values.
    if (this.codes !== undefined) this.codes[at] = code;
  }
  /** A value's code, a new one the first time; undefined (and no codes from now on) beyond the most distinct. */
  private codeOfValue(value: unknown): number | undefined {
    let code = this.codeOf.get(value);
    if (code === undefined) {
      if (this.distinct.length >= MOST_DISTINCT || (typeof value === 'number' && Number.isNaN(value))) {
        this.codes = undefined;
        return undefined;
      }
      code = this.distinct.length;
      this.codeOf.set(value, code);
      this.distinct.push(value);
    }
    return code;
  }
  /** The column's codes, or undefined when it holds too many distinct values. */
  columnCodes(): ColumnCodes | undefined {
    return this.codes === undefined ? undefined : { codes: this.codes, distinct: this.distinct };
  }
}

/**
 * A sink that keeps some rows of a row group: row `at` goes to row `index[at - base]` of `inner`, or nowhere when that
 * is -1 (see `ColumnarLog.read`'s row subset).
 * @internal
 */
export class KeptRows implements FlatSink {
  readonly numeric: boolean;
  readonly codesFor?: (values: ArrayLike<unknown>) => Int32Array | undefined;
  constructor(
    private readonly inner: FlatSink,
    private readonly index: Int32Array,
    private readonly base: number,
  ) {
    this.numeric = inner.numeric;
    if (inner.codesFor !== undefined) this.codesFor = (values) => inner.codesFor?.(values);
  }
  number(at: number, value: number): void {
    const to = this.index[at - this.base] as number;
    if (to >= 0) this.inner.number(to, value);
  }
  other(at: number, value: unknown): void {
    const to = this.index[at - this.base] as number;
    if (to >= 0) this.inner.other(to, value);
  }
  coded(at: number, value: unknown, code: number): void {
    const to = this.index[at - this.base] as number;
    if (to >= 0) (this.inner as Required<FlatSink>).coded(to, value, code);
  }
}

/** Column kinds held as numbers. */
const NUMERIC = new Set<LogColumn['kind']>(['int', 'float', 'timestamp']);

/**
 * A sink for `rows` values of a log column of this kind: numbers (integers, floats, timestamps) in a Float64Array, any
 * other value as it is, strings and booleans also as codes unless `coded` is false.
 * @internal
 */
export function columnSink(kind: LogColumn['kind'], rows: number, coded = true): NumberColumn | ValueColumn {
  if (NUMERIC.has(kind)) return new NumberColumn(rows);
  return new ValueColumn(rows, coded && (kind === 'utf8' || kind === 'bool'));
}

/** A sink's column: a Float64Array of numbers, or its values. @internal */
export function sinkValues(sink: NumberColumn | ValueColumn): ArrayLike<unknown> {
  return sink instanceof NumberColumn ? sink.result() : sink.values;
}

/** The columns `sinks` hold, `names[i]` the name of `sinks[i]`, in that order, with the codes of those that keep them. @internal */
export function sinkColumns(
  names: readonly string[],
  sinks: readonly (NumberColumn | ValueColumn)[],
  rows: number,
): LogColumns {
  const values: Record<string, ArrayLike<unknown>> = {};
  const codes: Record<string, ColumnCodes> = {};
  names.forEach((name, i) => {
    const sink = sinks[i] as NumberColumn | ValueColumn;
    values[name] = sinkValues(sink);
    const coded = sink instanceof ValueColumn ? sink.columnCodes() : undefined;
    if (coded !== undefined) codes[name] = coded;
  });
  return { rows, values, codes };
}
