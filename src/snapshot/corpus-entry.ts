import { createHash } from 'node:crypto';
import type { DivergenceKind } from '../compare/divergence.ts';
import { encodeCorpusValue } from './_corpus-json.ts';

/**
 * One counterexample kept in a contract's regression corpus: the minimal input that showed a divergence class and
 * how to replay it. Stored as readable JSON; replayed first on every later fuzz run, so a skew once found is checked
 * forever.
 * @remarks Since 0.1
 * @public
 */
export interface CorpusEntry {
  readonly contract: string;
  /** Contract version the case was found with. */
  readonly version: string;
  readonly feature: string;
  readonly kind: DivergenceKind;
  readonly cause: string;
  /** `record`: `input` is one input record; `history`: `input` is an entity history (array of input records). */
  readonly shape: 'record' | 'history';
  readonly input: unknown;
  readonly training: unknown;
  readonly serving: unknown;
  /** fast-check seed and path that generated the case (`lockstep fuzz --seed S --path P`). */
  readonly seed: number;
  readonly path: string;
  /** ISO 8601 date the case was first found (injected, never read from the clock in the core). */
  readonly found: string;
}

/** A corpus entry with the key it is stored under. @public */
export interface StoredCase {
  /** `<feature>.<kind>.<hash>`: the file name without `.json` in the fs store. */
  readonly key: string;
  readonly entry: CorpusEntry;
}

/**
 * How a fuzz run writes to the corpus, as vitest updates snapshots: `new` writes new counterexamples and keeps the
 * rest; `all` also removes cases that agree now (fixed) or no longer fit the contract; `none` writes nothing
 * (the default when the `CI` environment variable is set).
 * @public
 */
export type UpdateMode = 'all' | 'new' | 'none';

/**
 * Storage of a regression corpus (a port: the fs implementation is `fsCorpusStore`).
 * @remarks Since 0.1
 * @public
 */
export interface CorpusStore {
  /** Where the corpus of a contract lives, for messages (a folder, a URL). */
  describe(contract: string): string;
  /** Every stored case of a contract, in a stable order; an empty array when there is none. */
  read(contract: string): Promise<readonly StoredCase[]>;
  write(stored: StoredCase): Promise<void>;
  remove(contract: string, key: string): Promise<void>;
}

/**
 * The key of a corpus entry: `<feature>.<kind>.<hash>` with the feature made file-name safe and a hash of the
 * class and the input, so the same counterexample found twice is stored once.
 * @param entry - the entry to key
 * @remarks Since 0.1
 * @public
 */
export function corpusKey(entry: Pick<CorpusEntry, 'feature' | 'kind' | 'cause' | 'input'>): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([entry.feature, entry.kind, entry.cause, encodeCorpusValue(entry.input)]))
    .digest('hex')
    .slice(0, 10);
  return `${entry.feature.replace(/[^\w-]+/g, '_')}.${entry.kind}.${hash}`;
}
