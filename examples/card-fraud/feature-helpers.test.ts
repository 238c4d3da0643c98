import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localTime, utcTime } from './local-time.ts';
import { codePointLength, tokenCount } from './text-features.ts';

/** The reference: the zone's wall clock read straight from Intl for the instant itself, no caching. */
function intlLocalTime(ms: number, tz: string): { hour: number; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', hour: 'numeric', weekday: 'short' })
    .formatToParts(ms)
    .reduce<Record<string, string>>((all, p) => Object.assign(all, { [p.type]: p.value }), {});
  return {
    hour: Number(parts.hour),
    weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday ?? ''),
  };
}

const spaces = [
  ' ',
  '\t',
  '\n',
  '\u00a0',
  '\u1680',
  '\u2003',
  '\u2028',
  '\u202f',
  '\u3000',
  '\ufeff',
  '\u0085',
  '\u200b',
];
const nameChar = fc.oneof(
  fc.constantFrom(...spaces),
  fc.string({ unit: 'binary', maxLength: 1 }),
  fc.constantFrom('\ud83d', '\ude00'),
);

describe('card-fraud text features', () => {
  it('tokenCount counts what split(/\\s+/u) keeps', () => {
    fc.assert(
      fc.property(fc.array(nameChar, { maxLength: 30 }), (chars) => {
        const s = chars.join('');
        expect(tokenCount(s)).toBe(s.split(/\s+/u).filter((t) => t !== '').length);
      }),
      { numRuns: 2000 },
    );
  });

  it('codePointLength counts what [...s] yields, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.array(nameChar, { maxLength: 30 }), (chars) => {
        const s = chars.join('');
        expect(codePointLength(s)).toBe([...s].length);
      }),
      { numRuns: 2000 },
    );
    expect(codePointLength('Café 🍕')).toBe(6);
  });
});

describe('card-fraud local time', () => {
  const zones = ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC'];

  it('agrees with Intl at every instant, across DST transitions and historical second-exact offsets', () => {
    const marchTransitions = fc.integer({ min: Date.UTC(2026, 2, 1), max: Date.UTC(2026, 3, 10) });
    const anyTime = fc.integer({ min: Date.UTC(1890, 0, 1), max: Date.UTC(2040, 0, 1) });
    fc.assert(
      fc.property(fc.oneof(marchTransitions, anyTime), fc.constantFrom(...zones), (ms, tz) => {
        expect(localTime(ms, tz)).toEqual(intlLocalTime(ms, tz));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the UTC calendar, before 1970 too', () => {
    expect(utcTime(0)).toEqual({ hour: 0, weekday: 3 });
    expect(utcTime(Date.UTC(2026, 10, 22, 23, 59))).toEqual({ hour: 23, weekday: 6 });
    expect(utcTime(Date.UTC(1969, 11, 31, 5))).toEqual({ hour: 5, weekday: 2 });
  });
});
