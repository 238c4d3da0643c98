import { closeSync, createReadStream, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { LineSource } from '../replay/ports.ts';

const CHUNK = 1 << 20;

/**
 * Reads bytes `from` to `to` of a file through two reused buffers: while the caller works on one chunk, the next is
 * already being read into the other, so the replay never waits on the disk between chunks. A chunk is only valid
 * until the next is requested (the port's contract), which keeps a gigabyte-sized log from churning a megabyte
 * allocation per read.
 */
async function* readReusing(path: string, from = 0, to = Number.POSITIVE_INFINITY): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r');
  const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
  const readInto = (turn: number, position: number) =>
    handle.read(buffers[turn] as Buffer, 0, Math.max(0, Math.min(CHUNK, to - position)), position);
  let turn = 0;
  let pending = readInto(turn, from);
  try {
    for (let position = from; ; ) {
      const { bytesRead, buffer } = await pending;
      if (bytesRead === 0) return;
      position += bytesRead;
      // The other buffer went out before this one, and the caller has asked for the next chunk: it is free again.
      turn ^= 1;
      pending = readInto(turn, position);
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await pending.catch(() => undefined); // never close the file under a read still in flight
    await handle.close();
  }
}

/** The offset of the first line that starts at or after `at` (a line starts at 0 or after a newline); `size` if none. */
function lineStartFrom(fd: number, at: number, size: number): number {
  if (at <= 0) return 0;
  const window = Buffer.allocUnsafe(64 * 1024);
  for (let position = at - 1; position < size; position += window.length) {
    const bytesRead = readSync(fd, window, 0, window.length, position);
    const newline = window.subarray(0, bytesRead).indexOf(0x0a);
    if (newline !== -1) return position + newline + 1;
    if (bytesRead === 0) break;
  }
  return size;
}

/**
 * The lines of a file that start in bytes [start, end): one of several ranges that readers in parallel route at
 * once. Ranges that meet (one's end is the next one's start) hold every line of the file exactly once.
 * @public
 */
export function fileRangeSource(path: string, start: number, end: number): LineSource {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const from = lineStartFrom(fd, start, size);
    const to = end >= size ? size : lineStartFrom(fd, end, size);
    return { name: path, sizeHint: to - from, byteBase: from, open: () => readReusing(path, from, to) };
  } finally {
    closeSync(fd);
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
    open: () => (gzip ? createReadStream(path, { highWaterMark: CHUNK }).pipe(createGunzip()) : readReusing(path)),
  };
}
