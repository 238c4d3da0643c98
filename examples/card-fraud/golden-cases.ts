import type { GoldenCaseSpec } from '../../src/golden/golden-result.ts';

/**
 * Hand-written golden cases of the card-fraud example, one per feature family. Each case is computed alone, as one
 * record (entity histories as cases are still to come), so every case has its own card: the serving side's online
 * store would otherwise carry one case's transaction into the next.
 */
export const cardFraudGolden: readonly GoldenCaseSpec[] = [
  {
    // amount_rounded: half to even or half up; log_amount of a fraction.
    name: 'half-amount',
    input: {
      card_id: 'golden_half',
      txn_id: 'g1',
      ts: '2026-03-04T12:00:00Z',
      amount: 2.5,
      merchant_name: 'Tesco Metro',
      merchant_category: 'grocery',
      cardholder_tz: 'Europe/London',
    },
  },
  {
    // merchant_name_length in code points, not UTF-16 units; tokens split on whitespace.
    name: 'astral-merchant',
    input: {
      card_id: 'golden_astral',
      txn_id: 'g2',
      ts: '2026-03-04T15:00:00Z',
      amount: 12,
      merchant_name: '𝔘𝔫𝔦 Café 😀',
      merchant_category: 'restaurants',
      cardholder_tz: 'Europe/Paris',
    },
  },
  {
    // Saturday 03:30 in UTC, Friday 19:30 in Los Angeles: hour, day and weekend are the cardholder's.
    name: 'weekend-in-los-angeles',
    input: {
      card_id: 'golden_tz',
      txn_id: 'g3',
      ts: '2026-03-07T03:30:00Z',
      amount: 80.25,
      merchant_name: 'Shell',
      merchant_category: 'fuel',
      cardholder_tz: 'America/Los_Angeles',
    },
  },
  {
    // The window's edge as one record allows: the card's first transaction (count 1, no previous one, null mean),
    // at a local midnight given with an offset, and a category outside the trained ones (oov).
    name: 'first-in-window-at-local-midnight',
    input: {
      card_id: 'golden_window',
      txn_id: 'g4',
      ts: '2026-03-09T00:00:00.000+09:00',
      amount: 1000,
      merchant_name: 'Casino  Royale',
      merchant_category: 'casino',
      cardholder_tz: 'Asia/Tokyo',
    },
  },
];
