import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PYTHON, writeWithPyarrow } from '../io/_pyarrow.ts';
import { columnarContract } from './_columnar-contract.ts';

// The V8 flags the policy sets, in order (the real setter is not called: the test process keeps its own heap).
const flags = vi.hoisted(() => [] as string[]);
vi.mock('node:v8', async (importOriginal) => ({
  ...(await importOriginal<typeof import('node:v8')>()),
  setFlagsFromString: (flag: string) => {
    flags.push(flag);
  },
}));

const STREAMING = '--heap-growing-percent=50';
const FRAME_BATCHES = '--heap-growing-percent=200';
const V8_DEFAULT = '--heap-growing-percent=0';

beforeEach(() => {
  flags.length = 0;
  vi.resetModules();
});

/** Fresh copies of the policy module (its state starts empty) and of the modules of a replay that uses it. */
async function fresh() {
  return {
    policy: await import('../../../src/replay/heap-policy.ts'),
    replay: await import('../../../src/replay/replay.ts'),
    frames: await import('../../../src/implementations/frame-side.ts'),
    parquet: await import('../../../src/io/parquet-line-source.ts'),
    spill: await import('../../../src/io/fs-spill-store.ts'),
  };
}

describe('heap policy', () => {
  it('changes nothing for a program that never applied the streaming policy', async () => {
    const { policy } = await fresh();
    const release = policy.holdLogInMemory();
    release();
    expect(flags).toEqual([]);
  });

  it("leaves V8's growth to its heuristics while a log is held, and streams again once the last holder lets go", async () => {
    const { policy } = await fresh();
    policy.applyStreamingHeapPolicy();
    expect(flags).toEqual([STREAMING]);
    const first = policy.holdLogInMemory();
    const second = policy.holdLogInMemory(); // two contracts replayed at once
    expect(flags).toEqual([STREAMING, V8_DEFAULT]);
    first();
    first(); // letting go twice counts once
    expect(flags).toEqual([STREAMING, V8_DEFAULT]);
    second();
    expect(flags).toEqual([STREAMING, V8_DEFAULT, STREAMING]);
    // Applied again while no log is held: streaming at once; while one is held: once it is let go.
    policy.applyStreamingHeapPolicy();
    const third = policy.holdLogInMemory();
    policy.applyStreamingHeapPolicy();
    expect(flags.at(-1)).toBe(V8_DEFAULT);
    third();
    expect(flags.at(-1)).toBe(STREAMING);
  });

  it('grows the heap by twice what survived while frame batches are held on the row path; a log in memory wins', async () => {
    const { policy } = await fresh();
    policy.applyStreamingHeapPolicy();
    const batches = policy.holdFrameBatches();
    expect(flags).toEqual([STREAMING, FRAME_BATCHES]);
    const log = policy.holdLogInMemory(); // another contract replayed column by column at the same time
    expect(flags.at(-1)).toBe(V8_DEFAULT);
    batches();
    batches(); // letting go twice counts once
    expect(flags.at(-1)).toBe(V8_DEFAULT);
    const again = policy.holdFrameBatches();
    expect(flags.at(-1)).toBe(V8_DEFAULT);
    log();
    expect(flags.at(-1)).toBe(FRAME_BATCHES);
    again();
    expect(flags.at(-1)).toBe(STREAMING);
    // A program that never applied the streaming policy keeps its own flags.
    vi.resetModules();
    const { policy: untouched } = await fresh();
    flags.length = 0;
    untouched.holdFrameBatches()();
    expect(flags).toEqual([]);
  });
});

describe('heap policy in a replay', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-heap-policy-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const SIDES = fileURLToPath(new URL('../../fixtures/columnar/sides.py', import.meta.url));
  const contract = columnarContract;
  const log = join(dir, 'log.parquet');
  writeWithPyarrow(
    log,
    `
n = 40
t = pa.table({
  'id': pa.array(range(1, n + 1), pa.int64()), 'user': pa.array([i % 4 for i in range(n)], pa.int64()),
  'ts': pa.array([1_700_000_000_000_000 + i * 1_000_000 for i in range(n)], pa.timestamp('us', tz='UTC')),
  'amount': pa.array([1.5 * i for i in range(n)], pa.float64()), 'qty': pa.array([i % 6 for i in range(n)], pa.int64()),
  'kind': pa.array(['abc'[i % 3] for i in range(n)], pa.string()), 'note': pa.array([f'n{i}' for i in range(n)], pa.string()),
  'flag': pa.array([i % 2 == 0 for i in range(n)], pa.bool_()),
})
pq.write_table(t, out)
`,
  );

  async function replayed(columnar: boolean, flagsDuringRead: string[][]) {
    const { policy, replay, frames, parquet, spill } = await fresh();
    policy.applyStreamingHeapPolicy();
    const side = (name: string) =>
      frames.frameSide({ command: [PYTHON, SIDES, name], contract, shape: 'entity', concurrency: 1 });
    return await replay.replayContract({
      contract,
      sides: { training: side('training'), serving: side('serving') },
      sources: [parquet.parquetLineSource(log, contract)],
      spill: () => spill.createFsSpillStore(),
      columnar,
      onProgress: () => flagsDuringRead.push([...flags]),
    });
  }

  it('holds the log with V8 growing the heap its own way, and streams again after the replay', async () => {
    const during: string[][] = [];
    const report = await replayed(true, during);
    expect(report.columnar).toEqual({ used: true });
    expect(report.counts.compared).toBe(40);
    // While the columns were compared, the heap was V8's to size; after the replay, the streaming policy is back.
    expect(during.length).toBeGreaterThan(0);
    for (const seen of during) expect(seen.at(-1)).toBe(V8_DEFAULT);
    expect(flags).toEqual([STREAMING, V8_DEFAULT, STREAMING]);
  }, 120_000);

  it('frame sides on the row path: the heap grows by twice what survived while they compute, then streams again', async () => {
    const during: string[][] = [];
    const report = await replayed(false, during);
    expect(report.columnar).toEqual({ used: false, because: 'the row path was asked for (columnar: false)' });
    expect(report.counts.compared).toBe(40);
    expect(during.length).toBeGreaterThan(0);
    for (const seen of during) expect(seen.at(-1)).toBe(FRAME_BATCHES);
    expect(flags).toEqual([STREAMING, FRAME_BATCHES, STREAMING]);
  }, 120_000);

  it('keeps the streaming policy throughout when no side is a frame side', async () => {
    const { policy, replay, parquet, spill } = await fresh();
    const { loggedSide } = await import('../../../src/implementations/in-process.ts');
    policy.applyStreamingHeapPolicy();
    const during: string[][] = [];
    const report = await replay.replayContract({
      contract,
      sides: { training: loggedSide(), serving: loggedSide() },
      sources: [parquet.parquetLineSource(log, contract)],
      spill: () => spill.createFsSpillStore(),
      onProgress: () => during.push([...flags]),
    });
    expect(report.counts.read).toBe(40);
    expect(during.length).toBeGreaterThan(0);
    expect(flags).toEqual([STREAMING]);
  }, 120_000);
});
