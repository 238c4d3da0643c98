import { describe, expect, it } from 'vitest';
import { cardFraud } from '../../../contracts/card-fraud.ts';
import { hintsFor } from '../../../src/fuzz/_hints.ts';
import type { Finding } from '../../../src/fuzz/fuzz-result.ts';

const txn = {
  card_id: 'c',
  txn_id: 't',
  ts: '2024-03-15T12:00:00.000Z',
  amount: 1,
  merchant_name: 'a',
  merchant_category: 'fuel',
  cardholder_tz: 'UTC',
};
const finding = (over: Partial<Finding>): Finding => ({
  feature: 'amount_rounded',
  kind: 'value',
  cause: 'serving higher',
  detail: '',
  training: 0,
  serving: 1,
  minimalInput: txn,
  originalInput: txn,
  seed: 1,
  path: '0',
  foundAfterRuns: 1,
  source: 'search',
  ...over,
});

describe('fuzz hints', () => {
  it('name the rounding rule for a half whose two roundings are the values', () => {
    const hints = hintsFor(finding({ minimalInput: { ...txn, amount: 0.5 } }), cardFraud);

    expect(hints).toEqual([expect.stringMatching(/value ending in \.5: Python round\(\)/)]);
  });

  it('name UTF-16 length vs code points when the two lengths are the values', () => {
    const input = { ...txn, merchant_name: 'a😀' };
    const hints = hintsFor(
      finding({ feature: 'merchant_name_length', training: 2, serving: 3, minimalInput: input }),
      cardFraud,
    );

    expect(hints).toEqual([expect.stringMatching(/UTF-16 units, Python's len\(\) code points/)]);
  });

  it('name the local day for a calendar feature of an event whose local and UTC days differ', () => {
    const input = { ...txn, ts: '2024-03-15T23:30:00.000Z', cardholder_tz: 'Europe/Berlin' };
    const hints = hintsFor(
      finding({ feature: 'is_weekend', training: true, serving: false, minimalInput: input }),
      cardFraud,
    );

    expect(hints).toEqual([
      expect.stringMatching(/^the event falls on 2024-03-16 in Europe\/Berlin but on 2024-03-15 in UTC/),
    ]);
  });

  it('name the window boundary only when nothing else explains a history divergence', () => {
    const earlier = { ...txn, ts: '2024-03-08T12:00:00.000Z' };
    const history = [earlier, txn];
    const window = hintsFor(
      finding({ feature: 'txn_count_7d', training: 1, serving: 2, minimalInput: history, event: 1 }),
      cardFraud,
    );
    const none = hintsFor(
      finding({ feature: 'txn_count_7d', training: 1, serving: 2, minimalInput: history, event: 0 }),
      cardFraud,
    );

    expect(window).toEqual([
      expect.stringMatching(/^an earlier event of this entity is exactly 7 days before this one/),
    ]);
    expect(none).toEqual([]);
  });
});
