import { describe, expect, it } from 'vitest';
import { countInput } from '../../../src/slicing/count-input.ts';
import { keyText, SLOT_KEYS } from '../../../src/slicing/shape-keys.ts';
import {
  FIELD_CAP,
  fieldAt,
  mergeSliceCounts,
  newSliceCounts,
  type SliceCounts,
  shapeTotals,
  VALUE_CAP,
} from '../../../src/slicing/slice-counts.ts';
import { sliceCountsFromJson, sliceCountsJson } from '../../../src/slicing/slice-counts-json.ts';

function counted(...inputs: unknown[]): SliceCounts {
  const counts = newSliceCounts();
  for (const input of inputs) countInput(counts, input);
  return counts;
}

/** The predicates one input's field holds, as text. */
function shapesOf(value: unknown): string[] {
  const f = fieldAt(counted({ x: value }), 'x');
  if (f === undefined) return [];
  const shapes = shapeTotals(f);
  const keys = [...shapes.slots].flatMap((n, i) => (n > 0 ? [SLOT_KEYS[i] as string] : []));
  return [...keys, ...(shapes.offsets?.keys() ?? [])].map(keyText).sort();
}

describe('predicate extraction', () => {
  it('gives numbers their type, sign, decade, integer or fraction and fractional part', () => {
    expect(shapesOf(12.5)).toEqual(['> 0', 'ends in .5', 'in [10, 100)', 'is a number', 'is fractional']);
    expect(shapesOf(-0.99)).toEqual(['< 0', 'ends in .99', 'in (-1, -0.1]', 'is a number', 'is fractional']);
    expect(shapesOf(0.1 + 0.2)).toContain('has more than 2 decimals');
    expect(shapesOf(0)).toEqual(['= 0', 'is a number', 'is an integer']);
    expect(shapesOf(3000)).toEqual(['> 0', 'in [1000, 10000)', 'is a number', 'is an integer']);
    expect(shapesOf(10n ** 20n)).toContain('≥ 1e12');
  });

  it('gives strings their emptiness, length bucket, non-ASCII, whitespace, numeric form and time-zone offset', () => {
    expect(shapesOf('')).toEqual(['is a string', 'is empty']);
    expect(shapesOf('Zürich')).toEqual(['has length 4–7', 'has non-ASCII characters', 'is a string']);
    expect(shapesOf(' x ')).toEqual(['has leading or trailing whitespace', 'has length 2–3', 'is a string']);
    expect(shapesOf('12.50')).toContain('is a numeric string');
    expect(shapesOf('2024-03-01T10:00:00+10:00')).toContain('has time-zone offset +10:00');
    expect(shapesOf('2024-03-01T10:00:00Z')).toContain('has time-zone offset Z');
    expect(shapesOf('2024-03-01 10:00:00')).toContain('has no time-zone offset');
  });

  it('counts nulls, booleans, lists and nested fields by dotted path, and values for equality', () => {
    const counts = counted(
      { card: { tz: 'Australia/Sydney', flags: [1, 2] }, ok: true, note: null },
      { card: { tz: 'Europe/Paris' }, ok: false },
    );
    expect(counts.records).toBe(2);
    expect(fieldAt(counts, 'card.tz')?.values).toEqual(
      new Map([
        ['Australia/Sydney', 1],
        ['Europe/Paris', 1],
      ]),
    );
    expect(fieldAt(counts, 'card')?.present).toBe(2);
    expect(shapesOf([1, 2])).toEqual(['has 2–3 items', 'is a list']);
    expect(shapesOf(null)).toEqual(['is null']);
    expect(fieldAt(counts, 'note')?.present).toBe(1);
    expect(fieldAt(counts, 'ok')?.values).toEqual(
      new Map([
        [true, 1],
        [false, 1],
      ]),
    );
  });

  it('drops the equality predicates of a field with more distinct values than the cap, keeping its shapes', () => {
    const counts = counted(...Array.from({ length: VALUE_CAP + 1 }, (_, i) => ({ id: `u${i}`, tz: 'UTC' })));
    expect(fieldAt(counts, 'id')?.values).toBeNull();
    expect(fieldAt(counts, 'id')?.slots[SLOT_KEYS.indexOf('type:string')]).toBe(VALUE_CAP + 1);
    expect(fieldAt(counts, 'tz')?.values?.get('UTC')).toBe(VALUE_CAP + 1);
  });

  it('keeps the first field paths in code-unit order beyond the cap, and merged parts count as one', () => {
    const wide = (from: number): Record<string, number> =>
      Object.fromEntries(Array.from({ length: FIELD_CAP }, (_, i) => [`f${String(from + i).padStart(4, '0')}`, i]));
    const one = counted(wide(100), wide(0));
    const a = counted(wide(100));
    mergeSliceCounts(a, counted(wide(0)));
    expect(one.fieldCount).toBe(FIELD_CAP);
    expect(fieldAt(one, 'f0000')?.present).toBe(1);
    expect(fieldAt(one, 'f0300')).toBeUndefined();
    expect(sliceCountsJson(a)).toEqual(sliceCountsJson(one));
  });

  it('merges two parts into the counts of one pass, through JSON too', () => {
    const inputs = Array.from({ length: 300 }, (_, i) => ({
      tz: ['UTC', 'Australia/Sydney', 'Europe/Paris'][i % 3],
      amount: i % 7 === 0 ? 12.5 : i,
      id: `r${i}`,
      card: { country: i % 2 === 0 ? 'AU' : 'FR' },
    }));
    const whole = counted(...inputs);
    const left = counted(...inputs.filter((_, i) => i % 2 === 0));
    const right = sliceCountsFromJson(sliceCountsJson(counted(...inputs.filter((_, i) => i % 2 === 1))));
    mergeSliceCounts(left, right);
    expect(sliceCountsJson(left)).toEqual(sliceCountsJson(whole));
    expect(fieldAt(whole, 'id')?.values).toBeNull();
  });
});
