import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LoadedConfig } from '../../../src/config/load-config.ts';
import type { HistoryEntry } from '../../../src/history/history-entry.ts';
import { historyFilePath } from '../../../src/runner/history-session.ts';
import { runCheck } from '../../../src/runner/run-check.ts';
import { runReplay } from '../../../src/runner/run-replay.ts';
import gate from '../../fixtures/gate/lockstep.config.ts';

// The gate fixture's `scores` contract: amounts over 100 diverge on `doubled`, astral names on `name_length`.
const root = mkdtempSync(join(tmpdir(), 'lockstep-history-runs-'));
const record = (i: number, amount: number, name: string) =>
  JSON.stringify({ timestamp: '2026-01-01T00:00:00Z', input: { user_id: `u${i}`, amount, name } });
writeFileSync(join(root, 'day1.jsonl'), `${[10, 150, 20].map((a, i) => record(i, a, 'Ada')).join('\n')}\n`);
writeFileSync(
  join(root, 'day2.jsonl'),
  `${[10, 150, 20].map((a, i) => record(i, a, i === 2 ? 'Zoë 😀' : 'Ada')).join('\n')}\n`,
);

/** The fixture's scores contract replaying `log`, with the config's `history` field set. */
function config(log: string, history?: string | false): LoadedConfig {
  const scores = gate.contracts[0] as (typeof gate.contracts)[number];
  return {
    config: { contracts: [{ ...scores, logs: [log] }], ...(history === undefined ? {} : { history }) },
    path: join(root, 'lockstep.config.ts'),
    root,
  };
}
const read = (file: string): HistoryEntry[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as HistoryEntry)
    : [];

describe('history of runs through the API', () => {
  it('the file: the option (relative to cwd; false: none), else the config’s history (relative to the config), else none', () => {
    const loaded = config('day1.jsonl', 'hist/h.jsonl');
    expect(historyFilePath('x.jsonl', '/work', loaded)).toBe('/work/x.jsonl');
    expect(historyFilePath(false, '/work', loaded)).toBeUndefined();
    expect(historyFilePath(undefined, '/work', loaded)).toBe(join(root, 'hist/h.jsonl'));
    expect(historyFilePath(undefined, '/work', config('day1.jsonl'))).toBeUndefined();
    expect(historyFilePath(undefined, '/work', config('day1.jsonl', false))).toBeUndefined();
    const bad = { ...loaded, config: { ...loaded.config, history: 42 } } as unknown as LoadedConfig;
    expect(() => historyFilePath(undefined, '/work', bad)).toThrow(/"history" must be the history file's path/);
  });

  it('runReplay and runCheck append one line per contract, mark the class the last run lacked, and hand reporters the history', async () => {
    const file = join(root, 'api-history.jsonl');
    const first = await runReplay({ config: config('day1.jsonl', 'api-history.jsonl'), cwd: root, reporters: [] });
    expect(first.history?.scores).toHaveLength(1);
    expect(first.historyFile).toEqual({ file: 'api-history.jsonl', skipped: [] });
    expect(first.reports[0]?.classes.map((c) => c.isNew)).toEqual([undefined]);
    // lockstep check: its replay stage marks the new class before reporters see it, and check appends once
    const seen: unknown[] = [];
    const second = await runCheck({
      config: config('day2.jsonl', 'api-history.jsonl'),
      cwd: root,
      reporters: [{ onContractEnd: (report) => void seen.push(report.classes.map((c) => [c.feature, c.isNew])) }],
      skip: ['golden', 'fuzz'],
      update: 'none',
    });
    expect(seen).toEqual([
      [
        ['doubled', undefined],
        ['name_length', true],
      ],
    ]);
    expect(second.history?.scores?.map((e) => e.classes.length)).toEqual([1, 2]);
    expect(read(file)).toHaveLength(2);
    // A shard keeps no history, whatever the config says
    const shard = await runReplay({
      config: config('day2.jsonl', 'api-history.jsonl'),
      cwd: root,
      reporters: [],
      shard: { index: 0, count: 2 },
    });
    expect(shard.history).toBeUndefined();
    expect(shard.historyFile).toEqual({
      file: 'api-history.jsonl',
      skipped: [],
      notWritten: 'not written for a single shard (--shard 1/2); lockstep merge of the shards writes it',
    });
    expect(read(file)).toHaveLength(2);
  });
});
