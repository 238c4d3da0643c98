/** The bytes (UTF-16 code units) of JSON text that Lockstep's scanners look for, and the tests on them. @internal */

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const MINUS = 0x2d;
export const DOT = 0x2e;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const SPACE = 0x20;
export const ZERO = 0x30;
export const NINE = 0x39;
export const OPEN_OBJECT = 0x7b;
export const CLOSE_OBJECT = 0x7d;
export const OPEN_ARRAY = 0x5b;
export const CLOSE_ARRAY = 0x5d;

/** An ASCII digit. */
export const isDigit = (c: number): boolean => c >= ZERO && c <= NINE;

/** A character a JSON number token may hold: digits, `.`, `e`/`E`, `+`, `-`. */
export const isNumberChar = (c: number): boolean =>
  isDigit(c) || c === DOT || c === 0x65 || c === 0x45 || c === 0x2b || c === MINUS;
