import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFsSpillStore } from '../../../src/io/fs-spill-store.ts';
import { logLineSource } from '../../../src/io/log-source-for.ts';
import type { LogFormat } from '../../../src/replay/log-format.ts';
import { replayContract } from '../../../src/replay/replay.ts';
import { columnarContract, fixtureSides } from './_columnar-contract.ts';
import { comparable } from './_comparable-report.ts';

// Random JSON-lines logs, each replayed column by column and on the row path: the two reports must be equal. The logs
// hold what real ones do now and then: a value of the wrong type in any field (a number for a timestamp, an object,
// an integer beyond int64), escapes and non-ASCII text, duplicate keys, a line cut short, blanks around a line,
// top-level fields the contract does not read, records out of time order.

const dir = mkdtempSync(join(tmpdir(), 'lockstep-columnar-differential-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const contract = columnarContract;

/** A seeded generator (the same logs every run). */
function generator(seed: number) {
  let x = seed;
  const next = () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T };
}

type Gen = ReturnType<typeof generator>;

const ODD_VALUES = [
  'null',
  '"x"',
  '1.5',
  '-0',
  '1e21',
  '12345678901234567890',
  'true',
  '{}',
  '[]',
  '"é"',
  '"💥"',
  '0',
  '3',
];

/** An instant's text, now and then in another form than `toISOString`'s: no fraction, microseconds, an offset. */
function timeText(g: Gen, iso: string): string {
  if (g.next() > 0.1) return iso;
  return g.pick([
    `${iso.slice(0, 19)}Z`,
    `${iso.slice(0, 23)}417Z`,
    `${iso.slice(0, 23)}000+00:00`,
    `${iso.slice(0, 22)}Z`,
  ]);
}

/** Line `i`'s text; `top`: the log names its timestamp, entity and id at the top level (`at`, `who`, `rid`). */
function lineOf(g: Gen, i: number, top: boolean): string {
  const base = 1_700_000_000_000;
  const input: Record<string, string> = {
    id: String(i + 1),
    user: g.next() < 0.01 ? `"u${i % 5}"` : String(i % 13),
    ts: JSON.stringify(timeText(g, new Date(base + i * 997 - (g.next() < 0.1 ? 50_000 : 0)).toISOString())),
    amount: String(g.pick([Math.round(g.next() * 1e5) / 100, 1, 0, 1e-7, 123456.789])),
    qty: String(g.pick([0, 1, 2, 3, 4, 5, 99])),
    kind: JSON.stringify(g.pick(['a', 'b', 'c'])),
    note: g.pick(['null', '"n"', '"é"', '"x\\\\y"', '"日本"', '"boom"', `"n${i}"`, '"\\u0001"', '"\\u00e9\\n"']),
    flag: String(g.next() < 0.5),
  };
  if (g.next() < 0.03) input[g.pick(Object.keys(input))] = g.pick(ODD_VALUES);
  let fields = Object.entries(input).map(([k, v]) => `"${k}":${v}`);
  if (g.next() < 0.02) fields = fields.map((f) => (f.startsWith('"kind"') ? `"kind":"a",${f}` : f));
  let head = g.next() < 0.02 ? '"served":{"a":1},' : '';
  if (top) {
    const at = g.next() < 0.02 ? g.pick(['null', '0', '"x"']) : JSON.stringify(new Date(base + i * 333).toISOString());
    const who = g.next() < 0.05 ? g.pick(['null', '"é"', '""', '7', '"7"', '{}', '1.5']) : `"w${i % 9}"`;
    const rid = g.next() < 0.05 ? g.pick(['null', '"r1"', '12345678901234567890', '1.5']) : `"r${i}"`;
    head += `"at":${at},"who":${who},"rid":${rid},`;
  }
  let line = `{${head}"input":{${fields.join(',')}}}`;
  if (g.next() < 0.01) line = line.slice(0, -3);
  if (g.next() < 0.01) line = ` ${line}\t`;
  return line;
}

interface Case {
  readonly seed: number;
  readonly top?: boolean;
  readonly logs?: 1 | 2;
  readonly columnarMaxRows?: number;
  readonly answers?: 'in-order' | 'by-id';
}

async function replay(paths: readonly string[], format: Partial<LogFormat>, c: Case, columnar: boolean) {
  return replayContract({
    contract,
    sides: fixtureSides(contract, c.answers ?? 'in-order'),
    sources: paths.map((p) => logLineSource(p, { contract, format })),
    spill: () => createFsSpillStore(),
    format,
    batchSize: 64,
    columnar,
    ...(c.columnarMaxRows === undefined ? {} : { columnarMaxRows: c.columnarMaxRows }),
  });
}

const CASES: readonly Case[] = [
  { seed: 5 },
  { seed: 41, answers: 'by-id' },
  { seed: 41, top: true, columnarMaxRows: 70 },
  { seed: 31, logs: 2, columnarMaxRows: 150, top: true },
  { seed: 21, logs: 2, answers: 'by-id' },
];

describe('random JSON-lines logs, column by column and on the row path', () => {
  for (const c of CASES) {
    it(`give the same report: ${JSON.stringify(c)}`, async () => {
      const g = generator(c.seed);
      const lines = Array.from({ length: 300 + Math.floor(g.next() * 300) }, (_, i) => lineOf(g, i, c.top === true));
      const paths = [lines, lines.slice(0, 150).reverse()].slice(0, c.logs ?? 1).map((ls, k) => {
        const path = join(dir, `${JSON.stringify(c).replace(/\W+/g, '-')}-${k}.jsonl`);
        writeFileSync(path, `${ls.join('\n')}\n`);
        return path;
      });
      const format = c.top === true ? { timestampField: 'at', entityField: 'who', idField: 'rid' } : {};
      const rows = await replay(paths, format, c, false);
      const columns = await replay(paths, format, c, true);
      // The columnar path ran (the logs hold nothing it leaves to the row path), and found what the row path found.
      expect(columns.columnar?.used).toBe(true);
      expect(columns.counts.invalid).toBeGreaterThan(0);
      expect(columns.counts.diverged).toBeGreaterThan(0);
      expect(comparable(columns)).toEqual(comparable(rows));
    }, 120_000);
  }
});
