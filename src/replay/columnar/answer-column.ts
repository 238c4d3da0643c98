import { type Data, DataType, Precision, type Utf8, type Vector } from 'apache-arrow';
import { columnValues, fastReader } from '../../implementations/_arrow-decode.ts';
import { utf8Texts } from './utf8-texts.ts';

const TWO_32 = 2 ** 32;

/** A signed 64-bit column's values as exact numbers, or undefined when one is beyond 2^53. */
function exactInts(values: BigInt64Array, length: number, nulls?: Data): Float64Array | undefined {
  const words = new Int32Array(values.buffer, values.byteOffset, length * 2);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const x = (words[2 * i + 1] as number) * TWO_32 + ((words[2 * i] as number) >>> 0);
    if (!Number.isSafeInteger(x) && (nulls === undefined || nulls.getValid(i))) return undefined;
    out[i] = x;
  }
  return out;
}

/** A float or integer column's values as numbers (nulls' slots hold anything), or undefined for any other column. */
function numberValues(data: Data): ArrayLike<number> | undefined {
  const { type } = data;
  if (DataType.isFloat(type) && type.precision !== Precision.HALF)
    return (data.values as Float64Array | Float32Array).subarray(0, data.length);
  if (DataType.isInt(type) && type.bitWidth < 64) return (data.values as Int32Array).subarray(0, data.length);
  if (DataType.isInt(type) && type.isSigned) return exactInts(data.values as BigInt64Array, data.length, data);
  return undefined;
}

/** Rows [from, to) by row, `null` where the validity bitmap's bit is 0. */
function withNulls(values: ArrayLike<number>, validity: Uint8Array, from: number, to: number): unknown[] {
  const out = new Array<unknown>(to - from);
  for (let i = from; i < to; i++)
    out[i - from] = ((validity[i >> 3] as number) & (1 << (i & 7))) === 0 ? null : (values[i] as number);
  return out;
}

/** Rows [from, to) of a column read by `read`. */
function readRows(read: (row: number) => unknown, from: number, to: number): unknown[] {
  const out = new Array<unknown>(to - from);
  for (let i = from; i < to; i++) out[i - from] = read(i);
  return out;
}

/** Rows [from, to) of one answer column: see `answerColumn`. */
export type AnswerRows = (from: number, to: number) => Float64Array | unknown[];

/**
 * One answer column's values by row, nulls included, read a range of rows at a time: what `decodeAnswer` gives each
 * row (floats and integers as numbers, 64-bit integers as numbers while exact, else bigints). A column of plain numbers
 * without nulls is a Float64Array (no value boxed); any other column is read into an array. A batch's answers are read
 * a few thousand rows at a time: an array of a whole batch's rows would be born in the old generation, and the
 * numbers boxed into it would be copied and promoted by every young collection while the batch is compared.
 * @internal
 */
export function answerColumn(vector: Vector): AnswerRows {
  const data = vector.data[0];
  const one = vector.data.length === 1 && data !== undefined && data.offset === 0;
  if (one && DataType.isUtf8(data.type)) return (from, to) => utf8Texts(data as Data<Utf8>, from, to);
  if (one && data.nullCount > 0) {
    const numbers = numberValues(data);
    const validity = data.nullBitmap as Uint8Array;
    if (numbers !== undefined) return (from, to) => withNulls(numbers, validity, from, to);
  }
  if (one && data.nullCount === 0) {
    const { type } = data;
    if (DataType.isFloat(type) && type.precision === Precision.DOUBLE) {
      const values = data.values as Float64Array;
      return (from, to) => values.subarray(from, to);
    }
    // Typed arrays hold their numbers outside the heap: a whole batch's is made once.
    let numbers: Float64Array | undefined;
    if (DataType.isFloat(type) && type.precision === Precision.SINGLE)
      numbers = Float64Array.from((data.values as Float32Array).subarray(0, data.length));
    else if (DataType.isInt(type) && type.bitWidth < 64)
      numbers = Float64Array.from((data.values as Int32Array).subarray(0, data.length));
    else if (DataType.isInt(type) && type.isSigned) numbers = exactInts(data.values as BigInt64Array, data.length);
    if (numbers !== undefined) {
      const all = numbers;
      return (from, to) => all.subarray(from, to);
    }
    const read = fastReader(data);
    if (read !== undefined) return (from, to) => readRows(read, from, to);
  }
  let all: unknown[] | undefined;
  return (from, to) => {
    all ??= columnValues(vector);
    return all.slice(from, to);
  };
}
