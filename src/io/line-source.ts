import { createReadStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { LineSource } from '../replay/ports.ts';

const CHUNK = 1 << 20;

/**
 * Reads a file through one reused buffer: a chunk is only valid until the next is requested (the port's contract),
 * which keeps a gigabyte-sized log from churning a megabyte allocation per read.
 */
async function* readReusing(path: string): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK);
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
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
