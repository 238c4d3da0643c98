import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { createFsSpillStore } from '../../../src/io/fs-spill-store.ts';
import { logLineSource } from '../../../src/io/log-source-for.ts';
import type { LogFormat } from '../../../src/replay/log-format.ts';
import { type ReplayProgress, replayContract } from '../../../src/replay/replay.ts';
import { columnarContract, fixtureSides } from './_columnar-contract.ts';
import { comparable } from './_comparable-report.ts';

const dir = mkdtempSync(join(tmpdir(), 'lockstep-columnar-jsonl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const contract = columnarContract;
type Row = Record<string, unknown>;

/**
 * 600 records of 40 users, interleaved, some out of time order within a user, as `{"input": {...}}` lines: invalid
 * records (NaN amount, qty above its max, a kind outside the enum, no user, no timestamp), a duplicate id, two records
 * the serving side errors (the fixture's Parquet log, written as JSON lines).
 */
function records(n = 600): Row[] {
  const base = 1_700_000_000_000;
  return Array.from({ length: n }, (_, i) => ({
    id: i === 100 ? 61 : i + 1,
    user: i === 40 ? null : i % 40,
    ts: i === 50 ? null : new Date(base + i * 1000 + (i % 3) - (i % 11 === 0 ? 5000 : 0)).toISOString(),
    amount: i === 10 ? Number.NaN : Math.round((1 + ((i * 37) % 100) / 7) * 1000) / 1000,
    qty: i === 20 ? 500 : i % 6,
    kind: i === 30 ? 'z' : 'abc'[i % 3],
    note: i === 200 || i === 201 ? 'boom' : i % 5 === 0 ? null : `n${i}`,
    flag: i % 4 === 0,
  }));
}

/** A record's line: its input, and whatever else `top` puts at the top level. Python's `NaN` token for NaN. */
function line(input: Row, top: Row = {}): string {
  return JSON.stringify({ ...top, input }, (_, v) =>
    typeof v === 'number' && Number.isNaN(v) ? '\u0000NaN' : v,
  ).replaceAll('"\\u0000NaN"', 'NaN');
}

function write(name: string, lines: readonly string[], end = '\n'): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => l + end).join(''));
  return path;
}

async function replay(
  paths: string | readonly string[],
  options: {
    readonly columnar: boolean;
    readonly format?: Partial<LogFormat>;
    readonly columnarMaxRows?: number;
    readonly contract?: typeof contract;
  },
) {
  const c = options.contract ?? contract;
  const format = options.format ?? {};
  const phases = new Set<string>();
  const report = await replayContract({
    contract: c,
    sides: fixtureSides(c),
    sources: (typeof paths === 'string' ? [paths] : paths).map((p) => logLineSource(p, { contract: c, format })),
    spill: () => createFsSpillStore(),
    format,
    batchSize: 64,
    columnar: options.columnar,
    ...(options.columnarMaxRows === undefined ? {} : { columnarMaxRows: options.columnarMaxRows }),
    onProgress: (p: ReplayProgress) => phases.add(p.phase),
  });
  return { report, partitioned: phases.has('partition') };
}

/** Replays `paths` both ways: the columnar path's report must be the row path's. */
async function bothWays(
  paths: string | readonly string[],
  options: Omit<Parameters<typeof replay>[1], 'columnar'> = {},
) {
  const rows = await replay(paths, { ...options, columnar: false });
  const columns = await replay(paths, { ...options, columnar: true });
  expect(comparable(columns.report)).toEqual(comparable(rows.report));
  return { rows: rows.report, columns: columns.report, partitioned: columns.partitioned };
}

const plain = records().map((r) => line(r));
// Lines the row path finds invalid before it reads a field: not JSON, no input, an empty input, not an object, an input that is not an
// object, a required field absent; and a field the contract does not declare (stripped: the record stays valid).
const odd = [...plain];
odd[3] = '{"input": {"id": 4, "user": 3,';
odd[7] = '{"input": {}, "note": "\u2028"}';
odd[8] = '{}';
odd[12] = '[1, 2]';
odd[13] = '{"input": "a string"}';
odd[14] = '"{\\"input\\": {}}"';
odd[15] = line(Object.fromEntries(Object.entries(records()[15] as Row).filter(([k]) => k !== 'qty')));
odd[16] = line({ ...(records()[16] as Row), extra: { any: 'thing' } });

/** The fixture contract with its time in an input field named `timestamp` (the record's time), of this schema. */
function timedContract(name: string, timestamp: z.ZodType): typeof contract {
  const { ts: _, ...shape } = (contract.input as unknown as z.ZodObject<z.ZodRawShape>).shape;
  return defineContract({
    ...contract,
    name,
    timestamp: 'timestamp',
    input: z.object({ ...shape, timestamp }),
  } as Parameters<typeof defineContract>[0]) as unknown as typeof contract;
}

describe('columnar replay of JSON lines', () => {
  it('reads a JSON-lines log column by column and gives the row path report: skews, nulls, NaN, invalid lines', async () => {
    const path = write('log.jsonl', odd);
    const { rows, columns, partitioned } = await bothWays(path);
    expect(partitioned).toBe(false); // the columnar path ran: no partitions
    expect(columns.columnar).toEqual({ used: true });
    expect(rows.columnar).toEqual({ used: false, because: 'the row path was asked for (columnar: false)' });
    expect(columns.counts).toMatchObject({ read: 600, invalid: 12, duplicateIds: 1, errored: 2 });
    expect(columns.counts.invalidByReason).toEqual({ json: 1, record: 6, schema: 5 });
    expect(columns.counts.diverged).toBeGreaterThan(100);
    expect(columns.invalid.map((i) => i.line)).toEqual([4, 8, 9, 11, 13, 14, 15, 16, 21, 31, 41, 51]);
    // Byte offsets count the file's own bytes: line 4 starts after three lines and their newlines.
    const bytes = (lines: readonly string[]) => lines.reduce((sum, l) => sum + Buffer.byteLength(l) + 1, 0);
    expect(columns.invalid[0]).toMatchObject({ reason: 'json', byteOffset: bytes(odd.slice(0, 3)) });
  }, 120_000);

  it('reads the timestamp, the record id and the entity from top-level fields the log format names', async () => {
    // Each record's top-level time differs from its input's; ids and entities are strings; the last line has no
    // newline.
    const lines = records().map((r, i) =>
      line(r, {
        when: new Date(1_700_000_000_000 + ((i * 7919) % 600) * 1000).toISOString(),
        rid: `r-${i % 200}`,
        who: r.user === null ? null : `u"${r.user}ü`,
      }),
    );
    const path = join(dir, 'named.jsonl');
    writeFileSync(path, lines.join('\n'));
    const format = { timestampField: 'when', idField: 'rid', entityField: 'who' };
    const { columns } = await bothWays(path, { format });
    expect(columns.columnar).toEqual({ used: true });
    expect(columns.counts.read).toBe(600);
    expect(columns.counts.duplicateIds).toBeGreaterThan(0);
    expect(columns.counts.invalid).toBe(5);
  }, 120_000);

  it('reads a top-level entity field of numbers, texts and other values as the row path does: by its key text', async () => {
    // Entities written as integers, now and then as the same integer in quotes (one entity with it), as a float, as an
    // integer beyond 2^64, as an object, as an empty text.
    const odd: Record<number, unknown> = { 7: 1.5, 9: 123456789012345678901n, 11: { a: 1 }, 13: '' };
    const lines = records().map((r, i) => {
      const who = i in odd ? odd[i] : i % 5 === 0 ? String(i % 17) : i % 17;
      return line(r, { who: '@' }).replace('"@"', typeof who === 'bigint' ? String(who) : JSON.stringify(who));
    });
    const { columns } = await bothWays(write('numeric-entity.jsonl', lines), { format: { entityField: 'who' } });
    expect(columns.columnar).toEqual({ used: true });
    expect(columns.counts.read).toBe(600);
  }, 120_000);

  it("reads a log whose timestamp is an input field named like the log format's timestamp field", async () => {
    const timed = timedContract('columnar-timed', z.iso.datetime());
    const lines = records().map(({ ts, ...r }) => line({ ...r, timestamp: ts }));
    const { columns } = await bothWays(write('timed.jsonl', lines), { contract: timed });
    expect(columns.columnar).toEqual({ used: true });
    expect(columns.counts).toMatchObject({ read: 600, invalid: 5 });
  }, 120_000);

  it('reads timestamps written as Python writes them (offsets, microseconds, no fraction) by their logged text', async () => {
    // The timestamp is an input field (and the record's time); its texts take every form the contract's `offset: true`
    // accepts. The sides get each instant to the microsecond; the input counts and checks see the text as logged.
    const pythonic = timedContract('columnar-pythonic', z.iso.datetime({ offset: true }));
    const forms = [
      (iso: string) => iso, // 2023-11-14T22:13:20.000Z, as the columns render it
      (iso: string) => `${iso.slice(0, 23)}000+00:00`, // datetime.isoformat() of an aware UTC time
      (iso: string) => `${iso.slice(0, 19)}+00:00`, // the same, no microseconds
      (iso: string) => `${iso.slice(0, 23)}417Z`, // microseconds
      (iso: string) => `${iso.slice(0, 19)}Z`, // no fraction
      (iso: string) =>
        `${iso.slice(0, 11)}${String((Number(iso.slice(11, 13)) + 5) % 24).padStart(2, '0')}${iso.slice(13, 23)}+05:00`,
    ];
    const lines = records().map(({ ts, ...r }, i) => {
      const form = forms[i % forms.length] as (iso: string) => string;
      return line({ ...r, timestamp: ts === null ? null : form(ts as string) });
    });
    const path = write('pythonic.jsonl', lines);
    const { columns } = await bothWays(path, { contract: pythonic });
    expect(columns.columnar).toEqual({ used: true });
    expect(columns.counts).toMatchObject({ read: 600, invalid: 5 });
    // A contract without `offset: true` rejects the texts with an offset (half the records): checked as logged.
    const strict = timedContract('columnar-strict', z.iso.datetime());
    const { columns: checked } = await bothWays(path, { contract: strict });
    expect(checked.columnar).toEqual({ used: true });
    expect(checked.counts.invalid).toBeGreaterThan(250);
  }, 120_000);

  it('reads a log longer than columnarMaxRows in parts, two logs one after the other: the row path report', async () => {
    const path = write('parts.jsonl', odd);
    const parted = await bothWays([path, path], { columnarMaxRows: 500 });
    expect(parted.columns.columnar).toEqual({ used: true, parts: 3 });
    expect(parted.columns.counts.read).toBe(1200);
    const second = parted.columns.invalid.find((i) => i.line > 600);
    expect(second?.line).toBe(604);
    expect(second?.byteOffset).toBe(parted.columns.invalid[0]?.byteOffset);
  }, 240_000);

  it('reads a log whose timestamp input field holds values its schema rejects: those records are invalid', async () => {
    // A number, an object, a text that is no instant, an integer beyond 2^64 and a date with no time, in place of a
    // `ts` the contract checks as an ISO date-time: the row path finds those records invalid, the rest are replayed.
    const rs = records();
    const bad: Record<number, string> = { 2: '0', 5: '{}', 8: '"é"', 11: '123456789012345678901', 14: '"2023-11-14"' };
    const lines = plain.map((l, i) =>
      bad[i] === undefined ? l : line({ ...(rs[i] as Row), ts: '@' }).replace('"@"', bad[i] as string),
    );
    const { columns } = await bothWays(write('bad-ts.jsonl', lines));
    expect(columns.columnar).toEqual({ used: true });
    expect(columns.invalid.map((i) => i.line)).toEqual(expect.arrayContaining([3, 6, 9, 12, 15]));
    expect(columns.counts.invalid).toBe(10); // with the five of records()
  }, 120_000);

  it('refuses to both sides, as the row path does, a record with an integer beyond int64 in an int64 field', async () => {
    // A frame cannot carry 2^64 - 1 as an int64 (a column of them would wrap it to -1): each side refuses the record
    // with int64_overflow and computes the rest of its batch.
    const lines = plain.map((l, i) => (i === 220 ? l.replace('"id":221', '"id":18446744073709551615') : l));
    const { columns } = await bothWays(write('wide-id.jsonl', lines));
    expect(columns.columnar).toEqual({ used: true });
    expect(columns.counts.errored).toBe(3); // with the two records the serving side errors
    const refused = columns.classes.find((c) => c.cause?.startsWith('training: int64_overflow'));
    expect(refused?.examples[0]?.line).toBe(221);
  }, 120_000);

  it('leaves to the row path, saying why, a log the columns cannot hold as the row path reads it', async () => {
    const input = contract.input as unknown as z.ZodObject<z.ZodRawShape>;
    const optional = defineContract({
      ...contract,
      name: 'columnar-optional',
      input: input.extend({ note: z.string().nullable().optional() }),
    } as Parameters<typeof defineContract>[0]) as unknown as typeof contract;
    const keeping = defineContract({
      ...contract,
      name: 'columnar-keep',
      extraFields: 'keep',
    } as Parameters<typeof defineContract>[0]) as unknown as typeof contract;
    const rs = records();
    const swap = ({ id, user, ...rest }: Row): Row => ({ user, id, ...rest });
    const cases: [string, string, Omit<Parameters<typeof replay>[1], 'columnar'>, string][] = [
      [
        'blank.jsonl',
        [...plain.slice(0, 9), '', ...plain.slice(9)].join('\n'),
        {},
        'line 10 is blank (the row path counts blank lines apart from records)',
      ],
      [
        'crlf.jsonl',
        plain.join('\r\n'),
        {},
        "line 1 ends with CR LF (a row's byte offset is counted with one byte of line end)",
      ],
      [
        'absent.jsonl',
        plain
          .map((l, i) =>
            i === 5 ? line(Object.fromEntries(Object.entries(rs[5] as Row).filter(([k]) => k !== 'note'))) : l,
          )
          .join('\n'),
        { contract: optional },
        'line 6: its input has no field "note" (a column holds a value or null in every row)',
      ],
      [
        'order.jsonl',
        plain.map((l, i) => (i === 2 ? line(swap(rs[2] as Row)) : l)).join('\n'),
        {},
        "line 3: its input's fields are in another order than line 1's",
      ],
      [
        'top-id.jsonl',
        plain.map((l, i) => (i === 4 ? line(rs[4] as Row, { id: 'x' }) : l)).join('\n'),
        {},
        'line 5: its id field "id" is both in the record and in its input',
      ],
      [
        'kept.jsonl',
        plain.map((l, i) => (i === 6 ? line({ ...(rs[6] as Row), extra: 1 }) : l)).join('\n'),
        { contract: keeping },
        'line 7: its input has the undeclared field "extra", which the contract keeps',
      ],
      ['bom.jsonl', `\ufeff${plain.join('\n')}`, {}, 'the log starts with a byte-order mark'],
    ];
    for (const [name, text, options, why] of cases) {
      const path = join(dir, name);
      writeFileSync(path, text);
      const { columns, rows } = await bothWays(path, options);
      expect(columns.columnar?.used, name).toBe(false);
      // The reason names the log and the line, in the words the terminal's `path` line shows.
      expect(columns.columnar?.because, name).toBe(why.startsWith('the log') ? why : `${path}, ${why}`);
      expect(rows.counts.read, name).toBeGreaterThanOrEqual(599);
    }
  }, 300_000);

  it('reads a compressed log as lines, and says what Parquet would save', async () => {
    const { gzipSync } = await import('node:zlib');
    const path = join(dir, 'log.jsonl.gz');
    writeFileSync(path, gzipSync(`${plain.join('\n')}\n`));
    const { report } = await replay(path, { columnar: true });
    expect(report.counts.read).toBe(600);
    expect(report.columnar?.used).toBe(false);
    expect(report.columnar?.because).toContain('uncompressed or as Parquet it would be read column by column');
  }, 120_000);
});
