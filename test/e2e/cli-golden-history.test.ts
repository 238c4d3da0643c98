import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CorpusEntry, corpusKey } from '../../src/snapshot/corpus-entry.ts';
import { fsCorpusStore } from '../../src/snapshot/fs-corpus-store.ts';
import { userHistory } from '../fixtures/golden-history/sides.ts';
import { runCli } from './run-cli.ts';

// lockstep golden through the real CLI over entity-wise in-process sides chosen by HISTORY_VARIANT.
const FIXTURE = new URL('../fixtures/golden-history/', import.meta.url).pathname;

function golden(config: string, snapshots: string, env: Record<string, string>, ...flags: string[]) {
  return runCli(['golden', '--config', join(FIXTURE, config), '--snapshot-dir', snapshots, ...flags], { env });
}

/** A counterexample as fuzz keeps it: an entity history on which serving miscounted a note. */
function counterexample(note: string): { key: string; entry: CorpusEntry } {
  const input = userHistory.slice(0, 2).map((e, i) => ({ ...e, user: `c-${note}`, note: i === 1 ? note : e.note }));
  const entry: CorpusEntry = {
    contract: 'golden_history',
    version: '1.0.0',
    feature: 'note_chars',
    kind: 'value',
    cause: 'value',
    shape: 'history',
    input,
    training: { note_chars: [...note].length },
    serving: { note_chars: [...note].length + 1 },
    seed: 1,
    path: '0',
    found: '2026-01-01T00:00:00.000Z',
  };
  return { key: corpusKey(entry), entry };
}

describe('lockstep golden: histories and the fuzz corpus', () => {
  it('a corpus counterexample the sides now agree on becomes a golden case; one they still disagree on is skipped', async () => {
    // Arrange: a config without golden cases, a corpus of two counterexamples; serving still miscounts "bug"
    const snapshots = mkdtempSync(join(tmpdir(), 'lockstep-golden-corpus-'));
    const file = join(snapshots, 'golden_history', 'golden.jsonl');
    const fixed = counterexample('fixed');
    const open = counterexample('bug');
    for (const c of [fixed, open]) await fsCorpusStore(snapshots).write(c);
    const env = { CI: '', HISTORY_VARIANT: 'note-bug' };

    // Act
    const recorded = await golden('corpus-only.config.ts', snapshots, env);

    // Assert
    expect(recorded.exitCode).toBe(0);
    expect(recorded.stdout).toContain('0 matched · 0 changed · 1 added · 0 updated · 0 obsolete · 1 skipped');
    expect(recorded.stdout).toContain(`○ skipped: corpus/${open.key}: sides still disagree (lockstep fuzz reports it)`);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      new RegExp(
        `^\\{"name":"corpus/${fixed.key.replaceAll('.', '\\.')}","source":"corpus","shape":"history","input":\\[`,
      ),
    );
    expect(JSON.parse(lines[1] as string).training).toHaveLength(2);

    // The corpus case is checked on CI from the file alone, even once fuzz has removed it from the corpus.
    rmSync(join(snapshots, 'golden_history', 'fuzz-corpus', `${fixed.key}.json`));
    const onCi = await golden('corpus-only.config.ts', snapshots, { CI: '1', HISTORY_VARIANT: 'note-bug' });
    expect(onCi.exitCode).toBe(0);
    expect(onCi.stdout).toContain('1 matched · 0 changed · 0 added · 0 updated · 0 obsolete · 1 skipped');
    expect(readFileSync(file, 'utf8')).toBe(`${lines.join('\n')}\n`);
  });

  it('a corpus whose every counterexample the sides still disagree on writes no golden file', async () => {
    const snapshots = mkdtempSync(join(tmpdir(), 'lockstep-golden-corpus-'));
    await fsCorpusStore(snapshots).write(counterexample('bug'));
    const result = await golden('corpus-only.config.ts', snapshots, { CI: '', HISTORY_VARIANT: 'note-bug' });
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(snapshots, 'golden_history', 'golden.jsonl'))).toBe(false);
  });

  it('reports a hand-edited stored feature of event 2 of a history case, naming the event (exit 1)', async () => {
    // Arrange: record the config's cases, then edit training's amount_so_far of event 2 of the history
    const snapshots = mkdtempSync(join(tmpdir(), 'lockstep-golden-history-'));
    const file = join(snapshots, 'golden_history', 'golden.jsonl');
    const recorded = await golden('lockstep.config.ts', snapshots, { CI: '' });
    expect(recorded.exitCode).toBe(0);
    expect(recorded.stdout).toContain('0 matched · 0 changed · 2 added');
    const again = await golden('lockstep.config.ts', snapshots, { CI: '1' });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('2 matched · 0 changed · 0 added');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('{"name":"u1-history"'));
    const raw = JSON.parse(lines[at] as string) as { training: { amount_so_far: number }[] };
    expect(raw.training[2]?.amount_so_far).toBe(22.5);
    (raw.training[2] as { amount_so_far: number }).amount_so_far = 23.5;
    lines[at] = JSON.stringify(raw);
    writeFileSync(file, lines.join('\n'));
    const out = mkdtempSync(join(tmpdir(), 'lockstep-golden-history-out-'));

    // Act
    const edited = await golden(
      'lockstep.config.ts',
      snapshots,
      { CI: '1' },
      '--reporter',
      'default',
      '--reporter',
      'junit',
      '--output-dir',
      out,
    );

    // Assert
    expect(edited.exitCode).toBe(1);
    expect(edited.stdout).toContain('✖ u1-history event 2 · amount_so_far: training changed');
    expect(edited.stdout).toContain('training: 23.5 → 22.5');
    expect(edited.stdout).toMatch(
      /FAIL +1 contract: golden_history: case "u1-history" event 2 · amount_so_far: training changed/,
    );
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain('golden case u1-history event 2');
  });
});
