import { parseLosslessJson } from '../codec/lossless-json.ts';
import { forEachNumberToken, writtenAsFloat } from '../codec/number-tokens.ts';

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

const MARK = '\\u0000F';

/** The text with every whole number written as a float (`20.0`) swapped for a marker string naming it. */
function markWrittenFloats(text: string): { text: string; marked: boolean } {
  let out = '';
  let copied = 0;
  forEachNumberToken(text, (start, end) => {
    const token = text.slice(start, end);
    if (writtenAsFloat(token) && Number.isInteger(Number(token))) {
      out += `${text.slice(copied, start)}"${MARK}${token}"`;
      copied = end;
    }
  });
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
