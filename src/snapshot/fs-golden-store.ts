import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { GoldenStore } from '../golden/golden-store.ts';

/**
 * Golden files on disk: `<root>/<contract>/golden.jsonl`.
 * @param root - the snapshots folder, e.g. `snapshots`
 * @remarks Since 0.1
 * @public
 */
export function fsGoldenStore(root: string): GoldenStore {
  const file = (contract: string) => join(root, contract.replace(/[^\w.-]+/g, '_'), 'golden.jsonl');
  return {
    describe: (contract) => relative(process.cwd(), file(contract)) || file(contract),
    async read(contract: string): Promise<string | undefined> {
      try {
        return await readFile(file(contract), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async write(contract: string, text: string): Promise<void> {
      await mkdir(dirname(file(contract)), { recursive: true });
      await writeFile(file(contract), text);
    },
  };
}
