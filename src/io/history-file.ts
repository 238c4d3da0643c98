import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { HistoryEntry } from '../history/history-entry.ts';
import type { HistoryLineProblem } from '../history/history-note.ts';
import { parseHistoryLine } from '../history/parse-history-line.ts';

/** A history file read: its entries in file order, and the lines that are not entries (skipped). @public */
export interface HistoryRead {
  readonly entries: readonly HistoryEntry[];
  readonly skipped: readonly HistoryLineProblem[];
}

/**
 * Reads a history file (JSONL, one `HistoryEntry` a line). A missing file is an empty history; a line that is not an
 * entry is skipped and returned with its line number, never fatal; blank lines are ignored.
 * @param path - the file
 * @param shownAs - the file as problems name it (default `path`)
 * @remarks Since 0.1
 * @public
 */
export async function readHistoryFile(path: string, shownAs: string = path): Promise<HistoryRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], skipped: [] };
    throw error;
  }
  const entries: HistoryEntry[] = [];
  const skipped: HistoryLineProblem[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    const result = parseHistoryLine(line);
    if ('entry' in result) entries.push(result.entry);
    else skipped.push({ file: shownAs, line: i + 1, message: result.problem });
  }
  return { entries, skipped };
}

/**
 * Appends entries to a history file (creating it and its folder), as whole lines in one `write()` on a file opened for
 * appending, so that runs appending at the same time never interleave within a line. A file whose last line has no
 * newline (a torn write, an edit) gets one first, so that the new lines stay lines of their own.
 * @param path - the file
 * @param entries - this run's entries, one per contract
 * @remarks Since 0.1
 * @public
 */
export async function appendHistoryEntries(path: string, entries: readonly HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await mkdir(dirname(path), { recursive: true });
  const file = await open(path, 'a+');
  try {
    const { size } = await file.stat();
    let lead = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      await file.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) lead = '\n';
    }
    const bytes = Buffer.from(`${lead}${entries.map((e) => JSON.stringify(e)).join('\n')}\n`, 'utf8');
    const { bytesWritten } = await file.write(bytes);
    if (bytesWritten !== bytes.length) {
      throw new Error(`wrote ${bytesWritten} of ${bytes.length} bytes (disk full?)`);
    }
  } finally {
    await file.close();
  }
}
