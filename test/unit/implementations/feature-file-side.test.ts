import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { precomputedMissingCause } from '../../../src/compare/precomputed-missing.ts';
import { isSkewError } from '../../../src/errors.ts';
import { featureFileSide } from '../../../src/implementations/feature-file-side.ts';
import type { Side, SideOutcome, SideRecord } from '../../../src/implementations/side.ts';
import { writeWithPyarrow } from '../io/_pyarrow.ts';

const dir = mkdtempSync(join(tmpdir(), 'lockstep-feature-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Log records with these ids (undefined: a record with no id). */
function records(...ids: (string | undefined)[]): SideRecord[] {
  return ids.map((recordId, i) => ({
    id: String(i + 1),
    line: i + 1,
    entity: 'u',
    timestamp: 0,
    input: {},
    ...(recordId === undefined ? {} : { recordId }),
  }));
}

/** Starts the side, computes one batch, closes it; returns the outcomes and every diagnostic it told of. */
async function run(side: Side, batch: readonly SideRecord[]) {
  await side.start?.();
  const outcomes: readonly SideOutcome[] = await side.compute(batch);
  const diagnostics = [...(side.drainDiagnostics?.() ?? [])];
  await side.close?.();
  diagnostics.push(...(side.drainDiagnostics?.() ?? []));
  return { outcomes, messages: diagnostics.map((d) => `${d.kind}: ${d.message}`) };
}

function write(name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('featureFileSide over JSON Lines', () => {
  const path = write('features.jsonl', [
    '{"id":"r1","spend":12.5,"count":3,"big":9007199254740993,"avg":NaN,"last":null}',
    '{"id":"r2","spend":1,"count":1,"big":1,"avg":1,"last":"2026-03-01T00:00:00Z"}',
    '',
    '{"id":"r2","spend":999,"count":9,"big":9,"avg":9,"last":null}',
    '{"id":"r3","spend":0,"count":0,"big":0,"avg":0,"last":null}',
    '{"spend":5}',
    '{"id":4,"spend":4,"count":4,"big":4,"avg":4,"last":null}',
  ]);

  it('joins each record to the row with its id, exactly (int64 beyond 2^53, NaN, null), the first row of an id winning', async () => {
    const { outcomes } = await run(featureFileSide({ path }), records('r1', 'r2', '4'));

    expect(outcomes[0]).toEqual({
      features: { spend: 12.5, count: 3, big: 9007199254740993n, avg: Number.NaN, last: null },
    });
    expect(outcomes[1]).toEqual({
      features: { spend: 1, count: 1, big: 1, avg: 1, last: '2026-03-01T00:00:00Z' },
    });
    expect(outcomes[2]).toEqual({ features: { spend: 4, count: 4, big: 4, avg: 4, last: null } });
  });

  it('fails a record whose id the file lacks, or that has no id, in one class per file whatever the id', async () => {
    const { outcomes } = await run(featureFileSide({ path }), records('r9', undefined));
    const [missing, noId] = outcomes.map((o) => ('error' in o ? o.error : ''));

    expect(missing).toBe(
      `missing from precomputed features in ${path}: no row has id 'r9' (the batch job skipped this record, or ran over other logs)`,
    );
    expect(noId).toMatch(/the record has no id to join on \(the log's id field: --id-field, default "id"\)/);
    expect(precomputedMissingCause('training', missing as string)).toBe(
      `training: missing from precomputed features in ${path}`,
    );
    expect(precomputedMissingCause('training', `missing from precomputed features in ${path}: no row has id 'x'`)).toBe(
      precomputedMissingCause('training', missing as string),
    );
    expect(precomputedMissingCause('serving', noId as string)).toBe(
      `serving: missing from precomputed features in ${path} (records with no id)`,
    );
  });

  it('reports duplicate ids and rows with no id when it loads, and the rows no record joined when it closes', async () => {
    const { messages } = await run(featureFileSide({ path }), records('r1'));

    expect(messages).toEqual([
      `join: 1 row of ${path} repeats an id an earlier row has; the first row of each id is compared, the others ignored: 'r2' (rows 2, 3)`,
      `join: 1 row of ${path} has no id and joins no record (an id is a string or an integer): rows 5`,
      `join: 3 rows of ${path} matched no logged record (a log not replayed, a shard or sample of it, or ids the log lacks): ids 'r2', 'r3', '4'`,
    ]);
  });

  it('takes a nested features object, an id column of another name and gzip-compressed files', async () => {
    const gz = join(dir, 'nested.jsonl.gz');
    writeFileSync(
      gz,
      gzipSync(
        '{"request_id":"a","features":{"x":1,"y":[0.5,1.5]},"ts":"ignored"}\n{"request_id":"b","features":{"x":2,"y":[]}}\n',
      ),
    );
    const { outcomes, messages } = await run(featureFileSide({ path: gz, idField: 'request_id' }), records('b', 'a'));

    expect(outcomes).toEqual([{ features: { x: 2, y: [] } }, { features: { x: 1, y: [0.5, 1.5] } }]);
    expect(messages).toEqual([]);
  });

  it('refuses a missing file at start and a line that is not JSON, naming the file and line', async () => {
    const missing = featureFileSide({ path: join(dir, 'nope.parquet') });
    const bad = featureFileSide({ path: write('bad.jsonl', ['{"id":"a"}', '{"id":"b",']) });

    await expect(missing.start?.()).rejects.toMatchObject({
      code: 'SKEW_CONFIG_INVALID',
      message: expect.stringMatching(
        /^featureFileSide: features file .*nope\.parquet does not exist; run the batch job/,
      ),
    });
    const error = await bad.start?.().catch((e: unknown) => e);
    expect(isSkewError(error) && error.code).toBe('SKEW_LOG_UNREADABLE');
    expect((error as Error).message).toMatch(/^featureFileSide: .*bad\.jsonl line 2: bad JSON/);
  });

  it('refuses at start a file with no rows, or whose rows have no id in the id column named', async () => {
    const empty = featureFileSide({ path: write('empty.jsonl', []) });
    const otherId = featureFileSide({ path: write('other-id.jsonl', ['{"txn":"a","f":1}', '{"txn":"b","f":2}']) });
    await expect(empty.start?.()).rejects.toMatchObject({
      code: 'SKEW_IMPL_START',
      message: expect.stringMatching(/^featureFileSide: .*empty\.jsonl holds no rows/),
    });
    await expect(otherId.start?.()).rejects.toMatchObject({
      code: 'SKEW_IMPL_START',
      message: expect.stringMatching(
        /^featureFileSide: no row of .*other-id\.jsonl has an id in "id" \(2 rows\); name its id column with --features-id-field/,
      ),
    });
    const named = featureFileSide({ path: join(dir, 'other-id.jsonl'), idField: 'txn' });
    expect((await run(named, records('b'))).outcomes).toEqual([{ features: { f: 2 } }]);
  });
});

describe('featureFileSide over Parquet', () => {
  it('reads columns written by pyarrow: int64 ids and values (beyond 2^53 exact), NaN, null, timestamps; or the columns named', async () => {
    const path = join(dir, 'flat.parquet');
    writeWithPyarrow(
      path,
      `
utc = datetime.timezone.utc
pq.write_table(pa.table({
  'id': pa.array([10, 2**62, 10], pa.int64()),
  'count': pa.array([3, 2**53 + 1, 7], pa.int64()),
  'avg': pa.array([float('nan'), None, 1.0], pa.float64()),
  'at': pa.array([datetime.datetime(2026, 3, 1, 12, 0, 0, 123000, tzinfo=utc), None, None], pa.timestamp('us', tz='UTC')),
}), out, row_group_size=2)
`,
    );
    const { outcomes, messages } = await run(featureFileSide({ path }), records('10', String(2n ** 62n), '11'));
    const picked = await run(featureFileSide({ path, columns: ['count'] }), records('10'));
    const absent = featureFileSide({ path, columns: ['count', 'absent'] });

    expect(outcomes[0]).toEqual({ features: { count: 3, avg: Number.NaN, at: '2026-03-01T12:00:00.123Z' } });
    expect(outcomes[1]).toEqual({ features: { count: 2n ** 53n + 1n, avg: null, at: null } });
    expect(outcomes[2]).toMatchObject({ error: expect.stringContaining("no row has id '11'") });
    expect(messages).toEqual([
      `join: 1 row of ${path} repeats an id an earlier row has; the first row of each id is compared, the others ignored: '10' (rows 1, 3)`,
    ]);
    expect(picked.outcomes).toEqual([{ features: { count: 3 } }]);
    await expect(absent.start?.()).rejects.toMatchObject({
      code: 'SKEW_CONFIG_INVALID',
      message: `featureFileSide: ${path} has no column "absent" (it has: id, count, avg, at); fix columns: [...]`,
    });
  });

  it('reads a folder of part files as Spark writes it, with a features struct column', async () => {
    const folder = join(dir, 'spark.parquet');
    mkdirSync(folder);
    writeFileSync(join(folder, '_SUCCESS'), '');
    writeFileSync(join(folder, '.part-00000.parquet.crc'), 'not parquet');
    writeWithPyarrow(
      join(folder, 'part-00000.parquet'),
      `pq.write_table(pa.table({'id': ['a'], 'features': [{'x': 1, 'v': [1.0, 2.0]}]}), out)`,
    );
    writeWithPyarrow(
      join(folder, 'part-00001.parquet'),
      `pq.write_table(pa.table({'id': ['b'], 'features': [{'x': 2, 'v': [3.0]}]}), out)`,
    );
    const nested = await run(featureFileSide({ path: folder }), records('b', 'a'));

    expect(nested.outcomes).toEqual([{ features: { x: 2, v: [3] } }, { features: { x: 1, v: [1, 2] } }]);
    expect(nested.messages).toEqual([]);
  });
});
