import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../src/history/history-entry.ts';
import { appendHistoryEntries, readHistoryFile } from '../../../src/io/history-file.ts';

const entry = (name: string, runAt: string, classes = 0): HistoryEntry => ({
  historyVersion: 1,
  runAt,
  contract: { name, version: '1' },
  status: classes > 0 ? 'diverged' : 'pass',
  counts: { read: 10, compared: 10, diverged: classes },
  features: [{ feature: 'score', compared: 10, diverged: classes, mismatchRate: classes / 10 }],
  // A long line, so that interleaved writes would show
  classes: Array.from({ length: classes }, (_, i) => ({
    signature: i.toString(16).padStart(16, '0'),
    feature: 'score',
    kind: 'value',
    cause: `serving higher ${'x'.repeat(2000)}`,
    count: 1,
  })),
});

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'lockstep-history-')), 'nested', 'history.jsonl');

describe('history file', () => {
  it('a missing file is an empty history; appending creates it and its folder', async () => {
    const file = tempFile();
    expect(await readHistoryFile(file)).toEqual({ entries: [], skipped: [] });
    await appendHistoryEntries(file, [entry('a', 't1'), entry('b', 't1')]);
    await appendHistoryEntries(file, [entry('a', 't2')]);
    const read = await readHistoryFile(file);
    expect(read.entries.map((e) => `${e.contract.name}@${e.runAt}`)).toEqual(['a@t1', 'b@t1', 'a@t2']);
    expect(read.skipped).toEqual([]);
  });

  it('a line that is not an entry is skipped and named by file and line, never fatal; blank lines are ignored', async () => {
    const file = tempFile();
    await appendHistoryEntries(file, [entry('a', 't1')]);
    appendFileSync(file, '\n{"historyVersion":1,"runAt":\nnot json at all\n');
    await appendHistoryEntries(file, [entry('a', 't2')]);
    const read = await readHistoryFile(file, 'lockstep-report/history.jsonl');
    expect(read.entries.map((e) => e.runAt)).toEqual(['t1', 't2']);
    expect(read.skipped.map((p) => [p.file, p.line])).toEqual([
      ['lockstep-report/history.jsonl', 3],
      ['lockstep-report/history.jsonl', 4],
    ]);
    expect(read.skipped[0]?.message).toMatch(/^not JSON/);
  });

  it('a last line without its newline (a torn write) stays a line of its own: the next entries follow on new lines', async () => {
    const file = tempFile();
    await appendHistoryEntries(file, [entry('a', 't1')]);
    appendFileSync(file, '{"historyVersion":1,"ru');
    await appendHistoryEntries(file, [entry('a', 't2')]);
    const read = await readHistoryFile(file);
    expect(read.entries.map((e) => e.runAt)).toEqual(['t1', 't2']);
    expect(read.skipped.map((p) => p.line)).toEqual([2]);
  });

  it('appends running at the same time never interleave within a line', async () => {
    const file = tempFile();
    await appendHistoryEntries(file, [entry('seed', 't0')]);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        appendHistoryEntries(file, [entry(`c${i}`, `t${i}`, 5), entry(`d${i}`, `t${i}`)]),
      ),
    );
    const read = await readHistoryFile(file);
    expect(read.skipped).toEqual([]);
    expect(read.entries).toHaveLength(81);
    // Each run's lines stay together: one write per run
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    for (let i = 1; i < lines.length; i += 2) {
      const [c, d] = [JSON.parse(lines[i] as string), JSON.parse(lines[i + 1] as string)] as HistoryEntry[];
      expect(d?.contract.name).toBe(`d${c?.contract.name.slice(1)}`);
    }
  });

  it('a file that cannot be read (a folder) is an error, not an empty history', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-history-'));
    await expect(readHistoryFile(dir)).rejects.toThrow(/EISDIR/);
  });
});
