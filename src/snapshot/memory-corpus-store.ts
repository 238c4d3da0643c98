import type { CorpusStore, StoredCase } from './corpus-entry.ts';

/**
 * A regression corpus held in memory (tests, the vitest API); `cases` is the live content.
 * @param initial - cases to start with
 * @remarks Since 0.1
 * @public
 */
export function memoryCorpusStore(initial: readonly StoredCase[] = []): CorpusStore & { readonly cases: StoredCase[] } {
  const cases = [...initial];
  return {
    cases,
    describe: (contract) => `memory:${contract}`,
    async read(contract) {
      return cases.filter((c) => c.entry.contract === contract).sort((a, b) => (a.key < b.key ? -1 : 1));
    },
    async write(stored) {
      const at = cases.findIndex((c) => c.key === stored.key && c.entry.contract === stored.entry.contract);
      if (at === -1) cases.push(stored);
      else cases[at] = stored;
    },
    async remove(contract, key) {
      const at = cases.findIndex((c) => c.key === key && c.entry.contract === contract);
      if (at !== -1) cases.splice(at, 1);
    },
  };
}
