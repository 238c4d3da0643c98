import type { Colors } from 'picocolors/types.js';
import type { RunSummary } from './reporter.ts';

/**
 * What a run did with its history file, one line each: lines of it skipped, an append that failed, and per contract
 * which run this is and how many classes are new since the last one (or that there is no last one to compare with);
 * for a single shard, that it wrote none.
 */
export function historyLines(summary: RunSummary, c: Colors): string[] {
  const note = summary.historyFile;
  if (note === undefined) return [];
  if (note.notWritten !== undefined) return [`  history  ${note.notWritten}`];
  const out = note.skipped.map((p) => c.yellow(`! history  ${p.file}:${p.line}: skipped: ${p.message}`));
  if (note.appendError !== undefined) {
    out.push(c.yellow(`! history  this run was not appended to ${note.file}: ${note.appendError}`));
  }
  for (const [name, entries] of Object.entries(summary.history ?? {})) {
    const previous = entries.at(-2);
    if (previous === undefined) {
      out.push(
        `  history  first run of ${name} in ${note.file}: no earlier run to compare with, so no class is marked new`,
      );
      continue;
    }
    const fresh = summary.reports
      .filter((r) => r.contract.name === name)
      .flatMap((r) => r.classes)
      .filter((k) => k.isNew === true).length;
    out.push(
      `  history  run ${entries.length} of ${name} in ${note.file}: ${fresh} class${fresh === 1 ? '' : 'es'} new since the last run (${previous.runAt})`,
    );
  }
  return out;
}
