import { createReadStream, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { LineSource } from '../replay/ports.ts';

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
    open: () => {
      const raw = createReadStream(path, { highWaterMark: 1 << 20 });
      return gzip ? raw.pipe(createGunzip()) : raw;
    },
  };
}
