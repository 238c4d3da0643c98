import type { Data, Utf8 } from 'apache-arrow';

/** Distinct texts remembered per column: beyond, a text is decoded each time. */
const KEPT = 10_000;
const LONGEST = 48;

/** Whether `length` bytes at `a` and at `b` are the same. */
function sameBytes(bytes: Uint8Array, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (bytes[a + k] !== bytes[b + k]) return false;
  return true;
}

interface Kept {
  readonly start: number;
  readonly length: number;
  readonly text: string;
}

/**
 * A UTF-8 column's texts by row (`null` for a null), each distinct short text decoded once and shared by its rows
 * (labels, categories): what decoding every row gives, with far fewer strings made. Texts are found by a 30-bit hash
 * of their bytes (a small integer: no number is boxed per row), checked byte by byte. Rows [from, to) only, when asked.
 * @internal
 */
export function utf8Texts(data: Data<Utf8>, from = 0, to: number = data.length): (string | null)[] {
  const { values, valueOffsets } = data;
  const buffer = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  const out = new Array<string | null>(to - from);
  const kept = new Map<number, Kept>();
  const nulls = data.nullCount > 0;
  for (let i = from; i < to; i++) {
    if (nulls && !data.getValid(i)) {
      out[i - from] = null;
      continue;
    }
    const start = valueOffsets[i] as number;
    const end = valueOffsets[i + 1] as number;
    const length = end - start;
    if (length > LONGEST) {
      out[i - from] = buffer.toString('utf8', start, end);
      continue;
    }
    let hash = 0x811c_9dc5 ^ length;
    for (let k = start; k < end; k++) hash = Math.imul(hash ^ (buffer[k] as number), 0x0100_0193);
    hash &= 0x3fff_ffff;
    const known = kept.get(hash);
    if (known !== undefined && known.length === length && sameBytes(buffer, known.start, start, length)) {
      out[i - from] = known.text;
      continue;
    }
    const text = buffer.toString('utf8', start, end);
    if (known === undefined && kept.size < KEPT) kept.set(hash, { start, length, text });
    out[i - from] = text;
  }
  return out;
}

/**
 * Whether a UTF-8 column without nulls holds exactly the decimal texts of `lines` (positive integers), row by row,
 * compared digit by digit without decoding a row or making a text.
 * @internal
 */
export function holdsLines(data: Data<Utf8>, lines: readonly number[]): boolean {
  if (data.length !== lines.length || data.nullCount > 0) return false;
  const { values, valueOffsets } = data;
  for (let i = 0; i < lines.length; i++) {
    const start = valueOffsets[i] as number;
    let at = (valueOffsets[i + 1] as number) - 1;
    let x = lines[i] as number;
    if (!(Number.isSafeInteger(x) && x > 0) || at < start) return false;
    for (; at >= start && x > 0; at--, x = Math.floor(x / 10)) if (values[at] !== 48 + (x % 10)) return false;
    if (at >= start || x > 0) return false;
  }
  return true;
}
