import type { Contract } from '../contract/contract.ts';
import { type CorpusStore, corpusKey, type StoredCase, type UpdateMode } from '../snapshot/corpus-entry.ts';
import type { CorpusReplay } from './_corpus-replay.ts';
import type { Finding } from './fuzz-result.ts';

/** What updating the corpus needs. @internal */
export interface CorpusUpdate {
  readonly store: CorpusStore;
  readonly contract: Contract;
  readonly mode: UpdateMode;
  readonly prune: boolean;
  readonly shape: 'record' | 'history';
  readonly found: string;
  readonly existing: readonly StoredCase[];
}

/**
 * Writes new search findings to the corpus (`new`, `all`) and removes fixed and stale cases (`all`, or `new` with
 * prune); `none` writes nothing. Returns the findings with the key each is stored under.
 * @internal
 */
export async function updateCorpus(
  u: CorpusUpdate,
  findings: readonly Finding[],
  replay: CorpusReplay,
): Promise<{ findings: Finding[]; written: string[]; removed: string[] }> {
  const written: string[] = [];
  const removed: string[] = [];
  const keys = new Set(u.existing.map((c) => c.key));
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.source !== 'search') {
      out.push(f);
      continue;
    }
    const key = corpusKey({ feature: f.feature, kind: f.kind, cause: f.cause, input: f.minimalInput });
    if (!keys.has(key) && u.mode !== 'none') {
      await u.store.write({
        key,
        entry: {
          contract: u.contract.name,
          version: u.contract.version,
          feature: f.feature,
          kind: f.kind,
          cause: f.cause,
          shape: u.shape,
          input: f.minimalInput,
          training: f.training,
          serving: f.serving,
          seed: f.seed,
          path: f.path,
          found: u.found,
        },
      });
      keys.add(key);
      written.push(key);
    }
    out.push(keys.has(key) ? { ...f, corpusKey: key } : f);
  }
  if (u.mode === 'all' || (u.mode === 'new' && u.prune)) {
    for (const stored of [...replay.fixed, ...replay.stale]) {
      await u.store.remove(u.contract.name, stored.key);
      removed.push(stored.key);
    }
  }
  return { findings: out, written, removed };
}
