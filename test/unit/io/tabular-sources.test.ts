import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseLosslessJson } from '../../../src/codec/lossless-json.ts';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { checkNamedLogFields } from '../../../src/io/log-fields-check.ts';
import { checkLogContent, logLineSource } from '../../../src/io/log-source-for.ts';
import type { LineSource } from '../../../src/replay/ports.ts';
import { writeWithPyarrow } from './_pyarrow.ts';

const dir = mkdtempSync(join(tmpdir(), 'lockstep-tabular-sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const contract = defineContract({
  name: 'rows',
  version: '1',
  entity: 'user',
  input: z.object({
    user: z.string(),
    amount: z.number(),
    count: z.number().int(),
    note: z.string().nullable(),
    flag: z.boolean(),
    tags: z.array(z.string()).optional(),
  }),
  features: { score: { type: 'float' }, n: { type: 'int', nullable: true } },
});

/** The source's text, and the error it ended with, if any. */
async function read(source: LineSource): Promise<{ text: string; error?: string }> {
  let text = '';
  try {
    for await (const chunk of source.open()) text += Buffer.from(chunk).toString('utf8');
  } catch (error) {
    return { text, error: (error as Error).message };
  }
  return { text };
}

const lines = (text: string) => text.split('\n').slice(0, -1);

describe('Parquet logs as JSON lines', () => {
  it.each(['snappy', 'gzip', 'zstd'])('render each row losslessly, row group by row group (%s)', async (codec) => {
    const path = join(dir, `values-${codec}.parquet`);
    writeWithPyarrow(
      path,
      `
n = 30
ts = [datetime.datetime(2026, 3, 1, 12, 0, 0, 123456, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))] * n
t = pa.table({
  'id': pa.array([2**63 - 1] + [i for i in range(1, n)], pa.int64()),
  'timestamp': pa.array(ts, pa.timestamp('us', tz='Europe/Paris')),
  'input': pa.array([{'user': f'u{i % 3}', 'amount': 20.0 if i == 0 else (float('nan') if i == 1 else i + 0.25),
                      'count': i, 'note': None if i % 2 else 'x', 'flag': i % 2 == 0, 'tags': ['a', 'b'][: i % 3]}
                     for i in range(n)]),
  'served': pa.array([{'score': float('inf') if i == 2 else 1.0, 'n': None} for i in range(n)]),
})
pq.write_table(t, out, row_group_size=7, compression='${codec}')
`,
    );
    const { text, error } = await read(logLineSource(path, { contract }));
    expect(error).toBeUndefined();
    const rows = lines(text);
    expect(rows).toHaveLength(30);
    expect(rows[0]).toBe(
      '{"id":9223372036854775807,"timestamp":"2026-03-01T10:00:00.123456Z","input":{"user":"u0","amount":20.0,"count":0,"note":"x","flag":true,"tags":[]},"served":{"score":1.0,"n":null}}',
    );
    expect(rows[1]).toContain('"amount":NaN');
    expect(rows[2]).toContain('"served":{"score":Infinity,"n":null}');
    expect(parseLosslessJson(rows[0] as string)).toMatchObject({ id: 2n ** 63n - 1n });
    expect(parseLosslessJson(rows[29] as string)).toMatchObject({ id: 29, input: { amount: 29.25, tags: ['a', 'b'] } });
  });

  it('place flat columns by the contract and the field names: input fields, <served field>.<feature>, the rest top-level', async () => {
    const path = join(dir, 'flat.parquet');
    writeWithPyarrow(
      path,
      `
t = pa.table({'request_id': ['r1'], 'at': [1772366400000], 'user': ['u1'], 'amount': [3.0], 'count': [2], 'note': [None],
              'flag': [False], 'features.score': [0.5], 'other': ['kept'], 'blob': pa.array([b'\\x00\\xff'], pa.binary())})
pq.write_table(t, out)
`,
    );
    const source = logLineSource(path, { contract, format: { servedField: 'features', timestampField: 'at' } });
    expect(lines((await read(source)).text)).toEqual([
      '{"request_id":"r1","at":1772366400000,"other":"kept","blob":"AP8=","input":{"user":"u1","amount":3.0,"count":2,"note":null,"flag":false},"features":{"score":0.5}}',
    ]);
  });

  it('take input and served columns written as JSON text as they are', async () => {
    const path = join(dir, 'json-text.parquet');
    writeWithPyarrow(
      path,
      `
t = pa.table({'timestamp': [1, 2], 'input': ['{"user": "u1",\\n "amount": 20.0, "id": 9223372036854775807}', 'oops'],
              'served': ['{"score": 1.0}', None]})
pq.write_table(t, out)
`,
    );
    expect(lines((await read(logLineSource(path, { contract }))).text)).toEqual([
      '{"timestamp":1,"input":{"user": "u1",  "amount": 20.0, "id": 9223372036854775807},"served":{"score": 1.0}}',
      '{"timestamp":2,"input":"oops","served":null}',
    ]);
  });

  it('a corrupt row group ends the source after the rows before it, saying which group', async () => {
    const path = join(dir, 'corrupt.parquet');
    writeWithPyarrow(
      path,
      `
t = pa.table({'input': pa.array([{'user': f'u{i}', 'amount': float(i), 'count': i, 'note': 'n' * 40, 'flag': True} for i in range(30)])})
pq.write_table(t, out, row_group_size=10, compression='none', use_dictionary=False)
meta = pq.ParquetFile(out).metadata
start = meta.row_group(1).column(0).data_page_offset
data = bytearray(open(out, 'rb').read())
data[start:start + 64] = b'\\xff' * 64
open(out, 'wb').write(bytes(data))
`,
    );
    const { text, error } = await read(logLineSource(path, { contract }));
    expect(lines(text)).toHaveLength(10);
    expect(error).toMatch(/^row group 2 of 3 \(rows 11–20\) cannot be read: /);
  });

  it('yields the first 64 rows on their own, so that a look at the first lines stops early', async () => {
    // One row group of 2,000 rows: the first chunk holds the first 64 lines (what the check of named log fields reads:
    // it stops there), then the rest follow.
    const path = join(dir, 'first-rows.parquet');
    writeWithPyarrow(
      path,
      `
n = 2000
t = pa.table({'user': [f'u{i}' for i in range(n)], 'amount': [float(i) for i in range(n)], 'count': list(range(n)),
              'note': ['n' * 40] * n, 'flag': [True] * n})
pq.write_table(t, out, row_group_size=n)
`,
    );
    const chunks: string[] = [];
    for await (const chunk of logLineSource(path, { contract }).open()) chunks.push(Buffer.from(chunk).toString());
    expect(lines(chunks[0] as string)).toHaveLength(64);
    expect(lines(chunks[0] as string)[0]).toContain('"user":"u0"');
    const all = chunks.flatMap((c) => lines(c));
    expect(all).toHaveLength(2000);
    expect(all[64]).toContain('"user":"u64"');
    await expect(
      checkNamedLogFields(path, { fields: { idField: 'count' }, namedBy: {} }, logLineSource(path, { contract })),
    ).resolves.toBeUndefined();
  });

  it('refuses a file that is not Parquet, or is cut short, naming it (exit 2 in the CLI)', async () => {
    const fake = join(dir, 'fake.parquet');
    writeFileSync(fake, '{"id":1}\n');
    await expect(checkLogContent(fake, 'runReplay')).rejects.toMatchObject({
      code: 'SKEW_LOG_UNREADABLE',
      message: expect.stringContaining(`runReplay: ${fake} is not a readable Parquet file`),
    });
    const cut = join(dir, 'cut.parquet');
    writeWithPyarrow(
      cut,
      `pq.write_table(pa.table({'a': list(range(1000))}), out)\ndata = open(out, 'rb').read()\nopen(out, 'wb').write(data[: len(data) // 2])`,
    );
    await expect(checkLogContent(cut, 'runReplay')).rejects.toMatchObject({ code: 'SKEW_LOG_UNREADABLE' });
  });
});

describe('CSV logs as JSON lines', () => {
  const header = 'id,timestamp,user,amount,count,note,flag,tags,served.score,served.n';

  it('type cells by the contract, count quoted newlines as one row, and keep rows of the wrong width as invalid records', async () => {
    const path = join(dir, 'log.csv');
    writeFileSync(
      path,
      [
        header,
        '007,2026-03-01T00:00:00Z,u1,20,3,,true,"[""a""]",1,',
        '2,1772366400000,u2,12.5,4,"two\nlines",0,,nan,5',
        '',
        '3,1772366400000,u3,x,4,n,false,,1.5,1,extra',
        '4,1772366400000,u4,,4,n,false,,1.5,1',
      ].join('\n'),
    );
    const { text, error } = await read(logLineSource(path, { contract }));
    expect(error).toBeUndefined();
    expect(lines(text)).toEqual([
      '{"id":"007","timestamp":"2026-03-01T00:00:00Z","input":{"user":"u1","amount":20.0,"count":3,"note":null,"flag":true,"tags":["a"]},"served":{"score":1.0,"n":null}}',
      '{"id":2,"timestamp":1772366400000,"input":{"user":"u2","amount":12.5,"count":4,"note":"two\\nlines","flag":false},"served":{"score":NaN,"n":5}}',
      '',
      '{"input":"CSV row (ending on line 6 of the file) has 11 fields where the header has 10"}',
      '{"id":4,"timestamp":1772366400000,"input":{"user":"u4","amount":null,"count":4,"note":"n","flag":false},"served":{"score":1.5,"n":1}}',
    ]);
  });

  it('place columns by the field names given (--served-field, --timestamp-field, --id-field)', async () => {
    const path = join(dir, 'named.csv');
    writeFileSync(path, 'request_id,at,user,amount,count,note,flag,features.score\nr1,1772366400000,u1,3,2,,0,0.5\n');
    const format = { servedField: 'features', timestampField: 'at', idField: 'request_id' };
    expect(lines((await read(logLineSource(path, { contract, format }))).text)).toEqual([
      '{"request_id":"r1","at":1772366400000,"input":{"user":"u1","amount":3.0,"count":2,"note":null,"flag":false},"features":{"score":0.5}}',
    ]);
  });

  it('take an input column of JSON text as it is (20.0 stays a float)', async () => {
    const path = join(dir, 'json-input.csv');
    writeFileSync(path, 'timestamp,input\n1,"{""user"":""u1"",""amount"":20.0}"\n');
    expect(lines((await read(logLineSource(path, { contract }))).text)).toEqual([
      '{"timestamp":1,"input":{"user":"u1","amount":20.0}}',
    ]);
  });

  it('reads .csv.gz, and a CSV cut inside a quote ends the source after the rows before it', async () => {
    const gz = join(dir, 'log.csv.gz');
    writeFileSync(gz, gzipSync(`${header}\n1,1,u1,1,1,n,true,,1,1\n`));
    expect(lines((await read(logLineSource(gz, { contract }))).text)).toHaveLength(1);
    const cut = join(dir, 'cut.csv');
    writeFileSync(cut, `${header}\n1,1,u1,1,1,n,true,,1,1\n2,1,u1,1,1,"unclosed\n`);
    const { text, error } = await read(logLineSource(cut, { contract }));
    expect(lines(text)).toHaveLength(1);
    expect(error).toMatch(/^CSV cannot be read on: Quote Not Closed/);
  });
});
