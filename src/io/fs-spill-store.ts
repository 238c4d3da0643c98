import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpillStore } from '../replay/ports.ts';

/**
 * Spills partitions to files in a fresh temporary directory, removed on dispose.
 * @public
 */
export async function createFsSpillStore(parent: string = tmpdir()): Promise<SpillStore> {
  const dir = await mkdtemp(join(parent, 'lockstep-spill-'));
  const written = new Set<number>();
  const file = (partition: number): string => join(dir, `partition-${partition}.bin`);
  return {
    async append(partition: number, data: Uint8Array): Promise<void> {
      written.add(partition);
      await appendFile(file(partition), data);
    },
    async read(partition: number): Promise<Uint8Array | undefined> {
      return written.has(partition) ? readFile(file(partition)) : undefined;
    },
    async dispose(): Promise<void> {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
