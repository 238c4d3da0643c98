import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { parquetColumnarLog } from '../../../src/io/parquet-columns.ts';
import { openParquetFile } from '../../../src/io/parquet-file.ts';
import { DEFAULT_LOG_FORMAT } from '../../../src/replay/log-format.ts';
import { writeWithPyarrow } from './_pyarrow.ts';

const dir = mkdtempSync(join(tmpdir(), 'lockstep-parquet-flat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const contract = defineContract({
  name: 'flat',
  version: '1',
  entity: 'user',
  input: z.object({ user: z.number().int() }),
  features: { n: { type: 'int' } },
});

// Every flat kind the columnar replay reads, with nulls, NaN, -0, int64 beyond 2^53, timestamps of every unit, and an
// `other` column (a list) that hyparquet's own reader keeps.
const TABLE = `
n = 700
def nulls(values, every):
    return [None if i % every == 3 else v for i, v in enumerate(values)]
t = pa.table({
  'user': pa.array([i % 37 for i in range(n)], pa.int64()),
  'big': pa.array([2**62 + i if i % 50 == 7 else i - 300 for i in range(n)], pa.int64()),
  'big_null': pa.array(nulls([2**60 + i for i in range(n)], 9), pa.int64()),
  'i32': pa.array(nulls([i * 7 - 900 for i in range(n)], 13), pa.int32()),
  'f32': pa.array([i / 4 for i in range(n)], pa.float32()),
  'f64': pa.array(nulls([float('nan') if i == 5 else (-0.0 if i == 6 else i * 1.25) for i in range(n)], 17), pa.float64()),
  'ts_ms': pa.array(nulls([1_700_000_000_000 + i * 1000 for i in range(n)], 23), pa.timestamp('ms', tz='UTC')),
  'ts_us': pa.array([1_700_000_000_000_000 + i * 7 for i in range(n)], pa.timestamp('us')),
  'ts_ns': pa.array([1_700_000_000_000_000_000 + i * 13 for i in range(n)], pa.timestamp('ns', tz='UTC')),
  'text': pa.array(nulls(['abc'[i % 3] * (i % 4) + ('é' if i % 5 == 0 else '') for i in range(n)], 11)),
  'unique': pa.array([f'u{i}' for i in range(n)]),
  'flag': pa.array(nulls([i % 3 == 0 for i in range(n)], 7), pa.bool_()),
  'all_null': pa.array([None] * n, pa.float64()),
  'tags': pa.array([['x'] * (i % 3) for i in range(n)]),
})
t = t.replace_schema_metadata(None)
`;

/** Every column as hyparquet's own reader gives it, 64-bit integers as numbers while exact (the columnar log's form). */
async function reference(path: string): Promise<Record<string, unknown[]>> {
  const file = await openParquetFile(path, 'test', { timestamps: 'raw', binaryAsText: false });
  const out: Record<string, unknown[]> = {};
  for (let g = 0; g < file.groupRows.length; g++) {
    for (const row of await file.readGroup(g)) {
      for (const [name, value] of Object.entries(row)) {
        const n = typeof value === 'bigint' ? Number(value) : undefined;
        out[name] ??= [];
        out[name].push(n !== undefined && Number.isSafeInteger(n) ? n : value);
      }
    }
  }
  await file.close();
  return out;
}

const LAYOUTS: Record<string, string> = {
  'dictionary pages, several row groups': `pq.write_table(t, out, row_group_size=256, data_page_size=512)`,
  'plain pages': `pq.write_table(t, out, use_dictionary=False, row_group_size=300)`,
  'data page v2, zstd': `pq.write_table(t, out, data_page_version='2.0', compression='zstd', data_page_size=1024)`,
  'dictionary falling back to plain': `pq.write_table(t, out, dictionary_pagesize_limit=64, data_page_size=256)`,
  'delta and byte stream split encodings': `pq.write_table(t, out, use_dictionary=False, column_encoding={'big': 'DELTA_BINARY_PACKED', 'i32': 'DELTA_BINARY_PACKED', 'f64': 'BYTE_STREAM_SPLIT', 'unique': 'DELTA_BYTE_ARRAY', 'text': 'DELTA_LENGTH_BYTE_ARRAY'})`,
  'required columns': `
t = pa.table({'user': pa.array([i % 37 for i in range(n)], pa.int64()), 'x': pa.array([i * 0.5 for i in range(n)])},
  schema=pa.schema([pa.field('user', pa.int64(), nullable=False), pa.field('x', pa.float64(), nullable=False)]))
pq.write_table(t, out, row_group_size=200)`,
};

describe('parquetColumnarLog read', () => {
  for (const [layout, write] of Object.entries(LAYOUTS)) {
    it(`gives every column as hyparquet reads it: ${layout}`, async () => {
      // Arrange
      const path = join(dir, `${layout.replace(/\W+/g, '-')}.parquet`);
      writeWithPyarrow(path, `${TABLE}\n${write}`);
      const expected = await reference(path);

      // Act
      const log = await parquetColumnarLog(path, contract, DEFAULT_LOG_FORMAT);
      const columns = await log.read();
      await log.close();

      // Assert
      expect(Object.keys(columns.values)).toEqual(Object.keys(expected));
      for (const [name, values] of Object.entries(columns.values)) {
        expect(Array.from(values), name).toEqual(expected[name]);
      }
      // Columns of numbers only are held unboxed.
      expect(columns.values.user).toBeInstanceOf(Float64Array);
      // Strings and booleans also as codes of their distinct values.
      for (const [name, { codes, distinct }] of Object.entries(columns.codes ?? {})) {
        expect(
          Array.from(codes, (c) => distinct[c]),
          name,
        ).toEqual(expected[name]);
      }
      if ('text' in columns.values) expect(Object.keys(columns.codes ?? {}).sort()).toEqual(['flag', 'text', 'unique']);
    });
  }

  it('keeps nulls, and integers beyond 2^53 as bigints, in arrays', async () => {
    // Arrange
    const path = join(dir, 'odd.parquet');
    writeWithPyarrow(path, `${TABLE}\n${LAYOUTS['dictionary pages, several row groups']}`);

    // Act
    const log = await parquetColumnarLog(path, contract, DEFAULT_LOG_FORMAT);
    const { values } = await log.read();
    await log.close();

    // Assert
    expect(values.big?.[7]).toBe(2n ** 62n + 7n);
    expect(values.big?.[8]).toBe(-292);
    expect(values.f64?.[3]).toBeNull();
    expect(values.f64?.[5]).toBeNaN();
    expect(Object.is(values.f64?.[6], -0)).toBe(true);
    expect(values.ts_ns?.[1]).toBe(1_700_000_000_000_000_013n);
    expect(values.ts_us).toBeInstanceOf(Float64Array);
    expect(values.text?.[3]).toBeNull();
    expect(values.flag?.[0]).toBe(true);
    expect(values.tags?.[2]).toEqual(['x', 'x']);
  });
});
