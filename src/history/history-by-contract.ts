import type { HistoryEntry } from './history-entry.ts';

/**
 * The history file's last entry of a contract: the previous run a new run is compared with.
 * @param entries - the file's entries, in file order (oldest first)
 * @param contract - the contract's name
 * @remarks Since 0.1
 * @public
 */
export function lastEntryOf(entries: readonly HistoryEntry[], contract: string): HistoryEntry | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i] as HistoryEntry;
    if (entry.contract.name === contract) return entry;
  }
  return undefined;
}

/**
 * Entries grouped by contract name, each contract's oldest first (file order), in order of first appearance.
 * @param entries - entries in file order
 * @remarks Since 0.1
 * @public
 */
export function entriesByContract(entries: readonly HistoryEntry[]): Record<string, HistoryEntry[]> {
  const out: Record<string, HistoryEntry[]> = {};
  for (const entry of entries) {
    const name = entry.contract.name;
    if (!Object.hasOwn(out, name)) out[name] = [];
    out[name]?.push(entry);
  }
  return out;
}

/**
 * `RunSummary.history`: for each contract of this run, the file's earlier entries of it, oldest first, then this
 * run's entry last.
 * @param earlier - the history file's entries before this run
 * @param current - this run's entries, one per contract
 * @remarks Since 0.1
 * @public
 */
export function historyWithRun(
  earlier: readonly HistoryEntry[],
  current: readonly HistoryEntry[],
): Record<string, HistoryEntry[]> {
  const names = new Set(current.map((e) => e.contract.name));
  return entriesByContract([...earlier.filter((e) => names.has(e.contract.name)), ...current]);
}

/** What `lockstep history` shows: one contract, one feature, the last N runs. @public */
export interface HistorySelection {
  readonly contract?: string;
  readonly feature?: string;
  /** Runs kept per contract, the newest (default: all). */
  readonly last?: number;
}

/**
 * The entries a selection keeps, by contract, oldest first: only the named contract, each entry's features reduced
 * to the named one, the last `last` runs of each contract.
 * @param entries - the history file's entries in file order
 * @param selection - what to keep
 * @remarks Since 0.1
 * @public
 */
export function selectHistory(
  entries: readonly HistoryEntry[],
  selection: HistorySelection,
): Record<string, HistoryEntry[]> {
  const kept = entries
    .filter((e) => selection.contract === undefined || e.contract.name === selection.contract)
    .map((e) =>
      selection.feature === undefined
        ? e
        : { ...e, features: e.features.filter((f) => f.feature === selection.feature) },
    );
  const grouped = entriesByContract(kept);
  if (selection.last === undefined) return grouped;
  const last = selection.last;
  return Object.fromEntries(Object.entries(grouped).map(([name, list]) => [name, list.slice(-last)]));
}
