import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timestampOf } from '../../../src/replay/decode/parse-timestamp.ts';
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
});
