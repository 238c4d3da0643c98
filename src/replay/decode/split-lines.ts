/**
 * Consecutive lines of a log as byte ranges of one buffer (`buf[starts[i]..ends[i]]`, newline and CR excluded),
 * with their 1-based line numbers and byte offsets in the log.
 */
export interface LineSlices {
  readonly buf: Buffer;
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  readonly firstLine: number;
  readonly byteOffsets: readonly number[];
}

const NEWLINE = 0x0a;
const CR = 0x0d;

function endOf(buf: Buffer, start: number, nl: number): number {
  return nl > start && buf[nl - 1] === CR ? nl - 1 : nl;
}

/**
 * Splits a byte stream into lines without decoding or copying them (only a line that spans two chunks is copied).
 * A UTF-8 BOM at the start of a log is dropped; CRLF is accepted; a last line without a newline is still a line.
 * `byteBase` is where the stream starts in its log (a range of a file): byte offsets count from the log's start, and
 * a BOM is only read at offset 0.
 */
export async function* splitLines(stream: AsyncIterable<Uint8Array>, byteBase = 0): AsyncGenerator<LineSlices> {
  let carry: Buffer[] = [];
  let carryOffset = byteBase;
  let offset = byteBase;
  let lineNo = 1;
  let first = byteBase === 0;
  for await (const chunk of stream) {
    let buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (first && buf.length > 0) {
      first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        buf = buf.subarray(3);
        offset = 3;
        carryOffset = 3;
      }
    }
    let start = 0;
    let nl = buf.indexOf(NEWLINE);
    if (carry.length > 0 && nl !== -1) {
      carry.push(buf.subarray(0, nl));
      const joined = Buffer.concat(carry);
      carry = [];
      yield {
        buf: joined,
        starts: [0],
        ends: [endOf(joined, 0, joined.length)],
        firstLine: lineNo++,
        byteOffsets: [carryOffset],
      };
      start = nl + 1;
      nl = buf.indexOf(NEWLINE, start);
    }
    const starts: number[] = [];
    const ends: number[] = [];
    const byteOffsets: number[] = [];
    const firstLine = lineNo;
    for (; nl !== -1; nl = buf.indexOf(NEWLINE, start)) {
      starts.push(start);
      ends.push(endOf(buf, start, nl));
      byteOffsets.push(offset + start);
      lineNo++;
      start = nl + 1;
    }
    if (starts.length > 0) yield { buf, starts, ends, firstLine, byteOffsets };
    if (start < buf.length) {
      if (carry.length === 0) carryOffset = offset + start;
      carry.push(Buffer.from(buf.subarray(start)));
    }
    offset += buf.length;
  }
  if (carry.length > 0) {
    const joined = Buffer.concat(carry);
    yield {
      buf: joined,
      starts: [0],
      ends: [endOf(joined, 0, joined.length)],
      firstLine: lineNo,
      byteOffsets: [carryOffset],
    };
  }
}
