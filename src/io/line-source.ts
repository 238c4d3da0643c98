import { createReadStream, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { LineChunk, LineSource } from '../replay/ports.ts';

const NEWLINE = 0x0a;
const CR = 0x0d;

/**
 * Splits a byte stream into lines with exact byte offsets. A UTF-8 BOM at the start is dropped; CRLF is accepted.
 * A last line without a newline is still a line.
 */
export async function* splitLines(stream: AsyncIterable<Buffer>): AsyncGenerator<LineChunk> {
  let carry: Buffer[] = [];
  let carryOffset = 0;
  let offset = 0;
  let lineNo = 1;
  let first = true;
  for await (let buf of stream) {
    if (first) {
      first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        buf = buf.subarray(3);
        offset = 3;
        carryOffset = 3;
      }
    }
    const lines: string[] = [];
    const offsets: number[] = [];
    const firstLine = lineNo;
    let start = 0;
    for (let nl = buf.indexOf(NEWLINE); nl !== -1; nl = buf.indexOf(NEWLINE, start)) {
      const end = nl > 0 && buf[nl - 1] === CR ? nl - 1 : nl;
      if (carry.length > 0) {
        carry.push(buf.subarray(start, end));
        lines.push(Buffer.concat(carry).toString('utf8'));
        offsets.push(carryOffset);
        carry = [];
      } else {
        lines.push(buf.toString('utf8', start, end));
        offsets.push(offset + start);
      }
      lineNo++;
      start = nl + 1;
    }
    if (start < buf.length) {
      if (carry.length === 0) carryOffset = offset + start;
      carry.push(Buffer.from(buf.subarray(start)));
    }
    offset += buf.length;
    if (lines.length > 0) yield { lines, firstLine, byteOffsets: offsets };
  }
  if (carry.length > 0) {
    let text = Buffer.concat(carry).toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    yield { lines: [text], firstLine: lineNo, byteOffsets: [carryOffset] };
  }
}

/**
 * Reads a JSONL log from a file; `.gz` files are decompressed on the fly.
 * @public
 */
export function fileLineSource(path: string): LineSource {
  const size = statSync(path).size;
  const gzip = path.endsWith('.gz');
  return {
    name: path,
    sizeHint: gzip ? size * 6 : size,
    chunks: () => {
      const raw = createReadStream(path, { highWaterMark: 1 << 20 });
      return splitLines(gzip ? raw.pipe(createGunzip()) : raw);
    },
  };
}
