/**
 * Where golden files live, as `@vitest/snapshot`'s `SnapshotEnvironment` is for snapshots: the text of one file per
 * contract. The core reads and writes through it and never touches the file system.
 * @public
 */
export interface GoldenStore {
  /** The file's text, or undefined when the contract has no golden file yet. */
  read(contract: string): Promise<string | undefined>;
  write(contract: string, text: string): Promise<void>;
  /** Where the contract's file is, for messages, e.g. `snapshots/card_fraud/golden.jsonl`. */
  describe(contract: string): string;
}
