import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { decodeRecord } from '../../../src/replay/decode/decode-record.ts';
import { timestampOf } from '../../../src/replay/decode/parse-timestamp.ts';
import { DEFAULT_LOG_FORMAT } from '../../../src/replay/log-format.ts';
import { instantText } from './_instant-text.ts';

describe('timestampOf', () => {
  it('reads plain UTC instants exactly as Date.parse does, including fields out of range', () => {
    const instant = instantText();
    fc.assert(
      fc.property(instant, (text) => {
        const expected = Date.parse(text);
        expect(timestampOf(text)).toBe(Number.isNaN(expected) ? undefined : expected);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads other ISO 8601 forms with a zone through Date.parse', () => {
    expect(timestampOf('2026-03-01T00:00:00+05:30')).toBe(Date.UTC(2026, 1, 28, 18, 30));
    expect(timestampOf('2026-03-01T00:00:00.3399Z')).toBe(Date.UTC(2026, 2, 1, 0, 0, 0, 339));
    expect(timestampOf('2026-03-01T00:00Z')).toBe(Date.UTC(2026, 2, 1));
    expect(timestampOf(1_772_323_200_000)).toBe(1_772_323_200_000);
  });

  it('refuses what names no instant: no zone, month 13, garbage, non-finite numbers', () => {
    for (const bad of ['2026-03-01T00:00:00', '2026-13-01T00:00:00Z', '2026-03-01T00:00:0xZ', 'yesterday', '', null]) {
      expect(timestampOf(bad)).toBeUndefined();
    }
    expect(timestampOf(Number.NaN)).toBeUndefined();
    expect(timestampOf(Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  it('refuses a number no Date holds (beyond ±8.64e15 ms), and takes the ends of the range', () => {
    expect(timestampOf(8.64e15)).toBe(8.64e15);
    expect(timestampOf(-8.64e15)).toBe(-8.64e15);
    for (const bad of [8.64e15 + 1, -8.64e15 - 1, 1e20, -1e17, Number.MAX_VALUE]) {
      expect(timestampOf(bad), String(bad)).toBeUndefined();
      // What a side would be given: a Date of it is invalid.
      expect(Number.isNaN(new Date(bad).getTime())).toBe(true);
    }
  });
});

describe('a log line whose timestamp is a number no Date holds', () => {
  const contract = defineContract({
    name: 't',
    version: '1',
    input: z.object({ user: z.string() }),
    features: { f: { type: 'int' } },
  });
  const decode = (timestamp: string) =>
    decodeRecord(
      { text: `{"timestamp":${timestamp},"input":{"user":"u1"}}`, line: 4, byteOffset: 10 },
      contract,
      DEFAULT_LOG_FORMAT,
    );

  it('is an invalid line that names the value and the range (a side is never given it)', () => {
    expect(decode('1e20')).toMatchObject({
      reason: 'record',
      line: 4,
      path: 'timestamp',
      message: 'field "timestamp" is 100000000000000000000 epoch ms, outside the range of a date (±8.64e15)',
    });
    expect(decode('1772323200000')).toMatchObject({ timestamp: 1_772_323_200_000, line: 4 });
  });
});
