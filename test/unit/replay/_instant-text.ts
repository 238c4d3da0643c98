import fc from 'fast-check';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * ISO-like instants `YYYY-MM-DDTHH:MM:SS[.mmm]<zone>` with every field allowed a little out of range (month 13, day
 * 32, hour 25, second 61), each ending in one of `zones`: for checking a fast timestamp reader against `Date.parse`.
 */
export function instantText(zones: readonly string[] = ['Z']): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 25 }),
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 0, max: 61 }),
      fc.option(fc.integer({ min: 0, max: 999 })),
      fc.constantFrom(...zones),
    )
    .map(
      ([y, mo, d, h, mi, s, ms, zone]) =>
        `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${ms === null ? '' : `.${pad(ms, 3)}`}${zone}`,
    );
}
