import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoOf, type TimeUnit } from '../../../src/replay/columnar/iso-of.ts';

describe('isoOf', () => {
  it('renders a raw timestamp as the row path does: milliseconds, then 3 or 6 more digits when they are not zero', () => {
    expect(isoOf(1_700_000_000_123, 'ms')).toBe('2023-11-14T22:13:20.123Z');
    expect(isoOf(1_700_000_000_123_000, 'us')).toBe('2023-11-14T22:13:20.123Z');
    expect(isoOf(1_700_000_000_123_417, 'us')).toBe('2023-11-14T22:13:20.123417Z');
    expect(isoOf(1_700_000_000_123_005, 'us')).toBe('2023-11-14T22:13:20.123005Z');
    expect(isoOf(-1, 'us')).toBe('1969-12-31T23:59:59.999999Z');
    expect(isoOf(1_700_000_000_123_456_789n, 'ns')).toBe('2023-11-14T22:13:20.123456789Z');
  });

  it('gives the same text for a number as for the same integer as a bigint, in every unit (property)', () => {
    const unit = fc.constantFrom<TimeUnit>('ms', 'us', 'ns');
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), unit, (n, u) => {
        expect(isoOf(n, u)).toBe(isoOf(BigInt(n), u));
      }),
    );
  });
});
