/** String-derived features shared by both sides of the card-fraud example. */

/** Whether a UTF-16 code unit is whitespace for `\s` in a Unicode regular expression (WhiteSpace or LineTerminator). */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Number of whitespace-separated tokens: what `s.split(/\s+/u).filter((t) => t !== '').length` counts. */
export function tokenCount(s: string): number {
  let tokens = 0;
  let inToken = false;
  for (let i = 0; i < s.length; i++) {
    const space = isSpace(s.charCodeAt(i));
    if (!space && !inToken) tokens++;
    inToken = !space;
  }
  return tokens;
}

/** Length in Unicode code points (Python's `len`), not UTF-16 code units: what `[...s].length` counts. */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
