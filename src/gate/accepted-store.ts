/**
 * Where accepted files live: the gate reads and writes them only through this port (`fsAcceptedStore` keeps them at
 * `<snapshots>/<contract>/accepted.json`).
 * @public
 */
export interface AcceptedStore {
  /** Where a contract's file is, for messages. */
  location(contract: string): string;
  /** The file's text, or undefined when there is none. */
  read(contract: string): Promise<string | undefined>;
  write(contract: string, text: string): Promise<void>;
}
