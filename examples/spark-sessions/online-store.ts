import type { SpendEvent } from './contract.ts';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

/** The features the online store serves for one event. */
export interface ServedSpend {
  spend_7d: number;
  events_7d: number;
  events_1h: number;
  avg_amount_7d: number;
  secs_since_prev: number | null;
  prev_event_at: string | null;
}

/**
 * The serving path's online store: it keeps each user's events of the last week (and the last one) and answers, for each new event, the
 * features over its history. `weekBoundary: 'inclusive'` is the planted bug: an event exactly 7 days old still counts
 * (`[t − 7 d, t]`), where the contract (and Spark's `rangeBetween`) say `(t − 7 d, t]`.
 */
export function createOnlineStore(options: {
  readonly weekBoundary: 'exclusive' | 'inclusive';
}): (event: SpendEvent) => ServedSpend {
  const history = new Map<string, { at: number; amount: number }[]>();
  const last = new Map<string, { at: number; ts: string }>();
  const inWeek = (age: number): boolean => (options.weekBoundary === 'inclusive' ? age <= WEEK : age < WEEK);
  return function observe(event: SpendEvent): ServedSpend {
    const at = Date.parse(event.ts);
    const kept = (history.get(event.user_id) ?? []).filter((e) => inWeek(at - e.at));
    const previous = last.get(event.user_id);
    kept.push({ at, amount: event.amount });
    history.set(event.user_id, kept);
    last.set(event.user_id, { at, ts: event.ts });
    let spend = 0;
    for (const e of kept) spend += e.amount;
    return {
      spend_7d: spend,
      events_7d: kept.length,
      events_1h: kept.filter((e) => at - e.at < HOUR).length,
      avg_amount_7d: spend / kept.length,
      secs_since_prev: previous === undefined ? null : (at - previous.at) / 1000,
      prev_event_at: previous?.ts ?? null,
    };
  };
}
