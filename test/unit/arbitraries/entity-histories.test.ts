import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { arbitraryHistories } from '../../../src/arbitraries/entity-histories.ts';
import { loadContractFile } from '../../../src/io/contract-file.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const Txn = z.object({
  userId: z.string().min(1),
  ts: z.iso.datetime({ offset: true }),
  amount: z.number().nonnegative(),
  note: z.string().optional(),
});

type Event = Record<string, unknown>;

function byEntity(events: Event[], field: string): Map<unknown, Event[]> {
  const groups = new Map<unknown, Event[]>();
  for (const e of events) groups.set(e[field], [...(groups.get(e[field]) ?? []), e]);
  return groups;
}

const instant = (e: Event) => Date.parse(e.ts as string);

describe('arbitraryHistories', () => {
  it("takes a time field that is a string with a date-time pattern (a JSON contract's, as lockstep schema writes it)", () => {
    const file = new URL('../../../examples/card-fraud/contracts/card_fraud.contract.json', import.meta.url).pathname;
    const contract = loadContractFile(file);
    const histories = arbitraryHistories(contract.input, { entityField: 'card_id', timestampField: 'ts' });
    fc.assert(
      fc.property(histories, (events) => {
        for (const e of events) {
          expect(contract.input.safeParse(e).success, JSON.stringify(e)).toBe(true);
          expect(e.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        }
      }),
      { numRuns: 50 },
    );
    // A pattern that takes whole seconds only is written in whole seconds.
    const Seconds = Txn.extend({ ts: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) });
    fc.assert(
      fc.property(arbitraryHistories(Seconds, { entityField: 'userId', timestampField: 'ts' }), (events) => {
        for (const e of events) expect(Seconds.safeParse(e).success, JSON.stringify(e)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('writes every event time as its field allows: a pattern that pins UTC gets no offsets, even with time zones', () => {
    // Arrange: offsets allowed by the format, refused by the pattern (what a JSON Schema's `pattern: "Z$"` gives)
    const Utc = Txn.extend({ ts: z.iso.datetime({ offset: true }).regex(/Z$/) });
    const zoned = arbitraryHistories(
      Utc,
      { entityField: 'userId', timestampField: 'ts' },
      { timeZones: ['Asia/Kolkata', 'America/St_Johns', 'Pacific/Kiritimati'] },
    );
    // Act, Assert
    fc.assert(
      fc.property(zoned, (events) => {
        for (const e of events) expect(Utc.safeParse(e).success, JSON.stringify(e)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  const arb = arbitraryHistories(Txn, { entityField: 'userId', timestampField: 'ts', maxEntities: 3 });

  it('generates events the schema accepts, for at most maxEntities entities', () => {
    fc.assert(
      fc.property(arb, (events) => {
        expect(events.every((e) => Txn.safeParse(e).success)).toBe(true);
        expect(byEntity(events, 'userId').size).toBeGreaterThanOrEqual(1);
        expect(byEntity(events, 'userId').size).toBeLessThanOrEqual(3);
      }),
      { numRuns: 100 },
    );
  });

  it('orders all events by time, strictly increasing within one entity', () => {
    fc.assert(
      fc.property(arb, (events) => {
        const times = events.map(instant);
        expect(times).toEqual([...times].sort((a, b) => a - b));
        for (const history of byEntity(events, 'userId').values()) {
          const t = history.map(instant);
          expect(t.every((x, i) => i === 0 || x > (t[i - 1] as number))).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('puts events exactly 7 days, 1 day and 1 hour before the latest event of each history', () => {
    fc.assert(
      fc.property(arb, (events) => {
        for (const history of byEntity(events, 'userId').values()) {
          const t = history.map(instant);
          const latest = Math.max(...t);
          for (const w of [7 * DAY, DAY, HOUR]) expect(t).toContain(latest - w);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('sometimes puts events 1 ms either side of a window boundary', () => {
    const histories = fc.sample(arb, 100).flatMap((events) => [...byEntity(events, 'userId').values()]);
    const offsets = histories.flatMap((h) => {
      const t = h.map(instant);
      const latest = Math.max(...t);
      return t.map((x) => latest - x);
    });
    expect(offsets).toContain(7 * DAY + 1);
    expect(offsets).toContain(7 * DAY - 1);
  });

  it('honours custom windows, event limits and epoch-ms number timestamps', () => {
    const Schema = z.object({ card: z.bigint(), t: z.number().int().nonnegative() });
    const custom = arbitraryHistories(Schema, {
      entityField: 'card',
      timestampField: 't',
      windowsMs: [30 * DAY],
      minEvents: 3,
      maxEvents: 4,
    });
    fc.assert(
      fc.property(custom, (events) => {
        for (const history of byEntity(events, 'card').values()) {
          const t = history.map((e) => e.t as number);
          expect(t.length).toBeGreaterThanOrEqual(3);
          expect(t.length).toBeLessThanOrEqual(4);
          expect(t).toContain(Math.max(...t) - 30 * DAY);
          expect(history.every((e) => Schema.safeParse(e).success)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('rejects unknown fields and timestamp fields that hold no time', () => {
    expect(() => arbitraryHistories(Txn, { entityField: 'user', timestampField: 'ts' })).toThrow(
      'arbitraryHistories: entity field "user" is not in the schema at input',
    );
    expect(() => arbitraryHistories(Txn, { entityField: 'userId', timestampField: 'amount', windowsMs: [0] })).toThrow(
      'arbitraryHistories: constraints.windowsMs must hold positive integers at input',
    );
    expect(() => arbitraryHistories(Txn, { entityField: 'userId', timestampField: 'note' })).toThrow(
      /arbitraryHistories: the timestamp field must accept epoch milliseconds .* at input\.note/,
    );
  });
});
