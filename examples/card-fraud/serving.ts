import { type CardTransaction, type cardFraud, MERCHANT_CATEGORIES } from '../../contracts/card-fraud.ts';
import type { ContractFeatures } from '../../src/contract/contract.ts';
import { localTime, utcTime } from './local-time.ts';
import { tokenCount } from './text-features.ts';

type Features = ContractFeatures<typeof cardFraud>;
const WEEK = 7 * 24 * 3_600_000;
const categories = new Set<string>(MERCHANT_CATEGORIES);

interface StoredTxn {
  readonly ts: number;
  readonly amount: number;
}

/**
 * The serving side, written the way a request path does it: one transaction at a time, against an in-memory online
 * store of each card's recent transactions. It carries the realistic bugs the replay must find.
 */
export function createServingFeatures(): (input: CardTransaction) => Features {
  const store = new Map<string, StoredTxn[]>();
  let requests = 0;
  return function servingFeatures(input: CardTransaction): Features {
    const t = Date.parse(input.ts);
    // Like a real online store, keys expire: a card idle for more than the window is dropped.
    if (++requests % 10_000 === 0) {
      for (const [card, events] of store) if ((events.at(-1)?.ts ?? 0) < t - WEEK) store.delete(card);
    }
    let events = store.get(input.card_id);
    if (events === undefined) {
      events = [];
      store.set(input.card_id, events);
    }
    const last = events.at(-1);
    let expired = 0;
    while (expired < events.length && (events[expired] as StoredTxn).ts < t - WEEK) expired++; // bug: window closed on the left
    if (expired > 0) events.splice(0, expired);
    let prevSum = 0;
    for (const e of events) prevSum += e.amount;
    const recent = events.length;
    events.push({ ts: t, amount: input.amount });
    const { hour, weekday } = localTime(t, input.cardholder_tz);
    const utcWeekday = utcTime(t).weekday;
    const name = input.merchant_name;
    return {
      log_amount: Math.log1p(input.amount),
      amount_rounded: Math.round(input.amount), // bug: half up, training rounds half to even
      hour_of_day: hour,
      day_of_week: weekday,
      is_weekend: utcWeekday >= 5, // bug: weekend by the UTC calendar, not the cardholder's
      merchant_category: categories.has(input.merchant_category)
        ? (input.merchant_category as Features['merchant_category'])
        : 'other',
      txn_count_7d: recent + 1,
      amount_sum_7d: prevSum + input.amount,
      avg_amount_prev_7d: recent > 0 ? prevSum / recent : null, // training fills 0
      merchant_name_length: name.length, // bug: UTF-16 code units, training counts code points
      merchant_token_count: tokenCount(name),
      prev_txn_at: last === undefined ? null : last.ts,
    };
  };
}
