import type { HistoryEntry, HistoryFeature } from '../history/history-entry.ts';
import type { HistoryView } from '../history/history-note.ts';
import { formatCount, formatNumber, formatPercent } from './format-value.ts';

const DISTANCES = [
  ['psi', 'PSI'],
  ['jsDistance', 'JS'],
  ['lInf', 'L∞'],
  ['ks', 'KS'],
] as const;

/** Rows padded to their columns' widths: the first `left` columns to the left, the rest to the right. */
function table(rows: readonly (readonly string[])[], left: number): string[] {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((row) =>
    `  ${row.map((cell, i) => (i < left ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')}`.trimEnd(),
  );
}

/** `2026-12-01 05:00:12Z` from an ISO time (as written when it is not one). */
function runTime(iso: string): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.\d+)?Z$/.exec(iso);
  return m === null ? iso : `${m[1]} ${m[2]}Z`;
}

/** The run's time, and its sample beside it when it replayed only a share of entities (`--sample`). */
const runLabel = (e: HistoryEntry): string =>
  e.sample === undefined ? runTime(e.runAt) : `${runTime(e.runAt)} sample ${e.sample}`;

const commit = (e: HistoryEntry): string => e.gitCommit?.slice(0, 8) ?? '—';

/** How many of an entry's classes the entry before it did not have ('—' for the first shown). */
function newClasses(entry: HistoryEntry, previous: HistoryEntry | undefined): string {
  if (previous === undefined) return '—';
  const seen = new Set(previous.classes.map((c) => c.signature));
  return String(entry.classes.filter((c) => !seen.has(c.signature)).length);
}

function runRows(entries: readonly HistoryEntry[]): string[] {
  const head = ['run', 'commit', 'status', 'compared', 'diverged', 'classes', 'new'];
  const rows = entries.map((e, i) => [
    runLabel(e),
    commit(e),
    e.status,
    formatCount(e.counts.compared),
    formatCount(e.counts.diverged),
    String(e.classes.length),
    newClasses(e, entries[i - 1]),
  ]);
  return table([head, ...rows], 3);
}

function featureRows(entries: readonly HistoryEntry[]): string[] {
  const names = [...new Set(entries.flatMap((e) => e.features.map((f) => f.feature)))];
  const all = entries.flatMap((e) => e.features);
  const distances = DISTANCES.filter(([key]) => all.some((f) => f[key] !== undefined));
  const head = ['feature', 'run', 'commit', 'rate', ...distances.map(([, label]) => label)];
  const rows = names.flatMap((name) =>
    entries.flatMap((e) => {
      const f: HistoryFeature | undefined = e.features.find((x) => x.feature === name);
      if (f === undefined) return [];
      return [
        [name, runLabel(e), commit(e), formatPercent(f.mismatchRate), ...distances.map(([k]) => formatNumber(f[k]))],
      ];
    }),
  );
  // The feature's name on its first run only, so that each feature reads as one block.
  const named = rows.map((row, i) => (i > 0 && rows[i - 1]?.[0] === row[0] ? ['', ...row.slice(1)] : row));
  return table([head, ...named], 3);
}

/**
 * `lockstep history` as text: per contract, its runs (time, with `sample <rate>` for a sampled run, git commit, status,
 * counts, classes and how many were new since the run before), then each feature's mismatch rate and distances run by
 * run, newest last.
 * @param view - what `runHistory` selected
 * @remarks Since 0.1
 * @public
 */
export function formatHistory(view: HistoryView): string {
  const out: string[] = [];
  for (const [name, entries] of Object.entries(view.contracts)) {
    const last = entries.at(-1);
    const version = last === undefined ? '' : `@${last.contract.version}`;
    out.push(
      `${name}${version}: ${entries.length} run${entries.length === 1 ? '' : 's'} from ${view.file}, newest last`,
      ...runRows(entries),
      '',
      ...featureRows(entries),
      '',
    );
  }
  if (out.length === 0) out.push(`${view.file}: no run recorded yet`, '');
  return `${out.join('\n')}`;
}

/** A skipped line of the history file, for stderr: `file:line: skipped: why`. @public */
export function formatSkippedLine(problem: HistoryView['skipped'][number]): string {
  return `${problem.file}:${problem.line}: skipped: ${problem.message}`;
}
