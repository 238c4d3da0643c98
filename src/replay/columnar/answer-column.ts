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

/** Values by row, `null` where the validity bitmap's bit is 0. */
function withNulls(values: ArrayLike<number>, validity: Uint8Array, length: number): unknown[] {
  const out = new Array<unknown>(length);
  for (let i = 0; i < length; i++)
    out[i] = ((validity[i >> 3] as number) & (1 << (i & 7))) === 0 ? null : (values[i] as number);
  return out;
}

/**
 * One answer column's values by row, nulls included: what `decodeAnswer` gives each row (floats and integers as
 * numbers, 64-bit integers as numbers while exact, else bigints). A column of plain numbers without nulls is a
 * Float64Array (no value boxed); any other column is read into an array.
 * @internal
 */
export function answerColumn(vector: Vector): Float64Array | unknown[] {
  const data = vector.data[0];
  if (vector.data.length === 1 && data !== undefined && data.offset === 0 && DataType.isUtf8(data.type))
    return utf8Texts(data as Data<Utf8>);
  if (vector.data.length === 1 && data !== undefined && data.offset === 0 && data.nullCount > 0) {
    const numbers = numberValues(data);
    if (numbers !== undefined) return withNulls(numbers, data.nullBitmap as Uint8Array, data.length);
  }
  if (vector.data.length === 1 && data !== undefined && data.nullCount === 0 && data.offset === 0) {
    const { type } = data;
    if (DataType.isFloat(type) && type.precision === Precision.DOUBLE)
      return (data.values as Float64Array).subarray(0, data.length);
    if (DataType.isFloat(type) && type.precision === Precision.SINGLE)
      return Float64Array.from((data.values as Float32Array).subarray(0, data.length));
    if (DataType.isInt(type)) {
      if (type.bitWidth < 64) return Float64Array.from((data.values as Int32Array).subarray(0, data.length));
      if (type.isSigned) {
        const exact = exactInts(data.values as BigInt64Array, data.length);
        if (exact !== undefined) return exact;
      }
    }
    const read = fastReader(data);
    if (read !== undefined) {
      const out = new Array<unknown>(data.length);
      for (let i = 0; i < data.length; i++) out[i] = read(i);
      return out;
    }
  }
  return columnValues(vector);
}
