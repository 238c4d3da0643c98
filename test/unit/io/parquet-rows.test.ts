import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readParquetRows } from '../../../src/io/parquet-rows.ts';
import { writeWithPyarrow } from './_pyarrow.ts';

const dir = mkdtempSync(join(tmpdir(), 'lockstep-parquet-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(path: string, options?: Parameters<typeof readParquetRows>[1]) {
  const rows: Record<string, unknown>[] = [];
  for await (const row of readParquetRows(path, options)) rows.push(row);
  return rows;
}

describe('readParquetRows', () => {
  it('streams every row group in order, with exact int64, NaN, nulls, structs and lists', async () => {
    const path = join(dir, 'rows.parquet');
    writeWithPyarrow(
      path,
      `
n = 25
t = pa.table({
  'id': pa.array([2**63 - 1 - i for i in range(n)], pa.int64()),
  'x': pa.array([float('nan') if i == 3 else (None if i == 4 else i + 0.5) for i in range(n)], pa.float64()),
  'name': pa.array([None if i == 5 else f'r{i}' for i in range(n)]),
  'input': pa.array([{'a': i, 'tags': ['p', 'q'][: i % 3]} for i in range(n)]),
})
pq.write_table(t, out, row_group_size=10, compression='zstd')
`,
    );
    const rows = await collect(path);
    expect(rows).toHaveLength(25);
    expect(rows[0]?.id).toBe(2n ** 63n - 1n);
    expect(rows[24]?.id).toBe(2n ** 63n - 25n);
    expect(rows[3]?.x).toBeNaN();
    expect(rows[4]?.x).toBeNull();
    expect(rows[5]?.name).toBeNull();
    expect(rows[11]).toMatchObject({ x: 11.5, name: 'r11', input: { a: 11n, tags: ['p', 'q'] } });
  });

  it('reads only the columns asked for, and timestamps as ISO strings that keep microseconds', async () => {
    const path = join(dir, 'ts.parquet');
    writeWithPyarrow(
      path,
      `
ts = pa.array([datetime.datetime(2024, 5, 1, 12, 0, 0, 123456, tzinfo=datetime.timezone.utc)], pa.timestamp('us', tz='UTC'))
pq.write_table(pa.table({'ts': ts, 'other': [1]}), out, compression='gzip')
`,
    );
    expect(await collect(path, { columns: ['ts'], timestamps: 'iso' })).toEqual([
      { ts: '2024-05-01T12:00:00.123456Z' },
    ]);
    const [row] = await collect(path);
    expect(row?.ts).toBeInstanceOf(Date);
  });

  it('refuses a file that is not Parquet, naming it', async () => {
    const path = join(dir, 'fake.parquet');
    writeFileSync(path, '{"id":1}\n{"id":2}\n');
    await expect(collect(path)).rejects.toMatchObject({
      code: 'SKEW_LOG_UNREADABLE',
      message: expect.stringContaining(`${path} is not a readable Parquet file`),
    });
  });
});
