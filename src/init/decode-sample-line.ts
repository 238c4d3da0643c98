import { parseLosslessJson } from '../codec/lossless-json.ts';

/**
 * A number written with a fraction or an exponent whose value is whole (`20.0`, `1e3`): kept apart from an integer so
 * that a float column stays a float when a sample happens to hold only whole values.
 * @remarks Since 0.1
 * @public
 */
export class WrittenFloat {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
}

const QUOTE = 34;
const BACKSLASH = 92;
const MINUS = 45;
const MARK = '\\u0000F';
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isNumberChar = (c: number): boolean => isDigit(c) || c === 46 || c === 101 || c === 69 || c === 43 || c === MINUS;

function endOfString(text: string, open: number): number {
  for (let close = text.indexOf('"', open + 1); close !== -1; close = text.indexOf('"', close + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(close - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return close + 1;
  }
  return text.length;
}

/** The text with every whole number written as a float (`20.0`) swapped for a marker string naming it. */
function markWrittenFloats(text: string): { text: string; marked: boolean } {
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = endOfString(text, i);
      continue;
    }
    if (!isDigit(c) && c !== MINUS) {
      i++;
      continue;
    }
    let end = i + 1;
    while (isNumberChar(text.charCodeAt(end))) end++;
    const token = text.slice(i, end);
    if (/[.eE]/.test(token) && Number.isInteger(Number(token))) {
      out += `${text.slice(copied, i)}"${MARK}${token}"`;
      copied = end;
    }
    i = end;
  }
  return copied === 0 ? { text, marked: false } : { text: out + text.slice(copied), marked: true };
}

function unmark(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.startsWith('\u0000F') ? new WrittenFloat(Number(value.slice(2))) : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(unmark);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unmark(v)]));
}

/**
 * Decodes one line of a sampled log as the replay does (int64 → `bigint`, Python's `NaN`/`Infinity` understood), and
 * keeps whole numbers written as floats (`20.0`) as {@link WrittenFloat}, so inference can tell a float column from
 * an integer one.
 * @param text - one JSON text
 * @throws JsonSyntaxError when the text is not JSON
 * @remarks Since 0.1
 * @public
 */
export function decodeSampleLine(text: string): unknown {
  // A line that itself holds the marker's escape is decoded as it is (its whole floats then read as integers).
  const { text: marked, marked: any } = text.includes('\\u0000') ? { text, marked: false } : markWrittenFloats(text);
  if (!any) return parseLosslessJson(text);
  let value: unknown;
  try {
    value = parseLosslessJson(marked);
  } catch {
    return parseLosslessJson(text); // throws with the offset in the line as written
  }
  return unmark(value);
}
