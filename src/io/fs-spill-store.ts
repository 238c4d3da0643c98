import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LineChunk, SpillStore } from '../replay/ports.ts';
import { fileLineSource } from './line-source.ts';

/**
 * Spills partitions to files in a fresh temporary directory, removed on dispose.
 * @public
 */
export async function createFsSpillStore(parent: string = tmpdir()): Promise<SpillStore> {
  const dir = await mkdtemp(join(parent, 'lockstep-spill-'));
  const written = new Set<number>();
  const file = (partition: number): string => join(dir, `partition-${partition}.tsv`);
  return {
    async append(partition: number, text: string): Promise<void> {
      written.add(partition);
      await appendFile(file(partition), text);
    },
    async *read(partition: number): AsyncGenerator<LineChunk> {
      if (!written.has(partition)) return;
      yield* fileLineSource(file(partition)).chunks();
    },
    async dispose(): Promise<void> {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
