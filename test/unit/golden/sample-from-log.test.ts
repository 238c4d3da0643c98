import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseLosslessJson } from '../../../src/codec/lossless-json.ts';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { type SampleGoldenOptions, sampleGoldenCases } from '../../../src/golden/sample-from-log.ts';
import { entitySide, recordSide } from '../../../src/implementations/in-process.ts';
import { createFsSpillStore } from '../../../src/io/fs-spill-store.ts';
import { fileLineSource } from '../../../src/io/line-source.ts';

const pay = defineContract({
  name: 'pay',
  version: '1.0.0',
  entity: 'user',
  timestamp: 'ts',
  input: z.object({ user: z.string(), ts: z.string(), amount: z.number(), kind: z.string() }),
  features: {
    kind: { type: 'category', values: ['card', 'cash'], oov: 'other' },
    doubled: { type: 'float' },
    big: { type: 'bool' },
  },
});

type Input = z.infer<typeof pay.input>;
const kindOf = (i: Input) => (i.kind === 'card' || i.kind === 'cash' ? i.kind : 'other');
const training = () =>
  recordSide(pay, (i: Input) => ({ kind: kindOf(i), doubled: i.amount * 2, big: i.amount > 100 }) as const);
// The serving side's planted bug: 100 is big.
const serving = () =>
  recordSide(pay, (i: Input) => ({ kind: kindOf(i), doubled: i.amount * 2, big: i.amount >= 100 }) as const);
const entityTraining = () =>
  entitySide(pay, (history) =>
    history.map(({ input: i }) => ({ kind: kindOf(i), doubled: i.amount * 2, big: i.amount > 100 }) as const),
  );

const dir = mkdtempSync(join(tmpdir(), 'lockstep-sample-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The input as it is written in the log, byte for byte: `20.0`, a space after a comma, keys in this order. */
function inputText(n: number): string {
  const kinds = ['card', 'cash', 'crypto', 'card'];
  const amount = n === 7 ? '100' : n === 3 ? '20.0' : `${(n * 13) % 150}.5`;
  const ts = `2026-03-01T00:${String(n).padStart(2, '0')}:00Z`;
  return `{"user":"u${n % 3}", "ts":"${ts}","amount":${amount},"kind":"${kinds[n % 4]}"}`;
}

/** A log of 20 records, one invalid line, and (when asked) the features production served. */
function writeLog(name: string, served?: (n: number) => object): string {
  const lines = Array.from({ length: 20 }, (_, i) => {
    const n = i + 1;
    const extra = served === undefined ? '' : `,"served":${JSON.stringify(served(n))}`;
    return `{"timestamp":"2026-03-01T00:${String(n).padStart(2, '0')}:00Z","input":${inputText(n)}${extra}}`;
  });
  lines.splice(10, 0, '{"timestamp":"2026-03-01T00:10:30Z","input":{"user":"u9"}}');
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

function sample(log: string, extra: Partial<SampleGoldenOptions> = {}) {
  return sampleGoldenCases({
    contract: pay,
    sides: { training: training(), serving: serving() },
    sources: [fileLineSource(log)],
    spill: () => createFsSpillStore(),
    ...extra,
  });
}

describe('sampleGoldenCases', () => {
  it('picks every category value, the extremes and one record of each divergence class, inputs cut verbatim', async () => {
    // Arrange
    const log = writeLog('plain.jsonl');
    // Act
    const result = await sample(log);
    // Assert
    const names = result.cases.map((c) => c.spec.name);
    expect(names.slice(0, 3)).toEqual(['log/category/kind=card', 'log/category/kind=cash', 'log/category/kind=other']);
    expect(result.records).toBe(20);
    expect(result.servedRecords).toBe(0);
    expect(result.counts.invalid).toBe(1);
    // Amount 100 is the only record of the class; it is also the only big one, so one case stands for both.
    const bigClass = result.cases.find((c) => c.strata.some((s) => s.startsWith('divergence class big value')));
    expect(bigClass?.spec.name).toBe('log/bool/big=true');
    expect(bigClass?.spec.inputText).toBe(inputText(7));
    for (const c of result.cases) {
      expect(c.spec.source).toBe('log');
      expect(c.spec.shape).toBeUndefined(); // record-wise sides: no histories
      const line = c.lines[0] as number;
      const n = line > 11 ? line - 1 : line; // the invalid line 11 shifts the later records
      expect(c.spec.inputText).toBe(inputText(n));
      expect(c.spec.input).toEqual(parseLosslessJson(inputText(n)));
    }
    const all = result.cases.flatMap((c) => c.strata);
    const doubled = Array.from({ length: 20 }, (_, i) => 2 * Number(JSON.parse(inputText(i + 1)).amount));
    expect(all).toContain(`smallest doubled (${Math.min(...doubled)})`);
    expect(all).toContain(`largest doubled (${Math.max(...doubled)})`);
    expect(new Set(names).size).toBe(names.length);
  });

  it('keeps 20.0 as written in the log', async () => {
    // Arrange: record 3 (amount 20.0) is the only one whose doubled is 40
    const log = writeLog('twenty.jsonl');
    // Act
    const result = await sample(log, { stratify: { quantiles: [0.05] } });
    // Assert
    const q5 = result.cases.find((c) => c.lines[0] === 3);
    expect(q5?.spec.inputText).toContain('"amount":20.0,');
  });

  it('gives the same cases, names and order twice, and from the gzip of the same log', async () => {
    // Arrange
    const log = writeLog('twice.jsonl');
    writeFileSync(`${log}.gz`, gzipSync(readFileSync(log)));
    // Act
    const first = await sample(log);
    const second = await sample(log);
    const gzip = await sample(`${log}.gz`);
    // Assert
    expect(second).toEqual(first);
    expect(gzip.cases).toEqual(first.cases);
  });

  it('stratifies on the features the log served when it has them', async () => {
    // Arrange: production served "cash" for every record but the first
    const log = writeLog('served.jsonl', (n) => ({ kind: n === 1 ? 'card' : 'cash', doubled: n, big: false }));
    // Act
    const result = await sample(log);
    // Assert
    expect(result.servedRecords).toBe(20);
    const names = result.cases.map((c) => c.spec.name);
    expect(names).toContain('log/category/kind=cash');
    expect(names).not.toContain('log/category/kind=other');
    expect(result.cases.flatMap((c) => c.strata)).toContain('largest doubled (20)');
  });

  it('picks whole entity histories, in time order, when a side is entity-wise', async () => {
    // Arrange
    const log = writeLog('histories.jsonl');
    // Act
    const result = await sample(log, { sides: { training: entityTraining(), serving: serving() } });
    // Assert
    const histories = result.cases.filter((c) => c.spec.shape === 'history');
    expect(histories.map((h) => h.spec.name).sort()).toEqual(['log/history/u0', 'log/history/u1', 'log/history/u2']);
    const u1 = histories.find((h) => h.spec.name === 'log/history/u1');
    const ns = [1, 4, 7, 10, 13, 16, 19];
    expect(u1?.spec.inputText).toBe(`[${ns.map(inputText).join(',')}]`);
    expect(u1?.spec.input).toEqual(ns.map((n) => parseLosslessJson(inputText(n))));
    expect(u1?.strata[0]).toMatch(/^whole history of u1: 7 events/);
  });

  it('--cases caps the sample, category values first, and says which strata it left out', async () => {
    // Arrange
    const log = writeLog('capped.jsonl');
    // Act
    const result = await sample(log, { cases: 2 });
    // Assert
    expect(result.cases.map((c) => c.spec.name)).toEqual(['log/category/kind=card', 'log/category/kind=cash']);
    expect(result.leftOut).toContain('log/category/kind=other');
    expect(result.leftOut).toContain('log/bool/big=true');
    expect(result.leftOut).toContain('log/class/big.value');
  });
});
