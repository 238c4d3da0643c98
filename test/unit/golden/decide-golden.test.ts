import { describe, expect, it } from 'vitest';
import { type ComputedCase, decideGolden } from '../../../src/golden/decide-golden.ts';
import type { GoldenCase, GoldenFile } from '../../../src/golden/golden-file.ts';
import { historyDemo } from '../../fixtures/golden-history/sides.ts';

const f = (events_so_far: number, amount_so_far: number) => ({
  events_so_far,
  amount_so_far,
  account: 1,
  note_chars: 1,
});
const ok = (...features: ReturnType<typeof f>[]) => features.map((x) => ({ features: x }));
const event = (i: number) => ({ user: 'u', ts: `2024-01-0${i + 1}T00:00:00Z`, amount: 1, account: 1, note: 'x' });

const storedHistory: GoldenCase = {
  name: 'h',
  shape: 'history',
  input: [event(0), event(1), event(2)],
  training: [f(1, 1), f(2, 2), f(3, 3)],
  serving: [f(1, 1), f(2, 2), f(3, 3)],
};

/** A fuzz-corpus case, its serving side computing `servingSum` (training computes 1). */
const corpusCase = (name: string, servingSum: number): ComputedCase => ({
  name,
  source: 'corpus',
  input: event(0),
  training: ok(f(1, 1)),
  serving: ok(f(1, servingSum)),
});

/** The stored history computed again: training as stored, serving as given. */
const historyNow = (serving: ComputedCase['serving']): ComputedCase => ({
  name: 'h',
  shape: 'history',
  input: storedHistory.input,
  training: ok(f(1, 1), f(2, 2), f(3, 3)),
  ...(serving === undefined ? {} : { serving }),
});

function file(...cases: GoldenCase[]): GoldenFile {
  return { contract: 'golden_history', version: '1.0.0', cases };
}

function decide(stored: GoldenFile | undefined, cases: ComputedCase[], mode: 'new' | 'all' | 'none' = 'new') {
  return decideGolden({ contract: historyDemo, stored, cases, mode, prune: false });
}

describe('decideGolden', () => {
  it('compares a history event by event and names the event that moved, with its input record', () => {
    const result = decide(file(storedHistory), [historyNow(ok(f(1, 1), f(2, 2), f(3, 4)))]);
    expect(result.changes).toEqual([
      {
        case: 'h',
        event: 2,
        feature: 'amount_so_far',
        side: 'serving',
        sameWay: false,
        serving: { old: 3, new: 4 },
        input: event(2),
      },
    ]);
    expect(result.counts).toMatchObject({ matched: 0, unmatched: 1 });
    expect(result.next).toBeUndefined();
  });

  it('names the event a side failed on', () => {
    const computed = historyNow([...ok(f(1, 1)), { error: 'Boom: event two' }, { error: 'Boom: event two' }]);
    expect(decide(file(storedHistory), [computed]).errors).toEqual([
      { case: 'h', side: 'serving', message: 'Boom: event two', event: 1 },
    ]);
  });

  it('keeps a stored log or corpus case it was not given; a stored config case not given is obsolete', () => {
    const log: GoldenCase = { ...storedHistory, name: 'log/h', source: 'log' };
    const corpus: GoldenCase = { ...storedHistory, name: 'corpus/k', source: 'corpus' };
    const result = decide(file(storedHistory, log, corpus), [], 'new');
    expect(result.obsolete).toEqual([{ case: 'h', reason: 'no longer among the contract’s golden cases' }]);
    const pruned = decideGolden({
      contract: historyDemo,
      stored: file(storedHistory, log, corpus),
      cases: [],
      mode: 'new',
      prune: true,
    });
    expect(pruned.next?.cases.map((c) => c.name)).toEqual(['log/h', 'corpus/k']);
  });

  it('records a corpus counterexample once the sides agree on it, and skips it while they disagree', () => {
    const agreed = corpusCase('corpus/a', 1);
    const disagreeing = corpusCase('corpus/b', 2);
    const failing: ComputedCase = { ...agreed, name: 'corpus/c', serving: [{ error: 'TypeError: x' }] };
    const result = decide(file(), [agreed, disagreeing, failing]);
    expect(result.next?.cases).toEqual([
      { name: 'corpus/a', source: 'corpus', input: event(0), training: f(1, 1), serving: f(1, 1) },
    ]);
    expect(result.skipped).toEqual([
      { case: 'corpus/b', reason: 'sides still disagree (lockstep fuzz reports it)' },
      { case: 'corpus/c', reason: 'sides still disagree (lockstep fuzz reports it)' },
    ]);
    expect(result.errors).toEqual([]);
    expect(decide(file(), [agreed], 'none').missing).toEqual(['corpus/a']);
  });

  it('a stored corpus case is checked like any other: a side that moved since is a change, not a skip', () => {
    const stored: GoldenCase = {
      name: 'corpus/a',
      source: 'corpus',
      input: event(0),
      training: f(1, 1),
      serving: f(1, 1),
    };
    const result = decide(file(stored), [corpusCase('corpus/a', 2)]);
    expect(result.skipped).toEqual([]);
    expect(result.changes.map((c) => [c.case, c.feature, c.side])).toEqual([['corpus/a', 'amount_so_far', 'serving']]);
  });

  it('writes no new file that would hold no case', () => {
    expect(decide(undefined, [corpusCase('corpus/b', 2)]).next).toBeUndefined();
    expect(decide(undefined, [corpusCase('corpus/a', 1)]).next?.cases).toHaveLength(1);
  });
});
