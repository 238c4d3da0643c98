import { describe, expect, it } from 'vitest';
import { goldenVerdict } from '../../../src/gate/golden-verdict.ts';
import { type CheckGoldenOptions, checkGolden } from '../../../src/golden/check-golden.ts';
import { formatGoldenReport } from '../../../src/golden/format-golden-report.ts';
import { type GoldenHistoryCase, parseGoldenFile } from '../../../src/golden/golden-file.ts';
import type { GoldenCaseSpec } from '../../../src/golden/golden-result.ts';
import { memoryGoldenStore } from '../../../src/snapshot/memory-golden-store.ts';
import {
  type HistoryVariant,
  historyCases,
  historyDemo,
  historySides,
  userHistory,
} from '../../fixtures/golden-history/sides.ts';

type Store = ReturnType<typeof memoryGoldenStore>;

const text = (store: Store) => store.files.get('golden_history') as string;

function check(
  store: Store,
  cases: readonly GoldenCaseSpec[],
  update: CheckGoldenOptions['update'],
  variant: HistoryVariant = 'agree',
) {
  return checkGolden({ contract: historyDemo, cases, sides: historySides(variant), store, update });
}

// A case picked from a log keeps the log's text: 20.0, an integer beyond 2^63 - 1 and Python's NaN token.
const LOGGED_EVENTS = [
  '{"user":"u9","ts":"2024-03-01T00:00:00Z","amount":20.0,"account":9223372036854775807,"note":"𝄞"}',
  '{"user":"u9","ts":"2024-03-02T00:00:00Z","amount":NaN,"account":9223372036854775807,"note":"b"}',
  '{"user":"u9","ts":"2024-03-03T00:00:00Z","amount":-0.0,"account":1,"note":"c"}',
];
const loggedHistory = [
  { user: 'u9', ts: '2024-03-01T00:00:00Z', amount: 20, account: 9223372036854775807n, note: '𝄞' },
  { user: 'u9', ts: '2024-03-02T00:00:00Z', amount: Number.NaN, account: 9223372036854775807n, note: 'b' },
  { user: 'u9', ts: '2024-03-03T00:00:00Z', amount: -0, account: 1, note: 'c' },
];
const logCases: GoldenCaseSpec[] = [
  {
    name: 'log/u9',
    shape: 'history',
    source: 'log',
    input: loggedHistory,
    inputText: `[${LOGGED_EVENTS.join(',')}]`,
  },
  { name: 'log/record', source: 'log', input: loggedHistory[0], inputText: ` ${LOGGED_EVENTS[0]}` },
];

describe('checkGolden: entity histories', () => {
  it('records a history per event, in event order, and checks it with zero changes', async () => {
    // Arrange
    const store = memoryGoldenStore();
    // Act
    const first = await check(store, historyCases, 'new');
    const second = await check(store, historyCases, 'none');
    // Assert
    expect(first).toMatchObject({ written: true, counts: { added: 2 } });
    expect(second).toMatchObject({ written: false, changes: [], missing: [], obsolete: [], errors: [] });
    expect(second.counts).toMatchObject({ matched: 2, unmatched: 0 });
    const stored = parseGoldenFile(text(store), 'golden.jsonl').cases.find((c) => c.name === 'u1-history');
    const history = stored as GoldenHistoryCase;
    expect(history.shape).toBe('history');
    expect(history.input).toEqual(userHistory);
    expect(history.training.map((f) => f.events_so_far)).toEqual([1, 2, 3, 4]);
    expect(history.serving.map((f) => f.amount_so_far)).toEqual([20, 20, 22.5, Number.NaN]);
    expect(history.training[0]?.account).toBe(9223372036854775807n);
    expect(text(store)).toContain(
      '{"name":"u1-history","shape":"history","input":[{"user":"u1","ts":"2024-01-01T00:00:00Z","amount":20,"account":{"$bigint":"9223372036854775807"}',
    );
  });

  it('computes a history in time order, whatever order its events are given in, and keeps that order', async () => {
    const store = memoryGoldenStore();
    const shuffled = [userHistory[2], userHistory[0], userHistory[3], userHistory[1]];
    await check(store, [{ name: 'shuffled', shape: 'history', input: shuffled }], 'new');
    const stored = parseGoldenFile(text(store), 'g').cases[0] as GoldenHistoryCase;
    expect(stored.training.map((f) => f.events_so_far)).toEqual([3, 1, 4, 2]);
  });

  it('names the event of a history whose stored feature moved (case "u1-history" event 2)', async () => {
    // Arrange: record, then hand-edit the training value of event 2
    const store = memoryGoldenStore();
    await check(store, historyCases, 'new');
    const line = text(store)
      .split('\n')
      .find((l) => l.includes('"u1-history"')) as string;
    const raw = JSON.parse(line) as { training: { amount_so_far: number }[] };
    expect(raw.training[2]?.amount_so_far).toBe(22.5);
    (raw.training[2] as { amount_so_far: number }).amount_so_far = 22.75;
    const edited = JSON.stringify(raw);
    store.files.set('golden_history', text(store).replace(line, edited));
    // Act
    const result = await check(store, historyCases, 'none');
    // Assert
    expect(result.changes).toEqual([
      {
        case: 'u1-history',
        event: 2,
        feature: 'amount_so_far',
        side: 'training',
        sameWay: false,
        training: { old: 22.75, new: 22.5 },
        input: userHistory[2],
      },
    ]);
    expect(formatGoldenReport(result)).toContain('✖ u1-history event 2 · amount_so_far: training changed');
    expect(goldenVerdict([result]).headline).toContain('case "u1-history" event 2 · amount_so_far: training changed');
  });

  it('both sides changing the same way on every event from the first is the loud class, per event', async () => {
    const store = memoryGoldenStore();
    await check(store, historyCases, 'new');
    const result = await check(store, historyCases, 'none', 'sum-both');
    const events = result.changes.filter((c) => c.case === 'u1-history').map((c) => [c.event, c.sameWay]);
    expect(events).toEqual([
      [0, true],
      [1, true],
      [2, true],
    ]);
  });

  it('an event that no longer fits the contract makes the history obsolete, naming the event', async () => {
    const store = memoryGoldenStore();
    await check(store, historyCases, 'new');
    const broken = [userHistory[0], { ...userHistory[1], user: '' }];
    const result = await check(store, [{ name: 'u1-history', shape: 'history', input: broken }], 'new');
    expect(result.obsolete).toContainEqual({
      case: 'u1-history',
      reason: expect.stringMatching(/^input no longer valid for the contract: event 1: user: /),
    });
  });
});

describe('checkGolden: cases from a log', () => {
  it('embeds the log text verbatim (20.0, 2^63 - 1; NaN as a tag) and a second run is byte-identical', async () => {
    // Arrange
    const store = memoryGoldenStore();
    // Act
    await check(store, [...historyCases, ...logCases], 'new');
    const recorded = text(store);
    // Later runs check the log cases from the file alone: the config does not list them.
    const checked = await check(store, historyCases, 'new');
    const ci = await check(store, historyCases, 'none');
    // Assert
    const tagged = LOGGED_EVENTS[1]?.replace('NaN', '{"$number":"NaN"}');
    expect(recorded).toContain(
      `{"name":"log/u9","source":"log","shape":"history","input":[${LOGGED_EVENTS[0]},${tagged},${LOGGED_EVENTS[2]}],"training":[`,
    );
    expect(recorded).toContain(`{"name":"log/record","source":"log","input":${LOGGED_EVENTS[0]},"training":{`);
    expect(recorded).toContain('{"name":"one-record","input":{"user":"u2"');
    expect(checked).toMatchObject({ written: false, changes: [], obsolete: [], errors: [] });
    expect(checked.counts.matched).toBe(4);
    expect(ci.counts.matched).toBe(4);
    expect(text(store)).toBe(recorded);
    const logged = parseGoldenFile(recorded, 'g').cases.find((c) => c.name === 'log/u9') as GoldenHistoryCase;
    expect(logged.input).toEqual(loggedHistory);
    expect(Object.is((logged.input as { amount: number }[])[2]?.amount, -0)).toBe(true);
    expect(logged.training.map((f) => f.amount_so_far)).toEqual([20, Number.NaN, Number.NaN]);
  });

  it('keeps the verbatim text when a rewrite (-u, under a new version) changes the stored values', async () => {
    const store = memoryGoldenStore();
    await check(store, logCases, 'new');
    const bumped = { ...historyDemo, version: '2.0.0' } as typeof historyDemo;
    const result = await checkGolden({
      contract: bumped,
      cases: [],
      sides: historySides('sum-both'),
      store,
      update: 'all',
    });
    expect(result.counts.updated).toBe(2);
    expect(text(store)).toContain(`"input":[${LOGGED_EVENTS[0]},`);
  });

  it('a log case whose input no longer fits (a new contract version) is obsolete, and removed only with prune', async () => {
    const store = memoryGoldenStore();
    await check(store, logCases, 'new');
    store.files.set('golden_history', text(store).replaceAll('"user":"u9"', '"user":""'));
    const bumped = { ...historyDemo, version: '2.0.0' } as typeof historyDemo;
    const kept = await checkGolden({ contract: bumped, cases: [], sides: historySides('agree'), store, update: 'new' });
    expect(kept.obsolete.map((o) => o.case).sort()).toEqual(['log/record', 'log/u9']);
    expect(kept.obsolete.find((o) => o.case === 'log/u9')?.reason).toMatch(/: event 0: user: /);
    expect(parseGoldenFile(text(store), 'g').cases).toHaveLength(2);
    const pruned = await checkGolden({
      contract: bumped,
      cases: [],
      sides: historySides('agree'),
      store,
      update: 'new',
      prune: true,
    });
    expect(pruned.pruned).toBe(2);
    expect(parseGoldenFile(text(store), 'g').cases).toHaveLength(0);
  });
});
