import { z } from 'zod';
import { defineContract } from '../src/contract/define-contract.ts';

/** Merchant categories the model was trained on; anything else maps to `other`. */
export const MERCHANT_CATEGORIES = [
  'grocery',
  'restaurants',
  'fuel',
  'travel',
  'electronics',
  'apparel',
  'subscriptions',
  'pharmacy',
] as const;

/**
 * Card-transaction fraud features: the contract both the training pipeline and the serving path implement.
 */
export const cardFraud = defineContract({
  name: 'card_fraud',
  version: '1.0.0',
  entity: 'card_id',
  timestamp: 'ts',
  description: 'Per-transaction fraud features for a card, computed in the cardholder time zone.',
  input: z.object({
    card_id: z.string().min(1),
    txn_id: z.string().min(1),
    ts: z.iso.datetime({ offset: true }),
    amount: z.number().min(0).max(1_000_000),
    merchant_name: z.string().min(1).max(200),
    merchant_category: z.string(),
    cardholder_tz: z.string().min(1),
  }),
  features: {
    log_amount: { type: 'float', range: { min: 0 }, tolerance: { abs: 1e-9, rel: 1e-12 } },
    amount_rounded: { type: 'int', range: { min: 0 }, description: 'amount rounded to a whole currency unit' },
    hour_of_day: { type: 'int', range: { min: 0, max: 23 }, description: 'local hour in the cardholder time zone' },
    day_of_week: { type: 'int', range: { min: 0, max: 6 }, description: 'local day, Monday = 0' },
    is_weekend: { type: 'bool', description: 'local Saturday or Sunday' },
    merchant_category: { type: 'category', values: MERCHANT_CATEGORIES, oov: 'other' },
    txn_count_7d: { type: 'int', range: { min: 1 }, description: 'transactions of the card in (t - 7d, t]' },
    amount_sum_7d: { type: 'float', range: { min: 0 }, tolerance: { abs: 1e-6, rel: 1e-9 } },
    avg_amount_prev_7d: {
      type: 'float',
      nullable: true,
      range: { min: 0 },
      tolerance: { abs: 1e-6, rel: 1e-9 },
      description: 'mean amount of the earlier transactions in (t - 7d, t); null when there are none',
    },
    merchant_name_length: { type: 'int', range: { min: 1 }, description: 'length in Unicode code points' },
    merchant_token_count: { type: 'int', range: { min: 0 }, description: 'whitespace-separated tokens' },
    prev_txn_at: { type: 'timestamp', nullable: true, description: 'time of the card’s previous transaction' },
  },
});

/** The input record of the card-fraud contract. */
export type CardTransaction = z.infer<typeof cardFraud.input>;
