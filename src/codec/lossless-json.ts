import { forEachNumberToken, writtenAsFloat } from './number-tokens.ts';
import { NOT_PATCHED, patchWideIntegers } from './patch-wide-integers.ts';

/**
 * JSON that adds no skew of its own: integers beyond 2^53 become `bigint` (exact), and the bare tokens
 * `NaN`, `Infinity` and `-Infinity` that Python's `json.dumps` writes are read as those numbers.
 * Lines without such values take the native `JSON.parse` fast path; lines with 64-bit integers take it too, once
 * those integers are swapped for markers (see `parseWithBigInts`).
 */

/** Thrown for text that is not JSON, with the character offset where parsing stopped. @internal */
export class JsonSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'JsonSyntaxError';
    this.offset = offset;
  }
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** True for a number JSON.parse may have rounded: an integer beyond 2^53. */
function unsafeNumber(n: number): boolean {
  return (n > MAX_SAFE || n < -MAX_SAFE) && Number.isInteger(n);
}

/** True when an item of a parsed container holds an unsafe integer: numbers checked here, containers walked. */
function unsafeItem(item: unknown): boolean {
  if (typeof item === 'number') return unsafeNumber(item);
  return typeof item === 'object' && item !== null && hasUnsafeInteger(item);
}

/** True when a natively parsed value holds an integer JSON.parse may have rounded (beyond 2^53). */
function hasUnsafeInteger(value: unknown): boolean {
  if (typeof value === 'number') return unsafeNumber(value);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (const item of value) if (unsafeItem(item)) return true;
    return false;
  }
  // Items are checked in the loop, not each through a call of this function: most are strings and numbers.
  for (const key in value) if (unsafeItem((value as Record<string, unknown>)[key])) return true;
  return false;
}

/**
 * Markers are strings that start with U+0000, written escaped (`\u0000`, as JSON must hold it); a text that itself
 * holds that escape never uses markers.
 */
const MARK = '\\u0000';

/**
 * Parses one JSON text without losing int64 precision and accepting Python's non-finite tokens.
 * @throws JsonSyntaxError with the offset of the first bad character
 * @public
 */
export function parseLosslessJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // NaN/Infinity tokens or bad JSON: the slow parser reads the former and reports a precise offset for the latter
    return new LosslessParser(text).parseDocument();
  }
  return hasUnsafeInteger(value) ? parseWithBigInts(text, value) : value;
}

/**
 * The native parser, made exact for integers beyond 2^53: usually by writing each such integer where the native
 * reading has it (`patchWideIntegers`: one scan, no second parse). Where a path would not name one place (duplicate
 * keys), each such integer token (outside strings) is replaced by a
 * marker string naming it, the text is parsed natively, and the markers are swapped back for `bigint`s. Strings are
 * skipped by `indexOf`, so a line with a 19-digit id costs a short scan, a second native parse and a walk, not a
 * parser written in JavaScript. `parsed` is the text's native reading (the text is valid JSON).
 */
function parseWithBigInts(text: string, parsed: unknown): unknown {
  const patched = patchWideIntegers(text, parsed);
  if (patched !== NOT_PATCHED) return patched;
  if (text.includes('\\u0000')) return new LosslessParser(text).parseDocument();
  const wide: bigint[] = [];
  let marked = '';
  let copied = 0;
  forEachNumberToken(text, (start, end) => {
    if (end - start < 16) return; // 15 digits are always exact
    const token = text.slice(start, end);
    if (writtenAsFloat(token) || Number.isSafeInteger(Number(token))) return;
    wide.push(BigInt(token));
    marked += `${text.slice(copied, start)}"${MARK}${wide.length - 1}"`;
    copied = end;
  });
  // Wide but written as floats (1e20): the native reading stands. Otherwise the text parsed natively once already,
  // so marked it parses too (markers are strings where numbers were).
  return wide.length === 0 ? parsed : unmark(JSON.parse(marked + text.slice(copied)), wide);
}

/** `value` with every marker string replaced by the integer it stands for. */
function unmark(value: unknown, wide: readonly bigint[]): unknown {
  if (typeof value === 'string') return value.charCodeAt(0) === 0 ? wide[Number(value.slice(1))] : value;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = unmark(value[i], wide);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const next = unmark(item, wide);
    if (next !== item) record[key] = next; // only markers change; an own `__proto__` property is a plain data property
  }
  return value;
}

const WS = new Set([' ', '\t', '\n', '\r']);
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const LITERALS: ReadonlyArray<[string, unknown]> = [
  ['true', true],
  ['false', false],
  ['null', null],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
];

class LosslessParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseDocument(): unknown {
    const value = this.parseValue();
    this.skipWs();
    if (this.pos < this.text.length) this.fail('unexpected data after the JSON value');
    return value;
  }

  private fail(message: string): never {
    const found = this.pos < this.text.length ? JSON.stringify(this.text[this.pos]) : 'end of input';
    throw new JsonSyntaxError(`${message} at position ${this.pos} (found ${found})`, this.pos);
  }

  private skipWs(): void {
    while (this.pos < this.text.length && WS.has(this.text[this.pos] as string)) this.pos++;
  }

  private parseValue(): unknown {
    this.skipWs();
    const c = this.text[this.pos];
    if (c === '{') return this.parseObject();
    if (c === '[') return this.parseArray();
    if (c === '"') return this.parseString();
    for (const [token, value] of LITERALS) {
      if (this.text.startsWith(token, this.pos)) {
        this.pos += token.length;
        return value;
      }
    }
    return this.parseNumber();
  }

  private parseNumber(): number | bigint {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (match === null) this.fail('expected a JSON value');
    this.pos += match[0].length;
    const isInteger = match[1] === undefined && match[2] === undefined;
    const n = Number(match[0]);
    return isInteger && !Number.isSafeInteger(n) ? BigInt(match[0]) : n;
  }

  private parseString(): string {
    this.pos++; // opening quote
    let out = '';
    let start = this.pos;
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) this.fail('unterminated string');
      if (c === '"') break;
      if (c < ' ') this.fail('control character in string');
      if (c !== '\\') {
        this.pos++;
        continue;
      }
      out += this.text.slice(start, this.pos);
      const e = this.text[this.pos + 1] ?? '';
      if (e === 'u') {
        const hex = this.text.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape');
        out += String.fromCharCode(Number.parseInt(hex, 16));
        this.pos += 6;
      } else if (e in ESCAPES) {
        out += ESCAPES[e];
        this.pos += 2;
      } else {
        this.fail('bad escape');
      }
      start = this.pos;
    }
    out += this.text.slice(start, this.pos);
    this.pos++; // closing quote
    return out;
  }

  private parseArray(): unknown[] {
    this.pos++;
    const out: unknown[] = [];
    this.skipWs();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.parseValue());
      this.skipWs();
      const c = this.text[this.pos++];
      if (c === ']') return out;
      if (c !== ',') {
        this.pos--;
        this.fail("expected ',' or ']'");
      }
    }
  }

  private parseObject(): Record<string, unknown> {
    this.pos++;
    const out: Record<string, unknown> = {};
    this.skipWs();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipWs();
      if (this.text[this.pos] !== '"') this.fail('expected a property name');
      const key = this.parseString();
      this.skipWs();
      if (this.text[this.pos] !== ':') this.fail("expected ':'");
      this.pos++;
      Object.defineProperty(out, key, {
        value: this.parseValue(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.skipWs();
      const c = this.text[this.pos++];
      if (c === '}') return out;
      if (c !== ',') {
        this.pos--;
        this.fail("expected ',' or '}'");
      }
    }
  }
}
