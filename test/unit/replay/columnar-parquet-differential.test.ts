import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFsSpillStore } from '../../../src/io/fs-spill-store.ts';
import { parquetLineSource } from '../../../src/io/parquet-line-source.ts';
import { replayContract } from '../../../src/replay/replay.ts';
import { writeWithPyarrow } from '../io/_pyarrow.ts';
import { columnarContract, fixtureSides } from './_columnar-contract.ts';
import { comparable } from './_comparable-report.ts';

// Random Parquet logs written by pyarrow, each replayed column by column and on the row path: the two reports must be
// equal. Timestamps in ms, us or ns (sub-millisecond digits now and then), with or without a zone; 32- or 64-bit
// integers; strings or large strings, dictionary-encoded or not; row groups of 50 to 1000 rows; nulls in any column;
// NaN, infinities and -0 among the floats; values the contract rejects; a duplicate id; text with escapes and
// non-ASCII characters.

const dir = mkdtempSync(join(tmpdir(), 'lockstep-parquet-differential-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const contract = columnarContract;

/** Writes a random log of the fixture contract's columns, the same for the same seed. */
function write(path: string, seed: number) {
  writeWithPyarrow(
    path,
    `
import random
r = random.Random(${seed})
n = r.randint(200, 600)
unit = r.choice(['ms', 'us', 'ns'])
per = {'ms': 1, 'us': 1000, 'ns': 1_000_000}[unit]
base = 1_700_000_000_000
def maybe(v, p=0.004):
    return None if r.random() < p else v
ids = [maybe(i + 1, 0.01) for i in range(n)]
if r.random() < 0.5: ids[r.randrange(n)] = ids[r.randrange(n)]
users = [maybe(r.randrange(13), 0.01) for i in range(n)]
ts = [maybe((base + i * 997 - (50_000 if r.random() < 0.1 else 0)) * per + (r.randrange(per) if r.random() < 0.2 else 0), 0.01) for i in range(n)]
amount = [maybe(r.choice([round(r.random() * 1000, 2), 0.0, -0.0, 1e-7, float('nan'), float('inf'), 123456.789])) for i in range(n)]
qty = [maybe(r.choice([0, 1, 2, 3, 4, 5, 99] * 20 + [101, -1])) for i in range(n)]
kind = [maybe(r.choice(['a', 'b', 'c'] * 30 + ['z', ''])) for i in range(n)]
note = [maybe(r.choice(['n', 'é', 'x\\\\y', '日本', 'boom', f'n{i}', '\\u0001', '"q"', '💥', '\\u2028'])) for i in range(n)]
flag = [maybe(r.random() < 0.5) for i in range(n)]
idtype = r.choice([pa.int64(), pa.int32()])
if idtype == pa.uint64() and r.random() < 0.5: ids[r.randrange(n)] = 2**64 - 1
strtype = r.choice([pa.string(), pa.large_string()])
cols = {
  'id': pa.array(ids, idtype), 'user': pa.array(users, r.choice([pa.int64(), pa.int32()])),
  'ts': pa.array(ts, pa.timestamp(unit, tz=r.choice(['UTC', None]))), 'amount': pa.array(amount, pa.float64()),
  'qty': pa.array(qty, pa.int64()), 'kind': pa.array(kind, strtype), 'note': pa.array(note, strtype),
  'flag': pa.array(flag, pa.bool_()),
}
t = pa.table(cols)
pq.write_table(t, out, row_group_size=r.choice([50, 128, 1000]), use_dictionary=r.random() < 0.5)
`,
  );
}

interface Case {
  readonly seed: number;
  readonly answers?: 'in-order' | 'by-id';
  readonly columnarMaxRows?: number;
  readonly batchSize?: number;
}

async function replay(path: string, c: Case, columnar: boolean) {
  return replayContract({
    contract,
    sides: fixtureSides(contract, c.answers ?? 'in-order'),
    sources: [parquetLineSource(path, contract, {})],
    spill: () => createFsSpillStore(),
    format: {},
    batchSize: c.batchSize ?? 64,
    columnar,
    ...(c.columnarMaxRows === undefined ? {} : { columnarMaxRows: c.columnarMaxRows }),
  });
}

const CASES: readonly Case[] = [
  { seed: 201 },
  { seed: 302, answers: 'by-id' },
  { seed: 403, columnarMaxRows: 90 },
  { seed: 504, batchSize: 5 },
];

describe('random Parquet logs, column by column and on the row path', () => {
  for (const c of CASES) {
    it(`give the same report: ${JSON.stringify(c)}`, async () => {
      const path = join(dir, `${c.seed}.parquet`);
      write(path, c.seed);
      const rows = await replay(path, c, false);
      const columns = await replay(path, c, true);
      expect(columns.columnar?.used).toBe(true);
      expect(columns.counts.invalid).toBeGreaterThan(0);
      expect(columns.counts.diverged).toBeGreaterThan(0);
      expect(comparable(columns)).toEqual(comparable(rows));
    }, 120_000);
  }
});
