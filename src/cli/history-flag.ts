import type { LoadedConfig } from '../config/load-config.ts';
import { SkewError } from '../errors.ts';
import type { RunSummary } from '../report/reporter.ts';
import { DEFAULT_HISTORY_FILE } from '../runner/history-session.ts';

/**
 * The run's `history` option from `--history <file>` / `--no-history`: the flag's file, or false; without either, the
 * config's `history` (the runner reads it: undefined here), else `lockstep-report/history.jsonl`.
 * @throws SkewError `SKEW_USAGE` when both flags are given
 */
export function historyOption(
  flags: Readonly<Record<string, unknown>>,
  config?: LoadedConfig,
): { readonly history?: string | false } {
  const file = flags.history as string | undefined;
  if (flags['no-history'] === true) {
    if (file !== undefined) throw new SkewError('SKEW_USAGE', '--history and --no-history: give one of them');
    return { history: false };
  }
  if (file !== undefined) return { history: file };
  return config?.config.history === undefined ? { history: DEFAULT_HISTORY_FILE } : {};
}

/**
 * Tells on stderr that a single shard wrote no history (`RunSummary.historyFile.notWritten`) when no terminal report
 * (`--reporter default`, which prints it) would: the run carries on, this is a note, not an error.
 */
export function noteHistoryNotWritten(summary: RunSummary, reporters: readonly string[]): void {
  const why = summary.historyFile?.notWritten;
  if (why !== undefined && !reporters.includes('default')) process.stderr.write(`history: ${why}\n`);
}
