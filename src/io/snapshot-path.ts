import { SkewError } from '../errors.ts';
import { fileInTheWay } from './output-file.ts';

/** What names the snapshots folder in errors when the caller says nothing else: the CLI flag that chooses it. */
export const SNAPSHOT_DIR_FLAG = '--snapshot-dir';

/**
 * The usage error for a file or folder of the snapshots folder (a golden file, the fuzz corpus, an accepted file) that
 * cannot be read or written: a file where a folder should be (the snapshots folder itself, or a contract's folder in
 * it) is named as the file in the way; anything else is named with the system's reason. Either way the message starts
 * with `what`, the flag (or option) that chose the snapshots folder.
 * @param what - the flag or option that chose the snapshots folder, e.g. `--snapshot-dir`
 * @param folder - the folder that must be a directory for `path` to be read or written (`path` itself for a folder)
 * @param path - the file or folder that could not be read or written
 * @internal
 */
export function snapshotPathError(
  what: string,
  folder: string,
  path: string,
  action: 'read' | 'write' | 'remove',
  error: unknown,
): SkewError {
  const file = fileInTheWay(folder);
  const why = error instanceof Error ? error.message : String(error);
  return new SkewError(
    'SKEW_USAGE',
    file !== undefined
      ? `${what}: ${file} is a file, not a directory; pass a directory for the snapshots (golden files, fuzz corpus, accepted files)`
      : `${what}: cannot ${action} ${path} (${why})`,
    { cause: error },
  );
}
