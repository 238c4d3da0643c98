import { BACKSLASH, COLON, DOT, MINUS, NINE, QUOTE, SPACE, ZERO } from '../../codec/json-bytes.ts';
import { parseLosslessJson } from '../../codec/lossless-json.ts';

/**
 * Finds an entity's value in a raw log line (bytes `from` to `to` of `buf`) without decoding or parsing it, to
 * route the line to its partition. Returns the UTF-8 bytes of the key, or undefined when the key is absent, appears
 * more than once, or is not a plain string or integer (the caller then parses the line). A JSON key `"k":` cannot
 * occur unescaped inside a string, so a single unescaped occurrence is the key.
 */
export function findEntityKey(
  buf: Buffer,
  needle: Buffer,
  from: number = 0,
  to: number = buf.length,
): Buffer | undefined {
  const line = from === 0 && to === buf.length ? buf : buf.subarray(from, to);
  let found = -1;
  for (let at = line.indexOf(needle); at !== -1 && at < line.length; at = line.indexOf(needle, at + 1)) {
    const value = valueAfterKey(line, at, needle.length);
    if (value === -1) continue;
    if (found !== -1) return undefined;
    found = value;
  }
  return found === -1 ? undefined : plainValue(line, found);
}

/**
 * Reads the entity keys of consecutive lines of one chunk, giving the same answers as `findEntityKey`. It searches
 * the chunk for the key about once per line: the search that proves a line holds the key only once finds the next
 * line's, and a chunk without the key is searched once, not once per line.
 */
export class ChunkKeyReader {
  /** The next occurrence of the needle at or after the last line asked about; -1 when there is none; -2 unknown. */
  private next = -2;

  constructor(
    private readonly buf: Buffer,
    private readonly needle: Buffer,
  ) {}

  /** The key of the line at bytes `from` to `to`; lines must be asked about in order. */
  keyOf(from: number, to: number): Buffer | undefined {
    if (this.next !== -1 && this.next < from) this.next = this.buf.indexOf(this.needle, from);
    const at = this.next;
    if (at === -1 || at >= to) return undefined;
    this.next = this.buf.indexOf(this.needle, at + 1);
    if (this.next !== -1 && this.next < to) return findEntityKey(this.buf, this.needle, from, to);
    const line = this.buf.subarray(from, to);
    const value = valueAfterKey(line, at - from, this.needle.length);
    return value === -1 ? undefined : plainValue(line, value);
  }
}

/** Where the value starts when the needle at `at` is a key (unescaped, followed by a colon); else -1. */
function valueAfterKey(line: Buffer, at: number, needleLength: number): number {
  if (isEscaped(line, at)) return -1;
  let after = at + needleLength;
  while (line[after] === SPACE) after++;
  return line[after] === COLON ? after + 1 : -1;
}

/** The UTF-8 bytes of a plain string or integer value starting at `found`; undefined for anything else. */
function plainValue(line: Buffer, found: number): Buffer | undefined {
  while (line[found] === SPACE) found++;
  if (line[found] === QUOTE) {
    const close = closingQuote(line, found + 1);
    if (close === -1) return undefined;
    const raw = line.subarray(found + 1, close);
    if (!raw.includes(BACKSLASH)) return raw;
    try {
      return Buffer.from(JSON.parse(line.toString('utf8', found, close + 1)) as string);
    } catch {
      return undefined;
    }
  }
  // Only plain integers: they print the same after parsing (String(12) and String(12n) are "12").
  let end = found;
  if (line[end] === MINUS) end++;
  const digitsFrom = end;
  while (end < line.length && (line[end] as number) >= ZERO && (line[end] as number) <= NINE) end++;
  const next = line[end];
  if (end === digitsFrom || next === DOT || next === 0x65 || next === 0x45) return undefined;
  const raw = line.subarray(found, end);
  return raw.length === 2 && raw[0] === MINUS && raw[1] === ZERO ? undefined : raw;
}

function isEscaped(line: Buffer, quoteAt: number): boolean {
  let backslashes = 0;
  for (let i = quoteAt - 1; i >= 0 && line[i] === BACKSLASH; i--) backslashes++;
  return backslashes % 2 === 1;
}

function closingQuote(line: Buffer, from: number): number {
  for (let i = line.indexOf(QUOTE, from); i !== -1; i = line.indexOf(QUOTE, i + 1)) {
    if (!isEscaped(line, i)) return i;
  }
  return -1;
}

/** The routing key of a parsed entity value; its UTF-8 bytes equal what `findEntityKey` reads from the raw line. */
export function entityKeyOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * Where the entity lives in a log record: `needle` is the JSON-quoted key, `inputField` set when it is under the input.
 * No `key` (a contract without an entity, a log naming none): every record routes by its record id, else its offset.
 */
export interface EntityLocation {
  readonly key?: string;
  readonly needle?: Buffer;
  readonly inputField?: string;
  /** The record id's field (top level, else in the input): what a record without an entity routes by. */
  readonly idField?: string;
  /** The input's field, to find the record id in it. */
  readonly recordInput?: string;
}

/** The entity location of a contract and log format (no key when neither names an entity). */
export function entityLocation(
  contractEntity: string | undefined,
  format: { inputField: string; entityField?: string; idField?: string },
): EntityLocation {
  const key = format.entityField ?? contractEntity;
  return {
    ...(key === undefined ? {} : { key, needle: Buffer.from(JSON.stringify(key)) }),
    ...(format.entityField === undefined ? { inputField: format.inputField } : {}),
    idField: format.idField ?? 'id',
    recordInput: format.inputField,
  };
}

/** A record's id as `decodeRecord` reads it (top level, else in the input; a string or an integer), when it has one. */
function recordIdOf(record: Record<string, unknown>, where: EntityLocation): string | undefined {
  if (where.idField === undefined) return undefined;
  const input = where.recordInput === undefined ? undefined : record[where.recordInput];
  const value = Object.hasOwn(record, where.idField)
    ? record[where.idField]
    : input !== null && typeof input === 'object'
      ? (input as Record<string, unknown>)[where.idField]
      : undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value))) return String(value);
  return undefined;
}

/**
 * The routing key of a raw line: the entity read without parsing when possible (`fast`, what `findEntityKey` found),
 * else from a full parse. A record with no entity value, or any record when the location has no entity key (a contract
 * without an entity), routes by its record id (a record-wise log: each record on its own); a line that is not JSON or has neither routes by its byte offset in its log (decoding reports it later): an
 * offset stays the same however the log is cut into ranges, so shards and samples agree on it.
 */
export function routingKey(
  buf: Buffer,
  from: number,
  to: number,
  where: EntityLocation,
  byteOffset: number,
  fast: Buffer | undefined,
): Buffer {
  if (fast !== undefined) return fast;
  try {
    const record = parseLosslessJson(buf.toString('utf8', from, to)) as Record<string, unknown> | null;
    const holder =
      where.inputField === undefined ? record : (record?.[where.inputField] as Record<string, unknown> | undefined);
    const value = where.key === undefined ? undefined : holder?.[where.key];
    if (value !== undefined && value !== null) return Buffer.from(entityKeyOf(value));
    const id = record === null || typeof record !== 'object' ? undefined : recordIdOf(record, where);
    // Marked apart from entity values, so that a record id never joins the history of an entity of the same name.
    if (id !== undefined) return Buffer.from(`\u0000id:${id}`);
  } catch {
    // not JSON
  }
  return Buffer.from(`\u0000offset:${byteOffset}`);
}

/** FNV-1a hash of an entity key's UTF-8 bytes, for deterministic partitioning and sharding across machines. */
export function hashKeyBytes(key: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key[i] as number;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Reads the entity keys of a chunk's lines, or nothing when the location has no entity key (see `ChunkKeyReader`). */
export function chunkKeyReader(buf: Buffer, where: EntityLocation): ChunkKeyReader | undefined {
  return where.needle === undefined ? undefined : new ChunkKeyReader(buf, where.needle);
}
