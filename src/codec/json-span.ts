/**
 * JSON text read without parsing it into values, so what is found can be kept byte for byte: the span of a top-level
 * key's value, and the bare non-JSON tokens (`NaN`, `Infinity`, `-Infinity`) outside strings.
 */

/** Where a value's text is: `text.slice(start, end)`. @public */
export interface JsonSpan {
  readonly start: number;
  readonly end: number;
}

const WS = new Set([' ', '\t', '\n', '\r']);
const SCALAR_END = new Set([',', '}', ']', ...WS]);

function skipWs(text: string, at: number): number {
  let i = at;
  while (i < text.length && WS.has(text[i] as string)) i++;
  return i;
}

/** Index just past the string literal that starts at `start` (a `"`), or -1 when it is not closed. */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else i++;
  }
  return -1;
}

/** Index just past the JSON value that starts at `start`, or -1 when it is not closed (a line cut short). @internal */
export function endOfValue(text: string, start: number): number {
  const first = text[start];
  if (first === '"') return endOfString(text, start);
  if (first !== '{' && first !== '[') {
    let i = start;
    while (i < text.length && !SCALAR_END.has(text[i] as string)) i++;
    return i > start ? i : -1;
  }
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i = endOfString(text, i);
      if (i < 0) return -1;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return -1;
}

function keyAt(text: string, start: number, end: number): string | undefined {
  try {
    return JSON.parse(text.slice(start, end)) as string;
  } catch {
    return undefined;
  }
}

/**
 * The span of the value of a top-level key in the text of a JSON object, as written (whitespace around it excluded):
 * `{"a":1,"input":{"x":20.0}}` and `input` give the span of `{"x":20.0}`. The last one wins when the key repeats, as
 * with `JSON.parse`. Keys are compared after unescaping. Python's `NaN`/`Infinity` tokens are read as values.
 * @param text - the text of one JSON object
 * @param key - the top-level key
 * @returns the span, or undefined when the text is not an object or has no such key
 * @remarks Since 0.1
 * @public
 */
export function topLevelValueSpan(text: string, key: string): JsonSpan | undefined {
  let i = skipWs(text, 0);
  if (text[i] !== '{') return undefined;
  i = skipWs(text, i + 1);
  if (text[i] === '}') return undefined;
  let found: JsonSpan | undefined;
  for (;;) {
    if (text[i] !== '"') return undefined;
    const keyEnd = endOfString(text, i);
    if (keyEnd < 0) return undefined;
    const name = keyAt(text, i, keyEnd);
    i = skipWs(text, keyEnd);
    if (text[i] !== ':') return undefined;
    const start = skipWs(text, i + 1);
    const end = endOfValue(text, start);
    if (end < 0) return undefined;
    if (name === key) found = { start, end };
    i = skipWs(text, end);
    if (text[i] === '}') return found;
    if (text[i] !== ',') return undefined;
    i = skipWs(text, i + 1);
  }
}

/** The bare tokens Python's `json.dumps` writes for non-finite floats, where JSON has none. @public */
export type NonJsonToken = 'NaN' | 'Infinity' | '-Infinity';

const TOKENS: readonly NonJsonToken[] = ['-Infinity', 'Infinity', 'NaN'];

/**
 * Rewrites each bare `NaN`, `Infinity` and `-Infinity` token outside strings, leaving every other character as it was.
 * @param text - JSON text, possibly with Python's non-finite tokens
 * @param replace - the text to write instead of a token
 * @remarks Since 0.1
 * @public
 */
export function replaceNonJsonTokens(text: string, replace: (token: NonJsonToken) => string): string {
  let out = '';
  let from = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = endOfString(text, i);
      if (end < 0) break;
      i = end;
      continue;
    }
    const token = c === '-' || c === 'I' || c === 'N' ? TOKENS.find((t) => text.startsWith(t, i)) : undefined;
    if (token === undefined) {
      i++;
      continue;
    }
    out += text.slice(from, i) + replace(token);
    i += token.length;
    from = i;
  }
  return out + text.slice(from);
}
