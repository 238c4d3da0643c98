import { isAbsolute, relative, resolve } from 'node:path';
import type { LoadedConfig } from '../config/load-config.ts';
import { SkewError } from '../errors.ts';
import { historyEntry } from '../history/entry-from-report.ts';
import { historyWithRun, lastEntryOf } from '../history/history-by-contract.ts';
import type { HistoryFileNote } from '../history/history-note.ts';
import { markNewClasses } from '../history/mark-new-classes.ts';
import { appendHistoryEntries, type HistoryRead, readHistoryFile } from '../io/history-file.ts';
import type { ReplayReport } from '../replay/replay-report.ts';
import type { RunSummary } from '../report/reporter.ts';
import type { RunInfo } from '../report/run-info.ts';

/** The history file the CLI appends to when neither `--history` nor the config names one. @public */
export const DEFAULT_HISTORY_FILE = 'lockstep-report/history.jsonl';

/** What a run says about its history file: `false` for none, or the file (relative to the run's `cwd`). @public */
export interface HistorySettings {
  /**
   * The history file each whole run (never a single shard) appends its summary to, relative to `cwd`; `false`: none.
   * Default: the config's `history` (relative to the config), else none. The CLI's default is
   * `lockstep-report/history.jsonl`.
   */
  readonly history?: string | false;
}

/**
 * The history file of a run, absolute, or undefined when it keeps none: the option (relative to `cwd`), else the
 * config's `history` (relative to the config file).
 * @throws SkewError `SKEW_CONFIG_INVALID` when the config's `history` is neither a path nor false
 * @internal
 */
export function historyFilePath(
  option: string | false | undefined,
  cwd: string,
  config?: LoadedConfig,
): string | undefined {
  if (option !== undefined) return option === false ? undefined : resolve(cwd, option);
  const configured: unknown = config?.config.history;
  if (configured === undefined || configured === false) return undefined;
  if (typeof configured !== 'string' || configured === '') {
    throw new SkewError(
      'SKEW_CONFIG_INVALID',
      `loadConfig: ${config?.path}: "history" must be the history file's path (relative to the config) or false`,
    );
  }
  return resolve(config?.root ?? cwd, configured);
}

/** A run's use of its history file: classes marked new against it, then its entries appended. @internal */
export interface HistorySession {
  /** The report with `isNew` on its classes that the contract's previous run did not have. */
  mark(report: ReplayReport): ReplayReport;
  /** Appends this run's entries and returns the summary's `history` (earlier runs, then this one) and `historyFile`. */
  finish(reports: readonly ReplayReport[], run: RunInfo): Promise<Pick<RunSummary, 'history' | 'historyFile'>>;
}

/** A run that keeps no history (a single shard, `--no-history`). @internal */
export const NO_HISTORY: HistorySession = { mark: (report) => report, finish: async () => ({}) };

/**
 * The history of a single shard (`--shard i/n`): it writes none (`lockstep merge` of the shards writes the run once),
 * and, when the run would otherwise have written to a file, its summary says so (`RunSummary.historyFile.notWritten`).
 * @param path - the file the run would have written (absolute), or undefined for none
 * @param shard - the run's shard, 0-based `index` (as `RunReplayOptions.shard`)
 * @internal
 */
export function shardHistory(
  path: string | undefined,
  cwd: string,
  shard: { readonly index: number; readonly count: number },
): HistorySession {
  if (path === undefined) return NO_HISTORY;
  const note: HistoryFileNote = {
    file: shownPath(cwd, path),
    skipped: [],
    notWritten: `not written for a single shard (--shard ${shard.index + 1}/${shard.count}); lockstep merge of the shards writes it`,
  };
  return { mark: (report) => report, finish: async () => ({ historyFile: note }) };
}

/** A path as reports show it: relative to `cwd` when inside it, else absolute. @internal */
export function shownPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * Reads the history file at the start of a run (so that classes can be marked new before reporters see them).
 * @param path - the file (absolute), or undefined for none
 * @param cwd - the run's working directory (the file is shown relative to it)
 * @throws SkewError `SKEW_USAGE` when the file exists but cannot be read (a folder, no permission)
 * @internal
 */
export async function openHistory(path: string | undefined, cwd: string): Promise<HistorySession> {
  if (path === undefined) return NO_HISTORY;
  const file = shownPath(cwd, path);
  let read: HistoryRead;
  try {
    read = await readHistoryFile(path, file);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new SkewError(
      'SKEW_USAGE',
      `history: cannot read the history file ${file} (${why}); pass --history <file> for another, or --no-history`,
    );
  }
  return {
    mark: (report) => markNewClasses(report, lastEntryOf(read.entries, report.contract.name)),
    async finish(reports, run) {
      const entries = reports.map((r) => historyEntry(r, run));
      if (entries.length === 0) return {};
      let appendError: string | undefined;
      try {
        await appendHistoryEntries(path, entries);
      } catch (error) {
        appendError = error instanceof Error ? error.message : String(error);
      }
      const note: HistoryFileNote = {
        file,
        skipped: read.skipped,
        ...(appendError === undefined ? {} : { appendError }),
      };
      return { history: historyWithRun(read.entries, entries), historyFile: note };
    },
  };
}
