import type { GoldenStore } from '../golden/golden-store.ts';

/**
 * Golden files in memory, by contract name: for tests and for callers that keep files elsewhere.
 * @param files - initial files, by contract name (the map is used, not copied)
 * @remarks Since 0.1
 * @public
 */
export function memoryGoldenStore(files: Map<string, string> = new Map()): GoldenStore & {
  readonly files: Map<string, string>;
} {
  return {
    files,
    describe: (contract) => `memory:${contract}/golden.jsonl`,
    read: async (contract) => files.get(contract),
    write: async (contract, text) => {
      files.set(contract, text);
    },
  };
}
