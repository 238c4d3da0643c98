import { describe, expect, it } from 'vitest';
import { cardFraud } from '../../../contracts/card-fraud.ts';
import { servingFactory, trainingSide } from '../../../examples/card-fraud/fuzz-settings.ts';
import type { SideRecord } from '../../../src/implementations/side.ts';
import { minimizeInput } from '../../../src/shrink/minimize-input.ts';

const sides = { training: trainingSide, serving: servingFactory };
const logged = {
  card_id: 'card-000123',
  txn_id: 'txn-99812',
  ts: '2024-03-16T14:22:05.123Z',
  amount: 94.5,
  merchant_name: 'Pizza 🍕 Palace Downtown',
  merchant_category: 'restaurants',
  cardholder_tz: 'Europe/Berlin',
};
const record = (input: Record<string, unknown>, line = 1): SideRecord => ({
  id: String(line),
  line,
  entity: String(input.card_id),
  timestamp: Date.parse(String(input.ts)),
  input,
});
const ASTRAL = /[\u{10000}-\u{10FFFF}]/u;

describe('minimizeInput', () => {
  it('reduces an emoji merchant name to a short string that still holds an astral character', async () => {
    const divergence = { feature: 'merchant_name_length', kind: 'value', cause: 'serving higher' } as const;

    const result = await minimizeInput({ contract: cardFraud, sides, record: record(logged), divergence });

    const minimal = result.minimal as typeof logged;
    expect(result.reproduced).toBe(true);
    expect(minimal.merchant_name).toMatch(ASTRAL);
    expect([...minimal.merchant_name].length).toBeLessThanOrEqual(2);
    expect(result.fieldsThatMatter).toContain('merchant_name');
    expect(result.changedFields).toEqual(expect.arrayContaining(['merchant_name', 'card_id', 'amount']));
    expect(cardFraud.input.safeParse(minimal).success).toBe(true);
  });

  it('keeps amount 94.5 a half (the rounding divergence needs it) and simplifies the rest', async () => {
    const divergence = { feature: 'amount_rounded', kind: 'value', cause: 'serving higher' } as const;

    const result = await minimizeInput({ contract: cardFraud, sides, record: record(logged), divergence });

    const minimal = result.minimal as typeof logged;
    expect(Math.abs(minimal.amount % 1)).toBe(0.5);
    expect(minimal.amount).toBeLessThan(94.5);
    expect(minimal.merchant_name).toBe('a');
    expect(result.fieldsThatMatter).toContain('amount');
    expect(result.fieldsThatMatter).not.toContain('merchant_name');
  });

  it('runs an entity-wise case after its unchanged history and keeps the entity and timestamp', async () => {
    const week = 7 * 86_400_000;
    const earlier = { ...logged, txn_id: 't0', ts: new Date(Date.parse(logged.ts) - week).toISOString(), amount: 3 };
    const divergence = { feature: 'txn_count_7d', kind: 'value', cause: 'serving higher' } as const;

    const result = await minimizeInput({
      contract: cardFraud,
      sides,
      record: record(logged, 2),
      history: [record(earlier, 1)],
      divergence,
    });

    const minimal = result.minimal as typeof logged;
    expect(result.reproduced).toBe(true);
    expect(minimal.card_id).toBe(logged.card_id);
    expect(minimal.ts).toBe(logged.ts);
    expect(minimal.merchant_name).toBe('a');
    expect(result.changedFields).not.toContain('ts');
    // Every simpler time zone is one the sides reject: that is no sign the window bug needs Europe/Berlin.
    expect(minimal.cardholder_tz).toBe('Europe/Berlin');
    expect(result.fieldsThatMatter).not.toContain('cardholder_tz');
  });

  it('stays within the step budget and says when the divergence does not reproduce', async () => {
    const divergence = { feature: 'merchant_name_length', kind: 'value', cause: 'serving higher' } as const;
    const plain = { ...logged, merchant_name: 'Pizza Palace' };

    const bounded = await minimizeInput({
      contract: cardFraud,
      sides,
      record: record(logged),
      divergence,
      maxSteps: 5,
    });
    const absent = await minimizeInput({ contract: cardFraud, sides, record: record(plain), divergence });

    expect(bounded.steps).toBeLessThanOrEqual(5);
    expect(bounded.cutShort).toBeUndefined();
    expect(absent).toMatchObject({ reproduced: false, minimal: plain, changedFields: [], steps: 1 });
  });

  it('stops at the wall-clock cap, on the clock it is given, and says it was cut short', async () => {
    // Arrange: a clock that moves 1 ms each time it is read; the cap falls after a few tries
    let t = 0;
    const now = () => t++;
    const divergence = { feature: 'merchant_name_length', kind: 'value', cause: 'serving higher' } as const;
    // Act
    const capped = await minimizeInput({
      contract: cardFraud,
      sides,
      record: record(logged),
      divergence,
      deadline: 6,
      now,
    });
    const free = await minimizeInput({ contract: cardFraud, sides, record: record(logged), divergence });
    // Assert
    expect(capped.cutShort).toBe('time');
    expect(capped.steps).toBeLessThan(free.steps);
    expect(cardFraud.input.safeParse(capped.minimal).success).toBe(true);
    expect(free.cutShort).toBeUndefined();
  });
});
