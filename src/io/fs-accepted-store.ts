import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SkewError } from '../errors.ts';
import type { AcceptedStore } from '../gate/accepted-store.ts';

/**
 * Keeps each contract's accepted file at `<root>/<contract>/accepted.json`, beside its fuzz corpus.
 * @param root - the snapshots folder
 * @remarks Since 0.1
 * @public
 */
export function fsAcceptedStore(root: string): AcceptedStore {
  const location = (contract: string): string => join(root, contract, 'accepted.json');
  return {
    location,
    async read(contract) {
      try {
        return await readFile(location(contract), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw new SkewError(
          'SKEW_CONFIG_INVALID',
          `accepted file ${location(contract)} cannot be read (${(error as Error).message}); it must be a JSON file`,
          { cause: error },
        );
      }
    },
    async write(contract, text) {
      await mkdir(dirname(location(contract)), { recursive: true });
      await writeFile(location(contract), text);
    },
  };
}
