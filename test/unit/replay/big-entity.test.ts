import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayVerdict } from '../../../src/gate/replay-verdict.ts';
import { commandSide } from '../../../src/implementations/command-side.ts';
import { loggedSide } from '../../../src/implementations/in-process.ts';
import type { SidePair } from '../../../src/implementations/side.ts';
import { createFsSpillStore } from '../../../src/io/fs-spill-store.ts';
import { fileLineSource } from '../../../src/io/line-source.ts';
import { type ReplayOptions, replayContract } from '../../../src/replay/replay.ts';
import type { DivergenceExample } from '../../../src/replay/replay-report.ts';
import type { ClassState } from '../../../src/replay/tally/report-state.ts';
import {
  PYTHON_SIDE,
  runningTotals,
  runningTotalsSide,
  writeBigEntityLog,
} from '../../fixtures/big-entity/big-entity.ts';

const EVENTS = 100_000;
let dir: string;
let log: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lockstep-big-entity-'));
  log = join(dir, 'u1.jsonl');
  await writeBigEntityLog(log, EVENTS);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function replay(sides: SidePair, extra: Partial<ReplayOptions> = {}, path = log) {
  const found: DivergenceExample[] = [];
  const report = await replayContract({
    contract: runningTotals,
    sides,
    sources: [fileLineSource(path)],
    spill: () => createFsSpillStore(),
    onDivergence: (d) => found.push(d),
    ...extra,
  });
  const lines = found.map((d) => `${d.line} ${d.feature} ${String(d.training)} ${String(d.serving)}`).sort();
  return { report, lines };
}

/** What must not depend on how the entity was decoded: every count, class and divergence. */
function outcome(run: Awaited<ReturnType<typeof replay>>) {
  const { counts, classes, features } = run.report;
  return { counts, classes, features, lines: run.lines };
}

// A batch holds 512 records by default: the 100,000-event entity is streamed lazily. A batch of 200,000 records
// decodes it whole, as before: the reference.
const WHOLE = { batchSize: 200_000 };

describe('an entity of 100,000 events', () => {
  it('is replayed through an in-process entity side exactly as when decoded whole', async () => {
    const sides = () => ({ training: runningTotalsSide(), serving: loggedSide() });
    const streamed = await replay(sides());
    const whole = await replay(sides(), WHOLE);
    expect(streamed.report.counts).toMatchObject({ read: EVENTS + 3, compared: EVENTS + 3, errored: 0, diverged: 10 });
    // The log served a total off by one on every 10,000th event.
    expect(streamed.lines).toHaveLength(10);
    expect(outcome(streamed)).toEqual(outcome(whole));
  }, 120_000);

  it('keeps the first record of a class with at most the 10,000 events before it, as plain data', async () => {
    // Arrange: the serving side differs on the 50,000th event only
    const kept: ClassState[] = [];
    const explain = async (cls: ClassState) => {
      kept.push(cls);
      return {};
    };
    // Act
    await replay({ training: runningTotalsSide(), serving: runningTotalsSide(50_000) }, { explain });
    // Assert
    const repro = kept[0]?.reproduction;
    expect(repro?.record.input).toEqual({ u: 'u1', amount: expect.any(Number) });
    expect(repro?.history).toHaveLength(10_000);
    expect(repro?.history.at(-1)?.timestamp).toBeLessThan(repro?.record.timestamp as number);
    // Plain data (a worker thread sends it back whole), not views of a partition's reused buffer.
    expect(structuredClone(repro?.history.at(-1))).toEqual(repro?.history.at(-1));
    expect(structuredClone(repro?.record)).toEqual(repro?.record);
  }, 120_000);

  it('is replayed through a Python entity-wise command side exactly as when decoded whole', async () => {
    const sides = () => ({
      training: commandSide({ command: PYTHON_SIDE, shape: 'entity', concurrency: 1, timeoutMs: 120_000 }),
      serving: runningTotalsSide(1000),
    });
    const streamed = await replay(sides());
    const whole = await replay(sides(), WHOLE);
    // Every record compared; the in-process side shows a different total on every 1,000th event of each history.
    expect(streamed.report.counts).toMatchObject({ read: EVENTS + 3, compared: EVENTS + 3, errored: 0, diverged: 100 });
    expect(outcome(streamed)).toEqual(outcome(whole));
  }, 300_000);
});

describe('maxEntityEvents', () => {
  /** Replays a log of `events` events of u1 (and `others` one-event entities, then `extra` lines) under `limit`. */
  async function limited(events: number, limit: number, others = 3, extra = '') {
    const path = join(dir, `u1-${events}-${limit}.jsonl`);
    await writeBigEntityLog(path, events, others);
    if (extra !== '') writeFileSync(path, extra, { flag: 'a' });
    const sides = { training: runningTotalsSide(), serving: loggedSide() };
    return (await replay(sides, { maxEntityEvents: limit }, path)).report;
  }

  it('refuses an entity above the limit: its records are errored with why, the others replayed, the gate fails', async () => {
    // Act: 60 events of u1, 3 entities of one event
    const report = await limited(60, 50);
    // Assert
    expect(report.counts).toMatchObject({ read: 63, compared: 3, errored: 60, invalid: 0 });
    const refused = report.classes.find((c) => c.kind === 'error');
    expect(refused?.count).toBe(60);
    expect(refused?.examples[0]?.detail).toContain(
      'entity "u1" has 60 events, above --max-entity-events 50: not replayed',
    );
    const verdict = replayVerdict([report]);
    expect(verdict.status).toBe('fail');
    expect(verdict.exitCode).toBe(1);
  });

  it('replays an entity at the limit', async () => {
    expect((await limited(50, 50)).counts).toMatchObject({ read: 53, compared: 53, errored: 0 });
  });

  it('keeps an invalid line of a refused entity invalid', async () => {
    const report = await limited(4, 2, 0, '{"timestamp":1,"input":{"u":"u1","amount":"x"}}\n');
    expect(report.counts).toMatchObject({ read: 5, compared: 0, errored: 4, invalid: 1 });
  });

  it.each([0, 1.5, -3])('is refused when not a whole number of events of at least 1 (%s)', async (limit) => {
    await expect(
      replay({ training: runningTotalsSide(), serving: loggedSide() }, { maxEntityEvents: limit }),
    ).rejects.toThrow(/replayContract: maxEntityEvents must be a whole number of events, at least 1/);
  });
});
