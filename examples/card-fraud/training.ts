import { type CardTransaction, type cardFraud, MERCHANT_CATEGORIES } from '../../contracts/card-fraud.ts';
import type { ContractFeatures } from '../../src/contract/contract.ts';
import type { HistoryEvent } from '../../src/implementations/in-process.ts';
import { localTime } from './local-time.ts';
import { codePointLength, tokenCount } from './text-features.ts';

type Features = ContractFeatures<typeof cardFraud>;
const WEEK = 7 * 24 * 3_600_000;
const categories = new Set<string>(MERCHANT_CATEGORIES);

/** Python's round(): half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * The training side, written the way batch code computes features: over one card's whole history at once, with
 * a right-closed 7-day window (t - 7d, t], Python semantics for round() and len(), and fillna(0) for empty windows.
 * The Python pipeline in training.py computes the same thing with pandas.
 */
export function trainingFeatures(history: readonly HistoryEvent<CardTransaction>[]): Features[] {
  const out: Features[] = [];
  let windowStart = 0;
  for (let i = 0; i < history.length; i++) {
    const { input, timestamp: t } = history[i] as HistoryEvent<CardTransaction>;
    while ((history[windowStart] as HistoryEvent<CardTransaction>).timestamp <= t - WEEK) windowStart++;
    // Summed afresh over the window: a running add/subtract sum drifts (below 0 for tiny amounts).
    let windowSum = 0;
    for (let j = windowStart; j <= i; j++) windowSum += (history[j] as HistoryEvent<CardTransaction>).input.amount;
    const count = i - windowStart + 1;
    const { hour, weekday } = localTime(t, input.cardholder_tz);
    const name = input.merchant_name;
    out.push({
      log_amount: Math.log1p(input.amount),
      amount_rounded: roundHalfEven(input.amount),
      hour_of_day: hour,
      day_of_week: weekday,
      is_weekend: weekday >= 5,
      merchant_category: categories.has(input.merchant_category)
        ? (input.merchant_category as Features['merchant_category'])
        : 'other',
      txn_count_7d: count,
      amount_sum_7d: windowSum,
      avg_amount_prev_7d: count > 1 ? (windowSum - input.amount) / (count - 1) : 0,
      merchant_name_length: codePointLength(name),
      merchant_token_count: tokenCount(name),
      prev_txn_at: i > 0 ? (history[i - 1] as HistoryEvent<CardTransaction>).timestamp : null,
    });
  }
  return out;
}
