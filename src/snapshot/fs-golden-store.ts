import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { GoldenStore } from '../golden/golden-store.ts';
import { SNAPSHOT_DIR_FLAG, snapshotPathError } from '../io/snapshot-path.ts';

/**
 * Golden files on disk: `<root>/<contract>/golden.jsonl`.
 * @param root - the snapshots folder, e.g. `snapshots`
 * @param what - the flag or option that chose `root`, as errors name it (default `--snapshot-dir`)
 * @throws SkewError `SKEW_USAGE` (on read or write) when `root`, or a folder in it, is a file, or a golden file
 * cannot be read (a folder, no permission) or written
 * @remarks Since 0.1
 * @public
 */
export function fsGoldenStore(root: string, what: string = SNAPSHOT_DIR_FLAG): GoldenStore {
  const file = (contract: string) => join(root, contract.replace(/[^\w.-]+/g, '_'), 'golden.jsonl');
  return {
    describe: (contract) => relative(process.cwd(), file(contract)) || file(contract),
    async read(contract: string): Promise<string | undefined> {
      try {
        return await readFile(file(contract), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw snapshotPathError(what, dirname(file(contract)), file(contract), 'read', error);
      }
    },
    async write(contract: string, text: string): Promise<void> {
      try {
        await mkdir(dirname(file(contract)), { recursive: true });
        await writeFile(file(contract), text);
      } catch (error) {
        throw snapshotPathError(what, dirname(file(contract)), file(contract), 'write', error);
      }
    },
  };
}
