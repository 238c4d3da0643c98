/**
 * Finds an entity's value in a raw log line without parsing it, to route the line to its partition. Returns
 * undefined when the key is absent or appears more than once (the caller then parses the line).
 * A JSON key `"k":` cannot occur unescaped inside a string, so a single unescaped occurrence is the key.
 */
export function findEntityKey(line: string, key: string): string | undefined {
  const needle = `"${key}"`;
  let found = -1;
  for (let at = line.indexOf(needle); at !== -1; at = line.indexOf(needle, at + 1)) {
    if (isEscaped(line, at)) continue;
    let after = at + needle.length;
    while (line[after] === ' ') after++;
    if (line[after] !== ':') continue;
    if (found !== -1) return undefined;
    found = after + 1;
  }
  if (found === -1) return undefined;
  while (line[found] === ' ') found++;
  if (line[found] === '"') {
    const close = closingQuote(line, found + 1);
    if (close === -1) return undefined;
    const raw = line.slice(found + 1, close);
    if (!raw.includes('\\')) return raw;
    try {
      return JSON.parse(line.slice(found, close + 1)) as string;
    } catch {
      return undefined;
    }
  }
  // Only plain integers: they print the same after parsing (String(12) and String(12n) are "12").
  PLAIN_INTEGER.lastIndex = found;
  const match = PLAIN_INTEGER.exec(line);
  return match === null || match[0] === '-0' ? undefined : match[0];
}

/** The routing key of a parsed entity value; equals what `findEntityKey` reads from the raw line. */
export function entityKeyOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? 'undefined';
}

const PLAIN_INTEGER = /-?\d+(?![.eE\d])/y;

function isEscaped(line: string, quoteAt: number): boolean {
  let backslashes = 0;
  for (let i = quoteAt - 1; i >= 0 && line[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

function closingQuote(line: string, from: number): number {
  for (let i = line.indexOf('"', from); i !== -1; i = line.indexOf('"', i + 1)) {
    if (!isEscaped(line, i)) return i;
  }
  return -1;
}

/** FNV-1a hash of an entity key, for deterministic partitioning and sharding. */
export function hashEntity(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
