import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecentIds } from '../../../src/replay/record-wise/recent-ids.ts';

/** The two generations of Maps the table stands for. */
function reference(perGeneration: number) {
  let ids = new Map<string, { line: number; entity: string | undefined }>();
  let previous = new Map<string, { line: number; entity: string | undefined }>();
  return (id: string, line: number, entity: string | undefined): number | undefined => {
    const seen = ids.get(id) ?? previous.get(id);
    if (seen !== undefined && seen.entity === entity) return seen.line;
    ids.set(id, { line, entity });
    if (ids.size >= perGeneration) {
      previous = ids;
      ids = new Map();
    }
    return undefined;
  };
}

describe('RecentIds', () => {
  it('finds the same repeats as two generations of Maps, ids of another entity and forgotten ids included', () => {
    const event = fc.tuple(
      fc.oneof(fc.constantFrom('1', '2', '10', '9007199254740993', 'é', ''), fc.string({ maxLength: 3 })),
      fc.constantFrom(undefined, 'a', 'b'),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(event, { maxLength: 200 }), (perGeneration, events) => {
        const table = new RecentIds(perGeneration);
        const maps = reference(perGeneration);
        events.forEach(([id, entity], line) => {
          expect(table.note(id, line + 1, entity)).toBe(maps(id, line + 1, entity));
        });
      }),
      { numRuns: 500 },
    );
  });

  it('remembers a full generation of distinct ids and the one before it', () => {
    const table = new RecentIds(1000);
    for (let i = 0; i < 1500; i++) expect(table.note(`id${i}`, i, undefined)).toBeUndefined();
    expect(table.note('id0', 5000, undefined)).toBe(0);
    expect(table.note('id1499', 5001, undefined)).toBe(1499);
    for (let i = 1500; i < 2500; i++) table.note(`id${i}`, i, undefined);
    expect(table.note('id1', 6000, undefined)).toBeUndefined(); // its generation was dropped whole
  });

  it('keeps ids and entities of any length and of any characters (the arena grows; nothing is cut)', () => {
    const table = new RecentIds(50);
    const id = (i: number) => `${'é'.repeat(i % 7)}${String(i).repeat(40)}😀`;
    const entity = (i: number) => `card-${'x'.repeat(i % 300)}`;
    for (let i = 0; i < 80; i++) expect(table.note(id(i), i, entity(i))).toBeUndefined();
    // The current generation (ids 50–79) and the one before it (0–49) both answer, for the same entity only
    for (const i of [0, 49, 50, 79]) {
      expect(table.note(id(i), 1000 + i, entity(i))).toBe(i);
      expect(table.note(id(i), 2000 + i, `${entity(i)}!`)).toBeUndefined();
    }
    // An id whose text differs only in its last code unit is another id
    expect(table.note(`${id(60).slice(0, -1)}X`, 3000, entity(60))).toBeUndefined();
    expect(table.note(id(60), 3001, undefined)).toBeUndefined();
    expect(table.note(id(60), 3002, undefined)).toBe(3001);
  });
});
