import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { coverageReasons } from '../../../src/gate/coverage-reasons.ts';
import { NO_INVALID } from '../../../src/gate/invalid-budget.ts';
import { frameSide } from '../../../src/implementations/frame-side.ts';
import { createFsSpillStore } from '../../../src/io/fs-spill-store.ts';
import { parquetLineSource } from '../../../src/io/parquet-line-source.ts';
import { DEFAULT_LOG_FORMAT } from '../../../src/replay/log-format.ts';
import { type ReplayProgress, replayContract } from '../../../src/replay/replay.ts';
import { PYTHON, writeWithPyarrow } from '../io/_pyarrow.ts';
import { columnarContract, fixtureSides } from './_columnar-contract.ts';
import { comparable } from './_comparable-report.ts';

const dir = mkdtempSync(join(tmpdir(), 'lockstep-columnar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const contract = columnarContract;

// 600 rows of 40 users, interleaved, some out of time order within a user; invalid rows (NaN amount, qty above its
// max, a kind outside the enum, no user, no timestamp), a duplicate id, two rows the serving side errors.
const log = join(dir, 'log.parquet');
writeWithPyarrow(
  log,
  `
n = 600
ids = list(range(1, n + 1)); ids[100] = ids[60]
users = [i % 40 for i in range(n)]; users[40] = None
base = 1_700_000_000_000_000
ts = [base + i * 1_000_000 + (i % 3) + (-5_000_000 if i % 11 == 0 else 0) for i in range(n)]; ts[50] = None
amount = [round(1 + (i * 37 % 100) / 7, 3) for i in range(n)]; amount[10] = float('nan')
qty = [i % 6 for i in range(n)]; qty[20] = 500
kind = ['abc'[i % 3] for i in range(n)]; kind[30] = 'z'
note = [None if i % 5 == 0 else f'n{i}' for i in range(n)]; note[200] = 'boom'; note[201] = 'boom'
flag = [i % 4 == 0 for i in range(n)]
t = pa.table({
  'id': pa.array(ids, pa.int64()), 'user': pa.array(users, pa.int64()),
  'ts': pa.array(ts, pa.timestamp('us', tz='UTC')), 'amount': pa.array(amount, pa.float64()),
  'qty': pa.array(qty, pa.int64()), 'kind': pa.array(kind, pa.string()), 'note': pa.array(note, pa.string()),
  'flag': pa.array(flag, pa.bool_()),
})
pq.write_table(t, out, row_group_size=256)
`,
);

async function replay(
  path: string | readonly string[],
  c: typeof contract,
  columnar: boolean,
  batchSize: number,
  format = {},
  columnarMaxRows?: number,
  selection: { readonly shard?: { index: number; count: number }; readonly sample?: number } = {},
  maxEntityEvents?: number,
  answers: 'in-order' | 'by-id' = 'in-order',
) {
  const phases = new Set<string>();
  const report = await replayContract({
    contract: c,
    sides: fixtureSides(c, answers),
    sources: (typeof path === 'string' ? [path] : path).map((p) => parquetLineSource(p, c, format)),
    spill: () => createFsSpillStore(),
    format,
    batchSize,
    columnar,
    ...(columnarMaxRows === undefined ? {} : { columnarMaxRows }),
    ...(maxEntityEvents === undefined ? {} : { maxEntityEvents }),
    ...selection,
    onProgress: (p: ReplayProgress) => phases.add(p.phase),
  });
  return { report, partitioned: phases.has('partition') };
}

// 20,000 rows: one batch holds more rows than are compared at a time (answers are read in slices). The first 10,000
// rows (users 1–4, qty 1–2) diverge nowhere, so every divergence, and every example, is past the first slice (users
// 5–9 follow; the sides answer in the batch's order, entities by key, so the answers are compared column by column).
const longLog = join(dir, 'long.parquet');
writeWithPyarrow(
  longLog,
  `
n = 20_000
base = 1_700_000_000_000_000
users = [1 + i % 4 if i < 10_000 else 5 + i % 5 for i in range(n)]
qty = [1 + i % 2 if i < 10_000 else i % 6 for i in range(n)]
t = pa.table({
  'id': pa.array(range(1, n + 1), pa.int64()), 'user': pa.array(users, pa.int64()),
  'ts': pa.array([base + i * 1_000_000 for i in range(n)], pa.timestamp('us', tz='UTC')),
  'amount': pa.array([round(1 + (i * 37 % 100) / 7, 3) for i in range(n)], pa.float64()),
  'qty': pa.array(qty, pa.int64()), 'kind': pa.array(['abc'[i % 3] for i in range(n)], pa.string()),
  'note': pa.array([None if i % 5 == 0 else f'n{i % 50}' for i in range(n)], pa.string()),
  'flag': pa.array([i % 4 == 0 for i in range(n)], pa.bool_()),
})
pq.write_table(t, out, row_group_size=4096)
`,
);

describe('columnar replay', () => {
  it('gives the row path report when a batch holds more rows than are compared at a time', async () => {
    const rows = await replay(longLog, contract, false, 20_000);
    const columns = await replay(longLog, contract, true, 20_000);
    expect(columns.partitioned).toBe(false);
    expect(columns.report.counts).toMatchObject({ read: 20_000, compared: 20_000, errored: 0 });
    expect(columns.report.counts.diverged).toBeGreaterThan(3000);
    const lines = columns.report.classes.flatMap((c) => c.examples.map((e) => e.line));
    expect(lines.length).toBeGreaterThan(0);
    expect(Math.min(...lines)).toBeGreaterThan(10_000);
    expect(comparable(columns.report)).toEqual(comparable(rows.report));
  }, 120_000);

  it('row path: answers in the batch order are compared column by column, and report what answers by id report', async () => {
    // Answers in order are read column by column (only doubted rows become objects); answers in another order, matched
    // by their ids, outcome by outcome: the same rows, the same report, invalid rows, skews and side errors included.
    for (const [path, batchSize] of [
      [log, 64],
      [longLog, 20_000],
    ] as const) {
      const byColumn = await replay(path, contract, false, batchSize);
      const byId = await replay(path, contract, false, batchSize, {}, undefined, {}, undefined, 'by-id');
      expect(byColumn.report.counts.diverged).toBeGreaterThan(100);
      expect(comparable(byColumn.report)).toEqual(comparable(byId.report));
    }
  }, 180_000);

  it('gives the row path report on a Parquet log with skews, nulls, NaN, invalid rows and side errors', async () => {
    const rows = await replay(log, contract, false, 64);
    const columns = await replay(log, contract, true, 64);
    expect(rows.partitioned).toBe(true);
    expect(columns.partitioned).toBe(false); // the columnar path ran: no partitions
    const report = columns.report;
    expect(report.counts.read).toBe(600);
    expect(report.counts.invalid).toBe(5);
    expect(report.counts.duplicateIds).toBe(1);
    expect(report.counts.errored).toBe(2);
    expect(report.counts.diverged).toBeGreaterThan(100);
    expect(report.classes.map((c) => c.feature)).toEqual(expect.arrayContaining(['total', 'kind_out', 'ratio']));
    expect(comparable(columns.report)).toEqual(comparable(rows.report));
    expect(columns.report.columnar).toEqual({ used: true });
    expect(rows.report.columnar).toEqual({ used: false, because: 'the row path was asked for (columnar: false)' });
  }, 120_000);

  it('judges number and timestamp fields with a refinement by zod, as the row path does (JSON Schema omits it)', async () => {
    const input = contract.input as unknown as z.ZodObject<z.ZodRawShape>;
    const refined = defineContract({
      ...contract,
      name: 'columnar-refined',
      input: input.extend({
        amount: z.number().refine((n) => n < 14, 'below 14'),
        qty: z
          .number()
          .int()
          .min(0)
          .max(100)
          .refine((q) => q !== 5, 'never 5'),
        // A refinement on the instant: the rendered form of one timestamp cannot stand for the others.
        ts: z.iso.datetime().refine((t) => t.slice(17, 19) !== '07', 'no second 07'),
      }),
    } as Parameters<typeof defineContract>[0]) as unknown as typeof contract;
    const rows = await replay(log, refined, false, 64);
    const columns = await replay(log, refined, true, 64);
    expect(columns.partitioned).toBe(false); // the columnar path ran
    // 5 invalid rows as before, plus every amount of 14 or more, every qty of 5 and every timestamp at second 07.
    expect(columns.report.counts.invalid).toBeGreaterThan(100);
    expect(comparable(columns.report)).toEqual(comparable(rows.report));
  }, 120_000);

  it('reads a log longer than columnarMaxRows in parts of whole entities, and gives the row path report', async () => {
    const rows = await replay(log, contract, false, 64);
    for (const cap of [599, 150, 37]) {
      const parted = await replay(log, contract, true, 64, {}, cap);
      expect(parted.partitioned, `cap ${cap}`).toBe(false); // the columnar path ran, not the row path's partitions
      expect(parted.report.columnar, `cap ${cap}`).toEqual({ used: true, parts: Math.ceil(600 / cap) });
      // Invalid rows with their byte offsets in the whole log's rendering, the duplicate id, the side errors: all as
      // the row path reports them.
      expect(comparable(parted.report), `cap ${cap}`).toEqual(comparable(rows.report));
    }
    const whole = await replay(log, contract, true, 64, {}, 600);
    expect(whole.report.columnar).toEqual({ used: true });
    await expect(replay(log, contract, true, 64, {}, 0)).rejects.toThrow(
      'replayContract: columnarMaxRows must be a whole number of rows, at least 1 (default 2,000,000); got 0',
    );
  }, 240_000);

  it('reads two logs in parts: lines run on across them, byte offsets start again in each', async () => {
    const logs = [log, log];
    const rows = await replay(logs, contract, false, 64);
    const parted = await replay(logs, contract, true, 64, {}, 500);
    expect(parted.report.columnar).toEqual({ used: true, parts: 3 });
    expect(parted.report.counts.read).toBe(1200);
    expect(parted.report.counts.invalid).toBe(10);
    expect(comparable(parted.report)).toEqual(comparable(rows.report));
    // The same row of each log: its line in the run, its byte offset within its own log.
    const [first, second] = [parted.report.invalid[0], parted.report.invalid.find((i) => i.line > 600)];
    expect(second?.line).toBe((first?.line as number) + 600);
    expect(second?.byteOffset).toBe(first?.byteOffset);
  }, 240_000);

  it('reads a shard and a sample of a log above columnarMaxRows in parts: the rows the row path keeps', async () => {
    const selections = [{ shard: { index: 1, count: 3 } }, { shard: { index: 0, count: 2 }, sample: 0.6 }];
    for (const selection of selections) {
      const rows = await replay(log, contract, false, 64, {}, undefined, selection);
      const parted = await replay(log, contract, true, 64, {}, 150, selection);
      expect(parted.partitioned).toBe(false);
      expect(comparable(parted.report), JSON.stringify(selection)).toEqual(comparable(rows.report));
      // Parts hold the selection's rows only: fewer than the 4 the whole log would take.
      expect(parted.report.columnar?.parts ?? 1, JSON.stringify(selection)).toBeLessThan(4);
    }
  }, 240_000);

  it('reads parts of a shard whose entity keys JSON escapes (quotes, backslashes) or not (ü): the row path report', async () => {
    const named = join(dir, 'named.parquet');
    writeWithPyarrow(
      named,
      `
t = pq.read_table(${JSON.stringify(log)})
users = t.column('user').to_pylist()
def name(u):
    if u is None: return None
    return ['u"%d' % u, 'u\\\\%d' % u, 'ü%d' % u, 'u%d' % u][u % 4]
t = t.append_column('who', pa.array([name(u) for u in users], pa.string()))
pq.write_table(t, out, row_group_size=256)
`,
    );
    const input = contract.input as unknown as z.ZodObject<z.ZodRawShape>;
    const byName = defineContract({
      ...contract,
      name: 'columnar-named',
      entity: 'who',
      input: input.extend({ who: z.string() }),
    } as Parameters<typeof defineContract>[0]) as unknown as typeof contract;
    for (const selection of [{ shard: { index: 0, count: 2 } }, { shard: { index: 2, count: 3 }, sample: 0.7 }]) {
      const rows = await replay(named, byName, false, 64, {}, undefined, selection);
      const parted = await replay(named, byName, true, 64, {}, 100, selection);
      expect(parted.partitioned).toBe(false);
      expect(parted.report.columnar?.used).toBe(true);
      expect(comparable(parted.report), JSON.stringify(selection)).toEqual(comparable(rows.report));
    }
  }, 240_000);

  it('a row group the first part cannot decode: the row path replays the rows before it and says where it stopped', async () => {
    const corrupt = join(dir, 'corrupt.parquet');
    writeWithPyarrow(
      corrupt,
      `
import shutil
shutil.copy(${JSON.stringify(log)}, out)
meta = pq.ParquetFile(out).metadata
start = meta.row_group(1).column(3).data_page_offset
data = bytearray(open(out, 'rb').read())
data[start:start + 64] = b'\\xff' * 64
open(out, 'wb').write(bytes(data))
`,
    );
    const rows = await replay(corrupt, contract, false, 64);
    const parted = await replay(corrupt, contract, true, 64, {}, 200);
    expect(parted.report.counts.read).toBe(256);
    expect(parted.report.sourceErrors).toEqual([
      {
        source: corrupt,
        afterLine: 256,
        message: expect.stringMatching(/^row group 2 of 3 \(rows 257–512\) cannot be read/),
      },
    ]);
    expect(parted.report.columnar).toEqual({
      used: false,
      because: expect.stringMatching(/row group 2 of 3 \(rows 257–512\) cannot be read/),
    });
    expect(comparable(parted.report)).toEqual(comparable(rows.report));
  }, 120_000);

  it('a row group only a later part reads cannot be decoded: the run ends there, its report INCOMPLETE, saying so', async () => {
    // A valid log (no invalid row: no byte offset to render) of 40 users in turn, 15 rows each, one user to a row group;
    // the group to break holds no row of the first part's users.
    const { partHash } = await import('../../../src/replay/columnar/partitioned.ts');
    const partOf = Array.from({ length: 40 }, (_, u) => partHash(String(u)) % 3);
    const sorted = join(dir, 'by-user.parquet');
    writeWithPyarrow(
      sorted,
      `
import json
n = 600
base = 1_700_000_000_000_000
t = pa.table({
  'id': pa.array(range(1, n + 1), pa.int64()), 'user': pa.array([i // 15 for i in range(n)], pa.int64()),
  'ts': pa.array([base + i * 1_000_000 for i in range(n)], pa.timestamp('us', tz='UTC')),
  'amount': pa.array([1.0 + i % 7 for i in range(n)], pa.float64()), 'qty': pa.array([1 + i % 4 for i in range(n)], pa.int64()),
  'kind': pa.array(['abc'[i % 3] for i in range(n)], pa.string()), 'note': pa.array([None] * n, pa.string()),
  'flag': pa.array([i % 2 == 0 for i in range(n)], pa.bool_()),
})
pq.write_table(t, out, row_group_size=15)
part_of = json.loads('${JSON.stringify(partOf)}')
f = pq.ParquetFile(out)
group = [i for i in range(f.metadata.num_row_groups) if all(part_of[u] != 0 for u in f.read_row_group(i).column('user').to_pylist())][0]
start = f.metadata.row_group(group).column(3).data_page_offset
data = bytearray(open(out, 'rb').read())
data[start:start + 8] = b'\\xff' * 8
open(out, 'wb').write(bytes(data))
open(out + '.group', 'w').write(str(group))
`,
    );
    const group = Number(readFileSync(`${sorted}.group`, 'utf8'));
    const parted = await replay(sorted, contract, true, 64, {}, 200);
    expect(parted.report.columnar).toEqual({ used: true, parts: 3 });
    expect(parted.report.sourceErrors).toEqual([
      {
        source: sorted,
        afterLine: 15 * group,
        message: expect.stringMatching(
          new RegExp(
            `^row group ${group + 1} of 40 \\(rows ${15 * group + 1}–${15 * group + 15}\\) cannot be read: .* \\(read in 3 parts of whole entities, the run covers parts 1–[12] only\\)$`,
          ),
        ),
      },
    ]);
    expect(parted.report.counts.read).toBeLessThan(600);
    expect(parted.report.counts.read).toBeGreaterThan(0);
    // The gate does not pass a run that could not read its log to the end.
    expect(coverageReasons(parted.report, NO_INVALID).map((r) => r.code)).toContain('incomplete_log');
  }, 120_000);

  it('says why the row path took a Parquet log: an entity above the limit, a check across input fields', async () => {
    // 600 rows of 40 users (one row has none): 15 rows for most users. Held whole, or read in parts.
    for (const cap of [undefined, 100]) {
      const limited = await replay(log, contract, true, 64, {}, cap, {}, 14);
      expect(limited.partitioned).toBe(true);
      expect(limited.report.columnar).toEqual({
        used: false,
        because: expect.stringMatching(/^entity \d+ has 15 rows, above the entity limit of 14$/),
      });
    }
    const fits = await replay(log, contract, true, 64, {}, 100, {}, 15);
    expect(fits.report.columnar).toEqual({ used: true, parts: 6 });
    const input = contract.input as unknown as z.ZodObject<z.ZodRawShape>;
    const crossChecked = defineContract({
      ...contract,
      name: 'columnar-cross-checked',
      input: input.refine((r) => r.qty !== 3 || r.flag === false, 'qty 3 is never flagged'),
    } as Parameters<typeof defineContract>[0]) as unknown as typeof contract;
    const checked = await replay(log, crossChecked, true, 64);
    expect(checked.partitioned).toBe(true);
    expect(checked.report.columnar).toEqual({ used: false, because: 'the input schema checks across fields' });
  }, 120_000);

  it('keeps the rows of a shard and a sample that the row path keeps, invalid rows included', async () => {
    const selections = [
      { shard: { index: 0, count: 3 } },
      { shard: { index: 1, count: 3 } },
      { shard: { index: 2, count: 3 } },
      { sample: 0.5 },
      { shard: { index: 1, count: 2 }, sample: 0.6 },
    ];
    const reads: number[] = [];
    const invalids: number[] = [];
    for (const selection of selections) {
      const rows = await replay(log, contract, false, 64, {}, undefined, selection);
      const columns = await replay(log, contract, true, 64, {}, undefined, selection);
      expect(columns.partitioned, JSON.stringify(selection)).toBe(false); // the columnar path ran
      expect(comparable(columns.report), JSON.stringify(selection)).toEqual(comparable(rows.report));
      expect(columns.report.counts.read).toBeGreaterThan(0);
      expect(columns.report.counts.read).toBeLessThan(600);
      reads.push(columns.report.counts.read);
      invalids.push(columns.report.counts.invalid);
    }
    // The three shards add up to the whole log: every row, every invalid row, once.
    expect((reads[0] as number) + (reads[1] as number) + (reads[2] as number)).toBe(600);
    expect((invalids[0] as number) + (invalids[1] as number) + (invalids[2] as number)).toBe(5);
  }, 300_000);

  it('gives the row path report on the pandas benchmark at small scale', async () => {
    const { ecommerce } = await import('../../../bench/pandas/contract.ts');
    const path = join(dir, 'ecommerce.parquet');
    const { execFileSync } = await import('node:child_process');
    execFileSync(PYTHON, ['bench/pandas/generate.py', '--rows', '3000', '--out', path], { stdio: 'ignore' });
    const format = { ...DEFAULT_LOG_FORMAT, idField: 'transaction_id' };
    const run = async (columnar: boolean) => {
      const make = (name: string) =>
        frameSide({
          command: [PYTHON, 'frame_sides.py', name],
          cwd: 'bench/pandas',
          contract: ecommerce,
          shape: 'entity',
          concurrency: 1,
        });
      return replayContract({
        contract: ecommerce,
        sides: { training: make('training'), serving: make('serving') },
        sources: [parquetLineSource(path, ecommerce, format)],
        spill: () => createFsSpillStore(),
        format,
        batchSize: 500,
        columnar,
      });
    };
    const rows = await run(false);
    const columns = await run(true);
    expect(rows.counts.diverged).toBeGreaterThan(0);
    expect(comparable(columns)).toEqual(comparable(rows));
  }, 180_000);
});
