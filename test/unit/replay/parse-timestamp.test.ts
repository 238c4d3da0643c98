import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timestampOf } from '../../../src/replay/decode/parse-timestamp.ts';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

describe('timestampOf', () => {
  it('reads plain UTC instants exactly as Date.parse does, including fields out of range', () => {
    const instant = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 61 }),
        fc.option(fc.integer({ min: 0, max: 999 })),
      )
      .map(
        ([y, mo, d, h, mi, s, ms]) =>
          `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${ms === null ? '' : `.${pad(ms, 3)}`}Z`,
      );
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
});
