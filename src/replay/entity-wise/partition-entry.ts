/**
 * The partition entry: one log line as stage one stores it for stage two, with where it came from and its routing
 * key, so that stage two groups lines by entity without searching them again. Binary and length-prefixed, so a key
 * or a line may hold any byte:
 * `[u32 line length][u32 key length][f64 line number][f64 byte offset][key bytes][line bytes]`.
 */
const HEADER = 24;

/** Bytes an entry takes. */
export function entrySize(keyLength: number, lineLength: number): number {
  return HEADER + keyLength + lineLength;
}

/** Writes an entry at `at` (the caller made room for `entrySize`); returns the position after it. */
export function writeEntry(
  target: Buffer,
  at: number,
  lineNo: number,
  byteOffset: number,
  key: Uint8Array,
  src: Buffer,
  from: number,
  to: number,
): number {
  target.writeUInt32LE(to - from, at);
  target.writeUInt32LE(key.length, at + 4);
  target.writeDoubleLE(lineNo, at + 8);
  target.writeDoubleLE(byteOffset, at + 16);
  target.set(key, at + HEADER);
  const lineAt = at + HEADER + key.length;
  return lineAt + src.copy(target, lineAt, from, to);
}

/** One entry located in its block: the line is `block[from..to]`, the key `block[keyFrom..from]`. */
export interface Entry {
  readonly block: Buffer;
  readonly line: number;
  readonly byteOffset: number;
  readonly keyFrom: number;
  readonly from: number;
  readonly to: number;
}

/** Calls `visit` with each entry of a block, in order. */
export function forEachEntry(block: Buffer, visit: (entry: Entry) => void): void {
  for (let at = 0; at < block.length; ) {
    const lineLength = block.readUInt32LE(at);
    const keyFrom = at + HEADER;
    const from = keyFrom + block.readUInt32LE(at + 4);
    const to = from + lineLength;
    visit({ block, line: block.readDoubleLE(at + 8), byteOffset: block.readDoubleLE(at + 16), keyFrom, from, to });
    at = to;
  }
}

/** Adds `base` to the line number of every entry of a block, in place: entries written with range-local numbers. */
export function rebaseLines(block: Buffer, base: number): void {
  if (base === 0) return;
  forEachEntry(block, (entry) => block.writeDoubleLE(entry.line + base, entry.keyFrom - HEADER + 8));
}
