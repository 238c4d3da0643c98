import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LoadedConfig } from '../config/load-config.ts';
import { SkewError } from '../errors.ts';
import { type HistorySelection, selectHistory } from '../history/history-by-contract.ts';
import type { HistoryView } from '../history/history-note.ts';
import { type HistoryRead, readHistoryFile } from '../io/history-file.ts';
import { DEFAULT_HISTORY_FILE, historyFilePath, shownPath } from './history-session.ts';

/** What `runHistory` takes: where the history file is, and what of it to show. @public */
export interface RunHistoryOptions extends HistorySelection {
  readonly cwd: string;
  /** The history file, relative to `cwd`; default: the config's `history`, else `lockstep-report/history.jsonl`. */
  readonly history?: string;
  readonly config?: LoadedConfig;
}

const names = (list: Iterable<string>): string => [...new Set(list)].map((n) => `"${n}"`).join(', ');

/** The history file read; one that exists but cannot be read (a folder, no permission) is a usage error, as in replay. */
async function readHistory(path: string, file: string): Promise<HistoryRead> {
  try {
    return await readHistoryFile(path, file);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new SkewError(
      'SKEW_USAGE',
      `history: cannot read the history file ${file} (${why}); pass --history <file> for another`,
      { cause: error },
    );
  }
}

/**
 * `lockstep history`: reads the history file (lines that are not entries are skipped and returned) and selects each
 * contract's last runs, oldest first. The same function the CLI calls.
 * @throws SkewError `SKEW_USAGE` when there is no history file, it cannot be read, or it has no run of the contract or feature asked for
 * @remarks Since 0.1
 * @public
 */
export async function runHistory(options: RunHistoryOptions): Promise<HistoryView> {
  const path =
    historyFilePath(options.history, options.cwd, options.config) ?? resolve(options.cwd, DEFAULT_HISTORY_FILE);
  const file = shownPath(options.cwd, path);
  if (!existsSync(path)) {
    throw new SkewError(
      'SKEW_USAGE',
      `history: no history file at ${file}; each whole run (lockstep replay, check, or merge of shards) appends to it, or pass --history <file>`,
    );
  }
  const read = await readHistory(path, file);
  const { entries } = read;
  if (options.contract !== undefined && !entries.some((e) => e.contract.name === options.contract)) {
    throw new SkewError(
      'SKEW_USAGE',
      `history: ${file} has no run of contract "${options.contract}" (it has ${names(entries.map((e) => e.contract.name)) || 'none'})`,
    );
  }
  const feature = options.feature;
  if (feature !== undefined) {
    const scope = entries.filter((e) => options.contract === undefined || e.contract.name === options.contract);
    if (!scope.some((e) => e.features.some((f) => f.feature === feature))) {
      throw new SkewError(
        'SKEW_USAGE',
        `history: ${file} has no feature "${feature}"${options.contract === undefined ? '' : ` in contract "${options.contract}"`} (it has ${names(scope.flatMap((e) => e.features.map((f) => f.feature))) || 'none'})`,
      );
    }
  }
  const contracts = selectHistory(entries, options);
  // With --feature, contracts that never had the feature are left out rather than shown empty.
  const shown =
    feature === undefined
      ? contracts
      : Object.fromEntries(Object.entries(contracts).filter(([, list]) => list.some((e) => e.features.length > 0)));
  return { file, skipped: read.skipped, contracts: shown };
}
