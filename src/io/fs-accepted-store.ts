import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SkewError } from '../errors.ts';
import type { AcceptedStore } from '../gate/accepted-store.ts';
import { SNAPSHOT_DIR_FLAG, snapshotPathError } from './snapshot-path.ts';

/**
 * Keeps each contract's accepted file at `<root>/<contract>/accepted.json`, beside its fuzz corpus.
 * @param root - the snapshots folder
 * @param what - the flag or option that chose `root`, as errors name it (default `--snapshot-dir`)
 * @remarks Since 0.1
 * @public
 */
export function fsAcceptedStore(root: string, what: string = SNAPSHOT_DIR_FLAG): AcceptedStore {
  const location = (contract: string): string => join(root, contract, 'accepted.json');
  return {
    location,
    async read(contract) {
      try {
        return await readFile(location(contract), 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return undefined;
        // A file where the snapshots folder (or the contract's folder) should be: that is what to name, not this file.
        if (code === 'ENOTDIR')
          throw snapshotPathError(what, dirname(location(contract)), location(contract), 'read', error);
        throw new SkewError(
          'SKEW_CONFIG_INVALID',
          `accepted file ${location(contract)} cannot be read (${(error as Error).message}); it must be a JSON file`,
          { cause: error },
        );
      }
    },
    async write(contract, text) {
      try {
        await mkdir(dirname(location(contract)), { recursive: true });
        await writeFile(location(contract), text);
      } catch (error) {
        throw snapshotPathError(what, dirname(location(contract)), location(contract), 'write', error);
      }
    },
  };
}
