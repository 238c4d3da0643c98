import { closeSync, fstatSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writevSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpillStore } from '../replay/ports.ts';

/** Spill files in a directory, one per partition; each holds that partition's entries end to end. */
export interface FsSpillStore extends SpillStore {
  readonly dir: string;
  /**
   * Closes the files and leaves them for another thread to read with `readSpillFile` (and to remove the directory);
   * returns the partitions that have a file.
   */
  detach(): number[];
}

const spillFile = (dir: string, partition: number): string => join(dir, `partition-${partition}.bin`);

/** Reads a detached spill file into a buffer of its own; undefined when that partition has none. */
export function readSpillFile(dir: string, partition: number): Buffer | undefined {
  try {
    return readFileSync(spillFile(dir, partition));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Spills partitions to files in a fresh temporary directory, removed on dispose. Writes are synchronous on
 * purpose: they land in the page cache at memory speed, and the replay has nothing else to do meanwhile.
 * @public
 */
export async function createFsSpillStore(parent: string = tmpdir()): Promise<FsSpillStore> {
  const dir = mkdtempSync(join(parent, 'lockstep-spill-'));
  const files = new Map<number, number>();
  // One read buffer, grown as needed and reused: the port lets a partition's bytes live until the next read.
  let readBuffer = Buffer.alloc(0);
  const closeAll = (): void => {
    for (const fd of files.values()) closeSync(fd);
    files.clear();
  };
  return {
    dir,
    async append(partition: number, blocks: readonly Uint8Array[]): Promise<void> {
      let fd = files.get(partition);
      if (fd === undefined) {
        fd = openSync(spillFile(dir, partition), 'a');
        files.set(partition, fd);
      }
      for (let i = 0; i < blocks.length; i += 512) writevSync(fd, blocks.slice(i, i + 512) as Uint8Array[]);
    },
    async read(partition: number): Promise<Uint8Array | undefined> {
      const writer = files.get(partition);
      if (writer === undefined) return undefined;
      files.delete(partition);
      closeSync(writer);
      const fd = openSync(spillFile(dir, partition), 'r');
      try {
        const size = fstatSync(fd).size;
        if (readBuffer.length < size) readBuffer = Buffer.allocUnsafe(Math.max(size, readBuffer.length * 2));
        let done = 0;
        while (done < size) done += readSync(fd, readBuffer, done, size - done, done);
        return readBuffer.subarray(0, size);
      } finally {
        closeSync(fd);
      }
    },
    detach(): number[] {
      const partitions = [...files.keys()];
      closeAll();
      return partitions;
    },
    async dispose(): Promise<void> {
      closeAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
