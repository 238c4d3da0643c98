import { resolve } from 'node:path';
import { type AcceptedFile, parseAcceptedFile } from '../gate/accepted-file.ts';
import type { AcceptedStore } from '../gate/accepted-store.ts';
import { fsAcceptedStore } from '../io/fs-accepted-store.ts';

/** The store of accepted files: the one given, else `<cwd>/<snapshotDir ?? 'snapshots'>/<contract>/accepted.json`. */
export function acceptedStoreFor(
  settings: { readonly acceptedStore?: AcceptedStore; readonly snapshotDir?: string },
  cwd: string,
): AcceptedStore {
  return settings.acceptedStore ?? fsAcceptedStore(resolve(cwd, settings.snapshotDir ?? 'snapshots'));
}

/**
 * Reads and validates the accepted file of every contract that has one, before any side starts.
 * @throws SkewError `SKEW_CONFIG_INVALID` for a malformed file (exit 2)
 */
export async function readAcceptedFiles(
  store: AcceptedStore,
  contracts: readonly string[],
): Promise<Map<string, AcceptedFile>> {
  const accepted = new Map<string, AcceptedFile>();
  for (const name of contracts) {
    const text = await store.read(name);
    if (text !== undefined) accepted.set(name, parseAcceptedFile(text, store.location(name), name));
  }
  return accepted;
}
