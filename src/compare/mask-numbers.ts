/** Addresses, whose digits are data the reader needs: URLs, IPv4 and bracketed IPv6 with a port, host:port. */
const ADDRESS =
  /[a-z][a-z\d+.-]*:\/\/[^\s'"`)]+|\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b|\[[\da-f:]+\](?::\d+)?|\b[a-z][\w.-]*:\d{2,5}\b/gi;

/** A number standing alone: not part of a word such as `python3`, `int64` or `x86_64`. */
const NUMBER = /(?<![\w.])\d+(?:\.\d+)?(?![\w])/g;

/**
 * A message's shape, so that one failure mode is one class whatever record it hit: numbers standing alone become `#`,
 * while digits inside words (`python3`, `int64`) and in addresses (`http://127.0.0.1:8080/features`, `db:5432`) stay.
 * @param text - an error message
 * @internal
 */
export function maskNumbers(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(ADDRESS)) {
    out += text.slice(last, m.index).replace(NUMBER, '#') + m[0];
    last = m.index + m[0].length;
  }
  return out + text.slice(last).replace(NUMBER, '#');
}
