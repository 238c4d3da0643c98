import { z } from 'zod';
import { defineContract } from '../../src/contract/define-contract.ts';

/**
 * The pandas benchmark's contract: the 12 features of SkewSentry's e-commerce example, per transaction over the
 * user's history. Tolerances are those of bench/pandas/features.yml (absolute only, so that SkewSentry's rule and
 * Lockstep's read the same; the bench's test checks the two files agree). No ranges: SkewSentry 0.1.1 reads them but
 * never checks them, and a range Lockstep checks would count contract violations the other tools cannot see (the
 * online affinity, a quotient of prefix-sum differences, can come out a hair above 1).
 */
export const ecommerce = defineContract({
  name: 'ecommerce_user_features',
  version: '1.0.0',
  entity: 'user_id',
  timestamp: 'timestamp',
  description: 'Spending, behaviour and profile features of a user at each of their transactions.',
  input: z.object({
    transaction_id: z.number().int(),
    user_id: z.number().int(),
    timestamp: z.iso.datetime({ offset: true }),
    price: z.number(),
    quantity: z.number().int(),
    category: z.string(),
    payment_method: z.string(),
    country: z.string().nullable(),
    is_return: z.boolean(),
    is_weekend: z.boolean(),
  }),
  features: {
    spend_7d: { type: 'float', tolerance: { abs: 0.1 }, description: 'sum of price × quantity in (t - 7d, t]' },
    spend_30d: { type: 'float', tolerance: { abs: 0.5 }, description: 'sum of price × quantity in (t - 30d, t]' },
    txn_count_7d: { type: 'int', description: 'transactions in (t - 7d, t]' },
    avg_days_between_txns: { type: 'float', nullable: true, tolerance: { abs: 0.5 } },
    return_rate: { type: 'float', tolerance: { abs: 0.01 } },
    weekend_frequency: { type: 'float', tolerance: { abs: 0.01 } },
    days_since_last_txn: { type: 'float', nullable: true, tolerance: { abs: 0.5 } },
    electronics_affinity: {
      type: 'float',
      tolerance: { abs: 0.005 },
      description: 'share of electronics in the gross spend of the last 30 transactions',
    },
    country: {
      type: 'category',
      values: ['US', 'UK', 'DE', 'FR', 'CA', 'AU', 'JP', 'NL', 'IT', 'ES', 'UNKNOWN', 'OTHER'],
    },
    primary_payment_method: {
      type: 'category',
      values: ['apple_pay', 'credit_card', 'debit_card', 'google_pay', 'paypal'],
    },
    user_type: { type: 'category', values: ['casual', 'regular', 'power', 'enterprise'] },
    is_high_value: { type: 'bool', description: 'gross value of this transaction above 500' },
  },
});
