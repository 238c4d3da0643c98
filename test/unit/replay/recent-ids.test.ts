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
});
