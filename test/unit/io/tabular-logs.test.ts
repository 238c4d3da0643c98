import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.ts';
import type { ReplayReport } from '../../../src/replay/replay-report.ts';
import { type RunReplayOptions, runReplay } from '../../../src/runner/run-replay.ts';
import { writeWithPyarrow } from './_pyarrow.ts';

const EXAMPLE = new URL('../../../examples/card-fraud/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'lockstep-tabular-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROWS = 400;
/** Rows (1-based) whose amount breaks the contract (min 0): invalid in every format, at the same row. */
const NEGATIVE = [7, 150, 399];

const paths = {
  jsonl: join(dir, 'log.jsonl'),
  nested: join(dir, 'nested.parquet'),
  flat: join(dir, 'flat.parquet'),
  csv: join(dir, 'log.csv'),
};

beforeAll(() => {
  const lines = readFileSync(join(EXAMPLE, 'logs/sample.jsonl'), 'utf8').trim().split('\n').slice(0, ROWS);
  const records = lines.map((line, i) => {
    const record = JSON.parse(line);
    if (NEGATIVE.includes(i + 1)) record.input.amount = -5.5;
    return record;
  });
  writeFileSync(paths.jsonl, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  writeWithPyarrow(
    dir,
    `
import json, csv, os
records = [json.loads(l) for l in open(os.path.join(out, 'log.jsonl'))]
for r in records:
    r['input']['amount'] = float(r['input']['amount'])
    for k in ('log_amount', 'amount_sum_7d', 'avg_amount_prev_7d'):
        if r['served'].get(k) is not None:
            r['served'][k] = float(r['served'][k])
nested = pa.Table.from_pylist(records)
pq.write_table(nested, os.path.join(out, 'nested.parquet'), row_group_size=64, compression='snappy')
flat_rows = [{'timestamp': r['timestamp'], **r['input'], **{'served.' + k: v for k, v in r['served'].items()}} for r in records]
flat = pa.Table.from_pylist(flat_rows)
pq.write_table(flat, os.path.join(out, 'flat.parquet'), row_group_size=50, compression='zstd')
def cell(v):
    if v is None: return ''
    if isinstance(v, bool): return 'true' if v else 'false'
    return repr(v) if isinstance(v, float) else str(v)
with open(os.path.join(out, 'log.csv'), 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(list(flat_rows[0].keys()))
    for row in flat_rows: w.writerow([cell(v) for v in row.values()])
`,
  );
}, 120_000);

async function replay(log: string, extra: Partial<RunReplayOptions> = {}): Promise<ReplayReport> {
  const config = await loadConfig(`${EXAMPLE}lockstep.in-process.config.ts`, EXAMPLE);
  const summary = await runReplay({ config, cwd: EXAMPLE, reporters: [], logs: [log], minimizeSteps: 0, ...extra });
  return summary.reports[0] as ReplayReport;
}

/** What must not depend on the log's format: everything but timings, byte offsets and excerpts. */
function essence(report: ReplayReport) {
  return {
    counts: report.counts,
    invalid: report.invalid.map(({ line, reason, path, message }) => ({ line, reason, path, message })),
    sourceErrors: report.sourceErrors,
    features: report.features,
    classes: report.classes.map((c) => ({
      feature: c.feature,
      kind: c.kind,
      cause: c.cause,
      count: c.count,
      lines: c.examples.map((e) => e.line),
    })),
  };
}

describe('Parquet and CSV logs', () => {
  it('replay exactly as the same log in JSON Lines: counts, invalid rows, classes and example lines', async () => {
    const expected = essence(await replay(paths.jsonl));
    expect(expected.counts.read).toBe(ROWS);
    expect(expected.invalid.map((i) => i.line)).toEqual(NEGATIVE);
    expect(expected.classes.length).toBeGreaterThan(0);
    for (const log of [paths.nested, paths.flat, paths.csv]) {
      expect({ log, ...essence(await replay(log)) }).toEqual({ log, ...expected });
    }
  }, 240_000);

  it('report CSV cells that do not read as their type, and rows of the wrong width, at their row', async () => {
    const csv = readFileSync(paths.csv, 'utf8').split('\r\n'); // Python's csv writer ends rows with CRLF
    const [header, ...rows] = csv;
    const width = (header as string).split(',').length;
    const broken = [
      header,
      rows[0],
      (rows[1] as string).replace(/,50\.08,|,\d+\.\d+,/, ',abc,'),
      `${rows[2]},extra`,
      rows[3],
    ];
    const path = join(dir, 'broken.csv');
    writeFileSync(path, `${broken.join('\n')}\n`);
    const report = await replay(path);
    expect(report.counts).toMatchObject({ read: 4, invalid: 2 });
    expect(report.invalid.map(({ line, reason, message }) => ({ line, reason, message }))).toEqual([
      { line: 2, reason: 'schema', message: 'input.amount: Invalid input: expected number, received string' },
      { line: 3, reason: 'record', message: 'field "input" is missing or not an object' },
    ]);
    expect(report.invalid[1]?.excerpt).toContain(`has ${width + 1} fields where the header has ${width}`);
  }, 120_000);

  it('replay the rows before a corrupt row group and report where the log stopped; with workers, read in one thread', async () => {
    const path = join(dir, 'corrupt.parquet');
    writeWithPyarrow(
      path,
      `
import shutil
shutil.copy('${paths.nested}', out)
meta = pq.ParquetFile(out).metadata
start = meta.row_group(2).column(0).data_page_offset
data = bytearray(open(out, 'rb').read())
data[start:start + 64] = b'\\xff' * 64
open(out, 'wb').write(bytes(data))
`,
    );
    const threads: string[] = [];
    const report = await replay(path, {
      workers: 2,
      reporters: [{ onContractStart: (info: { threads: string }) => void threads.push(info.threads) }],
    });
    expect(report.counts.read).toBe(128);
    expect(report.sourceErrors).toEqual([
      {
        source: path,
        afterLine: 128,
        message: expect.stringMatching(/^row group 3 of 7 \(rows 129–192\) cannot be read/),
      },
    ]);
    expect(threads).toEqual([
      `this thread: --workers splits JSON Lines logs only, and ${path} is Parquet (read by one reader)`,
    ]);
  }, 120_000);
});
