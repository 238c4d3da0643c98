/** Consecutive lines of a log as byte views, with their 1-based line numbers and byte offsets. */
export interface LineSlices {
  readonly lines: readonly Buffer[];
  readonly firstLine: number;
  readonly byteOffsets: readonly number[];
}

const NEWLINE = 0x0a;
const CR = 0x0d;

/**
 * Splits a byte stream into lines without decoding them. A UTF-8 BOM at the start is dropped; CRLF is accepted;
 * a last line without a newline is still a line. Views point into the chunks (no copy) except for lines that
 * span chunks.
 */
export async function* splitLines(stream: AsyncIterable<Uint8Array>): AsyncGenerator<LineSlices> {
  let carry: Buffer[] = [];
  let carryOffset = 0;
  let offset = 0;
  let lineNo = 1;
  let first = true;
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
    const lines: Buffer[] = [];
    const byteOffsets: number[] = [];
    const firstLine = lineNo;
    let start = 0;
    for (let nl = buf.indexOf(NEWLINE); nl !== -1; nl = buf.indexOf(NEWLINE, start)) {
      if (carry.length > 0) {
        carry.push(buf.subarray(start, nl));
        lines.push(stripCr(Buffer.concat(carry)));
        byteOffsets.push(carryOffset);
        carry = [];
      } else {
        lines.push(stripCr(buf.subarray(start, nl)));
        byteOffsets.push(offset + start);
      }
      lineNo++;
      start = nl + 1;
    }
    if (start < buf.length) {
      if (carry.length === 0) carryOffset = offset + start;
      carry.push(Buffer.from(buf.subarray(start)));
    }
    offset += buf.length;
    if (lines.length > 0) yield { lines, firstLine, byteOffsets };
  }
  if (carry.length > 0) yield { lines: [stripCr(Buffer.concat(carry))], firstLine: lineNo, byteOffsets: [carryOffset] };
}

function stripCr(line: Buffer): Buffer {
  return line.length > 0 && line[line.length - 1] === CR ? line.subarray(0, line.length - 1) : line;
}
