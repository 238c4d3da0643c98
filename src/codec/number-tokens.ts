import { BACKSLASH, isDigit, isNumberChar, MINUS, QUOTE } from './json-bytes.ts';

/** The index just past the string whose opening quote is at `open`; the text's end for a string left open. @internal */
export function endOfString(text: string, open: number): number {
  for (let close = text.indexOf('"', open + 1); close !== -1; close = text.indexOf('"', close + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(close - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return close + 1;
  }
  return text.length;
}

/**
 * Calls `visit(start, end)` for every number token of a JSON text (`text.slice(start, end)` is the token as written),
 * in document order, never inside a string: strings are skipped whole with `indexOf`, so a scan costs little more than
 * the structure and the numbers between them. Used to read numbers as written where the native parser would round
 * them (64-bit integers, whole numbers written as floats).
 * @internal
 */
export function forEachNumberToken(text: string, visit: (start: number, end: number) => void): void {
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
    visit(i, end);
    i = end;
  }
}

/** Whether a number token has a fraction or an exponent (`20.0`, `1e3`): written as a float. @internal */
export function writtenAsFloat(token: string): boolean {
  return token.includes('.') || token.includes('e') || token.includes('E');
}
